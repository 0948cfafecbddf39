package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/filmoteca/filmoteca/engine/pipeline"
	"github.com/filmoteca/filmoteca/engine/registry"
	"github.com/filmoteca/filmoteca/engine/store"
	"github.com/filmoteca/filmoteca/lifecycle"
)

func runETL(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("etl", "etl [--data DIR|ARCHIVE.zip] [--db FILE | --store DIR [--keep N] [--allow-shrink] [--no-promote]] [--force] [--keep-raw] [--memory-limit SIZE]", stderr)
	build := addBuildFlags(fs)
	dbPath := fs.String("db", defaultDBPath, "database file to build")
	force := fs.Bool("force", false, "rebuild even when inputs and SQL files are unchanged")
	keepRaw := fs.Bool("keep-raw", false, "keep the inputs as read (raw_* tables) and the converted JSON in the database")
	storeDir := fs.String("store", "", "a store of versioned builds: build into a new build there, gate it and promote it (instead of --db)")
	keep := fs.Int("keep", 5, "with --store: the builds kept (never deleting the current one nor the previous good one)")
	allowShrink := fs.Bool("allow-shrink", false, fmt.Sprintf("with --store: promote even when the new build loses more than %.0f%% of the current build's films", 100*lifecycle.MaxShrink))
	noPromote := fs.Bool("no-promote", false, "with --store: build and gate, but leave the current build as it is")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	if err := checkMemoryLimit(*build.memoryLimit); err != nil {
		return err
	}
	setGoMemoryLimit()
	log, progress := newLogger(stderr), store.Progress(nil)
	if isTerminal(stdout) {
		// A person is watching: steps and bars instead of log lines.
		progress, log = &terminalProgress{w: stdout}, newLoggerAt(stderr, slogLevelWarn)
	}
	if *storeDir != "" {
		if *keep < 1 {
			return fmt.Errorf("--keep %d: keep at least 1 build (the one being made)", *keep)
		}
		if flagSet(fs, "db") || *force || *keepRaw {
			return errors.New("--store builds a new build of the store each time: --db, --force and --keep-raw do not go with it")
		}
		return etlIntoStore(ctx, *storeDir, lifecycle.Options{Data: orDefault(*build.data, defaultDataDir), MemoryLimit: *build.memoryLimit,
			Keep: *keep, AllowShrink: *allowShrink, NoPromote: *noPromote, Code: codeVersion(), Logger: log, Progress: progress}, stdout)
	}
	report, err := pipeline.Build(ctx, store.BuildOptions{Data: *build.data, DefaultData: defaultDataDir, DBPath: *dbPath,
		Force: *force, KeepRaw: *keepRaw, MemoryLimit: *build.memoryLimit, Logger: log, Progress: progress})
	if err != nil {
		return err
	}
	switch {
	case report.Kept:
		return errors.New(keptMessage(*dbPath, report))
	case report.UpToDate:
		fmt.Fprintf(stdout, "%s is up to date with %s and the SQL files: nothing to do (use --force to rebuild).\n", *dbPath, report.Source)
		return nil
	}
	printReport(stdout, *dbPath, report)
	return nil
}

// etlIntoStore builds into a new build of the store in dir, gates it and
// promotes it, and says what happened; a refused build is an error (exit 1).
func etlIntoStore(ctx context.Context, dir string, opts lifecycle.Options, stdout io.Writer) error {
	reg, err := registry.Open(dir)
	if err != nil {
		return err
	}
	res, err := lifecycle.BuildInto(ctx, reg, opts)
	if err != nil {
		if res != nil {
			return fmt.Errorf("build %s failed (kept in %s as failed): %w", res.Build.ID, dir, err)
		}
		return err
	}
	b := res.Build
	fmt.Fprintf(stdout, "build %s: %d films, from %s\n", b.ID, b.Films, b.Lineage.Source)
	for _, c := range b.Gate.Checks {
		mark := "ok"
		if !c.Passed {
			mark = "FAILED"
		}
		fmt.Fprintf(stdout, "  gate %-18s %-6s %s\n", c.Name, mark, c.Detail)
	}
	for _, id := range res.Pruned {
		fmt.Fprintf(stdout, "deleted build %s (past the %d kept)\n", id, opts.Keep)
	}
	switch {
	case b.Status == registry.Refused:
		return fmt.Errorf("build %s refused by the gate, kept as refused; the current build goes on: %s", b.ID, b.Reason)
	case !res.Promoted:
		fmt.Fprintf(stdout, "build %s passed its gate; not promoted (--no-promote): `filmoteca promote --store %s %s`\n", b.ID, dir, b.ID)
	case res.Previous != nil:
		fmt.Fprintf(stdout, "build %s is current (was %s)\n", b.ID, res.Previous.ID)
	default:
		fmt.Fprintf(stdout, "build %s is current\n", b.ID)
	}
	return nil
}

// keptMessage says why a database was left as it is: its data is gone.
func keptMessage(dbPath string, r *store.BuildReport) string {
	return fmt.Sprintf("%s was built from %s on %s, which is no longer there; it is left as it is (pass --data to build it from other files)",
		dbPath, r.Previous.Source, r.Previous.BuiltAt.Format(time.DateTime))
}

func printReport(w io.Writer, dbPath string, r *store.BuildReport) {
	if r.Previous != nil {
		from := r.Previous.Source
		if from == "" {
			from = "data it did not record"
		}
		fmt.Fprintf(w, "replaced %s: it was built from %s on %s; now from %s\n", dbPath, from, r.Previous.BuiltAt.Format(time.DateTime), r.Source)
	}
	fmt.Fprintf(w, "built %s from %s in %.1f s\n\n", dbPath, r.Source, r.Duration.Seconds())
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "table\trows\t")
	for _, t := range r.Tables {
		fmt.Fprintf(tw, "%s\t%d\t\n", t.Table, t.Rows)
	}
	tw.Flush()
	fmt.Fprintln(w)
	if len(r.Rejected) == 0 {
		fmt.Fprintln(w, "rejected: none")
		return
	}
	fmt.Fprintln(w, "rejected (see table rejected_rows):")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, rc := range r.Rejected {
		fmt.Fprintf(tw, "  %s\t%s\t%d\n", rc.Source, rc.Reason, rc.Rows)
	}
	tw.Flush()
}
