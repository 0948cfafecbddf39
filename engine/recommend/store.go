package recommend

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"

	"github.com/duckdb/duckdb-go/v2"
)

// LoadDocs reads the view movie_features, ordered by id.
func LoadDocs(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}) ([]Doc, error) {
	rows, err := q.QueryContext(ctx, `
		SELECT id, coalesce(title, ''), release_year, coalesce(text, ''), genres, coalesce(collection, ''),
		       top_cast, directors, companies, coalesce(language, ''), coalesce(era, ''), keywords, vote_count
		FROM movie_features ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("recommend: read movie_features: %w", err)
	}
	defer rows.Close()
	var docs []Doc
	for rows.Next() {
		var d Doc
		var genres, cast, directors, companies, keywords []any
		if err := rows.Scan(&d.ID, &d.Title, &d.Year, &d.Text, &genres, &d.Collection,
			&cast, &directors, &companies, &d.Language, &d.Era, &keywords, &d.Votes); err != nil {
			return nil, fmt.Errorf("recommend: read movie_features: %w", err)
		}
		d.Genres, d.TopCast, d.Directors, d.Companies, d.Keywords =
			stringList(genres), stringList(cast), stringList(directors), stringList(companies), stringList(keywords)
		docs = append(docs, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("recommend: read movie_features: %w", err)
	}
	return docs, nil
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

// Write stores e in a new table movie_embeddings(movie_id, embedding FLOAT[Dim]),
// which a plain DuckDB shell can query with array_cosine_similarity.
func Write(ctx context.Context, conn *sql.Conn, e *Embeddings) error {
	create := fmt.Sprintf(`CREATE TABLE movie_embeddings (
		movie_id BIGINT PRIMARY KEY,
		embedding FLOAT[%d] NOT NULL,   -- text part (%d numbers), then the hashed sketch of the categorical part
		feature_terms UBIGINT[] NOT NULL, -- the exact categorical part: FNV-64a of each feature
		feature_weights FLOAT[] NOT NULL
	)`, e.Dim, e.TextDim)
	if _, err := conn.ExecContext(ctx, create); err != nil {
		return fmt.Errorf("recommend: create movie_embeddings: %w", err)
	}
	err := conn.Raw(func(raw any) error {
		appender, err := duckdb.NewAppenderFromConn(raw.(driver.Conn), "", "movie_embeddings")
		if err != nil {
			return fmt.Errorf("recommend: append to movie_embeddings: %w", err)
		}
		for i, id := range e.IDs {
			terms := make([]uint64, len(e.Features[i]))
			weights := make([]float32, len(e.Features[i]))
			for j, f := range e.Features[i] {
				terms[j], weights[j] = f.Term, f.Weight
			}
			if err := appender.AppendRow(id, e.Vector(i), terms, weights); err != nil {
				appender.Close()
				return fmt.Errorf("recommend: append movie %d: %w", id, err)
			}
		}
		if err := appender.Close(); err != nil {
			return fmt.Errorf("recommend: append to movie_embeddings: %w", err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, `CREATE TABLE embedding_config AS SELECT ? AS dimensions, ? AS text_dimensions`, e.Dim, e.TextDim)
	if err != nil {
		return fmt.Errorf("recommend: record embedding_config: %w", err)
	}
	return nil
}

// Stored is a movie of the stored embeddings, with what ranking needs.
type Stored struct {
	ID    int64
	Title string
	Year  int
	Votes int64
}

// Load reads movie_embeddings and each movie's title, year and votes.
func Load(ctx context.Context, db *sql.DB) (*Embeddings, []Stored, error) {
	var textDim int
	if err := db.QueryRowContext(ctx, `SELECT text_dimensions FROM embedding_config`).Scan(&textDim); err != nil {
		return nil, nil, fmt.Errorf("recommend: the database has no embeddings (built by an older filmoteca?); rebuild it with `filmoteca etl`: %w", err)
	}
	rows, err := db.QueryContext(ctx, `
		SELECT e.movie_id, e.embedding, e.feature_terms, e.feature_weights,
		       coalesce(m.title, ''), m.release_year, coalesce(m.vote_count, 0)
		FROM movie_embeddings e JOIN movies m ON m.id = e.movie_id
		ORDER BY e.movie_id`)
	if err != nil {
		return nil, nil, fmt.Errorf("recommend: read movie_embeddings: %w", err)
	}
	defer rows.Close()
	e := &Embeddings{TextDim: textDim}
	var movies []Stored
	for rows.Next() {
		var s Stored
		var vector, terms, weights []any
		if err := rows.Scan(&s.ID, &vector, &terms, &weights, &s.Title, &s.Year, &s.Votes); err != nil {
			return nil, nil, fmt.Errorf("recommend: read movie_embeddings: %w", err)
		}
		if e.Dim == 0 {
			e.Dim = len(vector)
		}
		if len(vector) != e.Dim {
			return nil, nil, fmt.Errorf("recommend: movie %d has %d dimensions, want %d", s.ID, len(vector), e.Dim)
		}
		for _, x := range vector {
			f, ok := x.(float32)
			if !ok {
				return nil, nil, fmt.Errorf("recommend: movie %d: embedding holds %T, want float32", s.ID, x)
			}
			e.Vectors = append(e.Vectors, f)
		}
		features := make([]Feature, len(terms))
		for j := range terms {
			t, ok1 := terms[j].(uint64)
			w, ok2 := weights[j].(float32)
			if !ok1 || !ok2 || len(weights) != len(terms) {
				return nil, nil, fmt.Errorf("recommend: movie %d: malformed features", s.ID)
			}
			features[j] = Feature{Term: t, Weight: w}
		}
		e.Features = append(e.Features, features)
		e.IDs = append(e.IDs, s.ID)
		movies = append(movies, s)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("recommend: read movie_embeddings: %w", err)
	}
	return e, movies, nil
}
