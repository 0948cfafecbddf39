// Package registry keeps versioned builds in a folder, the way a model
// registry or TF Serving's version folders do: every build in a folder of
// its own, never written over, with a record of what it was built from and
// whether it passed its gate; a small pointer file names the build being
// served, and is replaced atomically to promote or roll back. It knows
// files only, not DuckDB: the commands fill the records.
//
//	STORE/filmoteca-store.json   the marker: this folder is a store
//	STORE/CURRENT                the current build's id
//	STORE/.lock                  held by the one writer (etl, promote, rollback)
//	STORE/builds/ID/build.json   the build's record
//	STORE/builds/ID/filmoteca.duckdb
package registry

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"time"
)

// Files of a store.
const (
	markerFile  = "filmoteca-store.json"
	currentFile = "CURRENT"
	lockFile    = ".lock"
	buildsDir   = "builds"
	recordFile  = "build.json"
	// databaseFile is a build's database, in its folder.
	databaseFile = "filmoteca.duckdb"
)

// idPattern is what a build's id looks like: its creation time (UTC) and
// a random suffix, so that ids sort by time.
var idPattern = regexp.MustCompile(`^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{4}$`)

// Registry is a store of builds.
type Registry struct {
	dir string
}

// Open opens the store in dir, creating it when dir is missing or empty. A
// folder that holds other things is not a store, and is refused: nothing
// in it is touched.
func Open(dir string) (*Registry, error) {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist) || (err == nil && len(entries) == 0):
		if err := os.MkdirAll(filepath.Join(dir, buildsDir), 0o755); err != nil {
			return nil, fmt.Errorf("registry: create the store %s: %w", dir, err)
		}
		marker := []byte(`{"format": 1, "what": "filmoteca build store"}` + "\n")
		if err := writeAtomically(filepath.Join(dir, markerFile), marker); err != nil {
			return nil, fmt.Errorf("registry: create the store %s: %w", dir, err)
		}
	case err != nil:
		return nil, fmt.Errorf("registry: open the store %s: %w", dir, err)
	default:
		if _, err := os.Stat(filepath.Join(dir, markerFile)); err != nil {
			return nil, fmt.Errorf("registry: %s is not a filmoteca store (no %s in it), so nothing is written there: name an empty or new folder", dir, markerFile)
		}
	}
	return &Registry{dir: dir}, nil
}

// OpenExisting opens the store in dir, which must be one already: for
// those who read a store (a server), never make one.
func OpenExisting(dir string) (*Registry, error) {
	if _, err := os.Stat(filepath.Join(dir, markerFile)); err != nil {
		return nil, fmt.Errorf("registry: %s is not a filmoteca store (no %s in it); make one with `filmoteca etl --store %s`", dir, markerFile, dir)
	}
	return &Registry{dir: dir}, nil
}

// Dir is the store's folder.
func (r *Registry) Dir() string { return r.dir }

// Lock takes the store's writer lock: one etl, promote or rollback at a
// time. A second writer is refused at once, saying why.
func (r *Registry) Lock() (unlock func(), err error) {
	path := filepath.Join(r.dir, lockFile)
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("registry: lock the store %s: %w", r.dir, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, fmt.Errorf("registry: another etl, promote or rollback is writing to the store %s (%s is held); wait for it to end", r.dir, path)
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN) //nolint:errcheck // closing releases it anyway
		f.Close()
	}, nil
}

// New creates a build's folder, and its record with status Building.
func (r *Registry) New(now time.Time) (*Build, error) {
	suffix := make([]byte, 2)
	if _, err := rand.Read(suffix); err != nil {
		return nil, fmt.Errorf("registry: %w", err)
	}
	b := &Build{ID: now.UTC().Format("20060102T150405Z") + "-" + hex.EncodeToString(suffix), Created: now.UTC(), Status: Building}
	if err := os.Mkdir(r.buildDir(b.ID), 0o755); err != nil {
		return nil, fmt.Errorf("registry: create the build's folder: %w", err)
	}
	return b, r.Save(b)
}

// Save writes a build's record (atomically: a reader sees the old record
// or the new one, never half of one).
func (r *Registry) Save(b *Build) error {
	raw, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return fmt.Errorf("registry: record of build %s: %w", b.ID, err)
	}
	if err := writeAtomically(filepath.Join(r.buildDir(b.ID), recordFile), append(raw, '\n')); err != nil {
		return fmt.Errorf("registry: record of build %s: %w", b.ID, err)
	}
	return nil
}

// Get reads the record of build id.
func (r *Registry) Get(id string) (*Build, error) {
	if !idPattern.MatchString(id) {
		return nil, fmt.Errorf("registry: %q is not a build id (like 20261206T150102Z-3f2a); `filmoteca builds --store %s` lists them", id, r.dir)
	}
	raw, err := os.ReadFile(filepath.Join(r.buildDir(id), recordFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("registry: no build %s in %s", id, r.dir)
	}
	if err != nil {
		return nil, fmt.Errorf("registry: build %s: %w", id, err)
	}
	var b Build
	if err := json.Unmarshal(raw, &b); err != nil || b.ID != id {
		return nil, fmt.Errorf("registry: build %s: its record is damaged (%v)", id, err)
	}
	return &b, nil
}

// DatabasePath is the database file of build id.
func (r *Registry) DatabasePath(id string) string {
	return filepath.Join(r.buildDir(id), databaseFile)
}

func (r *Registry) buildDir(id string) string { return filepath.Join(r.dir, buildsDir, id) }

// CurrentID reads the pointer: the id of the build being served, "" when
// none was promoted yet. It is cheap: servers poll it.
func (r *Registry) CurrentID() (string, error) {
	raw, err := os.ReadFile(filepath.Join(r.dir, currentFile))
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("registry: read %s: %w", filepath.Join(r.dir, currentFile), err)
	}
	id := strings.TrimSpace(string(raw))
	if !idPattern.MatchString(id) {
		return "", fmt.Errorf("registry: %s names %q, which is not a build id", filepath.Join(r.dir, currentFile), id)
	}
	return id, nil
}

// List returns every build of the store, the newest first. Folders without
// a readable record (a build killed before its first record) are left out.
func (r *Registry) List() ([]*Build, error) {
	entries, err := os.ReadDir(filepath.Join(r.dir, buildsDir))
	if err != nil {
		return nil, fmt.Errorf("registry: list the builds of %s: %w", r.dir, err)
	}
	current, _ := r.CurrentID()
	var out []*Build
	for _, e := range entries {
		if !e.IsDir() || !idPattern.MatchString(e.Name()) {
			continue
		}
		b, err := r.Get(e.Name())
		if err != nil {
			continue
		}
		b.Current = b.ID == current
		out = append(out, b)
	}
	slices.SortFunc(out, func(a, b *Build) int { return strings.Compare(b.ID, a.ID) })
	return out, nil
}

// writeAtomically writes data to path through a temporary file renamed
// over it, synced, so that a reader or a crash sees all of it or none.
func writeAtomically(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // after the rename, there is nothing to remove
	// CreateTemp makes the file 0600: a server running as another user
	// (replicas reading a store another user writes) could not read it.
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return err
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		d.Sync() //nolint:errcheck // a failure only weakens crash safety
		d.Close()
	}
	return nil
}
