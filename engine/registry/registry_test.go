package registry

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2026, 12, 6, 15, 0, 0, 0, time.UTC)

// passed creates a build that passed its gate, with a database file.
func passed(t *testing.T, r *Registry, at time.Time) *Build {
	t.Helper()
	b, err := r.New(at)
	if err != nil {
		t.Fatal(err)
	}
	b.Status, b.Films = Passed, 100
	if err := os.WriteFile(r.DatabasePath(b.ID), []byte("db"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := r.Save(b); err != nil {
		t.Fatal(err)
	}
	return b
}

func TestOpenRefusesAFolderThatIsNotAStore(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir); err == nil || !strings.Contains(err.Error(), "not a filmoteca store") {
		t.Fatalf("a folder of other files: err = %v, want a refusal", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "notes.txt")); string(b) != "mine" {
		t.Error("the folder's file was touched")
	}
	fresh := filepath.Join(t.TempDir(), "new", "store")
	if _, err := Open(fresh); err != nil {
		t.Fatalf("a new folder: %v", err)
	}
	if _, err := Open(fresh); err != nil {
		t.Fatalf("the store again: %v", err)
	}
}

func TestPromoteAndRollback(t *testing.T) {
	r, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if cur, err := r.Current(); cur != nil || err != nil {
		t.Fatalf("a new store's current build: %v, %v", cur, err)
	}
	a, b, c := passed(t, r, t0), passed(t, r, t0.Add(time.Hour)), passed(t, r, t0.Add(2*time.Hour))
	refused, err := r.New(t0.Add(3 * time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	refused.Status, refused.Reason = Refused, "loses 5% of the films"
	if err := r.Save(refused); err != nil {
		t.Fatal(err)
	}
	for i, id := range []string{a.ID, b.ID, c.ID} {
		if _, err := r.Promote(id, t0.Add(time.Duration(10+i)*time.Hour), false); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := r.Promote(refused.ID, t0.Add(20*time.Hour), false); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Errorf("promoting a refused build: err = %v, want a refusal naming --force", err)
	}
	list, err := r.List()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 4 || list[0].ID != refused.ID || !list[1].Current || list[1].ID != c.ID {
		t.Fatalf("List: %+v; want the four builds newest first, c current", list)
	}
	// Rollback goes from c to b, then from b to a: never back to c.
	for _, want := range []string{b.ID, a.ID} {
		from, to, err := r.Rollback(t0.Add(30 * time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if id, _ := r.CurrentID(); to.ID != want || id != want || !from.RolledBack {
			t.Fatalf("rollback from %s: to %s (pointer %s), want %s", from.ID, to.ID, id, want)
		}
	}
	if _, _, err := r.Rollback(t0.Add(40 * time.Hour)); err == nil {
		t.Error("a rollback with no earlier good build: no error")
	}
	// Promoting c again makes it good to roll back to once more.
	if _, err := r.Promote(c.ID, t0.Add(50*time.Hour), false); err != nil {
		t.Fatal(err)
	}
	if _, to, err := r.Rollback(t0.Add(60 * time.Hour)); err != nil || to.ID != a.ID {
		t.Errorf("rollback from c after its promotion: %v, %v; want a", to, err)
	}
}

func TestPruneKeepsTheCurrentAndThePreviousGood(t *testing.T) {
	r, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i := range 7 {
		b := passed(t, r, t0.Add(time.Duration(i)*time.Hour))
		ids = append(ids, b.ID)
	}
	if _, err := r.Promote(ids[0], t0.Add(10*time.Hour), false); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Promote(ids[1], t0.Add(11*time.Hour), false); err != nil {
		t.Fatal(err)
	}
	deleted, err := r.Prune(3)
	if err != nil {
		t.Fatal(err)
	}
	// Kept: the 3 newest (6, 5, 4), the current (1) and the rollback target (0).
	if strings.Join(deleted, ",") != ids[3]+","+ids[2] {
		t.Errorf("pruned %v, want builds 3 and 2", deleted)
	}
	if err := os.WriteFile(filepath.Join(r.Dir(), buildsDir, "mine.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Prune(0); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(r.Dir(), buildsDir, "mine.txt")); err != nil {
		t.Error("prune removed a file that is not a build")
	}
}

func TestOneWriterAtATime(t *testing.T) {
	r, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	unlock, err := r.Lock()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Lock(); err == nil || !strings.Contains(err.Error(), "another etl") {
		t.Errorf("a second writer: err = %v, want a refusal", err)
	}
	unlock()
	if unlock, err := r.Lock(); err != nil {
		t.Errorf("after the first writer: %v", err)
	} else {
		unlock()
	}
}

func TestBadPointer(t *testing.T) {
	r, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	write := func(s string) {
		if err := os.WriteFile(filepath.Join(r.Dir(), currentFile), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("../../etc\n")
	if _, err := r.Current(); err == nil || !strings.Contains(err.Error(), "not a build id") {
		t.Errorf("a pointer that is no id: err = %v", err)
	}
	write("20260101T000000Z-abcd\n")
	if _, err := r.Current(); err == nil || !strings.Contains(err.Error(), "cannot be read") {
		t.Errorf("a pointer to a missing build: err = %v", err)
	}
	b := passed(t, r, t0)
	if err := os.Remove(r.DatabasePath(b.ID)); err != nil {
		t.Fatal(err)
	}
	write(b.ID + "\n")
	if _, err := r.Current(); err == nil || !strings.Contains(err.Error(), "database is missing") {
		t.Errorf("a pointer to a build without its database: err = %v", err)
	}
}

// TestStoreFilesAreReadableByOthers: replicas may run as another user than
// the one who writes the store; its pointer, marker and builds' records
// must be readable by them.
func TestStoreFilesAreReadableByOthers(t *testing.T) {
	dir := t.TempDir()
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	b := passed(t, r, t0)
	if _, err := r.Promote(b.ID, t0.Add(time.Hour), false); err != nil {
		t.Fatal(err)
	}
	var files []string
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasSuffix(path, ".duckdb") && !strings.HasSuffix(path, ".lock") {
			files = append(files, path)
		}
		return nil
	})
	if len(files) < 3 {
		t.Fatalf("found only %v", files)
	}
	for _, f := range files {
		if info, err := os.Stat(f); err != nil || info.Mode().Perm()&0o044 != 0o044 {
			t.Errorf("%s: mode %v, want readable by group and others", f, info.Mode().Perm())
		}
	}
}

// TestRecordsDoNotStoreCurrent: only the pointer says which build is
// current; a record saved by a promotion or a rollback does not.
func TestRecordsDoNotStoreCurrent(t *testing.T) {
	r, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	a, b := passed(t, r, t0), passed(t, r, t0.Add(time.Hour))
	for _, id := range []string{a.ID, b.ID} {
		if _, err := r.Promote(id, t0.Add(2*time.Hour), false); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := r.Rollback(t0.Add(3 * time.Hour)); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{a.ID, b.ID} {
		raw, err := os.ReadFile(filepath.Join(r.buildDir(id), recordFile))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(raw), `"current"`) {
			t.Errorf("build %s's record stores current:\n%s", id, raw)
		}
	}
	if cur, err := r.Current(); err != nil || cur.ID != a.ID || !cur.Current {
		t.Errorf("after the rollback Current() = %v, %v; want %s, current", cur, err, a.ID)
	}
}

// TestRollbackFromABrokenCurrent: the current build's record is damaged,
// or its database gone: a rollback still goes to the previous good build.
func TestRollbackFromABrokenCurrent(t *testing.T) {
	for name, breakIt := range map[string]func(r *Registry, id string) error{
		"record": func(r *Registry, id string) error {
			return os.WriteFile(filepath.Join(r.buildDir(id), recordFile), []byte("{"), 0o644)
		},
		"database": func(r *Registry, id string) error { return os.Remove(r.DatabasePath(id)) },
	} {
		r, err := Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		a, b := passed(t, r, t0), passed(t, r, t0.Add(time.Hour))
		for i, id := range []string{a.ID, b.ID} {
			if _, err := r.Promote(id, t0.Add(time.Duration(2+i)*time.Hour), false); err != nil {
				t.Fatal(err)
			}
		}
		if err := breakIt(r, b.ID); err != nil {
			t.Fatal(err)
		}
		from, to, err := r.Rollback(t0.Add(5 * time.Hour))
		if err != nil || from.ID != b.ID || to.ID != a.ID {
			t.Errorf("its %s broken: rollback %v → %v, %v; want %s → %s", name, from, to, err, b.ID, a.ID)
		}
	}
}

// TestPruneNeverTheNewest: even asked to keep none, the build just made stays.
func TestPruneNeverTheNewest(t *testing.T) {
	r, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	passed(t, r, t0)
	newest := passed(t, r, t0.Add(time.Hour))
	for _, keep := range []int{0, -1} {
		if _, err := r.Prune(keep); err != nil {
			t.Fatal(err)
		}
		if _, err := r.Get(newest.ID); err != nil {
			t.Errorf("Prune(%d) deleted the newest build: %v", keep, err)
		}
	}
}
