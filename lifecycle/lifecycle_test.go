package lifecycle

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/filmoteca/filmoteca/engine/registry"
	"github.com/filmoteca/filmoteca/server"
)

// films is what a server answers /resumen with, in films.
func films(t *testing.T, h http.Handler) float64 {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/resumen", nil))
	var summary map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &summary); err != nil {
		t.Fatalf("/resumen: %d %s", rec.Code, rec.Body)
	}
	return summary["peliculas"].(float64)
}

// TestBuildIntoStore: the first build is promoted with its lineage; a build
// that loses most films is refused and kept as refused, the current one
// unchanged; --no-promote gates without promoting; a server following the
// store swaps a promoted build in, keeps its build when the new one cannot
// be served, and follows a rollback.
func TestBuildIntoStore(t *testing.T) {
	ctx := context.Background()
	reg, err := registry.Open(filepath.Join(t.TempDir(), "store"))
	if err != nil {
		t.Fatal(err)
	}
	first, err := BuildInto(ctx, reg, Options{Data: "../data", Keep: 5, Code: "test"})
	if err != nil {
		t.Fatal(err)
	}
	b := first.Build
	if !first.Promoted || b.Status != registry.Passed || b.Films != 2993 || !b.Current {
		t.Fatalf("the first build: %+v", first)
	}
	l := b.Lineage
	if len(l.Inputs) != 3 || len(l.Inputs[0].SHA256) != 64 || len(l.Steps) < 9 || l.Code != "test" ||
		!strings.Contains(l.Model, "Weights") || l.Tables["movies"] != 2993 || len(l.DataSHA256) != 64 {
		t.Errorf("lineage: %+v", l)
	}
	if b.Gate.Figures["collection_hit_at_5"] == 0 || b.Gate.Figures["films"] != 2993 {
		t.Errorf("gate figures: %v", b.Gate.Figures)
	}

	shrunk, err := BuildInto(ctx, reg, Options{Data: "../testdata/quirks", Keep: 5})
	if err != nil {
		t.Fatal(err)
	}
	if shrunk.Promoted || shrunk.Build.Status != registry.Refused || !strings.Contains(shrunk.Build.Reason, "shrink") {
		t.Errorf("a build of 23 films after one of 2993: %+v", shrunk.Build)
	}
	if id, _ := reg.CurrentID(); id != b.ID {
		t.Errorf("after a refused build, the current one is %s, want %s", id, b.ID)
	}
	held, err := BuildInto(ctx, reg, Options{Data: "../data", Keep: 5, NoPromote: true})
	if err != nil || held.Promoted || held.Build.Status != registry.Passed {
		t.Fatalf("--no-promote: %+v, %v", held, err)
	}

	// A server following the store.
	svc, info, err := LoadBuild(ctx, reg, b.ID, "test")
	if err != nil {
		t.Fatal(err)
	}
	srv := server.New(svc, slog.New(slog.DiscardHandler))
	srv.Swap(svc, info)
	followCtx, stop := context.WithCancel(ctx)
	defer stop()
	reload := make(chan struct{})
	go Follow(followCtx, reg, srv, b.ID, "test", reload, slog.New(slog.DiscardHandler))

	// A promoted build whose database is damaged is not swapped in.
	broken, err := BuildInto(ctx, reg, Options{Data: "../data", Keep: 5, NoPromote: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(reg.DatabasePath(broken.Build.ID), []byte("not a database"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Promote(reg, broken.Build.ID, false); err != nil {
		t.Fatal(err)
	}
	time.Sleep(4 * PollEvery)
	if n := films(t, srv); n != 2993 {
		t.Fatalf("after a damaged build's promotion the server answers %v films, want the 2993 it had", n)
	}
	if _, to, err := Rollback(reg); err != nil || to.ID != b.ID {
		t.Fatalf("rollback from the damaged build: %v, %v; want the first build", to, err)
	}

	// The refused build of 23 films, promoted by force, is swapped in.
	if _, err := Promote(reg, shrunk.Build.ID, true); err != nil {
		t.Fatal(err)
	}
	waitFor(t, srv, 23, 3*time.Second)
	if _, to, err := Rollback(reg); err != nil || to.ID != b.ID {
		t.Fatalf("rollback from the forced build: %v, %v; want the first build again (the damaged one was rolled back from)", to, err)
	}
	waitFor(t, srv, 2993, 3*time.Second)
}

// waitFor waits until the server answers want films, at most within.
func waitFor(t *testing.T, h http.Handler, want float64, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for films(t, h) != want {
		if time.Now().After(deadline) {
			t.Fatalf("the server still answers %v films after %v, want %v", films(t, h), within, want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestBuildIntoABrokenStore: when the current build's record is damaged,
// its database gone or damaged, a new build is still made, gated on its
// own (one warning says why) and promoted.
func TestBuildIntoABrokenStore(t *testing.T) {
	ctx := context.Background()
	reg, err := registry.Open(filepath.Join(t.TempDir(), "store"))
	if err != nil {
		t.Fatal(err)
	}
	var logged strings.Builder
	opts := Options{Data: "../testdata/quirks", Keep: 5, Logger: slog.New(slog.NewTextHandler(&logged, &slog.HandlerOptions{Level: slog.LevelWarn}))}
	first, err := BuildInto(ctx, reg, opts)
	if err != nil || !first.Promoted {
		t.Fatalf("the first build: %+v, %v", first, err)
	}
	current := first.Build.ID
	for name, breakIt := range map[string]func(id string) error{
		"a damaged record": func(id string) error {
			return os.WriteFile(filepath.Join(reg.Dir(), "builds", id, "build.json"), []byte("{"), 0o644)
		},
		"a missing database": func(id string) error { return os.Remove(reg.DatabasePath(id)) },
		"a damaged database": func(id string) error { return os.WriteFile(reg.DatabasePath(id), []byte("not a database"), 0o644) },
	} {
		if err := breakIt(current); err != nil {
			t.Fatal(err)
		}
		logged.Reset()
		res, err := BuildInto(ctx, reg, opts)
		if err != nil || !res.Promoted || res.Build.Status != registry.Passed {
			t.Fatalf("after %s: %+v, %v", name, res, err)
		}
		if lines := strings.Split(strings.TrimSpace(logged.String()), "\n"); len(lines) != 1 || !strings.Contains(lines[0], "current build cannot be") {
			t.Errorf("after %s, the log: %q; want one warning", name, logged.String())
		}
		current = res.Build.ID
	}
}
