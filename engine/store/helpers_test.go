package store

import (
	"context"
	"database/sql"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// quirksDir holds real records chosen for their quirks (testdata/quirks/README.md).
const quirksDir = "../../testdata/quirks"

// shippedDir is the dataset the repository ships as its default.
const shippedDir = "../../data"

// sharedDataDir returns ../shared/data beside the repository, or skips the
// test when it is absent (a user's clone does not have it; CI does).
func sharedDataDir(t testing.TB, sub string) string {
	t.Helper()
	dir := os.Getenv("FILMOTECA_SHARED_DATA")
	if dir == "" {
		dir = "../../../shared/data"
	}
	dir = filepath.Join(dir, sub)
	if _, err := os.Stat(filepath.Join(dir, "movies_dataset.csv.gz")); err != nil {
		if _, err := os.Stat(filepath.Join(dir, "movies_dataset.csv")); err != nil {
			t.Skipf("shared data %s not present", dir)
		}
	}
	return dir
}

// buildDB builds dataDir into a fresh file and opens it read-only.
func buildDB(t testing.TB, dataDir string) (*DB, string) {
	t.Helper()
	return buildWith(t, BuildOptions{Data: dataDir})
}

// buildWith builds into a fresh file with opts and opens it read-only.
func buildWith(t testing.TB, opts BuildOptions) (*DB, string) {
	t.Helper()
	opts.DBPath = filepath.Join(t.TempDir(), "test.duckdb")
	if _, err := Build(context.Background(), opts); err != nil {
		t.Fatalf("Build(%s): %v", opts.Data, err)
	}
	db, err := Open(opts.DBPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, opts.DBPath
}

// queryValue runs a one-value query.
func queryValue[T any](t testing.TB, db *DB, query string, args ...any) T {
	t.Helper()
	var v T
	if err := db.db.QueryRowContext(context.Background(), query, args...).Scan(&v); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return v
}

// queryStrings runs a one-column query and returns its rows as strings.
func queryStrings(t testing.TB, db *DB, query string, args ...any) []string {
	t.Helper()
	rows, err := db.db.Query(query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s sql.NullString
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s.String)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// copyDir copies the regular files of src into a new temporary folder.
func copyDir(t testing.TB, src string) string {
	t.Helper()
	dst := t.TempDir()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// copyFS copies the files of fsys into a map a test can change.
func copyFS(t testing.TB, fsys fs.FS) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, path)
		out[path] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// rewrite replaces the content of a file by edit(content), failing the test
// when the edit changes nothing.
func rewrite(t testing.TB, path string, edit func(string) string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	after := edit(string(b))
	if after == string(b) {
		t.Fatalf("rewrite of %s changed nothing", path)
	}
	must(t, os.WriteFile(path, []byte(after), 0o644))
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
