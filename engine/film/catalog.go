package film

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"sync"

	"github.com/filmoteca/filmoteca/engine/lookup"
	"github.com/filmoteca/filmoteca/engine/search"
)

// Catalog holds the whole dataset the API answers from, in memory: movies
// by id, with indexes that find movies, actors and directors by what
// people type (engine/search).
type Catalog struct {
	Releases Releases
	Calendar Calendar

	movies    []Movie         // by ascending id
	byID      map[int64]int32 // id -> position in movies
	titleKeys []string        // lookup key of each movie's title, by position
	titles    *search.Index   // over movies: title and original title
	actors    []Actor         // most films first
	actorIx   *search.Index
	directors []Director // most films first
	directIx  *search.Index
	coverage  Coverage
}

// Coverage says how many films have credits: in the shipped sample only the
// first 99 films do, and a user must know it.
type Coverage struct {
	Movies       int // films in the catalogue
	WithCast     int // films with at least one cast credit
	WithDirector int // films with at least one director
	Actors       int
	Directors    int
}

// NewCatalog indexes movies (sorted by id here, unless they already are),
// actors and directors, whose credits point into movies by id: pass them
// with Credit.Movie set to a movie holding at least the ID, or to an
// element of movies itself when movies are sorted (which then stay where
// they are). withCast is the number of films with a cast credit.
func NewCatalog(movies []Movie, actors []Actor, directors []Director, withCast int, releases Releases, calendar Calendar) (*Catalog, error) {
	// Sorted only when they are not: a loader's credits may point into
	// movies it sorted, and must keep pointing at the same films.
	byID := func(a, b Movie) int { return cmp.Compare(a.ID, b.ID) }
	if !slices.IsSortedFunc(movies, byID) {
		slices.SortFunc(movies, byID)
	}
	c := &Catalog{Releases: releases, Calendar: calendar, movies: movies, byID: make(map[int64]int32, len(movies))}
	c.titleKeys = make([]string, len(movies))
	for i, m := range movies {
		if i > 0 && movies[i-1].ID == m.ID {
			return nil, fmt.Errorf("film: movie %d appears twice", m.ID)
		}
		c.byID[m.ID] = int32(i)
		c.titleKeys[i] = lookup.Key(m.Title)
	}
	withDirector := map[int64]bool{}
	for i := range directors {
		if err := c.resolve(directors[i].Name, directors[i].Films); err != nil {
			return nil, err
		}
		for _, credit := range directors[i].Films {
			withDirector[credit.Movie.ID] = true
		}
	}
	for i := range actors {
		if err := c.resolve(actors[i].Name, actors[i].Films); err != nil {
			return nil, err
		}
	}
	sort.SliceStable(actors, func(i, j int) bool { return len(actors[i].Films) > len(actors[j].Films) })
	sort.SliceStable(directors, func(i, j int) bool { return len(directors[i].Films) > len(directors[j].Films) })
	c.actors, c.directors = actors, directors
	c.index(search.DefaultSettings())
	c.coverage = Coverage{Movies: len(movies), WithCast: withCast, WithDirector: len(withDirector),
		Actors: len(actors), Directors: len(directors)}
	return c, nil
}

// index makes the search indexes: films by title and original title, as
// known as their votes; people by name.
func (c *Catalog) index(settings search.Settings) {
	entries := make([]search.Entry, len(c.movies))
	for i, m := range c.movies {
		entries[i] = search.Entry{Names: []string{m.Title}, Known: float64(m.VoteCount)}
		if m.OriginalTitle != "" {
			entries[i].Names = append(entries[i].Names, m.OriginalTitle)
		}
	}
	// Three indexes, each on its own core when there is one: a promoted
	// build goes live sooner.
	var wg sync.WaitGroup
	wg.Go(func() { c.titles = search.NewIndex(entries, settings) })
	wg.Go(func() {
		c.actorIx = search.NewIndex(people(c.actors, func(a Actor) (string, []Credit) { return a.Name, a.Films }), settings)
	})
	c.directIx = search.NewIndex(people(c.directors, func(d Director) (string, []Credit) { return d.Name, d.Films }), settings)
	wg.Wait()
}

// WithSearch returns a copy of the catalogue whose searches rank by other
// settings (evalsearch compares them); the data is shared.
func (c *Catalog) WithSearch(settings search.Settings) *Catalog {
	other := *c
	other.index(settings)
	return &other
}

// resolve points a person's credits at the catalogue's movies.
func (c *Catalog) resolve(person string, credits []Credit) error {
	for j := range credits {
		p, ok := c.byID[credits[j].Movie.ID]
		if !ok {
			return fmt.Errorf("film: %q credited for unknown movie %d", person, credits[j].Movie.ID)
		}
		credits[j].Movie = &c.movies[p]
	}
	return nil
}

// people are the search entries of people: found by their name, as known
// as their films' votes together.
func people[T any](all []T, of func(T) (string, []Credit)) []search.Entry {
	out := make([]search.Entry, len(all))
	for i, p := range all {
		name, films := of(p)
		var votes int64
		for _, f := range films {
			votes += f.Movie.VoteCount
		}
		out[i] = search.Entry{Names: []string{name}, Known: float64(votes)}
	}
	return out
}

// Len is the number of movies.
func (c *Catalog) Len() int { return len(c.movies) }

// Movies returns every movie, by ascending id. The slice is shared: do not modify it.
func (c *Catalog) Movies() []Movie { return c.movies }

// Actors returns every actor, most films first. The slice is shared: do not modify it.
func (c *Catalog) Actors() []Actor { return c.actors }

// Directors returns every director, most films first. The slice is shared: do not modify it.
func (c *Catalog) Directors() []Director { return c.directors }

// Movie returns the movie with id.
func (c *Catalog) Movie(id int64) (*Movie, bool) {
	p, ok := c.byID[id]
	if !ok {
		return nil, false
	}
	return &c.movies[p], true
}

// TitleKeys returns the lookup key of every movie's title, by position in
// Movies(): two films with the same key share a title. The slice is shared.
func (c *Catalog) TitleKeys() []string { return c.titleKeys }

// Found is an entry of the catalogue found for a query, and how well it
// matched (see search.Hit).
type Found[T any] struct {
	Item    *T
	Quality float64
	Known   float64 // its votes (a person: their films' votes): how known it is
	Exact   bool    // the query is its name, word for word
	Partial bool    // some word of the query matched nothing: a suggestion only
}

// SearchMovies returns up to n films for what a person typed, best first:
// by how well their title or original title matches, then by votes.
func (c *Catalog) SearchMovies(q string, n int) []Found[Movie] {
	return found(c.titles.Search(q, n), c.movies)
}

// SearchActors returns up to n actors for what a person typed (any part of
// their name), best first: by how well it matches, then by their films' votes.
func (c *Catalog) SearchActors(q string, n int) []Found[Actor] {
	return found(c.actorIx.Search(q, n), c.actors)
}

// SearchDirectors is SearchActors for directors.
func (c *Catalog) SearchDirectors(q string, n int) []Found[Director] {
	return found(c.directIx.Search(q, n), c.directors)
}

func found[T any](hits []search.Hit, all []T) []Found[T] {
	out := make([]Found[T], len(hits))
	for i, h := range hits {
		out[i] = Found[T]{Item: &all[h.Entry], Quality: h.Quality, Known: h.Known, Exact: h.Exact, Partial: h.Partial}
	}
	return out
}

// Coverage says how many films have cast and director credits.
func (c *Catalog) Coverage() Coverage { return c.coverage }
