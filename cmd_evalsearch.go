package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/filmoteca/filmoteca/engine/film"
	"github.com/filmoteca/filmoteca/engine/pipeline"
	"github.com/filmoteca/filmoteca/engine/search"
	"github.com/filmoteca/filmoteca/engine/service"
)

// searchQuery is one query of a set: what is typed, and what must come first.
type searchQuery struct {
	text string
	want string // the film's or person's name, as the catalogue has it
	id   int64  // the film's id; for people, 0
}

// querySet is a kind of query, derived from the data: the first half
// (dev) to choose the search's settings on, the other half (held out) to
// check that they generalise.
type querySet struct {
	name         string
	kind         string // films, actors or directors: what is searched
	dev, heldOut []searchQuery
	goal         float64 // the share of first results that must be right
}

// runEvalSearch measures the search on query sets derived from the data.
func runEvalSearch(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("evalsearch", "evalsearch [--db FILE] [--top N] [--coverage X] [--known X] [--whole X] [--misses]", stderr)
	dbPath := fs.String("db", defaultDBPath, "database file (opened read-only)")
	top := fs.Int("top", 1000, "the most voted films (and most known people) the query sets are made from")
	settings := search.DefaultSettings()
	fs.Float64Var(&settings.Coverage, "coverage", settings.Coverage, "search setting: the share of a match's quality that depends on how much of the name the query gives")
	fs.Float64Var(&settings.Known, "known", settings.Known, "search setting: how much being known adds to a hit's score, at most")
	fs.Float64Var(&settings.WholeBonus, "whole", settings.WholeBonus, "search setting: what giving the whole name adds to a match's quality")
	misses := fs.Bool("misses", false, "after the table, list the dev queries whose first result is wrong (what was typed, wanted, found)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	loaded, err := pipeline.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	cat := loaded.Catalog
	if settings != search.DefaultSettings() {
		cat = cat.WithSearch(settings)
	}
	fmt.Fprintf(stdout, "%d films, %d actors, %d directors; query sets from the %d most voted films and most known people; settings %+v\n\n",
		cat.Len(), len(cat.Actors()), len(cat.Directors()), *top, settings)
	svc := service.New(cat, nil)
	fmt.Fprintln(stdout, "| set | goal | first right, dev | first right, held out | queries | endpoints answer right | answer wrong | 404 | p50 | p99 |")
	fmt.Fprintln(stdout, "|---|---|---|---|---|---|---|---|---|---|")
	var missed []string
	for _, set := range searchSets(cat, *top) {
		dev, held := measureSearch(cat, svc, set.kind, set.dev), measureSearch(cat, svc, set.kind, set.heldOut)
		for _, m := range dev.missed {
			missed = append(missed, set.kind+": "+m)
		}
		all := dev.plus(held)
		times := all.times
		slices.Sort(times)
		p50, p99 := time.Duration(0), time.Duration(0)
		if len(times) > 0 {
			p50, p99 = times[len(times)/2], times[min(len(times)-1, len(times)*99/100)]
		}
		fmt.Fprintf(stdout, "| %s | %.0f%% | %s | %s | %d + %d | %s | %s | %s | %s | %s |\n", set.name, 100*set.goal,
			share(dev.first, dev.n), share(held.first, held.n), dev.n, held.n,
			share(all.answeredRight, all.n), share(all.answeredWrong, all.n), share(all.n-all.answeredRight-all.answeredWrong, all.n),
			p50.Round(time.Microsecond), p99.Round(time.Microsecond))
	}
	if *misses {
		fmt.Fprintf(stdout, "\n%d dev queries missed:\n", len(missed))
		for _, m := range missed {
			fmt.Fprintln(stdout, m)
		}
	}
	return nil
}

// share writes part of n as a percentage, or "–" when n is 0.
func share(part, n int) string {
	if n == 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(part)/float64(n))
}

// searchTally is how a set of queries fared: the search's first result
// right, and what the endpoints did (answer for the wanted film or person,
// answer for another, or a 404 with suggestions).
type searchTally struct {
	n, first, answeredRight, answeredWrong int
	times                                  []time.Duration // each query's search
	missed                                 []string        // queries whose first result is wrong
}

func (t searchTally) plus(o searchTally) searchTally {
	return searchTally{n: t.n + o.n, first: t.first + o.first, answeredRight: t.answeredRight + o.answeredRight,
		answeredWrong: t.answeredWrong + o.answeredWrong, times: append(slices.Clone(t.times), o.times...)}
}

// measureSearch searches each query (timed) and resolves it as the
// endpoints do.
func measureSearch(cat *film.Catalog, svc *service.Service, kind string, queries []searchQuery) searchTally {
	t := searchTally{n: len(queries)}
	for _, q := range queries {
		start := time.Now()
		first := firstName(cat, kind, q.text)
		t.times = append(t.times, time.Since(start))
		if q.is(first) {
			t.first++
		} else {
			t.missed = append(t.missed, fmt.Sprintf("%q wants %s (%d), found %s (%d)", q.text, q.want, q.id, first.name, first.id))
		}
		if answer, ok := resolved(svc, kind, q.text); ok && q.is(answer) {
			t.answeredRight++
		} else if ok {
			t.answeredWrong++
		}
	}
	return t
}

// is reports whether a result is what q wants.
func (q searchQuery) is(r named) bool { return r.name == q.want && (q.id == 0 || r.id == q.id) }

// resolved is what the endpoints answer for text (ok false: a 404).
func resolved(svc *service.Service, kind, text string) (named, bool) {
	switch kind {
	case "actors":
		a, err := svc.Actor(text)
		return named{name: a.Actor}, err == nil
	case "directors":
		d, err := svc.Director(text)
		return named{name: d.Director}, err == nil
	default:
		m, _, err := svc.Movie(text, "")
		if err != nil {
			return named{}, false
		}
		return named{name: m.Title, id: m.ID}, true
	}
}

// named is a first result: its name and, for a film, its id.
type named struct {
	name string
	id   int64
}

// firstName is the first result of a search of kind.
func firstName(cat *film.Catalog, kind, text string) named {
	switch kind {
	case "actors":
		if hits := cat.SearchActors(text, 1); len(hits) > 0 {
			return named{name: hits[0].Item.Name}
		}
	case "directors":
		if hits := cat.SearchDirectors(text, 1); len(hits) > 0 {
			return named{name: hits[0].Item.Name}
		}
	default:
		if hits := cat.SearchMovies(text, 1); len(hits) > 0 {
			return named{name: hits[0].Item.Title, id: hits[0].Item.ID}
		}
	}
	return named{}
}

// searchSets derives the query sets from the catalogue: from its top most
// voted films, their longest title word, their title without a leading
// "The", their title with two letters of its longest word swapped, their
// original title (where it differs); from its top most known directors and
// actors, their surname. A word wants the known film of that title, or
// else the best known film with it (see withWord); a surname, the best
// known person with it ("Coppola": Francis Ford Coppola); a title without
// its article, the best known film of that title (Heat, not The Heat); a
// typo, what the query without it wants; each is asked once. Each set alternates its queries between dev
// and held out, in rank order.
func searchSets(cat *film.Catalog, top int) []querySet {
	films := slices.Clone(cat.Movies())
	slices.SortStableFunc(films, func(a, b film.Movie) int { return int(b.VoteCount - a.VoteCount) })
	sets := []querySet{
		{name: "word: a title's longest word", kind: "films", goal: 0.95},
		{name: "title without a leading \"The\"", kind: "films", goal: 0.95},
		{name: "typo: two letters swapped", kind: "films", goal: 0.97},
		{name: "original title", kind: "films", goal: 0.90},
		{name: "director's surname", kind: "directors", goal: 0.90},
		{name: "actor's surname", kind: "actors", goal: 0.90},
	}
	asked := map[*querySet]map[string]bool{}
	add := func(set *querySet, q searchQuery) {
		key := strings.Join(search.Tokens(q.text), " ")
		if asked[set] == nil {
			asked[set] = map[string]bool{}
		}
		if key == "" || asked[set][key] {
			return
		}
		asked[set][key] = true
		if (len(set.dev)+len(set.heldOut))%2 == 0 {
			set.dev = append(set.dev, q)
		} else {
			set.heldOut = append(set.heldOut, q)
		}
	}
	best := bestKnown(films, top)
	for _, m := range films[:min(top, len(films))] {
		if w := longestWord(m.Title); w != "" {
			add(&sets[0], best.withWord(w))
		}
		if rest, ok := strings.CutPrefix(m.Title, "The "); ok {
			add(&sets[1], best.titled(rest))
		}
		if typo := swapped(m.Title); typo != "" {
			add(&sets[2], best.corrected(typo, m.Title))
		}
		if m.OriginalTitle != "" {
			add(&sets[3], searchQuery{text: m.OriginalTitle, want: m.Title, id: m.ID})
		}
	}
	directors := knownPeople(cat.Directors(), func(d film.Director) (string, []film.Credit) { return d.Name, d.Films })
	for _, p := range directors[:min(top, len(directors))] {
		add(&sets[4], searchQuery{text: surname(p), want: bestWithWord(directors, surname(p))})
	}
	actors := knownPeople(cat.Actors(), func(a film.Actor) (string, []film.Credit) { return a.Name, a.Films })
	for _, p := range actors[:min(top, len(actors))] {
		add(&sets[5], searchQuery{text: surname(p), want: bestWithWord(actors, surname(p))})
	}
	return sets
}

// known indexes the films, the most voted first, by their title's words
// and by their title without its article.
type known struct {
	byWord  map[string]*film.Movie
	byTitle map[string]*film.Movie
	top     map[*film.Movie]bool // the top most voted
}

// bestKnown indexes films (the most voted first); the first top are the
// known ones.
func bestKnown(films []film.Movie, top int) known {
	k := known{byWord: map[string]*film.Movie{}, byTitle: map[string]*film.Movie{}, top: map[*film.Movie]bool{}}
	for i := range films {
		m := &films[i]
		k.top[m] = i < top
		for _, w := range search.Tokens(m.Title) {
			if k.byWord[w] == nil {
				k.byWord[w] = m
			}
		}
		if t := titleKey(m.Title); k.byTitle[t] == nil {
			k.byTitle[t] = m
		}
	}
	return k
}

// withWord is the query w, wanting the known film titled w (its article
// aside: "Terminator" wants The Terminator, not the more voted
// Terminator 2), or else the most voted film with the word w ("Knight"
// wants The Dark Knight).
func (k known) withWord(w string) searchQuery {
	m := k.byTitle[titleKey(w)]
	if !k.top[m] {
		m = k.byWord[strings.Join(search.Tokens(w), " ")]
	}
	if m == nil {
		return searchQuery{}
	}
	return searchQuery{text: w, want: m.Title, id: m.ID}
}

// titled is the query title, wanting the most voted film of that title
// (its article aside).
func (k known) titled(title string) searchQuery {
	m := k.byTitle[titleKey(title)]
	if m == nil {
		return searchQuery{}
	}
	return searchQuery{text: title, want: m.Title, id: m.ID}
}

// corrected is the query typo of title, wanting what title without the
// typo wants: for a title of one word (its article aside), what that word
// wants; for longer ones, the most voted film of that title.
func (k known) corrected(typo, title string) searchQuery {
	q := k.titled(title)
	if key := titleKey(title); !strings.Contains(key, " ") {
		q = k.withWord(key)
	}
	if q.want == "" {
		return q
	}
	q.text = typo
	return q
}

// titleKey is a title's words as a search reads them (its leading article
// aside): titles with the same key are found alike.
func titleKey(title string) string { return strings.Join(search.Words(title), " ") }

// bestWithWord is the first of names (the best known first) with every
// word of w (a surname may have two: Collet-Serra).
func bestWithWord(names []string, w string) string {
	t := search.Tokens(w)
	for _, n := range names {
		words := search.Tokens(n)
		if len(t) > 0 && !slices.ContainsFunc(t, func(x string) bool { return !slices.Contains(words, x) }) {
			return n
		}
	}
	return ""
}

// longestWord is the longest word of a title (the first of the longest).
func longestWord(title string) string {
	best := ""
	for _, w := range strings.FieldsFunc(title, func(r rune) bool { return r == ' ' || r == ':' || r == ',' || r == '-' }) {
		if utf8.RuneCountInString(w) > utf8.RuneCountInString(best) {
			best = w
		}
	}
	return best
}

// swapped is the title with the two middle letters of its longest word
// swapped ("Interstellar" → "Intertsellar"), or "" when they are the same
// letter or the word is shorter than four.
func swapped(title string) string {
	w := longestWord(title)
	r := []rune(w)
	if len(r) < 4 {
		return ""
	}
	i := len(r)/2 - 1
	if r[i] == r[i+1] {
		return ""
	}
	r[i], r[i+1] = r[i+1], r[i]
	return strings.Replace(title, w, string(r), 1)
}

// knownPeople are the names of people, the best known (their films'
// votes) first, whose names have a surname (two words or more).
func knownPeople[T any](all []T, of func(T) (string, []film.Credit)) []string {
	type person struct {
		name  string
		votes int64
	}
	var people []person
	for _, p := range all {
		name, films := of(p)
		if len(search.Tokens(name)) < 2 {
			continue
		}
		var votes int64
		for _, f := range films {
			votes += f.Movie.VoteCount
		}
		people = append(people, person{name, votes})
	}
	slices.SortStableFunc(people, func(a, b person) int { return int(b.votes - a.votes) })
	out := make([]string, len(people))
	for i, p := range people {
		out[i] = p.name
	}
	return out
}

// surname is the last word of a name.
func surname(name string) string {
	words := strings.Fields(name)
	return words[len(words)-1]
}
