package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/filmoteca/filmoteca/engine/pipeline"
	"github.com/filmoteca/filmoteca/engine/store"
)

func runETL(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("etl", "etl [--data DIR|ARCHIVE.zip] [--db FILE] [--force] [--keep-raw] [--memory-limit SIZE]", stderr)
	build := addBuildFlags(fs)
	dbPath := fs.String("db", defaultDBPath, "database file to build")
	force := fs.Bool("force", false, "rebuild even when inputs and SQL files are unchanged")
	keepRaw := fs.Bool("keep-raw", false, "keep the inputs as read (raw_* tables) and the converted JSON in the database")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	setGoMemoryLimit()
	opts := store.BuildOptions{
		Data:        *build.data,
		DefaultData: defaultDataDir,
		DBPath:      *dbPath,
		Force:       *force,
		KeepRaw:     *keepRaw,
		MemoryLimit: *build.memoryLimit,
		Logger:      newLogger(stderr),
	}
	if isTerminal(stdout) {
		// A person is watching: steps and bars instead of log lines.
		opts.Progress = &terminalProgress{w: stdout}
		opts.Logger = newLoggerAt(stderr, slogLevelWarn)
	}
	report, err := pipeline.Build(ctx, opts)
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
