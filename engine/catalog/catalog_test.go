package catalog

import (
	"context"
	"strings"
	"testing"

	"github.com/filmoteca/filmoteca/engine/enginetest"
)

// loadCatalog builds dir and loads its catalog.
func loadCatalog(tb testing.TB, dir string) *Catalog {
	tb.Helper()
	c, err := Load(context.Background(), enginetest.Open(tb, dir))
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func TestLoadQuirks(t *testing.T) {
	c := loadCatalog(t, "../../testdata/quirks")
	if movies, _, _ := c.Sizes(); movies != 23 {
		t.Errorf("%d movies, want 23", movies)
	}
	if m := c.MoviesTitled("weekend at bernie's"); len(m) != 1 || m[0].Year != 1989 {
		t.Errorf("Weekend at Bernie's = %+v", m)
	}
	if d := c.DirectorsNamed("john lasseter"); len(d) != 1 || len(d[0].Films) != 1 || d[0].Films[0].Profit != 343554033 {
		t.Errorf("John Lasseter = %+v", d)
	}
	if a := c.ActorsNamed("Whitney Houston"); len(a) != 1 || a[0].Films != 1 {
		t.Errorf("Whitney Houston = %+v", a)
	}
}

// BenchmarkSuggestTitles measures a title suggestion (the 404 path) over the
// largest catalogue available.
func BenchmarkSuggestTitles(b *testing.B) {
	c := loadCatalog(b, enginetest.LargestData("../.."))
	for b.Loop() {
		if len(c.SuggestTitles("Toy Stroy", 5)) == 0 {
			b.Fatal("no suggestion")
		}
	}
}

func TestSearchTitles(t *testing.T) {
	c := loadCatalog(t, "../../testdata/quirks")
	got := c.SearchTitles("the", 10)
	if len(got) == 0 {
		t.Fatal("no title starts with 'the'")
	}
	for _, m := range got[:1] {
		if len(m.Title) < 3 || !strings.EqualFold(m.Title[:3], "the") {
			t.Errorf("first result %q does not start with 'the'", m.Title)
		}
	}
	if got := c.SearchTitles("jumaji", 10); len(got) == 0 || got[0].Title != "Jumanji" {
		t.Errorf("fuzzy search for jumaji = %+v", got)
	}
	if got := c.SearchTitles("toy", 1); len(got) != 1 {
		t.Errorf("limit 1 gave %d results", len(got))
	}
}
