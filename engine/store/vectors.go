package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/filmoteca/filmoteca/engine/film"
)

// What the recommender reads (movie_features, feature_names) and writes
// (movie_embeddings, embedding_config; sql/010 and 011), as film's plain
// types: the store knows the tables, not the model.

// querier runs queries: a *sql.DB or the build's *sql.Conn.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Profiles reads what the recommender knows of each film (table
// movie_features), ordered by id.
func (db *DB) Profiles(ctx context.Context) ([]film.Profile, error) { return loadProfiles(ctx, db.db) }

func loadProfiles(ctx context.Context, q querier) ([]film.Profile, error) {
	rows, err := q.QueryContext(ctx, `
		SELECT id, coalesce(title, ''), release_year, coalesce(text, ''), genres, coalesce(collection, ''),
		       top_cast, directors, companies, coalesce(language, ''), coalesce(era, ''), keywords, vote_count, vote_average
		FROM movie_features ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: read movie_features: %w", err)
	}
	defer rows.Close()
	var profiles []film.Profile
	for rows.Next() {
		var p film.Profile
		var genres, cast, directors, companies, keywords []any
		if err := rows.Scan(&p.ID, &p.Title, &p.Year, &p.Text, &genres, &p.Collection,
			&cast, &directors, &companies, &p.Language, &p.Era, &keywords, &p.Votes, &p.Average); err != nil {
			return nil, fmt.Errorf("store: read movie_features: %w", err)
		}
		p.Genres, p.TopCast, p.Directors, p.Companies, p.Keywords =
			stringList(genres), stringList(cast), stringList(directors), stringList(companies), stringList(keywords)
		profiles = append(profiles, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: read movie_features: %w", err)
	}
	return profiles, nil
}

func stringList(values []any) []string {
	out := make([]string, 0, len(values))
	for _, v := range values {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// Vectors reads the recommender's vectors (table movie_embeddings), ordered
// by film id.
func (db *DB) Vectors(ctx context.Context) (*film.Vectors, error) {
	var configuration string
	if err := db.db.QueryRowContext(ctx, `SELECT configuration FROM embedding_config`).Scan(&configuration); err != nil {
		return nil, fmt.Errorf("store: the database has no vectors (built by an older filmoteca?); rebuild it with `filmoteca etl --force`: %w", err)
	}
	var total int
	if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM movie_embeddings`).Scan(&total); err != nil {
		return nil, fmt.Errorf("store: count movie_embeddings: %w", err)
	}
	v := &film.Vectors{IDs: make([]int64, 0, total), Features: make([][]film.Feature, 0, total)}
	rows, err := db.db.QueryContext(ctx, `SELECT movie_id, feature_terms, feature_weights FROM movie_embeddings ORDER BY movie_id`)
	if err != nil {
		return nil, fmt.Errorf("store: read movie_embeddings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var terms, weights []any
		if err := rows.Scan(&id, &terms, &weights); err != nil {
			return nil, fmt.Errorf("store: read movie_embeddings: %w", err)
		}
		if len(terms) != len(weights) {
			return nil, fmt.Errorf("store: movie %d: %d terms for %d weights", id, len(terms), len(weights))
		}
		features := make([]film.Feature, len(terms))
		for j := range terms {
			features[j] = film.Feature{Term: terms[j].(uint64), Weight: weights[j].(float32)}
		}
		v.IDs = append(v.IDs, id)
		v.Features = append(v.Features, features)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: read movie_embeddings: %w", err)
	}
	return v, nil
}

// FeatureNames reads the readable names of the feature values (table
// feature_names), and the genres, named in Spanish (genre_es).
func (db *DB) FeatureNames(ctx context.Context) ([]film.FeatureName, error) {
	rows, err := db.db.QueryContext(ctx, `
		SELECT 'genre', genre, genre_es(genre) FROM (SELECT DISTINCT unnest(genres) AS genre FROM movie_features)
		UNION ALL
		SELECT feature_group, value, name FROM feature_names WHERE value IS NOT NULL AND name IS NOT NULL`)
	if err != nil {
		return nil, fmt.Errorf("store: read feature_names: %w", err)
	}
	defer rows.Close()
	var names []film.FeatureName
	for rows.Next() {
		var n film.FeatureName
		if err := rows.Scan(&n.Group, &n.Value, &n.Name); err != nil {
			return nil, fmt.Errorf("store: read feature_names: %w", err)
		}
		names = append(names, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: read feature_names: %w", err)
	}
	return names, nil
}

// writeVectors appends v to movie_embeddings and records the configuration
// that computed them (embedding_config).
func writeVectors(ctx context.Context, conn *sql.Conn, v *film.Vectors, configuration string, report func(done float64)) error {
	err := conn.Raw(func(raw any) error {
		appender, err := duckdb.NewAppenderFromConn(raw.(driver.Conn), "", "movie_embeddings")
		if err != nil {
			return fmt.Errorf("store: append to movie_embeddings: %w", err)
		}
		for i, id := range v.IDs {
			terms := make([]uint64, len(v.Features[i]))
			weights := make([]float32, len(v.Features[i]))
			for j, f := range v.Features[i] {
				terms[j], weights[j] = f.Term, f.Weight
			}
			if err := appender.AppendRow(id, terms, weights); err != nil {
				appender.Close()
				return fmt.Errorf("store: append movie %d: %w", id, err)
			}
			if i%4096 == 0 {
				report(float64(i) / float64(len(v.IDs)))
			}
		}
		if err := appender.Close(); err != nil {
			return fmt.Errorf("store: append to movie_embeddings: %w", err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, `INSERT INTO embedding_config VALUES (?)`, configuration); err != nil {
		return fmt.Errorf("store: record embedding_config: %w", err)
	}
	return nil
}
