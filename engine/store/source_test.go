package store

import (
	"archive/zip"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fileSum is the SHA-256 of a file, to tell whether it changed.
func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// TestNeverRebuiltFromOtherData: a database is rebuilt only from its own
// recorded source (when it changed) or from data named explicitly.
func TestNeverRebuiltFromOtherData(t *testing.T) {
	ctx := context.Background()
	own := copyDir(t, quirksDir)
	path := filepath.Join(t.TempDir(), "f.duckdb")
	if _, err := Build(ctx, BuildOptions{Data: own, DBPath: path}); err != nil {
		t.Fatal(err)
	}
	sum := fileSum(t, path)

	// What serve does: no --data, a default that is other data.
	r, err := Build(ctx, BuildOptions{DefaultData: shippedDir, DBPath: path})
	if err != nil || !r.UpToDate || r.Source != own {
		t.Fatalf("implicit build over a database of other data: %+v, %v", r, err)
	}
	if fileSum(t, path) != sum {
		t.Fatal("the database changed")
	}

	// Its own source changed: rebuilt from it.
	rewrite(t, filepath.Join(own, "movies_dataset.csv"), func(s string) string {
		return strings.Replace(s, "Weekend at Bernie's,False", "Weekend at Bernie's II,False", 1)
	})
	r, err = Build(ctx, BuildOptions{DefaultData: shippedDir, DBPath: path})
	if err != nil || r.UpToDate || r.Source != own || r.Previous != nil {
		t.Fatalf("rebuild from the changed source: %+v, %v", r, err)
	}
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := queryValue[int64](t, db, "SELECT count(*) FROM movies WHERE title = 'Weekend at Bernie''s II'"); n != 1 {
		t.Errorf("the rebuild did not read the changed source (%d)", n)
	}
	db.Close()
	sum = fileSum(t, path)

	// Its source is gone: kept as it is.
	must(t, os.RemoveAll(own))
	r, err = Build(ctx, BuildOptions{DefaultData: shippedDir, DBPath: path})
	if err != nil || !r.Kept || r.Previous == nil || r.Previous.Source != own || time.Since(r.Previous.BuiltAt) > time.Hour {
		t.Fatalf("source gone: %+v, %v", r, err)
	}
	if fileSum(t, path) != sum {
		t.Fatal("a database whose source is gone was changed")
	}

	// Other data named explicitly: replaced, and the report says from what.
	r, err = Build(ctx, BuildOptions{Data: quirksDir, DBPath: path})
	abs, _ := filepath.Abs(quirksDir)
	if err != nil || r.UpToDate || r.Previous == nil || r.Previous.Source != own || r.Source != abs {
		t.Fatalf("explicit data: %+v, %v", r, err)
	}
}

// TestNotADatabaseOfOurs: a file that is not a filmoteca database is never
// replaced; one built by an older filmoteca only with --data.
func TestNotADatabaseOfOurs(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.duckdb")
	must(t, os.WriteFile(notes, []byte("my notes, not a database"), 0o644))
	if _, err := Build(ctx, BuildOptions{Data: quirksDir, DBPath: notes}); err == nil || !strings.Contains(err.Error(), "not replaced") {
		t.Errorf("a text file: %v", err)
	}
	if b, _ := os.ReadFile(notes); string(b) != "my notes, not a database" {
		t.Error("the text file was replaced")
	}

	older := filepath.Join(dir, "older.duckdb")
	db, err := open(older, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec(`CREATE TABLE etl_build (fingerprint VARCHAR, builder_version VARCHAR, duckdb_version VARCHAR, built_at TIMESTAMP, seconds DOUBLE);
		INSERT INTO etl_build VALUES ('x', '3', 'v1.5.6', now(), 1)`)
	must(t, err)
	must(t, db.Close())
	if _, err := Build(ctx, BuildOptions{DefaultData: shippedDir, DBPath: older}); err == nil || !strings.Contains(err.Error(), "--data") {
		t.Errorf("an older database without --data: %v", err)
	}
	r, err := Build(ctx, BuildOptions{Data: quirksDir, DBPath: older})
	if err != nil || r.Previous == nil || r.Previous.Source != "" {
		t.Errorf("an older database with --data: %+v, %v", r, err)
	}
}

// gunzip returns the content of a gzip-compressed file.
func gunzip(t *testing.T, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// writeZip writes an archive of members (name -> content), deflated.
func writeZip(t *testing.T, path string, members map[string][]byte, order []string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, name := range order {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Date(2017, 11, 9, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(members[name]); err != nil {
			t.Fatal(err)
		}
	}
	must(t, zw.Close())
	must(t, f.Close())
}

// TestKaggleArchive builds from a zip shaped like Kaggle's download (its
// file names, plus files the build does not use) and from the shipped
// folder: the same database.
func TestKaggleArchive(t *testing.T) {
	members := map[string][]byte{
		"movies_metadata.csv": gunzip(t, filepath.Join(shippedDir, "movies_dataset.csv.gz")),
		"credits.csv":         gunzip(t, filepath.Join(shippedDir, "credits.csv.gz")),
		"keywords.csv":        gunzip(t, filepath.Join(shippedDir, "keywords.csv.gz")),
		"links_small.csv":     []byte("movieId,imdbId,tmdbId\n1,0114709,862\n"),
		"ratings_small.csv":   []byte("userId,movieId,rating,timestamp\n1,1,4.0,964982703\n"),
	}
	archive := filepath.Join(t.TempDir(), "the-movies-dataset.zip")
	writeZip(t, archive, members, []string{"credits.csv", "keywords.csv", "links_small.csv", "movies_metadata.csv", "ratings_small.csv"})

	fromZip, path := buildDB(t, archive)
	fromFolder, _ := buildDB(t, shippedDir)
	if left := staleScratch(path); len(left) > 0 {
		t.Errorf("the extracted inputs were left behind: %v", left)
	}
	for _, query := range []string{
		"SELECT count(*) FROM movies", "SELECT count(*) FROM movie_cast", "SELECT count(*) FROM movie_keywords",
		"SELECT count(*) FROM rejected_rows",
		`SELECT sum(hash(id, title, release_date, budget, revenue, "return", vote_count)) FROM movies`,
	} {
		query = "SELECT CAST((" + query + ") AS VARCHAR)"
		if a, b := queryValue[string](t, fromZip, query), queryValue[string](t, fromFolder, query); a != b {
			t.Errorf("%s: %v from the archive, %v from the folder", query, a, b)
		}
	}
	got := queryStrings(t, fromZip, "SELECT name || ' ' || path FROM etl_inputs ORDER BY name")
	want := []string{"credits.csv " + archive + "!credits.csv", "keywords.csv " + archive + "!keywords.csv", "movies_dataset.csv " + archive + "!movies_metadata.csv"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("etl_inputs = %q, want %q", got, want)
	}
	if src := queryValue[string](t, fromZip, "SELECT source FROM etl_build"); src != archive {
		t.Errorf("source = %s, want the archive %s", src, archive)
	}

	// The same archive with its files in a folder, as a re-zipped download.
	nested := filepath.Join(t.TempDir(), "nested.zip")
	prefixed := map[string][]byte{}
	var order []string
	for name, body := range members {
		prefixed["the-movies-dataset/"+name] = body
		order = append(order, "the-movies-dataset/"+name)
	}
	writeZip(t, nested, prefixed, order)
	fromNested, _ := buildDB(t, nested)
	if a, b := queryValue[int64](t, fromNested, "SELECT count(*) FROM movie_crew"), queryValue[int64](t, fromFolder, "SELECT count(*) FROM movie_crew"); a != b {
		t.Errorf("nested archive: %d crew credits, want %d", a, b)
	}
}

func TestMoviesFileNames(t *testing.T) {
	dir := copyDir(t, quirksDir)
	movies := filepath.Join(dir, "movies_dataset.csv")
	kaggle := filepath.Join(dir, "movies_metadata.csv")
	must(t, os.Rename(movies, kaggle))
	db, _ := buildDB(t, dir)
	if n := queryValue[int64](t, db, "SELECT count(*) FROM movies"); n != 23 {
		t.Errorf("from movies_metadata.csv: %d movies, want 23", n)
	}

	// Both names, the same file: fine.
	b, err := os.ReadFile(kaggle)
	must(t, err)
	must(t, os.WriteFile(movies, b, 0o644))
	if _, err := FindInputs(dir); err != nil {
		t.Errorf("both names, same content: %v", err)
	}
	// Both names, different files: which one is meant is a guess, so refuse.
	rewrite(t, kaggle, func(s string) string { return strings.Replace(s, "Toy Story", "Toy Story!", 1) })
	_, err = FindInputs(dir)
	if err == nil || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), "movies_dataset.csv") || !strings.Contains(err.Error(), "movies_metadata.csv") {
		t.Errorf("both names, different content: %v", err)
	}
}

// TestMemoryLimitGivesTheSameDatabase: a build squeezed into little memory
// writes the same tables as one with plenty (the default limit is what
// keeps the build inside a 512 MB host).
func TestMemoryLimitGivesTheSameDatabase(t *testing.T) {
	small, _ := buildWith(t, BuildOptions{Data: shippedDir, MemoryLimit: "128MB"})
	large, _ := buildWith(t, BuildOptions{Data: shippedDir, MemoryLimit: "2GB"})
	for _, table := range queryStrings(t, large, "SELECT table_name FROM duckdb_tables() WHERE table_name NOT LIKE 'etl%' ORDER BY ALL") {
		query := "SELECT count(*) || ' ' || coalesce(sum(hash(t)), 0) FROM " + quoteIdent(table) + " t"
		if a, b := queryValue[string](t, small, query), queryValue[string](t, large, query); a != b {
			t.Errorf("%s: %s with 128 MB, %s with 2 GB", table, a, b)
		}
	}
}
