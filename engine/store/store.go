// Package store owns the DuckDB database: it builds it from the input files
// by applying the numbered SQL steps of sql/ and the Go steps its caller
// passes in (Build), opens it read-only (Open), and loads what the rest of
// filmoteca works with: the catalogue of movies and people (Catalog), what
// the recommender reads and writes (Profiles, Vectors, FeatureNames) and
// any query's result (Query). The SQL of the build and of these loads is
// here or in sql/; the EDA report keeps its cells' queries in eda/cells/.
// database/sql and the driver are imported nowhere else.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strings"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/filmoteca/filmoteca/engine/tabular"
)

// DB is a built database, opened read-only.
type DB struct {
	db *sql.DB
}

// Open opens a built database for reading. Writes through it fail (DuckDB's
// read-only mode), and so does any access to other files (read_csv, COPY,
// ATTACH): external access is disabled.
func Open(path string) (*DB, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("store: database %s not found; build it with `filmoteca etl`", path)
	}
	db, err := open(path, url.Values{"access_mode": {"READ_ONLY"}, "enable_external_access": {"false"}})
	if err != nil {
		return nil, err
	}
	var fingerprint string
	if err := db.QueryRow("SELECT fingerprint FROM etl_build").Scan(&fingerprint); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: %s is not a filmoteca database of this version (it says nothing of its build); rebuild it with `filmoteca etl --data DIR --db %s`: %w", path, path, err)
	}
	return &DB{db: db}, nil
}

// Close closes the database.
func (db *DB) Close() error { return db.db.Close() }

// Query runs one statement and returns its whole result.
func (db *DB) Query(ctx context.Context, query string, args ...any) (*tabular.Table, error) {
	rows, err := db.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, explainQueryError(err)
	}
	table, err := readAll(rows)
	if err != nil {
		return nil, explainQueryError(err)
	}
	return table, nil
}

// QueryOver runs query with the result of base available as the table
// name: WITH name AS (base) query. The EDA report computes each cell's
// finding this way, over the cell's own result.
func (db *DB) QueryOver(ctx context.Context, name, base, query string) (*tabular.Table, error) {
	return db.Query(ctx, "WITH "+quoteIdent(name)+" AS ("+base+") "+query)
}

// open opens path with DuckDB settings given as DSN parameters.
func open(path string, settings url.Values) (*sql.DB, error) {
	dsn := path
	if len(settings) > 0 {
		dsn += "?" + settings.Encode()
	}
	connector, err := duckdb.NewConnector(dsn, nil)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, friendlyOpenError(err))
	}
	db := sql.OpenDB(connector)
	if err := db.PingContext(context.Background()); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, friendlyOpenError(err))
	}
	return db, nil
}

// quoteIdent quotes a DuckDB identifier.
func quoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}
