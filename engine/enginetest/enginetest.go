// Package enginetest builds databases for the tests of the packages that
// read them.
package enginetest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/filmoteca/filmoteca/engine/pipeline"
	"github.com/filmoteca/filmoteca/engine/service"
	"github.com/filmoteca/filmoteca/engine/store"
)

// Open builds the data folder dir into a temporary database and opens it
// read-only; the handle closes when the test ends.
func Open(tb testing.TB, dir string) *store.DB {
	tb.Helper()
	db, err := store.Open(Build(tb, dir))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// Build builds the data folder dir into a temporary database and returns
// its path.
func Build(tb testing.TB, dir string) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "test.duckdb")
	if _, err := pipeline.Build(context.Background(), store.BuildOptions{Data: dir, DBPath: path}); err != nil {
		tb.Fatalf("build %s: %v", dir, err)
	}
	return path
}

// Service loads db into the service the API answers from.
func Service(tb testing.TB, db *store.DB) *service.Service {
	tb.Helper()
	loaded, err := pipeline.Load(context.Background(), db)
	if err != nil {
		tb.Fatal(err)
	}
	svc, err := loaded.Service()
	if err != nil {
		tb.Fatal(err)
	}
	return svc
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
