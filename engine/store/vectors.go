package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/binary"
	"fmt"
	"math"

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

// Vectors reads the recommender's vectors (table movie_embeddings, its
// packed column), ordered by film id.
func (db *DB) Vectors(ctx context.Context) (*film.Vectors, error) {
	var configuration string
	if err := db.db.QueryRowContext(ctx, `SELECT configuration FROM embedding_config`).Scan(&configuration); err != nil {
		return nil, fmt.Errorf("store: the database has no vectors (built by an older filmoteca?); rebuild it with `filmoteca etl --force`: %w", err)
	}
	var films, bytes int
	if err := db.db.QueryRowContext(ctx, `SELECT count(*), CAST(coalesce(sum(octet_length(packed)), 0) AS BIGINT) FROM movie_embeddings`).Scan(&films, &bytes); err != nil {
		return nil, fmt.Errorf("store: read movie_embeddings (built by an older filmoteca? rebuild it with `filmoteca etl --force`): %w", err)
	}
	// Every film's features in one array: two allocations, not one a film.
	all := make([]film.Feature, bytes/packedFeature)
	v := &film.Vectors{IDs: make([]int64, 0, films), Features: make([][]film.Feature, 0, films)}
	rows, err := db.db.QueryContext(ctx, `SELECT movie_id, packed FROM movie_embeddings ORDER BY movie_id`)
	if err != nil {
		return nil, fmt.Errorf("store: read movie_embeddings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var packed sql.RawBytes
		if err := rows.Scan(&id, &packed); err != nil {
			return nil, fmt.Errorf("store: read movie_embeddings: %w", err)
		}
		n := len(packed) / packedFeature
		if len(packed)%packedFeature != 0 || n > len(all) {
			return nil, fmt.Errorf("store: movie %d: a packed vector of %d bytes", id, len(packed))
		}
		for j := range n {
			b := packed[j*packedFeature:]
			all[j] = film.Feature{Term: binary.LittleEndian.Uint64(b), Weight: math.Float32frombits(binary.LittleEndian.Uint32(b[8:]))}
		}
		v.IDs = append(v.IDs, id)
		v.Features = append(v.Features, all[:n:n])
		all = all[n:]
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: read movie_embeddings: %w", err)
	}
	return v, nil
}

// packedFeature is the size of one feature in movie_embeddings.packed: its
// term, then its weight, little-endian.
const packedFeature = 12

// pack appends features to out as movie_embeddings.packed holds them.
func pack(out []byte, features []film.Feature) []byte {
	for _, f := range features {
		out = binary.LittleEndian.AppendUint64(out, f.Term)
		out = binary.LittleEndian.AppendUint32(out, math.Float32bits(f.Weight))
	}
	return out
}

// FeatureNames reads the readable names of the feature values (table
// feature_names), and the genres, named in Spanish (genre_es).
func (db *DB) FeatureNames(ctx context.Context) ([]film.FeatureName, error) {
	const query = `
		SELECT 'genre', genre, genre_es(genre) FROM (SELECT DISTINCT unnest(genres) AS genre FROM movie_features)
		UNION ALL
		SELECT feature_group, value, name FROM feature_names WHERE value IS NOT NULL AND name IS NOT NULL`
	var named int // the genres come on top: a few dozen
	if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM feature_names`).Scan(&named); err != nil {
		return nil, fmt.Errorf("store: read feature_names: %w", err)
	}
	rows, err := db.db.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("store: read feature_names: %w", err)
	}
	defer rows.Close()
	names := make([]film.FeatureName, 0, named+64)
	groups := map[string]string{} // a handful of groups, each held once
	var group string
	for rows.Next() {
		var n *film.FeatureName
		names, n = scanInto(names)
		if err := rows.Scan(&group, &n.Value, &n.Name); err != nil {
			return nil, fmt.Errorf("store: read feature_names: %w", err)
		}
		if n.Group = groups[group]; n.Group == "" {
			n.Group, groups[group] = group, group
		}
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
		// One buffer of each kind for every row: the appender copies a
		// row's values as it appends them, and the build's Go step is at
		// its memory peak here, the vectors all in memory.
		var (
			terms   []uint64
			weights []float32
			packed  []byte
		)
		for i, id := range v.IDs {
			terms, weights = terms[:0], weights[:0]
			for _, f := range v.Features[i] {
				terms, weights = append(terms, f.Term), append(weights, f.Weight)
			}
			packed = pack(packed[:0], v.Features[i])
			if err := appender.AppendRow(id, terms, weights, packed); err != nil {
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
