// Package catalog holds, in memory, what the API answers: it loads the
// database's views once at start-up, then answers every lookup without
// touching the database.
package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"time"

	"github.com/filmoteca/filmoteca/engine/lookup"
)

// Movie is one film's identity and scores (view movie_scores).
type Movie struct {
	ID          int64
	Title       string
	Year        int
	Popularity  float64
	VoteCount   int64
	VoteAverage float64
}

// Actor is one person's cast record (view actor_returns).
type Actor struct {
	PersonID    sql.NullInt64
	Name        string
	Films       int64
	TotalReturn float64
	MeanReturn  float64
}

// Director is one person's films as director (view director_films), in release order.
type Director struct {
	PersonID    sql.NullInt64
	Name        string
	Films       []DirectorFilm
	TotalReturn float64
}

// DirectorFilm is one film of a director.
type DirectorFilm struct {
	MovieID     int64
	Title       string
	ReleaseDate time.Time
	Return      float64
	Budget      int64
	Revenue     int64
	Profit      int64
}

// Catalog answers the API's questions from memory.
type Catalog struct {
	byMonth   [13]int64 // 1..12
	byWeekday [8]int64  // ISO 1 (Monday)..7
	movies    []Movie   // most voted first
	titles    *lookup.Index
	actors    []Actor // most films first
	actorIx   *lookup.Index
	directors []Director // most films first
	directIx  *lookup.Index
}

// Load reads the views of a built database into a Catalog.
func Load(ctx context.Context, db *sql.DB) (*Catalog, error) {
	c := &Catalog{}
	steps := []struct {
		name string
		load func(context.Context, *sql.DB) error
	}{
		{"releases", c.loadReleases},
		{"movies", c.loadMovies},
		{"actors", c.loadActors},
		{"directors", c.loadDirectors},
	}
	for _, s := range steps {
		if err := s.load(ctx, db); err != nil {
			return nil, fmt.Errorf("catalog: load %s: %w", s.name, err)
		}
	}
	return c, nil
}

func (c *Catalog) loadReleases(ctx context.Context, db *sql.DB) error {
	if err := scanCounts(ctx, db, "SELECT month, movies FROM releases_by_month", c.byMonth[:]); err != nil {
		return err
	}
	return scanCounts(ctx, db, "SELECT weekday, movies FROM releases_by_weekday", c.byWeekday[:])
}

// scanCounts fills counts[k] = n from a query of (k, n) rows.
func scanCounts(ctx context.Context, db *sql.DB, query string, counts []int64) error {
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k int
		var n int64
		if err := rows.Scan(&k, &n); err != nil {
			return err
		}
		if k < 1 || k >= len(counts) {
			return fmt.Errorf("%s: key %d out of range", query, k)
		}
		counts[k] = n
	}
	return rows.Err()
}

func (c *Catalog) loadMovies(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `
		SELECT id, coalesce(title, ''), release_year, coalesce(popularity, 0),
		       coalesce(vote_count, 0), coalesce(vote_average, 0)
		FROM movie_scores
		ORDER BY vote_count DESC NULLS LAST, popularity DESC NULLS LAST, id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var m Movie
		if err := rows.Scan(&m.ID, &m.Title, &m.Year, &m.Popularity, &m.VoteCount, &m.VoteAverage); err != nil {
			return err
		}
		c.movies = append(c.movies, m)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	names := make([]string, len(c.movies))
	for i, m := range c.movies {
		names[i] = m.Title
	}
	c.titles = lookup.NewIndex(names)
	return nil
}

func (c *Catalog) loadActors(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `
		SELECT person_id, actor, films, total_return, mean_return
		FROM actor_returns
		WHERE actor IS NOT NULL
		ORDER BY films DESC, total_return DESC, actor, person_id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var a Actor
		if err := rows.Scan(&a.PersonID, &a.Name, &a.Films, &a.TotalReturn, &a.MeanReturn); err != nil {
			return err
		}
		c.actors = append(c.actors, a)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	names := make([]string, len(c.actors))
	for i, a := range c.actors {
		names[i] = a.Name
	}
	c.actorIx = lookup.NewIndex(names)
	return nil
}

func (c *Catalog) loadDirectors(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `
		SELECT person_id, director, movie_id, coalesce(title, ''), release_date,
		       "return", budget, revenue, profit
		FROM director_films
		WHERE director IS NOT NULL
		ORDER BY director, person_id, release_date, movie_id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id   sql.NullInt64
			name string
			f    DirectorFilm
		)
		if err := rows.Scan(&id, &name, &f.MovieID, &f.Title, &f.ReleaseDate, &f.Return, &f.Budget, &f.Revenue, &f.Profit); err != nil {
			return err
		}
		n := len(c.directors)
		if n == 0 || c.directors[n-1].PersonID != id || c.directors[n-1].Name != name {
			c.directors = append(c.directors, Director{PersonID: id, Name: name})
			n++
		}
		d := &c.directors[n-1]
		d.Films = append(d.Films, f)
		d.TotalReturn += f.Return
	}
	if err := rows.Err(); err != nil {
		return err
	}
	sort.SliceStable(c.directors, func(i, j int) bool { return len(c.directors[i].Films) > len(c.directors[j].Films) })
	names := make([]string, len(c.directors))
	for i, d := range c.directors {
		names[i] = d.Name
	}
	c.directIx = lookup.NewIndex(names)
	return nil
}

// ReleasesInMonth is the number of films released in month (1-12) of any year.
func (c *Catalog) ReleasesInMonth(month int) int64 {
	if month < 1 || month > 12 {
		return 0
	}
	return c.byMonth[month]
}

// ReleasesOnWeekday is the number of films released on an ISO weekday (1 = Monday).
func (c *Catalog) ReleasesOnWeekday(weekday int) int64 {
	if weekday < 1 || weekday > 7 {
		return 0
	}
	return c.byWeekday[weekday]
}

// MoviesTitled returns the films whose title matches title (ignoring case,
// accents and spaces), most voted first.
func (c *Catalog) MoviesTitled(title string) []Movie {
	return pick(c.movies, c.titles.Find(title))
}

// SearchTitles returns up to n films for a search box: titles that start
// with q (most voted first), then titles close to it.
func (c *Catalog) SearchTitles(q string, n int) []Movie {
	var out []Movie
	seen := map[int]bool{}
	for _, i := range c.titles.Prefix(q, n) {
		seen[i] = true
		out = append(out, c.movies[i])
	}
	if len(out) < n {
		for _, title := range c.titles.Suggest(q, n) {
			for _, i := range c.titles.Find(title) {
				if !seen[i] && len(out) < n {
					seen[i] = true
					out = append(out, c.movies[i])
				}
			}
		}
	}
	return out
}

// SuggestTitles returns up to n titles close to title.
func (c *Catalog) SuggestTitles(title string, n int) []string { return c.titles.Suggest(title, n) }

// ActorsNamed returns the cast members named name, most films first.
func (c *Catalog) ActorsNamed(name string) []Actor { return pick(c.actors, c.actorIx.Find(name)) }

// SuggestActors returns up to n actor names close to name.
func (c *Catalog) SuggestActors(name string, n int) []string { return c.actorIx.Suggest(name, n) }

// DirectorsNamed returns the directors named name, most films first.
func (c *Catalog) DirectorsNamed(name string) []Director {
	return pick(c.directors, c.directIx.Find(name))
}

// SuggestDirectors returns up to n director names close to name.
func (c *Catalog) SuggestDirectors(name string, n int) []string { return c.directIx.Suggest(name, n) }

// Sizes reports how many movies, actors and directors the catalog holds.
func (c *Catalog) Sizes() (movies, actors, directors int) {
	return len(c.movies), len(c.actors), len(c.directors)
}

func pick[T any](all []T, positions []int) []T {
	if len(positions) == 0 {
		return nil
	}
	out := make([]T, len(positions))
	for i, p := range positions {
		out[i] = all[p]
	}
	return out
}
