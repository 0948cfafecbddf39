package store

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// memoryChildDir, when set, makes TestBuildOverTheMemoryLimit the child
// process that runs the failing build (see there).
const memoryChildDir = "FILMOTECA_TEST_MEMORY_CHILD"

// A build that needs more memory than --memory-limit gives DuckDB stops
// with one line that names the limit and the flag, and leaves the previous
// database as it was. It runs in a process of its own, which must end
// normally: DuckDB's out-of-memory exception thrown through a Go function
// aborts the whole process (SIGABRT) instead of failing the build.
func TestBuildOverTheMemoryLimit(t *testing.T) {
	if dir := os.Getenv(memoryChildDir); dir != "" {
		_, err := Build(context.Background(), BuildOptions{Data: shippedDir, DBPath: filepath.Join(dir, "m.duckdb"),
			Force: true, MemoryLimit: "8MB"})
		if err == nil {
			err = errors.New("built within 8MB")
		}
		must(t, os.WriteFile(filepath.Join(dir, "error.txt"), []byte(err.Error()), 0o644))
		return
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "m.duckdb")
	if _, err := Build(context.Background(), BuildOptions{Data: shippedDir, DBPath: path}); err != nil {
		t.Fatal(err)
	}
	db, err := Open(path)
	must(t, err)
	movies := queryValue[int64](t, db, "SELECT count(*) FROM movies")
	db.Close()

	child := exec.Command(os.Args[0], "-test.run=^TestBuildOverTheMemoryLimit$")
	child.Env = append(os.Environ(), memoryChildDir+"="+dir)
	if out, err := child.CombinedOutput(); err != nil {
		t.Fatalf("the build's process did not end normally (%v):\n%.3000s", err, out)
	}
	b, err := os.ReadFile(filepath.Join(dir, "error.txt"))
	must(t, err)
	msg := string(b)
	if strings.Contains(msg, "\n") {
		t.Errorf("error spans several lines: %q", msg)
	}
	for _, want := range []string{"store: apply ", ".sql: ", "--memory-limit 8MB", "raise it"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
	assertIntact(t, path, movies)
}

// DuckDB's out-of-memory messages, as the build says them.
func TestOutOfMemoryMessage(t *testing.T) {
	const advice = "\n\nPossible solutions:\n* Reducing the number of threads (SET threads=X)\n" +
		"* Disabling insertion-order preservation (SET preserve_insertion_order=false)\n" +
		"* Increasing the memory limit (SET memory_limit='...GB')\n\n" +
		"See also https://duckdb.org/docs/stable/guides/performance/how_to_tune_workloads"
	tests := []struct {
		name, duckdb, want string
	}{
		{"the default limit", "Out of Memory Error: failed to allocate data of size 16.0 MiB (190.7 MiB/190.7 MiB used)" + advice,
			"the build needs more memory than --memory-limit 200MB gives DuckDB; raise it, e.g. --memory-limit 400MB"},
		{"a small limit", "Out of Memory Error: could not allocate block of size 4.0 MiB (5.0 MiB/7.6 MiB used)" + advice,
			"the build needs more memory than --memory-limit 8MB gives DuckDB; raise it, e.g. --memory-limit 16MB"},
		{"1GB", "Out of Memory Error: failed to pin block of size 256.0 KiB (953.5 MiB/953.6 MiB used)" + advice,
			"the build needs more memory than --memory-limit 1GB gives DuckDB; raise it, e.g. --memory-limit 2GB"},
		{"no sizes", "Out of Memory Error: something else" + advice,
			"the build needs more memory than --memory-limit gives DuckDB; raise it, e.g. --memory-limit 1GB"},
		{"the spill disk is full", "Out of Memory Error: failed to offload data block of size 256.0 KiB (57.3 MiB/57.5 MiB used).\n" +
			"This limit was set by the 'max_temp_directory_size' setting.\n" +
			"By default, this setting utilizes the available disk space on the drive where the 'temp_directory' is located.",
			"the disk beside the database, where the build writes what does not fit in memory, holds 57.5 MiB " +
				"(DuckDB's max_temp_directory_size: the free space when the build began); free some space"},
		{"another error", "Catalog Error: Table with name no_such_table does not exist!\nDid you mean \"movies\"?\n\nLINE 1: SELECT * FROM no_such_table\n",
			"Catalog Error: Table with name no_such_table does not exist!: Did you mean \"movies\"?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := (oneLineError{errors.New(tt.duckdb)}).Error(); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
