package recommend

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"sort"
	"strconv"
	"strings"

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

// Stored is a movie of the stored embeddings, with what ranking and the
// answer need.
type Stored struct {
	ID     int64
	Title  string
	Year   int
	Votes  int64
	Genres []string
}

// Load reads movie_embeddings and each movie's title, year and votes.
func Load(ctx context.Context, db *sql.DB) (*Embeddings, []Stored, error) {
	var dim, textDim int
	if err := db.QueryRowContext(ctx, `SELECT dimensions, text_dimensions FROM embedding_config`).Scan(&dim, &textDim); err != nil {
		return nil, nil, fmt.Errorf("recommend: the database has no embeddings (built by an older filmoteca?); rebuild it with `filmoteca etl`: %w", err)
	}
	var total int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM movie_embeddings`).Scan(&total); err != nil {
		return nil, nil, fmt.Errorf("recommend: count movie_embeddings: %w", err)
	}
	e := &Embeddings{Dim: dim, TextDim: textDim, IDs: make([]int64, 0, total),
		Vectors: make([]float32, 0, total*dim), Features: make([][]Feature, 0, total)}
	movies := make([]Stored, 0, total)
	// Read in slices of rowids: DuckDB materialises each result, and a
	// single query would hold every vector's text at once.
	const batch = 1024
	for from := 0; from < total; from += batch {
		if err := loadBatch(ctx, db, from, from+batch, e, &movies); err != nil {
			return nil, nil, err
		}
	}
	if len(e.IDs) != total {
		return nil, nil, fmt.Errorf("recommend: read %d of %d embeddings", len(e.IDs), total)
	}
	// Written in id order, so read in id order; sorted here only if not.
	if !sort.SliceIsSorted(e.IDs, func(a, b int) bool { return e.IDs[a] < e.IDs[b] }) {
		sortByID(e, movies)
	}
	return e, movies, nil
}

// loadBatch appends the embeddings of rowids [from, to) to e and movies.
// The lists come as text and are parsed here: scanning them as []any would
// box millions of numbers.
func loadBatch(ctx context.Context, db *sql.DB, from, to int, e *Embeddings, movies *[]Stored) error {
	rows, err := db.QueryContext(ctx, `
		SELECT e.movie_id, CAST(e.embedding AS VARCHAR), CAST(e.feature_terms AS VARCHAR),
		       CAST(e.feature_weights AS VARCHAR), coalesce(m.title, ''), m.release_year, coalesce(m.vote_count, 0),
		       array_to_string(f.genres, '|')
		FROM movie_embeddings e JOIN movies m ON m.id = e.movie_id JOIN movie_features f ON f.id = e.movie_id
		WHERE e.rowid >= ? AND e.rowid < ?`, from, to)
	if err != nil {
		return fmt.Errorf("recommend: read movie_embeddings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var s Stored
		var vector, terms, weights, genres string
		if err := rows.Scan(&s.ID, &vector, &terms, &weights, &s.Title, &s.Year, &s.Votes, &genres); err != nil {
			return fmt.Errorf("recommend: read movie_embeddings: %w", err)
		}
		before := len(e.Vectors)
		if e.Vectors, err = appendList(e.Vectors, vector, parseFloat32); err != nil {
			return fmt.Errorf("recommend: movie %d: embedding: %w", s.ID, err)
		}
		if len(e.Vectors)-before != e.Dim {
			return fmt.Errorf("recommend: movie %d has %d dimensions, want %d", s.ID, len(e.Vectors)-before, e.Dim)
		}
		termList, err := appendList(nil, terms, func(t string) (uint64, error) { return strconv.ParseUint(t, 10, 64) })
		if err != nil {
			return fmt.Errorf("recommend: movie %d: feature_terms: %w", s.ID, err)
		}
		weightList, err := appendList(nil, weights, parseFloat32)
		if err != nil {
			return fmt.Errorf("recommend: movie %d: feature_weights: %w", s.ID, err)
		}
		if len(weightList) != len(termList) {
			return fmt.Errorf("recommend: movie %d: %d feature_weights for %d feature_terms", s.ID, len(weightList), len(termList))
		}
		features := make([]Feature, len(termList))
		for j := range termList {
			features[j] = Feature{Term: termList[j], Weight: weightList[j]}
		}
		if genres != "" {
			s.Genres = strings.Split(genres, "|")
		}
		e.Features = append(e.Features, features)
		e.IDs = append(e.IDs, s.ID)
		*movies = append(*movies, s)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("recommend: read movie_embeddings: %w", err)
	}
	return nil
}

// sortByID orders the rows of e, and movies with them, by movie id.
func sortByID(e *Embeddings, movies []Stored) {
	order := make([]int, len(e.IDs))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return e.IDs[order[a]] < e.IDs[order[b]] })
	vectors := make([]float32, len(e.Vectors))
	ids := make([]int64, len(e.IDs))
	features := make([][]Feature, len(e.Features))
	sorted := make([]Stored, len(movies))
	for to, from := range order {
		copy(vectors[to*e.Dim:(to+1)*e.Dim], e.Vector(from))
		ids[to], features[to], sorted[to] = e.IDs[from], e.Features[from], movies[from]
	}
	e.Vectors, e.IDs, e.Features = vectors, ids, features
	copy(movies, sorted)
}

// appendList parses DuckDB's text form of a list ("[1.5, -2, 3e-05]") with
// parse, appending to dst.
func appendList[T any](dst []T, text string, parse func(string) (T, error)) ([]T, error) {
	body, ok := strings.CutPrefix(text, "[")
	if body, ok = strings.CutSuffix(body, "]"); !ok {
		return dst, fmt.Errorf("not a list: %.40q", text)
	}
	if strings.TrimSpace(body) == "" {
		return dst, nil
	}
	for item := range strings.SplitSeq(body, ",") {
		v, err := parse(strings.TrimSpace(item))
		if err != nil {
			return dst, err
		}
		dst = append(dst, v)
	}
	return dst, nil
}

func parseFloat32(s string) (float32, error) {
	f, err := strconv.ParseFloat(s, 32)
	return float32(f), err
}
