package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"log/slog"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/filmoteca/filmoteca/engine/recommend"
)

// querier runs queries: a *sql.DB or the build's *sql.Conn.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// loadDocs reads the table movie_features, ordered by id.
func loadDocs(ctx context.Context, q querier) ([]recommend.Doc, error) {
	rows, err := q.QueryContext(ctx, `
		SELECT id, coalesce(title, ''), release_year, coalesce(text, ''), genres, coalesce(collection, ''),
		       top_cast, directors, companies, coalesce(language, ''), coalesce(era, ''), keywords, vote_count, vote_average
		FROM movie_features ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: read movie_features: %w", err)
	}
	defer rows.Close()
	var docs []recommend.Doc
	for rows.Next() {
		var d recommend.Doc
		var genres, cast, directors, companies, keywords []any
		if err := rows.Scan(&d.ID, &d.Title, &d.Year, &d.Text, &genres, &d.Collection,
			&cast, &directors, &companies, &d.Language, &d.Era, &keywords, &d.Votes, &d.Average); err != nil {
			return nil, fmt.Errorf("store: read movie_features: %w", err)
		}
		d.Genres, d.TopCast, d.Directors, d.Companies, d.Keywords =
			stringList(genres), stringList(cast), stringList(directors), stringList(companies), stringList(keywords)
		docs = append(docs, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: read movie_features: %w", err)
	}
	return docs, nil
}

// Docs reads what the recommender knows of each movie (table movie_features).
func (db *DB) Docs(ctx context.Context) ([]recommend.Doc, error) { return loadDocs(ctx, db.db) }

func stringList(values []any) []string {
	out := make([]string, 0, len(values))
	for _, v := range values {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// buildEmbeddings computes the recommender's vectors from movie_features
// and stores them in movie_embeddings (sql/011_embeddings.sql).
func buildEmbeddings(ctx context.Context, conn *sql.Conn, progress Progress, log *slog.Logger) error {
	start := time.Now()
	docs, err := loadDocs(ctx, conn)
	if err != nil {
		return err
	}
	progress.Fraction(0.1)
	loaded := time.Now()
	cfg := recommend.DefaultConfig()
	e, err := recommend.BuildReporting(docs, cfg, func(done float64) { progress.Fraction(0.1 + 0.8*done) })
	if err != nil {
		return err
	}
	docs = nil // the text is the largest part of the build's Go memory
	computed := time.Now()
	if err := writeEmbeddings(ctx, conn, e, cfg, func(done float64) { progress.Fraction(0.9 + 0.1*done) }); err != nil {
		return err
	}
	log.Debug("embeddings", "read_seconds", fmt.Sprintf("%.2f", loaded.Sub(start).Seconds()),
		"compute_seconds", fmt.Sprintf("%.2f", computed.Sub(loaded).Seconds()), "write_seconds", fmt.Sprintf("%.2f", time.Since(computed).Seconds()))
	log.Info("embeddings", "movies", len(e.IDs), "seconds", fmt.Sprintf("%.2f", time.Since(start).Seconds()))
	return nil
}

// writeEmbeddings appends e to movie_embeddings and records its configuration.
func writeEmbeddings(ctx context.Context, conn *sql.Conn, e *recommend.Embeddings, cfg recommend.Config, report func(done float64)) error {
	err := conn.Raw(func(raw any) error {
		appender, err := duckdb.NewAppenderFromConn(raw.(driver.Conn), "", "movie_embeddings")
		if err != nil {
			return fmt.Errorf("store: append to movie_embeddings: %w", err)
		}
		for i, id := range e.IDs {
			terms := make([]uint64, len(e.Features[i]))
			weights := make([]float32, len(e.Features[i]))
			for j, f := range e.Features[i] {
				terms[j], weights[j] = f.Term, f.Weight
			}
			if err := appender.AppendRow(id, terms, weights); err != nil {
				appender.Close()
				return fmt.Errorf("store: append movie %d: %w", id, err)
			}
			if i%4096 == 0 {
				report(float64(i) / float64(len(e.IDs)))
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
	if _, err := conn.ExecContext(ctx, `INSERT INTO embedding_config VALUES (?)`, fmt.Sprintf("%+v", cfg)); err != nil {
		return fmt.Errorf("store: record embedding_config: %w", err)
	}
	return nil
}

// Embeddings reads the recommender's vectors, ordered by movie id.
func (db *DB) Embeddings(ctx context.Context) (*recommend.Embeddings, error) {
	e := &recommend.Embeddings{}
	var configuration string
	if err := db.db.QueryRowContext(ctx, `SELECT configuration FROM embedding_config`).Scan(&configuration); err != nil {
		return nil, fmt.Errorf("store: the database has no embeddings (built by an older filmoteca?); rebuild it with `filmoteca etl --force`: %w", err)
	}
	var total int
	if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM movie_embeddings`).Scan(&total); err != nil {
		return nil, fmt.Errorf("store: count movie_embeddings: %w", err)
	}
	e.IDs = make([]int64, 0, total)
	e.Features = make([][]recommend.Feature, 0, total)
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
		features := make([]recommend.Feature, len(terms))
		for j := range terms {
			features[j] = recommend.Feature{Term: terms[j].(uint64), Weight: weights[j].(float32)}
		}
		e.IDs = append(e.IDs, id)
		e.Features = append(e.Features, features)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: read movie_embeddings: %w", err)
	}
	names, err := featureNames(ctx, db.db, e)
	if err != nil {
		return nil, err
	}
	e.Names = names
	return e, nil
}

// featureGroups are the recommender's groups of each feature_names group:
// a person's key is both a cast and a director feature.
var featureGroups = map[string][]recommend.Group{
	"genre":      {recommend.Genres},
	"collection": {recommend.Collection},
	"person":     {recommend.Cast, recommend.Directors},
	"company":    {recommend.Companies},
	"keyword":    {recommend.Keywords},
	"language":   {recommend.Language},
}

// featureNames reads the names of the features e uses (table feature_names,
// and the genres, named by themselves).
func featureNames(ctx context.Context, q querier, e *recommend.Embeddings) (map[uint64]recommend.FeatureName, error) {
	used := map[uint64]bool{}
	for _, fs := range e.Features {
		for _, f := range fs {
			used[f.Term] = true
		}
	}
	rows, err := q.QueryContext(ctx, `
		SELECT 'genre', genre, genre FROM (SELECT DISTINCT unnest(genres) AS genre FROM movie_features)
		UNION ALL
		SELECT feature_group, value, name FROM feature_names WHERE value IS NOT NULL AND name IS NOT NULL`)
	if err != nil {
		return nil, fmt.Errorf("store: read feature_names: %w", err)
	}
	defer rows.Close()
	names := map[uint64]recommend.FeatureName{}
	for rows.Next() {
		var group, value, name string
		if err := rows.Scan(&group, &value, &name); err != nil {
			return nil, fmt.Errorf("store: read feature_names: %w", err)
		}
		for _, g := range featureGroups[group] {
			if term := recommend.TermOf(g, value); used[term] {
				names[term] = recommend.FeatureName{Group: g, Name: name}
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: read feature_names: %w", err)
	}
	return names, nil
}
