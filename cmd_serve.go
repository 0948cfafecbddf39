package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"time"

	"github.com/filmoteca/filmoteca/engine"
	"github.com/filmoteca/filmoteca/engine/catalog"
	"github.com/filmoteca/filmoteca/engine/recommend"
	"github.com/filmoteca/filmoteca/server"
)

// shutdownGrace is how long in-flight requests get after SIGTERM.
const shutdownGrace = 10 * time.Second

func runServe(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", "serve [--data DIR] [--db FILE] [--addr HOST:PORT] [--build=false] [--memory-limit SIZE]", stderr)
	dataDir := fs.String("data", defaultDataDir, "folder with the CSV files, for building the database when it is missing or stale")
	dbPath := fs.String("db", defaultDBPath, "database file to serve (opened read-only)")
	addr := fs.String("addr", defaultAddr(), "listen address (default :$PORT, or :8000)")
	build := fs.Bool("build", true, "build the database first when it is missing or stale")
	memoryLimit := fs.String("memory-limit", "", "DuckDB memory_limit for that build, e.g. 200MB")
	reports := fs.String("reports", "reports", "folder of the EDA report (filmoteca eda), served at /eda/")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	log := newLogger(stderr)
	start := time.Now()
	if *build {
		if _, err := engine.Build(ctx, engine.BuildOptions{DataDir: *dataDir, DBPath: *dbPath, MemoryLimit: *memoryLimit, Logger: log}); err != nil {
			return err
		}
	}
	db, err := engine.OpenReadOnly(*dbPath)
	if err != nil {
		return err
	}
	handler, err := loadHandler(ctx, db, log)
	// Every answer comes from memory from now on: closing the database gives
	// DuckDB's memory back, and leaves requests nothing to reach.
	if closeErr := db.Close(); err == nil && closeErr != nil {
		err = fmt.Errorf("close %s: %w", *dbPath, closeErr)
	}
	if err != nil {
		return err
	}
	handler.ServeReports(*reports)
	debug.FreeOSMemory() // return the loading's garbage before serving

	listener, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	srv := newHTTPServer(handler)
	log.Info("serving", "addr", listener.Addr().String(), "db", *dbPath,
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

// newHTTPServer wraps handler with the limits an open-internet service
// needs: slow or oversized requests are cut off instead of holding the server.
func newHTTPServer(handler http.Handler) *http.Server {
	return &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      15 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10, // request line and headers
	}
}

// loadHandler loads the catalog and the recommender from a built database
// into memory and returns the API's handler.
func loadHandler(ctx context.Context, db *sql.DB, log *slog.Logger) (*server.Server, error) {
	cat, err := catalog.Load(ctx, db)
	if err != nil {
		return nil, err
	}
	rec, err := recommend.LoadRecommender(ctx, db)
	if err != nil {
		return nil, err
	}
	movies, actors, directors := cat.Sizes()
	log.Info("loaded", "movies", movies, "actors", actors, "directors", directors, "embeddings", rec.Len())
	return server.New(cat, rec, log), nil
}

// defaultAddr listens on $PORT, as Render and Railway set it, else 8000.
func defaultAddr() string {
	if port := os.Getenv("PORT"); port != "" {
		return ":" + port
	}
	return ":8000"
}
