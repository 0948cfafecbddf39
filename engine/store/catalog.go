package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/filmoteca/filmoteca/engine/film"
	"github.com/filmoteca/filmoteca/engine/lookup"
)

// Catalog loads every movie, actor and director, the release counts and the
// calendar's names: all the API answers from.
func (db *DB) Catalog(ctx context.Context) (*film.Catalog, error) {
	var (
		releases  film.Releases
		calendar  film.Calendar
		movies    []film.Movie
		actors    []film.Actor
		directors []film.Director
		withCast  int
	)
	steps := []struct {
		name string
		load func() error
	}{
		{"releases", func() error { return db.loadReleases(ctx, &releases) }},
		{"calendar", func() error { return db.loadCalendar(ctx, &calendar) }},
		{"movies", func() (err error) { movies, err = db.loadMovies(ctx); return err }},
		{"actors", func() (err error) { actors, err = db.loadActors(ctx); return err }},
		{"directors", func() (err error) { directors, err = db.loadDirectors(ctx); return err }},
		{"credits", func() error {
			return db.db.QueryRowContext(ctx, `SELECT count(DISTINCT movie_id) FROM movie_cast`).Scan(&withCast)
		}},
	}
	for _, s := range steps {
		if err := s.load(); err != nil {
			return nil, fmt.Errorf("store: load %s: %w", s.name, err)
		}
	}
	return film.NewCatalog(movies, actors, directors, withCast, releases, calendar)
}

func (db *DB) loadReleases(ctx context.Context, r *film.Releases) error {
	if err := db.scanCounts(ctx, "SELECT month, movies FROM releases_by_month", r.ByMonth[:]); err != nil {
		return err
	}
	return db.scanCounts(ctx, "SELECT weekday, movies FROM releases_by_weekday", r.ByWeekday[:])
}

// scanCounts fills counts[k] = n from a query of (k, n) rows.
func (db *DB) scanCounts(ctx context.Context, query string, counts []int64) error {
	rows, err := db.db.QueryContext(ctx, query)
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

func (db *DB) loadCalendar(ctx context.Context, c *film.Calendar) error {
	rows, err := db.db.QueryContext(ctx, `SELECT kind, number, name, canonical FROM calendar_names`)
	if err != nil {
		return err
	}
	defer rows.Close()
	c.Aliases = map[string]int{}
	for rows.Next() {
		var kind, name string
		var number int
		var canonical bool
		if err := rows.Scan(&kind, &number, &name, &canonical); err != nil {
			return err
		}
		switch {
		case kind == "month" && number >= 1 && number <= 12 && canonical:
			c.Months[number-1] = name
		case kind == "month" && number >= 1 && number <= 12:
			c.Aliases[lookup.Key(name)] = number
		case kind == "weekday" && number >= 1 && number <= 7 && canonical:
			c.Weekdays[number-1] = name
		default:
			return fmt.Errorf("calendar_names: unexpected row (%s, %d, %s)", kind, number, name)
		}
	}
	return rows.Err()
}

// loadMovies reads every film with what the API shows of it: its original
// title when it differs, the start of its synopsis, and its card (genres in
// Spanish, directors, first-billed cast: sql/013_cards.sql).
func (db *DB) loadMovies(ctx context.Context) ([]film.Movie, error) {
	rows, err := db.db.QueryContext(ctx, `
		SELECT m.id, coalesce(m.title, ''), coalesce(o.original_title, ''), m.release_year, m.release_date,
		       coalesce(m.popularity, 0), coalesce(m.vote_count, 0), coalesce(m.vote_average, 0), m.budget, m.revenue, m."return",
		       array_to_string(c.genres_es, chr(31)), coalesce(m.runtime, 0), coalesce(left(m.overview, 600), ''),
		       array_to_string(c.directors, chr(31)), array_to_string(c.main_cast, chr(31))
		FROM movies m
		JOIN movie_cards c ON c.movie_id = m.id
		LEFT JOIN movie_original_titles o ON o.movie_id = m.id
		ORDER BY m.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var movies []film.Movie
	for rows.Next() {
		var m film.Movie
		var genres, directors, cast string
		if err := rows.Scan(&m.ID, &m.Title, &m.OriginalTitle, &m.Year, &m.ReleaseDate, &m.Popularity, &m.VoteCount, &m.VoteAverage,
			&m.Budget, &m.Revenue, &m.Return, &genres, &m.Runtime, &m.Overview, &directors, &cast); err != nil {
			return nil, err
		}
		m.Genres, m.Directors, m.Cast = splitList(genres), splitList(directors), splitList(cast)
		movies = append(movies, m)
	}
	return movies, rows.Err()
}

// splitList splits a list the query joined with the unit separator (a
// string scans several times faster than a list, whose every element the
// driver boxes): nil for an empty one.
func splitList(joined string) []string {
	if joined == "" {
		return nil
	}
	return strings.Split(joined, "\x1f")
}

// loadActors reads every actor with their films, in release order.
func (db *DB) loadActors(ctx context.Context) ([]film.Actor, error) {
	rows, err := db.db.QueryContext(ctx, `
		SELECT a.person_id, a.actor, r.gender, r.total_return, r.mean_return, a.movie_id
		FROM actor_films a
		JOIN actor_returns r ON r.person_id IS NOT DISTINCT FROM a.person_id AND r.actor = a.actor
		WHERE a.actor IS NOT NULL
		ORDER BY a.actor, a.person_id, a.release_date, a.movie_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var actors []film.Actor
	for rows.Next() {
		var (
			id          sql.NullInt64
			p           film.Person
			total, mean float64
			movie       int64
		)
		if err := rows.Scan(&id, &p.Name, &p.Gender, &total, &mean, &movie); err != nil {
			return nil, err
		}
		p.ID = id.Int64
		n := len(actors)
		if n == 0 || actors[n-1].ID != p.ID || actors[n-1].Name != p.Name {
			actors = append(actors, film.Actor{Person: p, TotalReturn: total, MeanReturn: mean})
			n++
		}
		// resolved to the catalogue's movie by film.NewCatalog
		actors[n-1].Films = append(actors[n-1].Films, film.Credit{Movie: &film.Movie{ID: movie}})
	}
	return actors, rows.Err()
}

// loadDirectors reads every director with their films, in release order.
func (db *DB) loadDirectors(ctx context.Context) ([]film.Director, error) {
	rows, err := db.db.QueryContext(ctx, `
		SELECT d.person_id, d.director, r.gender, r.total_return, d.movie_id
		FROM director_films d
		JOIN director_returns r ON r.person_id IS NOT DISTINCT FROM d.person_id AND r.director = d.director
		WHERE d.director IS NOT NULL
		ORDER BY d.director, d.person_id, d.release_date, d.movie_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var directors []film.Director
	for rows.Next() {
		var (
			id    sql.NullInt64
			p     film.Person
			total float64
			movie int64
		)
		if err := rows.Scan(&id, &p.Name, &p.Gender, &total, &movie); err != nil {
			return nil, err
		}
		p.ID = id.Int64
		n := len(directors)
		if n == 0 || directors[n-1].ID != p.ID || directors[n-1].Name != p.Name {
			directors = append(directors, film.Director{Person: p, TotalReturn: total})
			n++
		}
		// resolved to the catalogue's movie by film.NewCatalog
		directors[n-1].Films = append(directors[n-1].Films, film.Credit{Movie: &film.Movie{ID: movie}})
	}
	return directors, rows.Err()
}
