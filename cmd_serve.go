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
	"runtime/debug"
	"time"

	"github.com/filmoteca/filmoteca/engine/pipeline"
	"github.com/filmoteca/filmoteca/engine/service"
	"github.com/filmoteca/filmoteca/engine/store"
	"github.com/filmoteca/filmoteca/server"
)

// shutdownGrace is how long in-flight requests get after SIGTERM.
const shutdownGrace = 10 * time.Second

// goMemoryLimit is the Go heap's soft limit when GOMEMLIMIT is not set:
// it keeps the server (about 150 MB once loaded on the full data) well
// inside a 512 MB instance, and the build's Go side under DuckDB's own limit.
const goMemoryLimit = 150 << 20

func runServe(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", "serve [--data DIR|ARCHIVE.zip] [--db FILE] [--addr HOST:PORT] [--build=false] [--memory-limit SIZE] [--max-conns N]", stderr)
	buildOpts := addBuildFlags(fs)
	dbPath := fs.String("db", defaultDBPath, "database file to serve (opened read-only)")
	addr := fs.String("addr", defaultAddr(), "listen address (the default listens on $PORT when it is set, as Render and Railway set it)")
	build := fs.Bool("build", true, "build the database first when it is missing or stale")
	reports := fs.String("reports", defaultReportsDir, "folder of the EDA report (filmoteca eda), served at /eda/")
	maxConns := fs.Int("max-conns", server.MaxConns(server.FileLimit(), connMemory),
		"most open connections; at the bound the oldest idle one is closed (default: from the file limit and memory)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	setGoMemoryLimit()
	// The access log writes a line per request: batched, it costs little.
	logOut := newLogWriter(stderr, 200*time.Millisecond)
	defer logOut.Close()
	log := newLogger(logOut)
	start := time.Now()
	if *build {
		_, err := pipeline.Build(ctx, store.BuildOptions{Data: *buildOpts.data, DefaultData: defaultDataDir, DBPath: *dbPath,
			MemoryLimit: *buildOpts.memoryLimit, Logger: log})
		if err != nil && (ctx.Err() != nil || !opens(*dbPath)) {
			return err
		}
		if err != nil {
			// A server keeps serving what it has: the database is valid,
			// only its rebuild failed (its data moved away, say).
			log.Warn("serving the database as it is: it could not be rebuilt", "db", *dbPath, "err", err)
		}
	}
	svc, err := loadService(ctx, *dbPath, log)
	if err != nil {
		return err
	}
	handler := server.New(svc, log)
	handler.ServeReports(*reports)
	debug.FreeOSMemory() // return the loading's garbage before serving

	listener, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	srv := newHTTPServer(handler, log)
	conns := server.NewConnLimit(*maxConns, log)
	srv.ConnState = conns.ConnState
	listener = conns.Listener(listener)
	log.Info("serving", "addr", listener.Addr().String(), "db", *dbPath, "max_conns", *maxConns,
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
// returns the service that answers from it.
func loadService(ctx context.Context, dbPath string, log *slog.Logger) (*service.Service, error) {
	start := time.Now()
	loaded, err := pipeline.Open(ctx, dbPath)
	if err != nil {
		return nil, err
	}
	svc, err := loaded.Service()
	if err != nil {
		return nil, err
	}
	cov := loaded.Catalog.Coverage()
	log.Info("loaded", "db", dbPath, "movies", cov.Movies, "actors", cov.Actors, "directors", cov.Directors,
		"vectors", loaded.Vectors.Len(), "seconds", fmt.Sprintf("%.2f", time.Since(start).Seconds()))
	return svc, nil
}

// defaultAddr listens on $PORT, as Render and Railway set it, else 8000.
func defaultAddr() string {
	if port := os.Getenv("PORT"); port != "" {
		return ":" + port
	}
	return ":8000"
}
