package film

import (
	"fmt"
	"sort"

	"github.com/filmoteca/filmoteca/engine/lookup"
)

// Catalog holds the whole dataset the API answers from, in memory: movies
// by id, with indexes that find movies, actors and directors by name.
type Catalog struct {
	Releases Releases
	Calendar Calendar

	movies    []Movie         // by ascending id
	byID      map[int64]int32 // id -> position in movies
	titleKeys []string        // lookup key of each movie's title, by position
	byVotes   []int32         // positions, most voted first: the order of title lookups
	titles    *lookup.Index   // over byVotes
	actors    []Actor         // most films first
	actorIx   *lookup.Index
	directors []Director // most films first
	directIx  *lookup.Index
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

// NewCatalog indexes movies (sorted by id here), actors and directors
// (whose credits point into movies by id: pass them with Credit.Movie set
// to a movie holding at least the ID). withCast is the number of films with
// a cast credit.
func NewCatalog(movies []Movie, actors []Actor, directors []Director, withCast int, releases Releases, calendar Calendar) (*Catalog, error) {
	sort.Slice(movies, func(i, j int) bool { return movies[i].ID < movies[j].ID })
	c := &Catalog{Releases: releases, Calendar: calendar, movies: movies, byID: make(map[int64]int32, len(movies))}
	for i, m := range movies {
		if i > 0 && movies[i-1].ID == m.ID {
			return nil, fmt.Errorf("film: movie %d appears twice", m.ID)
		}
		c.byID[m.ID] = int32(i)
	}

	c.byVotes = make([]int32, len(movies))
	for i := range c.byVotes {
		c.byVotes[i] = int32(i)
	}
	sort.SliceStable(c.byVotes, func(a, b int) bool {
		x, y := &movies[c.byVotes[a]], &movies[c.byVotes[b]]
		if x.VoteCount != y.VoteCount {
			return x.VoteCount > y.VoteCount
		}
		if x.Popularity != y.Popularity {
			return x.Popularity > y.Popularity
		}
		return x.ID < y.ID
	})
	names := make([]string, len(c.byVotes))
	for i, p := range c.byVotes {
		names[i] = movies[p].Title
	}
	c.titles = lookup.NewIndex(names)
	c.titleKeys = make([]string, len(movies))
	for i, p := range c.byVotes {
		c.titleKeys[p] = c.titles.Key(i)
	}

	withDirector := map[int64]bool{}
	for i := range directors {
		d := &directors[i]
		for j := range d.Films {
			p, ok := c.byID[d.Films[j].Movie.ID]
			if !ok {
				return nil, fmt.Errorf("film: director %q credited for unknown movie %d", d.Name, d.Films[j].Movie.ID)
			}
			d.Films[j].Movie = &c.movies[p]
			withDirector[d.Films[j].Movie.ID] = true
		}
	}
	sort.SliceStable(actors, func(i, j int) bool { return actors[i].Films > actors[j].Films })
	sort.SliceStable(directors, func(i, j int) bool { return len(directors[i].Films) > len(directors[j].Films) })
	c.actors, c.directors = actors, directors
	c.actorIx = lookup.NewIndex(personNames(actors, func(a Actor) string { return a.Name }))
	c.directIx = lookup.NewIndex(personNames(directors, func(d Director) string { return d.Name }))
	c.coverage = Coverage{Movies: len(movies), WithCast: withCast, WithDirector: len(withDirector),
		Actors: len(actors), Directors: len(directors)}
	return c, nil
}

func personNames[T any](people []T, name func(T) string) []string {
	out := make([]string, len(people))
	for i, p := range people {
		out[i] = name(p)
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

// MoviesTitled returns the films whose title matches title (ignoring case,
// accents and spaces), most voted first.
func (c *Catalog) MoviesTitled(title string) []*Movie {
	return c.moviesAt(c.titles.Find(title))
}

func (c *Catalog) moviesAt(entries []int) []*Movie {
	if len(entries) == 0 {
		return nil
	}
	out := make([]*Movie, len(entries))
	for i, e := range entries {
		out[i] = &c.movies[c.byVotes[e]]
	}
	return out
}

// SearchTitles returns up to n films for a search box: titles that start
// with q (most voted first), then titles close to it.
func (c *Catalog) SearchTitles(q string, n int) []*Movie {
	var out []*Movie
	seen := map[int]bool{}
	for _, e := range c.titles.Prefix(q, n) {
		seen[e] = true
		out = append(out, &c.movies[c.byVotes[e]])
	}
	if len(out) < n {
		for _, title := range c.titles.Suggest(q, n) {
			for _, e := range c.titles.Find(title) {
				if !seen[e] && len(out) < n {
					seen[e] = true
					out = append(out, &c.movies[c.byVotes[e]])
				}
			}
		}
	}
	return out
}

// SuggestTitles returns up to n titles close to title.
func (c *Catalog) SuggestTitles(title string, n int) []string { return c.titles.Suggest(title, n) }

// ActorsNamed returns the cast members named name, most films first.
func (c *Catalog) ActorsNamed(name string) []*Actor { return pointers(c.actors, c.actorIx.Find(name)) }

// SuggestActors returns up to n actor names close to name.
func (c *Catalog) SuggestActors(name string, n int) []string { return c.actorIx.Suggest(name, n) }

// DirectorsNamed returns the directors named name, most films first.
func (c *Catalog) DirectorsNamed(name string) []*Director {
	return pointers(c.directors, c.directIx.Find(name))
}

// SuggestDirectors returns up to n director names close to name.
func (c *Catalog) SuggestDirectors(name string, n int) []string { return c.directIx.Suggest(name, n) }

// Coverage says how many films have cast and director credits.
func (c *Catalog) Coverage() Coverage { return c.coverage }

func pointers[T any](all []T, positions []int) []*T {
	if len(positions) == 0 {
		return nil
	}
	out := make([]*T, len(positions))
	for i, p := range positions {
		out[i] = &all[p]
	}
	return out
}
