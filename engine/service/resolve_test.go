package service_test

import (
	"testing"

	"github.com/filmoteca/filmoteca/engine/film"
	"github.com/filmoteca/filmoteca/engine/service"
)

// handMade is a service over a few films whose answers follow from the
// resolver's rules.
func handMade(t *testing.T, actors []film.Actor, directors []film.Director) *service.Service {
	t.Helper()
	movies := []film.Movie{
		{ID: 238, Title: "The Godfather", Year: 1972, VoteCount: 6024, Budget: 6000000, Revenue: 245066411},
		{ID: 240, Title: "The Godfather: Part II", Year: 1974, VoteCount: 3418},
		{ID: 242, Title: "The Godfather: Part III", Year: 1990, VoteCount: 1589},
		{ID: 313369, Title: "La La Land", Year: 2016, VoteCount: 4745},
		{ID: 11165, Title: "Tora! Tora! Tora!", Year: 1970, VoteCount: 150},
		{ID: 1, Title: "Land", Year: 1990, VoteCount: 3, Budget: 100000},
		{ID: 2, Title: "Dracula", Year: 1931, VoteCount: 200},
		{ID: 3, Title: "Dracula", Year: 1992, VoteCount: 900},
	}
	cat, err := film.NewCatalog(movies, actors, directors, 0, film.Releases{}, film.Calendar{})
	if err != nil {
		t.Fatal(err)
	}
	return service.New(cat, nil)
}

// TestSameTitle: a film is listed among coincidencias only when the query
// is its title word for word, counted by position.
func TestSameTitle(t *testing.T) {
	svc := handMade(t, nil, nil)
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

// TestPeopleSentences: returns written the Spanish way (1.234,57), and a
// return no film lets compute said as such, never "0.00".
func TestPeopleSentences(t *testing.T) {
	credit := func(id int64) []film.Credit { return []film.Credit{{Movie: &film.Movie{ID: id}}} }
	svc := handMade(t,
		[]film.Actor{{Person: film.Person{Name: "Ana Rica"}, Films: append(credit(238), credit(1)...), TotalReturn: 1234.5678, MeanReturn: 617.2839}},
		[]film.Director{
			{Person: film.Person{Name: "Luis Pobre"}, Films: credit(1)},
			{Person: film.Person{Name: "Eva Nadie"}, Films: append(credit(1), credit(2)...)},
		})
	a, err := svc.Actor("Ana Rica")
	if want := "Ana Rica ha participado en 2 películas, con un retorno total de 1.234,57 y un promedio de 617,28 por película"; err != nil || a.Mensaje != want || a.RetornoTotal != 1234.5678 {
		t.Errorf("Ana Rica: %q %v\nwant %q", a.Mensaje, err, want)
	}
	for name, want := range map[string]string{
		"Luis Pobre": "Luis Pobre ha dirigido 1 película; su retorno no se puede calcular, porque no se conocen a la vez su presupuesto y su recaudación",
		"Eva Nadie":  "Eva Nadie ha dirigido 2 películas; su retorno no se puede calcular, porque de ninguna se conocen a la vez el presupuesto y la recaudación",
	} {
		if d, err := svc.Director(name); err != nil || d.Mensaje != want || d.RetornoTotal != 0 {
			t.Errorf("%s: %q %v\nwant %q", name, d.Mensaje, err, want)
		}
	}
}
