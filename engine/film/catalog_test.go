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
	if m := c.SearchMovies("weekend at bernie's", 5); len(m) == 0 || m[0].Item.Year != 1989 {
		t.Errorf("Weekend at Bernie's = %+v", m)
	}
	d := c.SearchDirectors("john lasseter", 5)
	if len(d) != 1 || len(d[0].Item.Films) != 1 || d[0].Item.Films[0].Movie.Title != "Toy Story" {
		t.Fatalf("John Lasseter = %+v", d)
	}
	if p, ok := d[0].Item.Films[0].Movie.Profit(); !ok || p != 343554033 {
		t.Errorf("Toy Story's profit = %d, %v", p, ok)
	}
	if d[0].Item.Gender != film.GenderMale || d[0].Item.ID != 7879 {
		t.Errorf("John Lasseter: gender %d, id %d", d[0].Item.Gender, d[0].Item.ID)
	}
	if a := c.SearchActors("Whitney Houston", 5); len(a) != 1 || len(a[0].Item.Films) != 1 || a[0].Item.Gender != film.GenderFemale {
		t.Errorf("Whitney Houston = %+v", a)
	}
	m, ok := c.Movie(862)
	if !ok || m.Title != "Toy Story" || strings.Join(m.Genres, ",") != "Animación,Comedia,Familia" ||
		strings.Join(m.Directors, ",") != "John Lasseter" || len(m.Cast) != 3 || m.Cast[0] != "Tom Hanks" || m.Runtime != 81 {
		t.Errorf("movie 862 = %+v", m)
	}
	if cov := c.Coverage(); cov.Movies != 23 || cov.WithCast != 11 || cov.WithDirector != 11 {
		t.Errorf("coverage = %+v, want 23 movies, 11 with cast and director (the 11 kept credits records)", cov)
	}
	if c.Calendar.Months[8] != "septiembre" || c.Calendar.Weekdays[5] != "sábado" || c.Calendar.Aliases["setiembre"] != 9 {
		t.Errorf("calendar = %+v", c.Calendar)
	}
}

// BenchmarkSearchMovies measures a search with a typo (the slowest kind:
// every word of the vocabulary of about the same length is compared) over
// the largest catalogue available.
func BenchmarkSearchMovies(b *testing.B) {
	c := loadCatalog(b, enginetest.LargestData("../.."))
	for b.Loop() {
		if len(c.SearchMovies("Toy Stroy", 5)) == 0 {
			b.Fatal("no hit")
		}
	}
}

// TestProfitIsUnknownWhenMoneyIs: TMDB writes 0 for an unknown budget or
// revenue, so a profit is computed only from both.
func TestProfitIsUnknownWhenMoneyIs(t *testing.T) {
	for _, c := range []struct {
		budget, revenue int64
		ok              bool
	}{{30000000, 373554033, true}, {0, 12136938, false}, {18000000, 0, false}, {0, 0, false}, {2, 1, true}} {
		m := film.Movie{Budget: c.budget, Revenue: c.revenue}
		if p, ok := m.Profit(); ok != c.ok || (ok && p != c.revenue-c.budget) {
			t.Errorf("budget %d, revenue %d: profit %d, %v", c.budget, c.revenue, p, ok)
		}
	}
}
