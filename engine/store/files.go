package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// A build of the database DB works in a scratch folder it creates beside
// DB, under a fresh name (DB.build-XXXXXX, with a marker file in it): the
// new database (new.duckdb), its write-ahead log, DuckDB's spill folder
// (new.duckdb.tmp) and the members extracted from an archive (inputs/).
// Only a finished build's file is renamed to DB; the folder is then
// removed. DB.lock keeps two builds of DB apart. Nothing else is ever
// removed: a folder is removed only when it has the marker, so a user's
// folder that happens to have a similar name stays.

// scratchMarker is the file that marks a scratch folder as a build's.
const scratchMarker = ".filmoteca-build"

// scratch is a build's scratch folder.
type scratch struct{ dir string }

// newScratch creates a scratch folder for a build of dbPath.
func newScratch(dbPath string) (*scratch, error) {
	dir, err := os.MkdirTemp(filepath.Dir(dbPath), filepath.Base(dbPath)+".build-")
	if err != nil {
		return nil, fmt.Errorf("store: create the build's scratch folder beside %s: %w", dbPath, err)
	}
	if err := os.WriteFile(filepath.Join(dir, scratchMarker), []byte(absolute(dbPath)+"\n"), 0o644); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("store: mark the build's scratch folder %s: %w", dir, err)
	}
	return &scratch{dir: dir}, nil
}

// database is the new database file, and inputs the folder for extracted
// archive members.
func (s *scratch) database() string { return filepath.Join(s.dir, "new.duckdb") }
func (s *scratch) inputs() string   { return filepath.Join(s.dir, "inputs") }

// remove deletes the scratch folder and everything in it.
func (s *scratch) remove() { os.RemoveAll(s.dir) }

// staleScratch lists the scratch folders of builds of dbPath: those with
// the build's name pattern and the marker file.
func staleScratch(dbPath string) []string {
	candidates, _ := filepath.Glob(globEscape(dbPath) + ".build-*")
	var out []string
	for _, dir := range candidates {
		marker, err := os.ReadFile(filepath.Join(dir, scratchMarker))
		if err == nil && strings.TrimSpace(string(marker)) == absolute(dbPath) {
			out = append(out, dir)
		}
	}
	return out
}

// globEscape escapes the characters filepath.Glob gives a meaning.
func globEscape(path string) string {
	return strings.NewReplacer(`*`, `\*`, `?`, `\?`, `[`, `\[`, `\`, `\\`).Replace(path)
}

// removeStaleBuilds deletes the scratch folders that killed builds of
// dbPath left behind, when there are some and no build is running; it never
// fails (in a read-only folder there is nothing to remove).
func removeStaleBuilds(dbPath string) {
	if len(staleScratch(dbPath)) == 0 {
		return
	}
	unlock, err := lockBuild(dbPath)
	if err != nil {
		return // a build is running, or the folder is read-only
	}
	defer unlock()
	for _, dir := range staleScratch(dbPath) {
		os.RemoveAll(dir)
	}
}

// lockBuild takes an exclusive lock beside the database so that two builds
// of the same file never run at once.
func lockBuild(dbPath string) (unlock func(), err error) {
	f, err := os.OpenFile(dbPath+".lock", os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("store: lock %s: %w", dbPath, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, fmt.Errorf("store: another build of %s is running (lock %s.lock is held)", dbPath, dbPath)
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN) //nolint:errcheck // closing releases it anyway
		f.Close()
	}, nil
}

// moveIntoPlace renames the finished build over the database, durably.
func moveIntoPlace(built, dbPath string) error {
	// A stale WAL beside the target would be replayed onto the new file.
	if err := os.Remove(dbPath + ".wal"); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("store: remove stale %s.wal: %w", dbPath, err)
	}
	if err := os.Rename(built, dbPath); err != nil {
		return fmt.Errorf("store: move the new database into place: %w", err)
	}
	syncDir(filepath.Dir(dbPath))
	return nil
}

// syncDir makes a rename durable; a failure only weakens crash safety.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync() //nolint:errcheck
		d.Close()
	}
}

// absolute is path made absolute, or path itself when it cannot be.
func absolute(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}

// pathExists reports whether path names something (a file or a folder).
func pathExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
