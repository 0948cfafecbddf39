package registry

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Status is where a build stands.
type Status string

// A build is Building until it ends; then Failed (it could not be built),
// Refused (its gate said no: Reason says why) or Passed. Promotion does not
// change it: the store's pointer says which build is current.
const (
	Building Status = "building"
	Failed   Status = "failed"
	Refused  Status = "refused"
	Passed   Status = "passed"
)

// Build is a build's record: what it was built from, what its gate found,
// and when it was current.
type Build struct {
	ID      string    `json:"id"`
	Created time.Time `json:"created"`
	Status  Status    `json:"status"`
	Reason  string    `json:"reason,omitempty"` // why it failed or was refused, in one line
	Films   int64     `json:"films"`
	Lineage Lineage   `json:"lineage"`
	Gate    Gate      `json:"gate"`
	// Promoted lists when the build was made current; RolledBack says a
	// rollback left it, so that a second rollback goes further back.
	Promoted   []time.Time `json:"promoted,omitempty"`
	RolledBack bool        `json:"rolled_back,omitempty"`
	// Current is true for the build the pointer names (set by List and
	// Current, never stored: the pointer alone says it).
	Current bool `json:"-"`
}

// Lineage is what a build was made from and with.
type Lineage struct {
	Source      string           `json:"source"`
	Inputs      []Input          `json:"inputs"`
	Steps       []Step           `json:"steps"`
	Code        string           `json:"code"`
	Fingerprint string           `json:"fingerprint"`
	DataSHA256  string           `json:"data_sha256"`
	Model       string           `json:"model"` // the recommender's settings
	Tables      map[string]int64 `json:"tables"`
	Rejected    map[string]int64 `json:"rejected,omitempty"` // "file reason" -> records
}

// Input is one input file of a build.
type Input struct {
	Name   string `json:"name"`
	Path   string `json:"path"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// Step is one SQL step of a build.
type Step struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
}

// Gate is what the gate checked and measured.
type Gate struct {
	Checks  []Check            `json:"checks,omitempty"`
	Figures map[string]float64 `json:"figures,omitempty"`
}

// Check is one check of the gate.
type Check struct {
	Name   string `json:"name"`
	Passed bool   `json:"passed"`
	Detail string `json:"detail,omitempty"`
}

// Current returns the build the pointer names; nil when none was promoted.
// A pointer naming a build that is not there is an error.
func (r *Registry) Current() (*Build, error) {
	id, err := r.CurrentID()
	if err != nil || id == "" {
		return nil, err
	}
	b, err := r.Get(id)
	if err != nil {
		return nil, fmt.Errorf("registry: %s names build %s, which cannot be read: %w", filepath.Join(r.dir, currentFile), id, err)
	}
	if _, err := os.Stat(r.DatabasePath(id)); err != nil {
		return nil, fmt.Errorf("registry: %s names build %s, whose database is missing", filepath.Join(r.dir, currentFile), id)
	}
	b.Current = true
	return b, nil
}

// Promote makes build id current. Only a build that passed its gate can
// be, unless force (an operator's decision, recorded by the promotion).
func (r *Registry) Promote(id string, now time.Time, force bool) (*Build, error) {
	b, err := r.Get(id)
	if err != nil {
		return nil, err
	}
	switch {
	case b.Status == Building || b.Status == Failed:
		return nil, fmt.Errorf("registry: build %s is %s: there is no database to serve", id, b.Status)
	case b.Status == Refused && !force:
		return nil, fmt.Errorf("registry: build %s was refused by its gate (%s); promote it anyway with --force", id, b.Reason)
	}
	if _, err := os.Stat(r.DatabasePath(id)); err != nil {
		return nil, fmt.Errorf("registry: build %s has no database: %w", id, err)
	}
	b.Promoted = append(b.Promoted, now.UTC())
	b.RolledBack = false
	if err := r.Save(b); err != nil {
		return nil, err
	}
	if err := writeAtomically(filepath.Join(r.dir, currentFile), []byte(id+"\n")); err != nil {
		return nil, fmt.Errorf("registry: point %s at build %s: %w", currentFile, id, err)
	}
	b.Current = true
	return b, nil
}

// Rollback makes the previous good build current: among the builds kept,
// the one promoted most recently before, other than the current one,
// neither rolled back from nor refused. The current one is marked rolled
// back, so that a second rollback goes one further.
// A current build whose record or database is gone is rolled back from
// all the same (its record, when readable, is marked).
func (r *Registry) Rollback(now time.Time) (from, to *Build, err error) {
	id, err := r.CurrentID()
	if err != nil {
		return nil, nil, err
	}
	if id == "" {
		return nil, nil, errors.New("registry: no build is current: there is nothing to roll back")
	}
	to, err = r.previousGood(id)
	if err != nil {
		return nil, nil, err
	}
	from, err = r.Get(id)
	if err != nil {
		from = &Build{ID: id} // unreadable: nothing to mark
	} else {
		from.RolledBack = true
		if err := r.Save(from); err != nil {
			return nil, nil, err
		}
	}
	to, err = r.Promote(to.ID, now, false)
	return from, to, err
}

// previousGood is the build a rollback from build current goes to.
func (r *Registry) previousGood(current string) (*Build, error) {
	builds, err := r.List()
	if err != nil {
		return nil, err
	}
	var best *Build
	for _, b := range builds {
		if b.ID == current || b.RolledBack || b.Status != Passed || len(b.Promoted) == 0 {
			continue
		}
		if _, err := os.Stat(r.DatabasePath(b.ID)); err != nil {
			continue
		}
		if best == nil || b.Promoted[len(b.Promoted)-1].After(best.Promoted[len(best.Promoted)-1]) {
			best = b
		}
	}
	if best == nil {
		return nil, fmt.Errorf("registry: no earlier good build is kept in %s to roll back to", r.dir)
	}
	return best, nil
}

// Prune deletes the builds past the newest keep, but never the newest
// build (whatever keep), the current build nor the one a rollback would
// go to, and nothing that is not a build's folder. It returns the ids it
// deleted.
func (r *Registry) Prune(keep int) ([]string, error) {
	keep = max(keep, 1)
	builds, err := r.List()
	if err != nil {
		return nil, err
	}
	spare := map[string]bool{}
	if cur, _ := r.CurrentID(); cur != "" {
		spare[cur] = true
		if prev, err := r.previousGood(cur); err == nil {
			spare[prev.ID] = true
		}
	}
	var deleted []string
	for i, b := range builds { // newest first
		if i < keep || spare[b.ID] {
			continue
		}
		if err := os.RemoveAll(r.buildDir(b.ID)); err != nil {
			return deleted, fmt.Errorf("registry: delete build %s: %w", b.ID, err)
		}
		deleted = append(deleted, b.ID)
	}
	return deleted, nil
}
