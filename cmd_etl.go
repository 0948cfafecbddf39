package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/filmoteca/filmoteca/engine"
)

func runETL(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("etl", "etl [--data DIR] [--db FILE] [--force]", stderr)
	dataDir := fs.String("data", defaultDataDir, "folder with movies_dataset.csv[.gz], credits.csv[.gz] and optionally keywords.csv[.gz]")
	dbPath := fs.String("db", defaultDBPath, "database file to build")
	force := fs.Bool("force", false, "rebuild even when inputs and SQL files are unchanged")
	memoryLimit := fs.String("memory-limit", "", "DuckDB memory_limit during the build, e.g. 1GB (default: DuckDB's)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	report, err := engine.Build(ctx, engine.BuildOptions{
		DataDir:     *dataDir,
		DBPath:      *dbPath,
		Force:       *force,
		MemoryLimit: *memoryLimit,
		Logger:      newLogger(stderr),
	})
	if err != nil {
		return err
	}
	if report.UpToDate {
		fmt.Fprintf(stdout, "%s is up to date with %s and the SQL files: nothing to do (use --force to rebuild).\n", *dbPath, *dataDir)
		return nil
	}
	printReport(stdout, *dbPath, report)
	return nil
}

func printReport(w io.Writer, dbPath string, r *engine.BuildReport) {
	fmt.Fprintf(w, "built %s in %.1f s\n\n", dbPath, r.Duration.Seconds())
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
