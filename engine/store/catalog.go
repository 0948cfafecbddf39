package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
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
		{"actors", func() (err error) { actors, err = db.loadActors(ctx, movies); return err }},
		{"directors", func() (err error) { directors, err = db.loadDirectors(ctx, movies); return err }},
		{"credits", func() error {
			return db.db.QueryRowContext(ctx, `SELECT count(DISTINCT movie_id) FROM movie_cast`).Scan(&withCast)
		}},
	}
	for _, s := range steps {
		if err := s.load(); err != nil {
			if strings.Contains(err.Error(), "does not exist") {
				return nil, fmt.Errorf("store: load %s: the database lacks a table this filmoteca loads (built by an older one?); rebuild it with `filmoteca etl --force`: %w", s.name, err)
			}
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
// Spanish, directors, first-billed cast: sql/013_cards.sql), sorted by id.
func (db *DB) loadMovies(ctx context.Context) ([]film.Movie, error) {
	var total int
	if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM movies`).Scan(&total); err != nil {
		return nil, err
	}
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
	// Scanned in place: a film is copied neither per row nor as the
	// slice grows (a load's memory peak is what a swap adds).
	movies := make([]film.Movie, 0, total)
	var genres, directors, cast string
	for rows.Next() {
		var m *film.Movie
		movies, m = scanInto(movies)
		if err := rows.Scan(&m.ID, &m.Title, &m.OriginalTitle, &m.Year, &m.ReleaseDate, &m.Popularity, &m.VoteCount, &m.VoteAverage,
			&m.Budget, &m.Revenue, &m.Return, &genres, &m.Runtime, &m.Overview, &directors, &cast); err != nil {
			return nil, err
		}
		m.Genres, m.Directors, m.Cast = splitList(genres), splitList(directors), splitList(cast)
	}
	return movies, rows.Err()
}

// scanInto appends a zero row to rows, to be scanned in place, and
// returns it: with rows made to the count of the result, a load copies
// no row.
func scanInto[T any](rows []T) ([]T, *T) {
	rows = append(rows, *new(T))
	return rows, &rows[len(rows)-1]
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

// loadPeople reads every person of role ("actor", "director") with their
// films in release order (table person_credits, sql/014_people.sql), each
// made by person from their record, their films (pointing into movies,
// which are sorted by id) and their films' return, summed and averaged.
func loadPeople[T any](ctx context.Context, db *DB, role string, movies []film.Movie,
	person func(p film.Person, films []film.Credit, sum, mean float64) T) ([]T, error) {
	var rowCount int
	if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM person_credits WHERE role = ?`, role).Scan(&rowCount); err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `
		SELECT person_id, name, gender, total_return, mean_return, movie_id
		FROM person_credits WHERE role = ?
		ORDER BY name, person_id, release_date, movie_id`, role)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var (
		people  []T
		credits = make([]film.Credit, 0, rowCount) // everyone's films, person after person
		cur, p  film.Person                        // the person being read, and the row's
		id      sql.NullInt64
		sum     float64
		mean    float64
		movie   int64
		first   int // where cur's films start in credits
		curSum  float64
		curMean float64
	)
	done := func() {
		if len(credits) > first {
			people = append(people, person(cur, credits[first:len(credits):len(credits)], curSum, curMean))
		}
	}
	for rows.Next() {
		if err := rows.Scan(&id, &p.Name, &p.Gender, &sum, &mean, &movie); err != nil {
			return nil, err
		}
		p.ID = id.Int64
		if len(credits) == first || p.ID != cur.ID || p.Name != cur.Name {
			done()
			cur, curSum, curMean, first = p, sum, mean, len(credits)
		}
		i := sort.Search(len(movies), func(i int) bool { return movies[i].ID >= movie })
		if i == len(movies) || movies[i].ID != movie {
			return nil, fmt.Errorf("%s %q credited for unknown movie %d", role, p.Name, movie)
		}
		credits = append(credits, film.Credit{Movie: &movies[i]})
	}
	done()
	return people, rows.Err()
}

// loadActors reads every actor with their films, in release order.
func (db *DB) loadActors(ctx context.Context, movies []film.Movie) ([]film.Actor, error) {
	return loadPeople(ctx, db, "actor", movies, func(p film.Person, films []film.Credit, sum, mean float64) film.Actor {
		return film.Actor{Person: p, Films: films, TotalReturn: sum, MeanReturn: mean}
	})
}

// loadDirectors reads every director with their films, in release order.
func (db *DB) loadDirectors(ctx context.Context, movies []film.Movie) ([]film.Director, error) {
	return loadPeople(ctx, db, "director", movies, func(p film.Person, films []film.Credit, sum, _ float64) film.Director {
		return film.Director{Person: p, Films: films, TotalReturn: sum}
	})
}
