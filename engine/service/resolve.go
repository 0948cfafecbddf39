package service

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/filmoteca/filmoteca/engine/film"
)

// How a query is resolved to the film or person it names (the hits come
// from engine/search, best first).
const (
	candidates = 50  // hits read for a query: enough to find any year of a repeated title
	minQuality = 0.4 // below it a hit is only a suggestion (a typo in one word of a long title)
	qualityGap = 0.1 // a hit this much better than the next is clear
	knownRatio = 3.0 // so is one this many times better known than the next, as good
)

// isClear reports whether the first of hits is what the query names: it
// matches well enough (not Partial, Quality at least minQuality), and it
// is the only hit, or the query is its name word for word (Exact; repeated
// titles: the best known comes first), or it matches clearly better than
// the next hit, or is clearly better known than the next as good one.
// Otherwise the hits are suggestions.
func isClear[T any](hits []film.Found[T]) bool {
	switch {
	case len(hits) == 0 || hits[0].Partial || hits[0].Quality < minQuality:
		return false
	case hits[0].Exact || len(hits) == 1:
		return true
	}
	next := hits[1]
	return hits[0].Quality-next.Quality >= qualityGap || hits[0].Known >= knownRatio*max(next.Known, 1)
}

// Movie finds the film a request names: the query resolved by the search
// (see isClear), then by year when given. When the query is the title of
// several films word for word (a repeated title), it also returns them
// all, the chosen one among them.
func (s *Service) Movie(title, year string) (*film.Movie, []Match, error) {
	title, err := validText(title, "el título")
	if err != nil {
		return nil, nil, err
	}
	hits := s.searchMovies(title, candidates)
	var matches []Match
	for _, h := range hits {
		if h.Exact {
			matches = append(matches, Match{ID: h.Item.ID, Titulo: h.Item.Title, Anio: h.Item.Year})
		}
	}
	if len(matches) < 2 {
		matches = nil
	}
	if year != "" {
		return s.movieOfYear(title, year, hits, matches)
	}
	if !isClear(hits) {
		return nil, nil, notFound(fmt.Sprintf("No se encontró la película '%s'.", title),
			map[string]any{"sugerencias": titles(hits)})
	}
	return hits[0].Item, matches, nil
}

// movieOfYear picks, among the films a query names, the one of year.
func (s *Service) movieOfYear(title, year string, hits []film.Found[film.Movie], matches []Match) (*film.Movie, []Match, error) {
	y, convErr := strconv.Atoi(strings.TrimSpace(year))
	if convErr != nil || y < 1800 || y > 2200 {
		return nil, nil, invalid(fmt.Sprintf("El año '%s' no es válido: use cuatro cifras, por ejemplo ?anio=1995.", truncate(year)), nil)
	}
	for _, h := range hits {
		if !h.Partial && h.Quality >= minQuality && h.Item.Year == y {
			return h.Item, matches, nil
		}
	}
	if len(hits) == 0 || hits[0].Partial || hits[0].Quality < minQuality {
		return nil, nil, notFound(fmt.Sprintf("No se encontró la película '%s'.", title), map[string]any{"sugerencias": titles(hits)})
	}
	all := matches
	if all == nil {
		all = []Match{{ID: hits[0].Item.ID, Titulo: hits[0].Item.Title, Anio: hits[0].Item.Year}}
	}
	return nil, nil, notFound(fmt.Sprintf("No hay ninguna película '%s' del año %d.", title, y), map[string]any{"coincidencias": all})
}

// titles are the suggestions of a query that named no film clearly: the
// hits' titles, distinct, at most MaxSuggestions.
func titles(hits []film.Found[film.Movie]) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, h := range hits {
		if !seen[h.Item.Title] && len(out) < MaxSuggestions {
			seen[h.Item.Title] = true
			out = append(out, h.Item.Title)
		}
	}
	return out
}

// person resolves a person's name among hits (see isClear): the person, and
// the others the query names about as well (homonyms, a shared surname).
func person[T any](hits []film.Found[T], of func(*T) (film.Person, int)) (*T, []PersonMatch, bool) {
	if !isClear(hits) {
		return nil, nil, false
	}
	var others []PersonMatch
	for _, h := range hits[1:] {
		if h.Quality > hits[0].Quality-qualityGap {
			p, films := of(h.Item)
			others = append(others, personMatch(p, films))
		}
	}
	return hits[0].Item, others, true
}

// names are the suggestions of a query that named nobody clearly.
func names[T any](hits []film.Found[T], of func(*T) (film.Person, int)) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, h := range hits {
		p, _ := of(h.Item)
		if !seen[p.Name] && len(out) < MaxSuggestions {
			seen[p.Name] = true
			out = append(out, p.Name)
		}
	}
	return out
}

func actorOf(a *film.Actor) (film.Person, int)       { return a.Person, len(a.Films) }
func directorOf(d *film.Director) (film.Person, int) { return d.Person, len(d.Films) }
