package service_test

import (
	"errors"
	"testing"

	"github.com/filmoteca/filmoteca/engine/enginetest"
	"github.com/filmoteca/filmoteca/engine/service"
)

// The service is tested on the real records of the quirks fixture, without
// HTTP: the server's own tests cover the same answers through the API.
func newService(t *testing.T) *service.Service {
	t.Helper()
	return enginetest.Service(t, enginetest.Open(t, "../../testdata/quirks"))
}

// kindOf returns the kind of a service error, 0 for none.
func kindOf(err error) service.Kind {
	var e *service.Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return 0
}

func TestCalendarNames(t *testing.T) {
	svc := newService(t)
	for _, name := range []string{"sábado", "Sabado", "SÁBADO", " sabado "} {
		a, err := svc.ReleasesOnWeekday(name)
		if err != nil || a.Dia != "sábado" {
			t.Errorf("%q: %+v %v", name, a, err)
		}
	}
	if a, err := svc.ReleasesInMonth("Setiembre"); err != nil || a.Mes != "septiembre" {
		t.Errorf("setiembre: %+v %v", a, err)
	}
	_, err := svc.ReleasesInMonth("smarch")
	var e *service.Error
	if !errors.As(err, &e) || e.Kind != service.Invalid || len(e.Details["valores_validos"].([]string)) != 12 {
		t.Errorf("smarch: %v", err)
	}
}

func TestMovieResolution(t *testing.T) {
	svc := newService(t)
	for _, tt := range []struct {
		title, year string
		want        int64 // movie id; 0 for an error
		kind        service.Kind
	}{
		{"toy story", "", 862, 0},
		{"  TOY   STORY ", "", 862, 0},
		{"weekend at bernie's", "", 8491, 0},
		{"weekend at bernie's", "1989", 8491, 0},
		{"weekend at bernie's", "1990", 0, service.NotFound},
		{"toy story", "19x5", 0, service.Invalid},
		{"toy stroy", "", 862, 0}, // a typo in one word: still clear
		{"toy", "", 862, 0},       // a word of the title
		{"bernies weekend", "", 8491, 0},
		{"zzzz qqqq", "", 0, service.NotFound},
		{"", "", 0, service.Invalid},
		{"\xff", "", 0, service.Invalid},
	} {
		m, _, err := svc.Movie(tt.title, tt.year)
		switch {
		case tt.want != 0 && (err != nil || m.ID != tt.want):
			t.Errorf("Movie(%q, %q) = %v, %v; want movie %d", tt.title, tt.year, m, err, tt.want)
		case tt.want == 0 && kindOf(err) != tt.kind:
			t.Errorf("Movie(%q, %q): error %v, want kind %d", tt.title, tt.year, err, tt.kind)
		}
	}
}

func TestPeople(t *testing.T) {
	svc := newService(t)
	a, err := svc.Actor("whitney houston")
	if err != nil || a.Genero == nil || *a.Genero != "femenino" || a.CantidadFilmaciones != 1 {
		t.Errorf("Whitney Houston: %+v %v", a, err)
	}
	d, err := svc.Director("John Lasseter")
	if err != nil || d.Genero == nil || *d.Genero != "masculino" || len(d.Peliculas) != 1 ||
		d.Peliculas[0].Ganancia == nil || *d.Peliculas[0].Ganancia != 343554033 {
		t.Errorf("John Lasseter: %+v %v", d, err)
	}
	// Any part of a name, typos tolerated; the answer says what was asked.
	for _, name := range []string{"Lasseter", "lasseter", "John Lasseter", "Lasseterr", "john"} {
		if d, err := svc.Director(name); err != nil || d.Director != "John Lasseter" || d.Consulta != name {
			t.Errorf("%q: %+v %v", name, d, err)
		}
	}
	if a, err := svc.Actor("Whitny Huston"); err != nil || a.Actor != "Whitney Houston" || len(a.Peliculas) != 1 {
		t.Errorf("Whitny Huston: %+v %v", a, err)
	}
	// Nobody: how many films have credits at all.
	_, err = svc.Actor("Nadie Nunca")
	var e *service.Error
	if !errors.As(err, &e) || e.Kind != service.NotFound || e.Details["peliculas_con_reparto"] != 11 {
		t.Errorf("Nadie Nunca: %v %+v", err, e)
	}
	if got := svc.Summary(); got.Peliculas != 23 || got.PeliculasConReparto != 11 || got.PeliculasConDirector != 11 {
		t.Errorf("summary = %+v", got)
	}
}

func TestRecommendMovie(t *testing.T) {
	svc := newService(t)
	a, err := svc.RecommendMovie(862)
	if err != nil || a.Titulo != "Toy Story" || len(a.Detalle) != service.Recommendations || len(a.Recomendaciones) != len(a.Detalle) {
		t.Fatalf("Toy Story: %+v %v", a, err)
	}
	for i, d := range a.Detalle {
		if d.Titulo != a.Recomendaciones[i] || d.ID == 862 {
			t.Errorf("recommendation %d: %+v", i, d)
		}
	}
	if _, err := svc.RecommendMovie(-7); kindOf(err) != service.NotFound {
		t.Errorf("unknown id: %v", err)
	}
}

// TestSearchCache: a repeated search is answered from the cache, as the
// same search (case and spaces aside); another kind or number of hits is
// another search.
func TestSearchCache(t *testing.T) {
	svc := newService(t)
	first, _, err := svc.Movie("toy story", "")
	if err != nil {
		t.Fatal(err)
	}
	if hits, misses := svc.SearchCacheStats(); hits != 0 || misses != 1 {
		t.Errorf("after one search: %d hits, %d misses", hits, misses)
	}
	again, _, err := svc.Movie("  TOY   STORY ", "")
	if err != nil || again != first {
		t.Errorf("cached: %v %v, want %v", again, err, first)
	}
	if hits, misses := svc.SearchCacheStats(); hits != 1 || misses != 1 {
		t.Errorf("after a repeat: %d hits, %d misses", hits, misses)
	}
	if _, err := svc.Director("Lasseter"); err != nil {
		t.Error(err)
	}
	if _, err := svc.Actor("Lasseter"); kindOf(err) != service.NotFound {
		t.Errorf("an actor named Lasseter, from the directors' search: %v", err)
	}
	if a, err := svc.Search("toy story"); err != nil || len(a.Resultados) == 0 {
		t.Errorf("search box: %+v %v", a, err)
	}
	if hits, misses := svc.SearchCacheStats(); hits != 1 || misses != 4 {
		t.Errorf("other kinds and sizes: %d hits, %d misses; want 1, 4", hits, misses)
	}
}
