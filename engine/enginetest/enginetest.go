// Package enginetest builds databases for the tests of the packages that
// read them.
package enginetest

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/filmoteca/filmoteca/engine"
)

// Open builds the data folder dir into a temporary database and opens it
// read-only; the handle closes when the test ends.
func Open(tb testing.TB, dir string) *sql.DB {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "test.duckdb")
	if _, err := engine.Build(context.Background(), engine.BuildOptions{DataDir: dir, DBPath: path}); err != nil {
		tb.Fatalf("build %s: %v", dir, err)
	}
	db, err := engine.OpenReadOnly(path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// LargestData returns $FILMOTECA_BENCH_DATA, else the full-size
// reconstruction in ../shared/data/full when present, else the shipped
// sample. root is the path from the calling test's folder to the repository.
func LargestData(root string) string {
	if dir := os.Getenv("FILMOTECA_BENCH_DATA"); dir != "" {
		return dir
	}
	full := filepath.Join(root, "..", "shared", "data", "full")
	if _, err := os.Stat(filepath.Join(full, "movies_dataset.csv.gz")); err == nil {
		return full
	}
	return filepath.Join(root, "data")
}
