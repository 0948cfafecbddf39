package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/filmoteca/filmoteca/engine/store"
	"github.com/filmoteca/filmoteca/engine/tabular"
)

func runSQL(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("sql", "sql [--db FILE] [--format table|csv|json] [QUERY]   (no QUERY: read queries from stdin)", stderr)
	dbPath := fs.String("db", defaultDBPath, "database file to query")
	format := fs.String("format", "table", "output format: table, csv or json")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	write, ok := tabular.Writers[*format]
	if !ok {
		return fmt.Errorf("unknown --format %q; use table, csv or json", *format)
	}
	var script string
	if fs.NArg() > 0 {
		script = strings.Join(fs.Args(), " ")
	} else {
		b, err := readAll(ctx, stdin)
		if err != nil {
			return fmt.Errorf("read queries from stdin: %w", err)
		}
		script = string(b)
	}
	statements := store.SplitStatements(script)
	if len(statements) == 0 {
		return errors.New("no query given; pass one as an argument or on stdin")
	}
	db, err := store.Open(*dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	for i, stmt := range statements {
		if i > 0 && *format == "table" {
			fmt.Fprintln(stdout)
		}
		table, err := db.Query(ctx, stmt)
		if err != nil {
			return err
		}
		if err := write(stdout, table); err != nil {
			return err
		}
	}
	return nil
}

// readAll reads r to its end, or returns when ctx is done (Ctrl-C while
// the command waits on a terminal or a pipe that never closes).
func readAll(ctx context.Context, r io.Reader) ([]byte, error) {
	type result struct {
		b   []byte
		err error
	}
	done := make(chan result, 1)
	go func() {
		b, err := io.ReadAll(r)
		done <- result{b, err}
	}()
	select {
	case res := <-done:
		return res.b, res.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
