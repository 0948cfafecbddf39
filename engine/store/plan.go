package store

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
)

// A plan is what Build is to do, settled from plain values before any file
// is touched (decide): which data to read, whether the fingerprints must be
// compared first, and which database built from other data it would replace.
type plan struct {
	action   action
	source   string     // the data to build from, as the user or the record names it
	absolute string     // source as an absolute path: what the record keeps
	replaces *BuildInfo // the database's build, when it came from other data
}

// action is what Build does once it has decided.
type action int

const (
	// keepAsIs: no data was named and the database's recorded data is gone,
	// so there is nothing to compare with: the database stays as it is.
	keepAsIs action = iota + 1
	// buildIfChanged: compare the fingerprint of the inputs with the
	// database's, and build only when they differ.
	buildIfChanged
	// buildNow: no database yet, or --force: build, fingerprinting the
	// inputs meanwhile for the record.
	buildNow
)

// decide settles the plan from the database's lineage (nil: no
// database), the options, and whether a path exists. A database is rebuilt
// only from the data it records or from data named with opts.Data; a
// database built by an older filmoteca, which did not record its data,
// needs the data named.
func decide(prev *lineage, opts BuildOptions, exists func(path string) bool) (plan, error) {
	source := opts.Data
	switch {
	case source == "" && prev != nil && prev.Source == "":
		return plan{}, fmt.Errorf("store: %s was built by an older filmoteca, which did not record the data it was built from; build it again naming its data: `filmoteca etl --data DIR --db %s`", opts.DBPath, opts.DBPath)
	case source == "" && prev != nil && !exists(prev.Source):
		return plan{action: keepAsIs}, nil
	case source == "" && prev != nil:
		source = prev.Source
	case source == "":
		source = opts.DefaultData
	}
	absolute, err := filepath.Abs(source)
	if err != nil {
		return plan{}, fmt.Errorf("store: data %s: %w", source, err)
	}
	p := plan{action: buildIfChanged, source: source, absolute: absolute}
	if prev == nil || opts.Force {
		p.action = buildNow
	}
	if prev != nil && prev.Source != absolute {
		p.replaces = &prev.BuildInfo // an older database, with no Source, included
	}
	return p, nil
}

// fingerprint identifies a build: the builder version, every SQL step and
// Go step, the source and every input, and whether raw tables are kept.
// Two builds with the same fingerprint write the same database.
func fingerprint(source string, inputs []Input, steps []Step, goSteps []GoStep, keepRaw bool) string {
	h := sha256.New()
	fmt.Fprintf(h, "builder %s\n", BuilderVersion)
	fmt.Fprintf(h, "source %s\n", source)
	fmt.Fprintf(h, "keep raw %v\n", keepRaw)
	for _, s := range steps {
		fmt.Fprintf(h, "sql %s %s\n", s.Name, s.SHA256)
	}
	for _, s := range goSteps {
		fmt.Fprintf(h, "go %s %s\n", s.Name, s.Version)
	}
	for _, in := range inputs {
		fmt.Fprintf(h, "input %s %s\n", in.Name, in.SHA256)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// conditions are the "-- when:" conditions that hold for a build of inputs.
func conditions(inputs []Input, keepRaw bool) map[string]bool {
	c := map[string]bool{CondKeepRaw: keepRaw}
	for _, in := range inputs {
		if in.Name == "keywords.csv" {
			c[CondKeywords] = true
		}
	}
	return c
}
