package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// The files of a build beside the database DB: a build writes DB.building
// (and DuckDB its write-ahead log DB.building.wal), extracts archive
// members into DB.inputs, and holds DB.lock while it runs; only a finished
// build is renamed to DB.
func buildingPath(dbPath string) string { return dbPath + ".building" }
func inputsDir(dbPath string) string    { return dbPath + ".inputs" }

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

// removeStaleBuild deletes what a killed build left behind, when there is
// something and no build is running; it never fails (in a read-only folder
// there is nothing to remove).
func removeStaleBuild(dbPath string) {
	_, errBuilding := os.Stat(buildingPath(dbPath))
	_, errInputs := os.Stat(inputsDir(dbPath))
	if errBuilding != nil && errInputs != nil {
		return
	}
	unlock, err := lockBuild(dbPath)
	if err != nil {
		return // a build is running, or the folder is read-only
	}
	defer unlock()
	removeScratch(dbPath)
}

// removeScratch deletes a build's temporary files: the new database and its
// write-ahead log, and the inputs extracted from an archive.
func removeScratch(dbPath string) {
	os.Remove(buildingPath(dbPath))
	os.Remove(buildingPath(dbPath) + ".wal")
	os.RemoveAll(inputsDir(dbPath))
}

// moveIntoPlace renames the finished build over the database, durably.
func moveIntoPlace(dbPath string) error {
	// A stale WAL beside the target would be replayed onto the new file.
	if err := os.Remove(dbPath + ".wal"); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("store: remove stale %s.wal: %w", dbPath, err)
	}
	if err := os.Rename(buildingPath(dbPath), dbPath); err != nil {
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

// pathExists reports whether path names something (a file or a folder).
func pathExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
