package store

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Step is one numbered SQL file of the build.
type Step struct {
	Number int
	Name   string // file name, e.g. 002_read.sql
	SQL    string
	SHA256 string
	When   []string // conditions that must all hold for the step to run (its "-- when:" line)
	// Until, when not 0, makes the step concurrent (its "-- concurrent:
	// until NNN" line): it runs on a connection of its own, beside the
	// steps after it, and the build waits for it before step Until or any
	// later one.
	Until int
}

// Conditions a step may require.
const (
	CondKeywords = "keywords" // the optional keywords.csv is among the inputs
	CondKeepRaw  = "keep_raw" // etl --keep-raw
)

var (
	stepName = regexp.MustCompile(`^([0-9]{3})_[a-z0-9_]+\.sql$`)
	whenLine = regexp.MustCompile(`(?m)^-- when: *(.+)$`)
	// untilLine is a concurrent step's "-- concurrent: until NNN".
	untilLine = regexp.MustCompile(`(?m)^-- concurrent: *(.*)$`)
	untilStep = regexp.MustCompile(`^until ([0-9]{3})$`)
)

// loadSteps reads the NNN_name.sql files of fsys in order. Two files with
// the same number, a file whose name does not follow the pattern, or an
// unknown condition are errors: the order of the build must never be a guess.
func loadSteps(fsys fs.FS) ([]Step, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("store: read SQL files: %w", err)
	}
	var out []Step
	seen := map[int]string{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		m := stepName.FindStringSubmatch(e.Name())
		if m == nil {
			return nil, fmt.Errorf("store: SQL file %q is not named NNN_name.sql", e.Name())
		}
		number, _ := strconv.Atoi(m[1])
		if other, ok := seen[number]; ok {
			return nil, fmt.Errorf("store: SQL files %s and %s share number %d", other, e.Name(), number)
		}
		seen[number] = e.Name()
		body, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			return nil, fmt.Errorf("store: read %s: %w", e.Name(), err)
		}
		sum := sha256.Sum256(body)
		step := Step{Number: number, Name: e.Name(), SQL: string(body), SHA256: hex.EncodeToString(sum[:])}
		if w := whenLine.FindStringSubmatch(string(body)); w != nil {
			for c := range strings.SplitSeq(w[1], ",") {
				c = strings.TrimSpace(c)
				if c != CondKeywords && c != CondKeepRaw {
					return nil, fmt.Errorf("store: %s: unknown condition %q (want %s or %s)", e.Name(), c, CondKeywords, CondKeepRaw)
				}
				step.When = append(step.When, c)
			}
		}
		if u := untilLine.FindStringSubmatch(string(body)); u != nil {
			m := untilStep.FindStringSubmatch(strings.TrimSpace(u[1]))
			if m == nil {
				return nil, fmt.Errorf("store: %s: %q: want \"-- concurrent: until NNN\"", e.Name(), u[0])
			}
			step.Until, _ = strconv.Atoi(m[1])
			if step.Until <= number {
				return nil, fmt.Errorf("store: %s: runs until step %03d, which comes before it", e.Name(), step.Until)
			}
		}
		out = append(out, step)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("store: no NNN_name.sql files found")
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Number < out[j].Number })
	return out, nil
}

// applies reports whether the step runs under the build's conditions.
func (s Step) applies(conditions map[string]bool) bool {
	for _, c := range s.When {
		if !conditions[c] {
			return false
		}
	}
	return true
}
