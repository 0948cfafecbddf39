// Package engine builds the filmoteca DuckDB database from the raw CSV files
// and opens it for reading.
//
// The build reads the CSVs with DuckDB, applies the numbered SQL files of
// sql/ in order (one transaction each), records what it applied and what it
// read, and swaps the new file into place only when everything succeeded.
package engine

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
)

// OpenReadOnly opens a built database for reading. Writes through the
// returned handle fail (DuckDB's read-only mode), and so does any access to
// other files (read_csv, COPY, ATTACH): external access is disabled.
func OpenReadOnly(path string) (*sql.DB, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("engine: database %s not found; build it with `filmoteca etl`", path)
	}
	db, err := open(path, url.Values{"access_mode": {"READ_ONLY"}, "enable_external_access": {"false"}})
	if err != nil {
		return nil, err
	}
	var version string
	if err := db.QueryRow("SELECT fingerprint FROM etl_build").Scan(&version); err != nil {
		db.Close()
		return nil, fmt.Errorf("engine: %s is not a filmoteca database (no build record); rebuild it with `filmoteca etl`: %w", path, err)
	}
	return db, nil
}

// open opens path with DuckDB settings given as DSN parameters.
func open(path string, settings url.Values) (*sql.DB, error) {
	dsn := path
	if len(settings) > 0 {
		dsn += "?" + settings.Encode()
	}
	connector, err := duckdb.NewConnector(dsn, nil)
	if err != nil {
		return nil, fmt.Errorf("engine: open %s: %w", path, friendlyOpenError(err))
	}
	db := sql.OpenDB(connector)
	if err := db.PingContext(context.Background()); err != nil {
		db.Close()
		return nil, fmt.Errorf("engine: open %s: %w", path, friendlyOpenError(err))
	}
	return db, nil
}

// friendlyOpenError turns DuckDB's lock conflict into a sentence a user can act on.
func friendlyOpenError(err error) error {
	if strings.Contains(err.Error(), "Could not set lock on file") {
		return fmt.Errorf("the file is locked by another process that has it open for writing (stop it, or wait for its build to end): %w", err)
	}
	return err
}

// quoteIdent quotes a DuckDB identifier (used only for names read from the catalog).
func quoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}
