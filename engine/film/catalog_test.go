package film_test

import (
	"context"
	"strings"
	"testing"

	"github.com/filmoteca/filmoteca/engine/enginetest"
	"github.com/filmoteca/filmoteca/engine/film"
)

// loadCatalog builds dir and loads its catalogue.
func loadCatalog(tb testing.TB, dir string) *film.Catalog {
	tb.Helper()
	c, err := enginetest.Open(tb, dir).Catalog(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func TestLoadQuirks(t *testing.T) {
	c := loadCatalog(t, "../../testdata/quirks")
	if c.Len() != 23 {
		t.Errorf("%d movies, want 23", c.Len())
	}
	if m := c.MoviesTitled("weekend at bernie's"); len(m) != 1 || m[0].Year != 1989 {
		t.Errorf("Weekend at Bernie's = %+v", m)
	}
	d := c.DirectorsNamed("john lasseter")
	if len(d) != 1 || len(d[0].Films) != 1 || d[0].Films[0].Profit != 343554033 || d[0].Films[0].Movie.Title != "Toy Story" {
		t.Errorf("John Lasseter = %+v", d)
	}
	if d[0].Gender != film.GenderMale || d[0].ID != 7879 {
		t.Errorf("John Lasseter: gender %d, id %d", d[0].Gender, d[0].ID)
	}
	if a := c.ActorsNamed("Whitney Houston"); len(a) != 1 || a[0].Films != 1 || a[0].Gender != film.GenderFemale {
		t.Errorf("Whitney Houston = %+v", a)
	}
	if m, ok := c.Movie(862); !ok || m.Title != "Toy Story" || strings.Join(m.Genres, ",") != "Animation,Comedy,Family" {
		t.Errorf("movie 862 = %+v", m)
	}
	if cov := c.Coverage(); cov.Movies != 23 || cov.WithCast != 11 || cov.WithDirector != 11 {
		t.Errorf("coverage = %+v, want 23 movies, 11 with cast and director (the 11 kept credits records)", cov)
	}
	if c.Calendar.Months[8] != "septiembre" || c.Calendar.Weekdays[5] != "sábado" || c.Calendar.Aliases["setiembre"] != 9 {
		t.Errorf("calendar = %+v", c.Calendar)
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
