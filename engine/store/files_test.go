package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestBuildRemovesOnlyWhatItCreated: a folder of the user's beside the
// database, with a name a build once used (DB.inputs) or one like a
// scratch folder's but without the marker, survives builds and up-to-date
// checks; a killed build's scratch folder (with the marker) is removed.
func TestBuildRemovesOnlyWhatItCreated(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "films")
	mine := filepath.Join(dir, "films.inputs")
	lookalike := filepath.Join(dir, "films.build-notes")
	for _, d := range []string{mine, lookalike} {
		must(t, os.Mkdir(d, 0o755))
		must(t, os.WriteFile(filepath.Join(d, "my_notes.txt"), []byte("notes\n"), 0o644))
	}
	// The user's sequence from the issue: the inputs in films.inputs.
	for _, name := range []string{"movies_dataset.csv", "credits.csv"} {
		b, err := os.ReadFile(filepath.Join(quirksDir, name))
		must(t, err)
		must(t, os.WriteFile(filepath.Join(mine, name), b, 0o644))
	}
	opts := BuildOptions{Data: mine, DBPath: path}
	if _, err := Build(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	killed, err := newScratch(path) // what a killed build leaves
	must(t, err)
	must(t, os.WriteFile(killed.database(), []byte("half a database"), 0o644))
	must(t, os.MkdirAll(killed.database()+".tmp", 0o755)) // DuckDB's spill folder
	if r, err := Build(context.Background(), opts); err != nil || !r.UpToDate {
		t.Fatalf("second build: %+v, %v; want up to date", r, err)
	}
	if _, err := os.Stat(killed.dir); !os.IsNotExist(err) {
		t.Errorf("the killed build's scratch folder %s is still there: %v", killed.dir, err)
	}
	if _, err := Build(context.Background(), BuildOptions{Data: mine, DBPath: path, Force: true}); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{mine, lookalike} {
		if b, err := os.ReadFile(filepath.Join(d, "my_notes.txt")); err != nil || string(b) != "notes\n" {
			t.Errorf("%s/my_notes.txt: %q, %v; a build removed what it did not create", d, b, err)
		}
	}
	assertIntact(t, path, 23)
}
