// Package lifecycle maintains the served model as new data arrives: a
// build goes into a store of versioned builds (engine/registry) with its
// lineage, passes a gate against the current build, and is promoted; a
// server follows the promotions and swaps builds in while it serves
// (Follow); a rollback returns to the previous good build.
package lifecycle

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/filmoteca/filmoteca/engine/pipeline"
	"github.com/filmoteca/filmoteca/engine/recommend"
	"github.com/filmoteca/filmoteca/engine/registry"
	"github.com/filmoteca/filmoteca/engine/store"
)

// Options say how to build into a store.
type Options struct {
	Data        string // the folder or archive of the inputs (its updates/ included)
	MemoryLimit string // DuckDB memory_limit during the build; empty: the store's default
	Keep        int    // the builds kept (older ones deleted, never the current nor the previous good)
	AllowShrink bool   // promote even when the new build loses more than MaxShrink of the films
	NoPromote   bool   // build and gate, but leave the current build as it is
	Code        string // the code's version, for the lineage
	Logger      *slog.Logger
	Progress    store.Progress
}

// Result says what BuildInto did.
type Result struct {
	Build    *registry.Build
	Promoted bool
	Previous *registry.Build // the build current before, if any
	Pruned   []string        // the ids of the builds deleted
}

// BuildInto builds opts.Data into a new build of reg, gates it against the
// current build, and promotes it when it passes (unless NoPromote). A
// refused build stays in the store, with its reason. One writer at a time.
func BuildInto(ctx context.Context, reg *registry.Registry, opts Options) (*Result, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	unlock, err := reg.Lock()
	if err != nil {
		return nil, err
	}
	defer unlock()
	previous, err := reg.Current()
	if err != nil {
		// A build must be able to replace a broken current one.
		log.Warn("the current build cannot be read: the new build is gated on its own, compared to none", "err", oneLine(err))
		previous = nil
	}
	b, err := reg.New(time.Now())
	if err != nil {
		return nil, err
	}
	res := &Result{Build: b, Previous: previous}
	report, err := pipeline.Build(ctx, store.BuildOptions{Data: opts.Data, DBPath: reg.DatabasePath(b.ID),
		MemoryLimit: opts.MemoryLimit, Logger: log, Progress: opts.Progress})
	if err != nil {
		b.Status, b.Reason = registry.Failed, oneLine(err)
		return res, saveAnd(reg, b, err)
	}
	b.Lineage = lineageOf(report, opts.Code)
	verdict, err := gate(ctx, reg, b.ID, previous, opts, log)
	if err != nil {
		b.Status, b.Reason = registry.Failed, "the gate could not measure the build: "+oneLine(err)
		return res, saveAnd(reg, b, err)
	}
	b.Films, b.Gate, b.Reason = verdict.films, verdict.gate, verdict.reason
	b.Status = registry.Passed
	if verdict.reason != "" {
		b.Status = registry.Refused
	}
	if err := reg.Save(b); err != nil {
		return res, err
	}
	if b.Status == registry.Passed && !opts.NoPromote {
		if res.Build, err = reg.Promote(b.ID, time.Now(), false); err != nil {
			return res, err
		}
		res.Promoted = true
		log.Info("promoted", "build", b.ID, "films", b.Films)
	}
	if res.Pruned, err = reg.Prune(opts.Keep); err != nil {
		return res, err
	}
	return res, nil
}

// verdict is what the gate found.
type verdict struct {
	films  int64 // the films the build serves, as the shrink check counts them
	gate   registry.Gate
	reason string // why it refused; "" when it passed
}

// gate measures build id and the current build (when there is one, and it
// loads) the same way, with the ratings in the data when it has some, and
// judges.
func gate(ctx context.Context, reg *registry.Registry, id string, current *registry.Build, opts Options, log *slog.Logger) (verdict, error) {
	ratings, err := findRatings(opts.Data)
	if err != nil {
		return verdict{}, err
	}
	cand, err := loadGated(ctx, reg.DatabasePath(id))
	if err != nil {
		return verdict{}, err
	}
	var cur *gated
	others := cand.profiles // the films the queries are drawn among: those both builds have
	if current != nil {
		if cur, err = loadGated(ctx, reg.DatabasePath(current.ID)); err != nil {
			log.Warn("the current build cannot be loaded: the new build is gated on its own, compared to none", "build", current.ID, "err", oneLine(err))
		} else {
			others = cur.profiles
		}
	}
	queries := sharedQueries(cand.profiles, others)
	candidate, err := cand.measure(queries, ratings)
	if err != nil {
		return verdict{}, err
	}
	var was *measures
	if cur != nil {
		m, err := cur.measure(queries, ratings)
		if err != nil {
			return verdict{}, fmt.Errorf("measure the current build %s: %w", current.ID, err)
		}
		was = &m
	}
	checks, reason := judge(candidate, was, opts.AllowShrink)
	return verdict{films: candidate.Films, gate: registry.Gate{Checks: checks, Figures: figures(candidate)}, reason: reason}, nil
}

// lineageOf is a build's lineage from its report.
func lineageOf(r *store.BuildReport, code string) registry.Lineage {
	l := registry.Lineage{Source: r.Source, Code: code, Fingerprint: r.Fingerprint, DataSHA256: r.DataSHA256,
		Model: recommend.DefaultConfig().String(), Tables: map[string]int64{}, Rejected: map[string]int64{}}
	for _, in := range r.Inputs {
		l.Inputs = append(l.Inputs, registry.Input{Name: in.Name, Path: in.Path, Bytes: in.Bytes, SHA256: in.SHA256})
	}
	for _, s := range r.Steps {
		l.Steps = append(l.Steps, registry.Step{Name: s.Name, SHA256: s.SHA256})
	}
	for _, t := range r.Tables {
		l.Tables[t.Table] = t.Rows
	}
	for _, rc := range r.Rejected {
		l.Rejected[rc.Source+" "+rc.Reason] = rc.Rows
	}
	return l
}

// Promote makes build id current (an operator's choice: force promotes a
// refused build).
func Promote(reg *registry.Registry, id string, force bool) (*registry.Build, error) {
	unlock, err := reg.Lock()
	if err != nil {
		return nil, err
	}
	defer unlock()
	return reg.Promote(id, time.Now(), force)
}

// Rollback makes the previous good build current.
func Rollback(reg *registry.Registry) (from, to *registry.Build, err error) {
	unlock, err := reg.Lock()
	if err != nil {
		return nil, nil, err
	}
	defer unlock()
	return reg.Rollback(time.Now())
}

// saveAnd saves b, then returns err (or the saving's error).
func saveAnd(reg *registry.Registry, b *registry.Build, err error) error {
	if saveErr := reg.Save(b); saveErr != nil {
		return saveErr
	}
	return err
}

// oneLine is err's text on one line.
func oneLine(err error) string { return strings.Join(strings.Fields(err.Error()), " ") }
