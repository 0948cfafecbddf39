package search

import (
	"slices"
	"testing"
)

func TestTokens(t *testing.T) {
	for in, want := range map[string][]string{
		"The Dark Knight":                  {"the", "dark", "knight"},
		"Schindler's List":                 {"schindlers", "list"},
		"Il buono, il brutto, il cattivo":  {"il", "buono", "il", "brutto", "il", "cattivo"},
		"Léon":                             {"leon"},
		"La vita è bella":                  {"la", "vita", "e", "bella"},
		"もののけ姫":                            {"も", "の", "の", "け", "姫"},
		"Face/Off":                         {"face", "off"},
		"  STAR   wars: Episode IV  ":      {"star", "wars", "episode", "iv"},
		"Kelly O'Connell":                  {"kelly", "oconnell"},
		"Amélie":                           {"amelie"},
		"2001: A Space Odyssey":            {"2001", "a", "space", "odyssey"},
		"...":                              nil,
		"Pedro Almodóvar":                  {"pedro", "almodovar"},
		"L'Avventura":                      {"lavventura"},
		"Ocean's Eleven":                   {"oceans", "eleven"},
		"Crouching Tiger, Hidden Dragon":   {"crouching", "tiger", "hidden", "dragon"},
		"Harry Potter and the Philosopher": {"harry", "potter", "and", "the", "philosopher"},
	} {
		if got := Tokens(in); !slices.Equal(got, want) {
			t.Errorf("Tokens(%q) = %q, want %q", in, got, want)
		}
	}
}

// The hand-made catalogue: each case's order follows from the rules.
var films = []Entry{
	{Names: []string{"The Matrix"}, Known: 9079},             // 0
	{Names: []string{"Matilda"}, Known: 600},                 // 1
	{Names: []string{"The Matrix Reloaded"}, Known: 3500},    // 2
	{Names: []string{"Godfather"}, Known: 4},                 // 3: an obscure exact match
	{Names: []string{"The Godfather"}, Known: 6024},          // 4
	{Names: []string{"The Godfather: Part II"}, Known: 3418}, // 5
	{Names: []string{"The Dark Knight"}, Known: 12269},       // 6
	{Names: []string{"Knight"}, Known: 2},                    // 7
	{Names: []string{"Life Is Beautiful", "La vita è bella"}, Known: 3643},
	{Names: []string{"Princess Mononoke", "もののけ姫"}, Known: 2446},
	{Names: []string{"Léon: The Professional", "Léon"}, Known: 4293},
	{Names: []string{"Hunger"}, Known: 452},
	{Names: []string{"The Hunger Games"}, Known: 9634},
	{Names: []string{"Jumanji"}, Known: 2413},
	{Names: []string{"The Godfather: Part III"}, Known: 1589}, // 14
	{Names: []string{"La La Land"}, Known: 4745},              // 15: a repeated word
	{Names: []string{"Tora! Tora! Tora!"}, Known: 150},        // 16
	{Names: []string{"Land"}, Known: 3},                       // 17
}

func newIndex(entries []Entry) *Index { return NewIndex(entries, DefaultSettings()) }

// top is the first hit of query, or -1 when there is none or it is only a
// suggestion (Partial).
func top(t *testing.T, ix *Index, query string) int {
	t.Helper()
	hits := ix.Search(query, 5)
	if len(hits) == 0 || hits[0].Partial {
		return -1
	}
	return hits[0].Entry
}

func TestSearchOrder(t *testing.T) {
	ix := newIndex(films)
	for query, want := range map[string]int{
		"matrix":            0,  // the whole title without its article; Matilda does not match
		"the matrix":        0,  //
		"MATRIX reloaded":   2,  // the whole title beats the shorter one
		"godfather":         4,  // two whole titles: the known one first
		"godfather part 2":  -1, // "2" is not a word of any title
		"godfather part ii": 5,  //
		"godfat":            4,  // a prefix, as one types
		"dark knight":       6,  //
		"knight":            6,  // a known film's word before an obscure film's whole title
		"la vita e bella":   8,  // the original title, accents ignored
		"La vita è bella":   8,  //
		"vita bella":        8,  //
		"もののけ姫":             9,  // another script
		"leon":              10, //
		"hunger games":      12, // every word must match: Hunger does not have "games"
		"hunger":            12, //
		"Jumaji":            13, // a letter missing
		"Mtarix":            0,  // two letters swapped
		"jumanij":           13, //
		"zzzz":              -1,
	} {
		if got := top(t, ix, query); got != want {
			t.Errorf("%q: first hit %d, want %d (hits %+v)", query, got, want, ix.Search(query, 5))
		}
	}
}

func TestPartialHitsAreSuggestions(t *testing.T) {
	ix := newIndex(films)
	for query, want := range map[string]int{
		"godfather part 2": 5,  // "2" matches nothing: the titles with the other words
		"jmuanij":          13, // two typos in a word of seven letters: one too many
		"tom jumanji":      13, //
		"leon godfather":   4,  // each word matches another film, none both: suggestions, never hits of quality 0
	} {
		hits := ix.Search(query, 5)
		if len(hits) == 0 || !hits[0].Partial || hits[0].Entry != want {
			t.Errorf("%q: %+v, want a partial hit %d first", query, hits, want)
		}
	}
	if hits := ix.Search("zzzz", 5); len(hits) != 0 {
		t.Errorf("zzzz: %+v, want no hit", hits)
	}
	if hits := ix.Search("jumaji", 5); len(hits) == 0 || hits[0].Partial {
		t.Errorf("jumaji: %+v, want a hit that is not partial", hits)
	}
}

func TestQuality(t *testing.T) {
	ix := newIndex(films)
	whole := Whole + DefaultSettings().WholeBonus
	for query, want := range map[string]float64{"matrix": whole, "the godfather": whole, "la vita e bella": whole} {
		if hits := ix.Search(query, 1); len(hits) == 0 || hits[0].Quality != want {
			t.Errorf("%q: %+v, want quality %v", query, hits, want)
		}
	}
	if hits := ix.Search("jumaji", 1); len(hits) == 0 || hits[0].Quality >= 1 {
		t.Errorf("a typo: %+v, want a quality below a whole match", hits)
	}
}

// TestExact: a hit is exact when the query gives one of its names whole,
// every word exactly, counted by position (a leading article may be left
// out); a long title whose last word the query only starts is not.
func TestExact(t *testing.T) {
	ix := newIndex(films)
	whole := Whole + DefaultSettings().WholeBonus
	for query, want := range map[string][]int{
		"godfather part ii":     {5},
		"godfather part iii":    {14},
		"the godfather part ii": {5},
		"godfather":             {3, 4},
		"la la land":            {15},
		"la land":               {17}, // the query's article is dropped: "land"
		"land":                  {17},
		"tora tora tora":        {16},
		"tora":                  nil,
		"the matrix":            {0},
		"jumaji":                nil,
		"godfather part":        nil,
	} {
		var exact []int
		for _, h := range ix.Search(query, 10) {
			if h.Exact {
				exact = append(exact, h.Entry)
				if h.Quality != whole {
					t.Errorf("%q: exact hit %+v, want quality %v", query, h, whole)
				}
			}
		}
		slices.Sort(exact)
		if !slices.Equal(exact, want) {
			t.Errorf("%q: exact hits %v, want %v (hits %+v)", query, exact, want, ix.Search(query, 10))
		}
	}
	// Part III given with its last word cut short scores about as well as
	// a whole title, but is not exact: Part II comes first.
	if hits := ix.Search("godfather part ii", 2); len(hits) < 2 || hits[0].Entry != 5 || hits[1].Entry != 14 || hits[1].Quality < Whole {
		t.Errorf("godfather part ii: %+v", hits)
	}
	if got := top(t, ix, "la la land"); got != 15 {
		t.Errorf("la la land: first hit %d, want 15", got)
	}
}

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"matrix", "matrix", 1, 0}, {"mtarix", "matrix", 1, 1}, {"jumaji", "jumanji", 1, 1},
		{"matilda", "matrix", 1, 2}, {"kurosawa", "kurosaw", 2, 1}, {"abcdefgh", "abcdefhg", 1, 1},
	} {
		var d editDistance
		if got := d.within([]rune(c.a), []rune(c.b), c.limit); got != c.want {
			t.Errorf("distance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

// FuzzSearch: any query, however broken, returns at most n hits, each a
// real entry, best first.
func FuzzSearch(f *testing.F) {
	for _, seed := range []string{"matrix", "la vita è bella", "もののけ姫", "\xff\xfe", "the", "a a a a", "godfather part 2", "'; DROP TABLE movies; --"} {
		f.Add(seed)
	}
	ix := newIndex(films)
	f.Fuzz(func(t *testing.T, q string) {
		hits := ix.Search(q, 3)
		if len(hits) > 3 {
			t.Fatalf("%q: %d hits", q, len(hits))
		}
		for i, h := range hits {
			if h.Entry < 0 || h.Entry >= len(films) || i > 0 && h.Score > hits[i-1].Score {
				t.Fatalf("%q: hits %+v", q, hits)
			}
		}
	})
}

func TestWords(t *testing.T) {
	for in, want := range map[string][]string{
		"The Matrix": {"matrix"}, "La La Land": {"la", "land"}, "The": {"the"}, "Il buono, il brutto": {"buono", "il", "brutto"}, "": nil,
	} {
		if got := Words(in); !slices.Equal(got, want) {
			t.Errorf("Words(%q) = %q, want %q", in, got, want)
		}
	}
}
