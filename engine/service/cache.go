package service

import (
	"strings"

	"github.com/filmoteca/filmoteca/engine/film"
	"github.com/filmoteca/filmoteca/engine/search"
)

// searchCacheSize is how many searches a service keeps: a query's hits
// are at most candidates small records pointing into the catalogue (about
// 2 KB), so a few MB at most.
const searchCacheSize = 2048

// searchKind is what a search looks for.
type searchKind uint8

const (
	moviesKind searchKind = iota
	actorsKind
	directorsKind
)

// searchKey names a search: what it looks for, the query's words as the
// index reads them (search.Words: "Toy Story", "toy  story" and "The Toy
// Story" are one search), and how many hits.
type searchKey struct {
	kind  searchKind
	words string
	n     int
}

// cachedSearch returns find(q, n), from the service's cache when the same
// search was made before: people repeat the same queries, and a search
// compares the query with the whole vocabulary. The hits are shared: do
// not modify them.
func cachedSearch[T any](s *Service, kind searchKind, q string, n int, find func(string, int) []film.Found[T]) []film.Found[T] {
	key := searchKey{kind: kind, words: strings.Join(search.Words(q), " "), n: n}
	if hits, ok := s.searches.Get(key); ok {
		return hits.([]film.Found[T])
	}
	hits := find(q, n)
	s.searches.Put(key, hits)
	return hits
}

func (s *Service) searchMovies(q string, n int) []film.Found[film.Movie] {
	return cachedSearch(s, moviesKind, q, n, s.catalog.SearchMovies)
}

func (s *Service) searchActors(q string, n int) []film.Found[film.Actor] {
	return cachedSearch(s, actorsKind, q, n, s.catalog.SearchActors)
}

func (s *Service) searchDirectors(q string, n int) []film.Found[film.Director] {
	return cachedSearch(s, directorsKind, q, n, s.catalog.SearchDirectors)
}

// SearchCacheStats says how many title and name searches came from the
// service's cache, and how many were made.
func (s *Service) SearchCacheStats() (hits, misses uint64) { return s.searches.Stats() }
