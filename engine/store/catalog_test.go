package store

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/filmoteca/filmoteca/engine/film"
)

// TestPeopleLoadAsTheViewsSay: the catalogue's actors and directors, read
// from person_credits, are the views' (actor_films, director_films and
// their returns): every person with every film, in release order, on the
// quirks fixture (apostrophes, people without an id, duplicates).
func TestPeopleLoadAsTheViewsSay(t *testing.T) {
	db, _ := buildDB(t, quirksDir)
	cat, err := db.Catalog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	credit := func(role string, p film.Person, films []film.Credit, total, mean float64) []string {
		var out []string
		for _, f := range films {
			out = append(out, fmt.Sprintf("%s|%d|%s|%d|%d|%.6f|%.6f", role, p.ID, p.Name, p.Gender, f.Movie.ID, total, mean))
		}
		return out
	}
	var got []string
	for _, a := range cat.Actors() {
		got = append(got, credit("actor", a.Person, a.Films, a.TotalReturn, a.MeanReturn)...)
	}
	for _, d := range cat.Directors() {
		// the API gives no director's mean: the views' is left out
		got = append(got, credit("director", d.Person, d.Films, d.TotalReturn, 0)...)
	}
	want := queryStrings(t, db, `
		SELECT role || '|' || coalesce(person_id, 0) || '|' || name || '|' || gender || '|' || movie_id || '|' || printf('%.6f', total_return) || '|' || printf('%.6f', mean_return)
		FROM (SELECT 'actor' AS role, a.person_id, a.actor AS name, r.gender, a.movie_id, r.total_return, r.mean_return, a.release_date
		      FROM actor_films a JOIN actor_returns r ON r.person_id IS NOT DISTINCT FROM a.person_id AND r.actor = a.actor
		      WHERE a.actor IS NOT NULL
		      UNION ALL
		      SELECT 'director', d.person_id, d.director, r.gender, d.movie_id, r.total_return, 0, d.release_date
		      FROM director_films d JOIN director_returns r ON r.person_id IS NOT DISTINCT FROM d.person_id AND r.director = d.director
		      WHERE d.director IS NOT NULL)
		ORDER BY role, name, person_id, release_date, movie_id`)
	if len(want) < 20 || !strings.Contains(strings.Join(want, "\n"), "'") {
		t.Fatalf("the views give %d credits, none with an apostrophe: not the quirks fixture", len(want))
	}
	// The catalogue orders people by their number of films; within a
	// person, films stay in release order, as the views give them.
	sorted := slices.Clone(got)
	slices.SortStableFunc(sorted, func(a, b string) int {
		return strings.Compare(personOf(a), personOf(b))
	})
	wantSorted := slices.Clone(want)
	slices.SortStableFunc(wantSorted, func(a, b string) int {
		return strings.Compare(personOf(a), personOf(b))
	})
	if !slices.Equal(sorted, wantSorted) {
		t.Errorf("loaded credits differ from the views':\n got %q\nwant %q", sorted, wantSorted)
	}
}

// personOf is the role and person of a credit line of the test above.
func personOf(line string) string {
	f := strings.SplitN(line, "|", 5)
	return strings.Join(f[:4], "|")
}

// TestLoadAnOlderBuild: a database built before person_credits and the
// packed vectors (a build an older filmoteca left in a store) is refused
// with the way out, not with DuckDB's words alone.
func TestLoadAnOlderBuild(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.duckdb")
	if _, err := Build(context.Background(), BuildOptions{Data: quirksDir, DBPath: path}); err != nil {
		t.Fatal(err)
	}
	rw, err := open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"DROP TABLE person_credits", "ALTER TABLE movie_embeddings DROP COLUMN packed"} {
		if _, err := rw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	rw.Close()
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	if _, err := db.Catalog(ctx); err == nil || !strings.Contains(err.Error(), "filmoteca etl --force") {
		t.Errorf("Catalog of an older build: %v, want the advice to rebuild", err)
	}
	if _, err := db.Vectors(ctx); err == nil || !strings.Contains(err.Error(), "filmoteca etl --force") {
		t.Errorf("Vectors of an older build: %v, want the advice to rebuild", err)
	}
}
