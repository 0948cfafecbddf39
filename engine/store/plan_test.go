package store

import (
	"strings"
	"testing"
	"time"
)

// TestDecide settles every plan from plain values: no files, no DuckDB.
func TestDecide(t *testing.T) {
	built := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	ours := &lineage{BuildInfo: BuildInfo{Source: "/data/mine", BuiltAt: built, Fingerprint: "f1"}}
	older := &lineage{BuildInfo: BuildInfo{BuiltAt: built, Fingerprint: "f0"}} // recorded no source
	present := func(string) bool { return true }
	gone := func(string) bool { return false }
	cases := []struct {
		name     string
		prev     *lineage
		opts     BuildOptions
		exists   func(string) bool
		action   action
		source   string
		replaces bool
		err      string
	}{
		{"no database: the default data, built now", nil, BuildOptions{DefaultData: "/repo/data"}, present, buildNow, "/repo/data", false, ""},
		{"no database, data named", nil, BuildOptions{Data: "/elsewhere", DefaultData: "/repo/data"}, present, buildNow, "/elsewhere", false, ""},
		{"a database: its own data, if changed", ours, BuildOptions{DefaultData: "/repo/data"}, present, buildIfChanged, "/data/mine", false, ""},
		{"a database, --force: its own data, now", ours, BuildOptions{DefaultData: "/repo/data", Force: true}, present, buildNow, "/data/mine", false, ""},
		{"a database whose data is gone: kept", ours, BuildOptions{DefaultData: "/repo/data"}, gone, keepAsIs, "", false, ""},
		{"a database, other data named: replaced", ours, BuildOptions{Data: "/other"}, present, buildIfChanged, "/other", true, ""},
		{"a database, its own data named", ours, BuildOptions{Data: "/data/mine"}, present, buildIfChanged, "/data/mine", false, ""},
		{"an older database, data named: replaced", older, BuildOptions{Data: "/repo/data"}, present, buildIfChanged, "/repo/data", true, ""},
		{"an older database, no data named", older, BuildOptions{DefaultData: "/repo/data", DBPath: "old.duckdb"}, present, 0, "", false, "older filmoteca"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := decide(c.prev, c.opts, c.exists)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) || !strings.Contains(err.Error(), "--data") {
					t.Fatalf("err = %v, want one saying %q and naming --data", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.action != c.action || p.absolute != c.source || (p.replaces != nil) != c.replaces {
				t.Errorf("plan = %+v, want action %d from %q, replaces %v", p, c.action, c.source, c.replaces)
			}
			if c.replaces && p.replaces.Fingerprint != c.prev.Fingerprint {
				t.Errorf("replaces %+v, want the previous build", p.replaces)
			}
		})
	}
}

// TestFingerprint: every part of a build's definition changes it; nothing
// else does.
func TestFingerprint(t *testing.T) {
	inputs := []Input{{Name: "movies_dataset.csv", SHA256: "a"}, {Name: "credits.csv", SHA256: "b"}}
	steps := []Step{{Name: "001_x.sql", SHA256: "s1"}}
	goSteps := []GoStep{{Name: "vectors", Version: "v1"}}
	base := fingerprint("/data", inputs, steps, goSteps, false)
	if again := fingerprint("/data", inputs, steps, goSteps, false); again != base {
		t.Fatal("the same build has two fingerprints")
	}
	changed := map[string]string{
		"source":     fingerprint("/other", inputs, steps, goSteps, false),
		"an input":   fingerprint("/data", []Input{{Name: "movies_dataset.csv", SHA256: "a"}, {Name: "credits.csv", SHA256: "c"}}, steps, goSteps, false),
		"a SQL step": fingerprint("/data", inputs, []Step{{Name: "001_x.sql", SHA256: "s2"}}, goSteps, false),
		"a Go step":  fingerprint("/data", inputs, steps, []GoStep{{Name: "vectors", Version: "v2"}}, false),
		"keep raw":   fingerprint("/data", inputs, steps, goSteps, true),
	}
	for what, fp := range changed {
		if fp == base {
			t.Errorf("a changed %s keeps the fingerprint", what)
		}
	}
}
