package main

import (
	"strings"
	"testing"

	"github.com/filmoteca/filmoteca/engine/film"
)

// TestSearchQuerySets checks what the derived queries want, on films whose
// answers follow from the rules (the most voted first).
func TestSearchQuerySets(t *testing.T) {
	films := []film.Movie{
		{ID: 155, Title: "The Dark Knight", VoteCount: 12269},
		{ID: 280, Title: "Terminator 2: Judgment Day", VoteCount: 4274},
		{ID: 218, Title: "The Terminator", VoteCount: 4208},
		{ID: 949, Title: "Heat", VoteCount: 1886},
		{ID: 9, Title: "The Heat", VoteCount: 1800},
		{ID: 7, Title: "Knight", VoteCount: 2}, // beyond the top 5: not known
	}
	k := bestKnown(films, 5)
	for _, c := range []struct {
		q      searchQuery
		wantID int64
	}{
		{k.withWord("Terminator"), 218}, // the known film of that title, not the more voted sequel
		{k.withWord("Knight"), 155},     // the film titled Knight is not known: the most voted with the word
		{k.withWord("Judgment"), 280},
		{k.titled("Heat"), 949}, // the most voted of that title, its article aside
		{k.corrected("The Termniator", "The Terminator"), 218},
		{k.corrected("Hate", "Heat"), 949},
	} {
		if c.q.id != c.wantID {
			t.Errorf("%q wants %s (%d), want %d", c.q.text, c.q.want, c.q.id, c.wantID)
		}
	}
	if q := k.withWord("Zardoz"); q.text != "" {
		t.Errorf("a word no film has: %+v, want no query", q)
	}
	for in, want := range map[string]string{"Interstellar": "Intertsellar", "The Dark Knight": "The Dark Kngiht", "Up": "", "Heat": "Haet", "Moon": ""} {
		if got := swapped(in); got != want {
			t.Errorf("swapped(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestEvalSearchCommand runs evalsearch on the quirks' database: a table
// row for each set, and the endpoints' outcomes adding up.
func TestEvalSearchCommand(t *testing.T) {
	db := builtQuirks(t)
	code, stdout, stderr := runCLI(t, "", "evalsearch", "--db", db, "--misses")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, set := range []string{"| word:", "| title without", "| typo:", "| original title", "| director's surname", "| actor's surname"} {
		if strings.Count(stdout, set) != 1 {
			t.Errorf("no row for %q:\n%s", set, stdout)
		}
	}
	if !strings.Contains(stdout, "dev queries missed:") {
		t.Errorf("--misses lists nothing:\n%s", stdout)
	}
}
