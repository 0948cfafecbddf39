package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/filmoteca/filmoteca/engine/pipeline"
	"github.com/filmoteca/filmoteca/engine/registry"
	"github.com/filmoteca/filmoteca/engine/service"
	"github.com/filmoteca/filmoteca/engine/store"
	"github.com/filmoteca/filmoteca/lifecycle"
	"github.com/filmoteca/filmoteca/server"
)

// shutdownGrace is how long in-flight requests get after SIGTERM.
const shutdownGrace = 10 * time.Second

// goMemoryLimit is the Go heap's soft limit when GOMEMLIMIT is not set:
// it keeps the server (about 150 MB once loaded on the full data) well
// inside a 512 MB instance, and the build's Go side under DuckDB's own limit.
const goMemoryLimit = 150 << 20

// serveOptions are serve's flags.
type serveOptions struct {
	build            buildFlags
	dbPath, storeDir string
	addr, reports    string
	rebuild          bool
	maxConns         int
}

func runServe(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	opts, err := parseServe(args, stderr)
	if err != nil {
		return err
	}
	setGoMemoryLimit()
	// The access log writes a line per request: batched, it costs little.
	logOut := newLogWriter(stderr, 200*time.Millisecond)
	defer logOut.Close()
	log := newLogger(logOut)
	start := time.Now()
	var handler *server.Server
	if opts.storeDir != "" {
		handler, err = serveStore(ctx, opts.storeDir, log)
	} else {
		handler, err = serveDatabase(ctx, opts, log)
	}
	if err != nil {
		return err
	}
	handler.ServeReports(opts.reports)
	debug.FreeOSMemory() // return the loading's garbage before serving
	return listenAndServe(ctx, handler, opts, log, start, stdout)
}

// parseServe reads serve's flags.
func parseServe(args []string, stderr io.Writer) (serveOptions, error) {
	fs := newFlagSet("serve", "serve [--data DIR|ARCHIVE.zip] [--db FILE | --store DIR] [--addr HOST:PORT] [--build=false] [--memory-limit SIZE] [--max-conns N]", stderr)
	var opts serveOptions
	opts.build = addBuildFlags(fs)
	fs.StringVar(&opts.dbPath, "db", defaultDBPath, "database file to serve (opened read-only)")
	fs.StringVar(&opts.storeDir, "store", "", fmt.Sprintf("a store of versioned builds: serve its current build and follow promotions (every %v, and on SIGHUP), instead of --db", lifecycle.PollEvery))
	fs.StringVar(&opts.addr, "addr", defaultAddr(), "listen address (the default listens on $PORT when it is set, as Render and Railway set it)")
	fs.BoolVar(&opts.rebuild, "build", true, "build the database first when it is missing or stale")
	fs.StringVar(&opts.reports, "reports", defaultReportsDir, "folder of the EDA report (filmoteca eda), served at /eda/")
	fs.IntVar(&opts.maxConns, "max-conns", server.MaxConns(server.FileLimit(), connMemory),
		"most open connections; at the bound the oldest idle one is closed (default: from the file limit and memory)")
	if err := parseFlags(fs, args); err != nil {
		return opts, err
	}
	if err := checkMemoryLimit(*opts.build.memoryLimit); err != nil {
		return opts, err
	}
	if opts.storeDir != "" && (flagSet(fs, "db") || flagSet(fs, "data")) {
		return opts, errors.New("--store serves the store's current build: --db and --data do not go with it (build into the store with `filmoteca etl --store`)")
	}
	return opts, nil
}

// serveDatabase builds the database when it is missing or stale (unless
// --build=false), and loads it.
func serveDatabase(ctx context.Context, opts serveOptions, log *slog.Logger) (*server.Server, error) {
	if opts.rebuild {
		_, err := pipeline.Build(ctx, store.BuildOptions{Data: *opts.build.data, DefaultData: defaultDataDir, DBPath: opts.dbPath,
			MemoryLimit: *opts.build.memoryLimit, Logger: log})
		if err != nil && (ctx.Err() != nil || !opens(opts.dbPath)) {
			return nil, err
		}
		if err != nil {
			// A server keeps serving what it has: the database is valid,
			// only its rebuild failed (its data moved away, say).
			log.Warn("serving the database as it is: it could not be rebuilt", "db", opts.dbPath, "err", err)
		}
	}
	svc, info, err := loadService(ctx, opts.dbPath, log)
	if err != nil {
		return nil, err
	}
	handler := server.New(svc, log)
	handler.Swap(svc, info)
	return handler, nil
}

// serveStore loads the store's current build, and follows the store: a
// promoted build is swapped in while the server serves (lifecycle.Follow).
// A store without a current build, or whose current build cannot be
// served, is refused in one line.
func serveStore(ctx context.Context, dir string, log *slog.Logger) (*server.Server, error) {
	reg, err := registry.OpenExisting(dir)
	if err != nil {
		return nil, err
	}
	current, err := reg.Current()
	if err != nil {
		return nil, err
	}
	if current == nil {
		return nil, fmt.Errorf("the store %s has no current build yet: build one with `filmoteca etl --store %s`", dir, dir)
	}
	code := codeVersion()
	svc, info, err := lifecycle.LoadBuild(ctx, reg, current.ID, code)
	if err != nil {
		return nil, fmt.Errorf("the store's current build %s cannot be served: %w", current.ID, err)
	}
	handler := server.New(svc, log)
	handler.Swap(svc, info)
	log.Info("loaded", "store", dir, "build", current.ID, "movies", current.Films)
	reload := make(chan struct{}, 1)
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	go func() {
		defer signal.Stop(hup)
		for {
			select {
			case <-ctx.Done():
				return
			case <-hup:
				select {
				case reload <- struct{}{}:
				default: // a reload is already pending
				}
			}
		}
	}()
	go lifecycle.Follow(ctx, reg, handler, current.ID, code, reload, log)
	return handler, nil
}

// listenAndServe serves handler on opts.addr until ctx is done, then lets
// the requests in flight finish (shutdownGrace).
func listenAndServe(ctx context.Context, handler *server.Server, opts serveOptions, log *slog.Logger, start time.Time, stdout io.Writer) error {
	listener, err := net.Listen("tcp", opts.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", opts.addr, err)
	}
	srv := newHTTPServer(handler, log)
	conns := server.NewConnLimit(opts.maxConns, log)
	srv.ConnState = conns.ConnState
	listener = conns.Listener(listener)
	log.Info("serving", "addr", listener.Addr().String(), "max_conns", opts.maxConns,
		"startup_seconds", fmt.Sprintf("%.2f", time.Since(start).Seconds()))
	fmt.Fprintf(stdout, "filmoteca listening on http://%s\n", listener.Addr())

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(listener) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down", "grace_seconds", shutdownGrace.Seconds())
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// opens reports whether the database at path opens as a built database.
func opens(path string) bool {
	db, err := store.Open(path)
	if err != nil {
		return false
	}
	db.Close()
	return true
}

// setGoMemoryLimit applies goMemoryLimit unless GOMEMLIMIT says otherwise.
func setGoMemoryLimit() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(goMemoryLimit)
	}
}

// connMemory is the memory the server's connections may take, by which
// the default --max-conns is sized: a 512 MB host keeps the rest for the
// catalogue, the vectors and the requests.
const connMemory = 64 << 20

// newHTTPServer wraps handler with the limits an open-internet service
// needs: slow or oversized requests are cut off instead of holding the
// server, and an idle connection closes after 20 s. The server's own errors
// (a failed accept, a bad TLS handshake) go to log like every other line.
func newHTTPServer(handler http.Handler, log *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      15 * time.Second,
		IdleTimeout:       20 * time.Second,
		MaxHeaderBytes:    16 << 10, // request line and headers
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

// loadService loads a built database into memory (pipeline.Open) and
// returns the service that answers from it, and which build it is.
func loadService(ctx context.Context, dbPath string, log *slog.Logger) (*service.Service, server.BuildInfo, error) {
	start := time.Now()
	loaded, err := pipeline.Open(ctx, dbPath)
	if err != nil {
		return nil, server.BuildInfo{}, err
	}
	svc, err := loaded.Service()
	if err != nil {
		return nil, server.BuildInfo{}, err
	}
	cov := loaded.Catalog.Coverage()
	log.Info("loaded", "db", dbPath, "movies", cov.Movies, "actors", cov.Actors, "directors", cov.Directors,
		"vectors", loaded.Vectors.Len(), "seconds", fmt.Sprintf("%.2f", time.Since(start).Seconds()))
	info := server.BuildInfo{ID: loaded.Build.Fingerprint[:min(12, len(loaded.Build.Fingerprint))],
		DataSHA256: loaded.Build.DataSHA256, Code: codeVersion()}
	return svc, info, nil
}

// defaultAddr listens on $PORT, as Render and Railway set it, else 8000.
func defaultAddr() string {
	if port := os.Getenv("PORT"); port != "" {
		return ":" + port
	}
	return ":8000"
}
