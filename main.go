// Command filmoteca turns The Movies Dataset's raw CSV files into a clean
// DuckDB database and answers questions about it. Each command is wiring
// over the engine packages; `filmoteca COMMAND -h` lists its flags.
//
//	filmoteca etl       build the database (from a folder or Kaggle's zip), or into a store
//	filmoteca builds    list a store's builds; promote, rollback: change the current one
//	filmoteca sql       ad-hoc SQL on the database, read-only
//	filmoteca serve     the JSON API and the web page
//	filmoteca recommend the 5 films most similar to a title
//	filmoteca evalrec   measure the recommender against baselines
//	filmoteca eda       write the exploratory analysis report
//	filmoteca demo      call every endpoint of a running server
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"

	"github.com/filmoteca/filmoteca/engine/store"
)

// Defaults shared by every command.
const (
	defaultDataDir    = "data"
	defaultDBPath     = "data/filmoteca.duckdb"
	defaultReportsDir = "reports" // where eda writes the report and serve finds it
)

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error
}

var commands = []command{
	{"etl", "build the DuckDB database from the CSV files (a no-op when nothing changed), or a new build into a store", runETL},
	{"builds", "list the builds of a store, the newest first", runBuilds},
	{"promote", "make a kept build of a store current", runPromote},
	{"rollback", "make the previous good build of a store current again", runRollback},
	{"sql", "run SQL on the built database, read-only", runSQL},
	{"serve", "build the database if needed, then serve the JSON API on $PORT (default 8000)", runServe},
	{"recommend", "print the 5 movies most similar to a title (what /recomendacion answers)", runRecommend},
	{"evalrec", "measure the recommender against baselines (collection, genre, people, coverage, latency)", runEvalRec},
	{"evalsearch", "measure the search on query sets derived from the data (first result right, latency)", runEvalSearch},
	{"eda", "write the exploratory analysis as HTML reports (reports/index.html)", runEDA},
	{"demo", "call every endpoint of a running server and explain the model (the seed's video, as text)", runDemo},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		// The first signal asks the command to stop, which it does at its
		// next step; the default handling then returns, so that a second
		// Ctrl-C ends a command stuck where no context is watched.
		<-ctx.Done()
		stop()
	}()
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run dispatches to a command and returns the process exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, args[1:], stdin, stdout, stderr)
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUsage):
			return 2
		default:
			fmt.Fprintf(stderr, "filmoteca %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "filmoteca: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

// errUsage marks an error whose message the flag package already printed.
var errUsage = errors.New("usage error")

func usage(w io.Writer) {
	fmt.Fprintln(w, "filmoteca: The Movies Dataset as a clean DuckDB database.")
	fmt.Fprintln(w, "\nUsage: filmoteca COMMAND [flags]   (filmoteca COMMAND -h for its flags)")
	fmt.Fprintln(w, "\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
}

// newFlagSet returns a flag set that prints its usage to stderr and
// returns errors instead of exiting.
func newFlagSet(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: filmoteca %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// buildFlags are the flags of every command that builds the database.
type buildFlags struct {
	data, memoryLimit *string
}

// addBuildFlags registers --data and --memory-limit, described once for
// every command that builds (etl, serve).
func addBuildFlags(fs *flag.FlagSet) buildFlags {
	return buildFlags{
		data: fs.String("data", "", "folder or zip archive of the input files (movies_dataset.csv or movies_metadata.csv, credits.csv, optionally keywords.csv; plain or .gz);\n"+
			"default: the data the database was built from (a database whose data is gone is kept as it is), or "+defaultDataDir+" for a new database"),
		memoryLimit: fs.String("memory-limit", store.DefaultMemoryLimit, "DuckDB memory_limit during a build, e.g. 1GB"),
	}
}

// minMemoryLimit is the least --memory-limit a build may have. Below it
// DuckDB can run out of memory while the Go literal function writes its
// output, an exception that aborts the whole process instead of failing
// the build (engine/store/literal.go); at it and above, a build that needs
// more fails with one line naming the limit (4× the full data builds at
// 150MB).
const minMemoryLimit = 128 << 20

// checkMemoryLimit refuses a --memory-limit that is not a size, or is
// below minMemoryLimit.
func checkMemoryLimit(limit string) error {
	m := regexp.MustCompile(`^\s*([0-9]+(?:\.[0-9]+)?)\s*([KMGT]I?B)\s*$`).FindStringSubmatch(strings.ToUpper(limit))
	if m == nil {
		return fmt.Errorf("--memory-limit %s is not a size such as 200MB or 1GB", limit)
	}
	n, _ := strconv.ParseFloat(m[1], 64)
	unit := map[string]float64{"KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12, "KIB": 1 << 10, "MIB": 1 << 20, "GIB": 1 << 30, "TIB": 1 << 40}[m[2]]
	if n*unit < minMemoryLimit {
		return fmt.Errorf("--memory-limit %s is below the %dMiB a build needs (less can abort it instead of failing it); give it at least 128MiB", limit, minMemoryLimit>>20)
	}
	return nil
}

// flagSet reports whether the flag name was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// orDefault is s, or def when s is empty.
func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// version is the code's version when the build sets it
// (go build -ldflags "-X main.version=…"; the Dockerfile does).
var version string

// codeVersion is the version of this program's code: version when set,
// else the commit it was built from (and "+dirty" with uncommitted
// changes), as the Go toolchain records it (-buildvcs); "devel" when
// neither says.
func codeVersion() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	var revision, dirty string
	for _, s := range info.Settings {
		switch {
		case s.Key == "vcs.revision" && len(s.Value) >= 12:
			revision = s.Value[:12]
		case s.Key == "vcs.modified" && s.Value == "true":
			dirty = "+dirty"
		}
	}
	if revision == "" {
		return "devel"
	}
	return revision + dirty
}

// parseFlags parses args, mapping a bad flag to errUsage.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return nil
}

// newLogger logs to w as text, or as JSON when LOG_FORMAT=json; LOG_LEVEL
// (debug, info, warn, error) sets the level (warn silences the access log).
func newLogger(w io.Writer) *slog.Logger { return newLoggerAt(w, slog.LevelInfo) }

// slogLevelWarn is the level for a command whose progress a person watches.
const slogLevelWarn = slog.LevelWarn

// newLoggerAt is newLogger with level as the default, when LOG_LEVEL is unset.
func newLoggerAt(w io.Writer, defaultLevel slog.Level) *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(os.Getenv("LOG_LEVEL"))); err != nil {
		level = defaultLevel
	}
	opts := &slog.HandlerOptions{Level: level}
	if os.Getenv("LOG_FORMAT") == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// isTerminal reports whether w is a terminal (a person watching), as
// opposed to a file, a pipe or a test's buffer.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	// A terminal answers the terminal ioctl; /dev/null, also a character
	// device, does not (so `etl >/dev/null` still logs).
	_, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	return err == nil
}
