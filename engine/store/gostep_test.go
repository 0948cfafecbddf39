package store

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/filmoteca/filmoteca/engine/film"
)

// idStep is a Go step that gives each film a one-feature vector: its id.
func idStep(version string, runs *int) GoStep {
	return GoStep{Name: "ids", Version: version, Run: func(ctx context.Context, db *BuildDB) error {
		*runs++
		profiles, err := db.Profiles(ctx)
		if err != nil {
			return err
		}
		v := &film.Vectors{}
		for _, p := range profiles {
			v.IDs = append(v.IDs, p.ID)
			v.Features = append(v.Features, []film.Feature{{Term: uint64(p.ID), Weight: 1}})
		}
		return db.WriteVectors(ctx, v, "ids "+version)
	}}
}

// TestGoSteps: a Go step reads what the SQL steps wrote and writes its
// tables; its version is part of the fingerprint; when it fails, the build
// fails with its name and the previous database stays.
func TestGoSteps(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.duckdb")
	runs := 0
	opts := BuildOptions{Data: quirksDir, DBPath: path, GoSteps: []GoStep{idStep("1", &runs)}}
	report, err := Build(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	// The steps given run first, then the store's own (the Spanish names).
	if len(report.GoSteps) != 2 || report.GoSteps[0].Name != "ids" || report.GoSteps[0].Duration <= 0 || report.GoSteps[1].Name != "names" {
		t.Errorf("report.GoSteps = %+v, want the ids step's time, then the names step's", report.GoSteps)
	}
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	v, err := db.Vectors(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if v.Len() != 23 || v.Features[0][0].Term != uint64(v.IDs[0]) {
		t.Errorf("stored vectors: %d films, first %v; want 23 films, each its id", v.Len(), v.Features[:1])
	}
	if got := queryValue[string](t, db, "SELECT configuration FROM embedding_config"); got != "ids 1" {
		t.Errorf("embedding_config = %q, want the step's configuration", got)
	}
	db.Close()

	if again, err := Build(context.Background(), opts); err != nil || !again.UpToDate || runs != 1 {
		t.Fatalf("same step again: up to date %v, runs %d, err %v; want no rebuild", again.UpToDate, runs, err)
	}
	opts.GoSteps = []GoStep{idStep("2", &runs)}
	if rebuilt, err := Build(context.Background(), opts); err != nil || rebuilt.UpToDate || runs != 2 {
		t.Fatalf("a new step version: up to date %v, runs %d, err %v; want a rebuild", rebuilt.UpToDate, runs, err)
	}

	opts.GoSteps = []GoStep{{Name: "broken", Version: "3", Run: func(context.Context, *BuildDB) error {
		return errors.New("no vectors today")
	}}}
	_, err = Build(context.Background(), opts)
	if err == nil || !strings.Contains(err.Error(), "broken") || !strings.Contains(err.Error(), "no vectors today") {
		t.Fatalf("a failing Go step: err = %v, want one naming the step and its cause", err)
	}
	assertIntact(t, path, 23)
}

// TestGoStepOutOfMemory: DuckDB out of memory in a Go step is told in one
// line naming the Go steps' own limit, not --memory-limit, which does not
// set it.
func TestGoStepOutOfMemory(t *testing.T) {
	hungry := GoStep{Name: "hungry", Version: "1", Run: func(ctx context.Context, db *BuildDB) error {
		_, err := db.conn.ExecContext(ctx, "SELECT list(range) FROM range(40000000)") // 320 MB, held at once
		return err
	}}
	_, err := Build(context.Background(), BuildOptions{Data: quirksDir, DBPath: filepath.Join(t.TempDir(), "f.duckdb"), GoSteps: []GoStep{hungry}})
	if err == nil || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), goStepsMemoryLimit+" it is given during the Go steps") {
		t.Fatalf("a Go step out of memory: %v; want one line naming the Go steps' limit", err)
	}
}
