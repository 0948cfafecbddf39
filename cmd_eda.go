package main

import (
	"context"
	"fmt"
	"io"

	"github.com/filmoteca/filmoteca/eda"
	"github.com/filmoteca/filmoteca/engine/store"
)

func runEDA(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("eda", "eda [--db FILE] [--out DIR]", stderr)
	dbPath := fs.String("db", defaultDBPath, "database file (opened read-only)")
	out := fs.String("out", defaultReportsDir, "folder the report is written to")
	echarts := fs.String("echarts", "node_modules/echarts/dist/echarts.min.js", "ECharts from the npm package (npm ci)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	db, err := store.Open(*dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	report, err := eda.Run(ctx, db, eda.Options{OutDir: *out, ECharts: *echarts, Logger: newLogger(stderr)})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s/index.html: %d cells in %.1f s\n", *out, len(report.Results), report.Duration.Seconds())
	return nil
}
