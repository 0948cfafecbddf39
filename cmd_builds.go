package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/filmoteca/filmoteca/engine/registry"
	"github.com/filmoteca/filmoteca/lifecycle"
)

// openStore opens the store --store names, which the store's commands
// need; it must be one already: only etl makes a store.
func openStore(dir string) (*registry.Registry, error) {
	if dir == "" {
		return nil, errors.New("--store DIR is required: the store of versioned builds (filmoteca etl --store DIR makes one)")
	}
	return registry.OpenExisting(dir)
}

// listed is a build as `builds --format json` shows it: its record, and
// whether the pointer names it (which the record does not store).
type listed struct {
	*registry.Build
	Current bool `json:"current"`
}

// runBuilds lists the builds of a store, the newest first.
func runBuilds(_ context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("builds", "builds --store DIR [--format table|json]", stderr)
	dir := fs.String("store", "", "the store of versioned builds")
	format := fs.String("format", "table", "table, or json: an array of the builds' records, newest first")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *format != "table" && *format != "json" {
		return fmt.Errorf("unknown --format %q; use table or json", *format)
	}
	reg, err := openStore(*dir)
	if err != nil {
		return err
	}
	builds, err := reg.List()
	if err != nil {
		return err
	}
	if *format == "json" {
		out := []listed{}
		for _, b := range builds {
			out = append(out, listed{b, b.Current})
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "id\tcurrent\tcreated\tfilms\tstatus\treason")
	for _, b := range builds {
		current := ""
		if b.Current {
			current = "*"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\n", b.ID, current, b.Created.Format(time.DateTime), b.Films, b.Status, b.Reason)
	}
	return tw.Flush()
}

// runPromote makes a kept build current.
func runPromote(_ context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("promote", "promote --store DIR [--force] ID", stderr)
	dir := fs.String("store", "", "the store of versioned builds")
	force := fs.Bool("force", false, "promote a build its gate refused")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	reg, err := openStore(*dir)
	if err != nil {
		return err
	}
	was, _ := reg.CurrentID()
	b, err := lifecycle.Promote(reg, fs.Arg(0), *force)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "build %s is current (was %s); servers following %s swap it in\n", b.ID, orDefault(was, "none"), *dir)
	return nil
}

// runRollback makes the previous good build current.
func runRollback(_ context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("rollback", "rollback --store DIR", stderr)
	dir := fs.String("store", "", "the store of versioned builds")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	reg, err := openStore(*dir)
	if err != nil {
		return err
	}
	from, to, err := lifecycle.Rollback(reg)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "build %s is current again (rolled back from %s)\n", to.ID, from.ID)
	return nil
}
