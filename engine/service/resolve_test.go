package service_test

import (
	"testing"

	"github.com/filmoteca/filmoteca/engine/film"
	"github.com/filmoteca/filmoteca/engine/service"
)

// handMade is a service over a few films whose answers follow from the
// resolver's rules.
func handMade(t *testing.T) *service.Service {
	t.Helper()
	movies := []film.Movie{
		{ID: 238, Title: "The Godfather", Year: 1972, VoteCount: 6024},
		{ID: 240, Title: "The Godfather: Part II", Year: 1974, VoteCount: 3418},
		{ID: 242, Title: "The Godfather: Part III", Year: 1990, VoteCount: 1589},
		{ID: 313369, Title: "La La Land", Year: 2016, VoteCount: 4745},
		{ID: 11165, Title: "Tora! Tora! Tora!", Year: 1970, VoteCount: 150},
		{ID: 1, Title: "Land", Year: 1990, VoteCount: 3},
		{ID: 2, Title: "Dracula", Year: 1931, VoteCount: 200},
		{ID: 3, Title: "Dracula", Year: 1992, VoteCount: 900},
	}
	cat, err := film.NewCatalog(movies, nil, nil, 0, film.Releases{}, film.Calendar{})
	if err != nil {
		t.Fatal(err)
	}
	return service.New(cat, nil)
}

// TestSameTitle: a film is listed among coincidencias only when the query
// is its title word for word, counted by position.
func TestSameTitle(t *testing.T) {
	svc := handMade(t)
	for _, tt := range []struct {
		query   string
		want    int64
		matches int // coincidencias: 0 or every film of that title
	}{
		{"godfather part ii", 240, 0},  // Part III starts with "ii" but is another title
		{"godfather part iii", 242, 0}, //
		{"the godfather", 238, 0},      // the Part II and III only contain it
		{"la la land", 313369, 0},      // a repeated word is still the whole title
		{"tora tora tora", 11165, 0},   //
		{"dracula", 3, 2},              // a repeated title: the best known, and both listed
	} {
		m, matches, err := svc.Movie(tt.query, "")
		if err != nil || m.ID != tt.want || len(matches) != tt.matches {
			t.Errorf("%q: %v, coincidencias %+v, %v; want %d with %d", tt.query, m, matches, err, tt.want, tt.matches)
		}
	}
}
