package store

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"strings"
	"syscall"
	"time"
)

// scratchCatalog is the in-memory database the steps share objects in, by
// this name in sql/ (CREATE TABLE etl_scratch.movie_checks …).
const scratchCatalog = "etl_scratch"

// sqlRunner runs a build's SQL steps in order on one connection: the Go
// functions, the variables and the TEMP tables the steps share live there.
// A concurrent step (Step.Until) runs on a second connection beside the
// steps after it, and the runner waits for it before step Until; what the
// two share lives in scratchCatalog, an in-memory database attached for the
// steps' duration and searched after the main one.
type sqlRunner struct {
	db          *sql.DB
	variables   map[string][]string // the SQL variables: the inputs' paths and names
	progress    Progress
	progressBar bool // DuckDB's progress bar, for a person at a terminal
	log         *slog.Logger
	total       int // steps of the whole build, shown as "step n of total"

	conn     *sql.Conn
	reported int // steps shown so far
	running  *concurrentStep
	cancel   context.CancelFunc // stops the concurrent step
}

// runAll runs steps, in order.
func (r *sqlRunner) runAll(ctx context.Context, steps []Step) error {
	ctx, r.cancel = context.WithCancel(ctx)
	defer r.cancel()
	// Attached once for the whole database, whichever connection does it.
	if _, err := r.db.ExecContext(ctx, "ATTACH ':memory:' AS "+scratchCatalog); err != nil {
		return fmt.Errorf("store: attach the build's scratch database (a database file may not be named %s): %w", scratchCatalog, err)
	}
	conn, err := stepConn(ctx, r.db, r.variables, r.progressBar)
	if err != nil {
		return err
	}
	defer conn.Close()
	r.conn = conn
	for _, step := range steps {
		if err := r.run(ctx, step); err != nil {
			return r.stop(err)
		}
	}
	if err := r.await(); err != nil {
		return err
	}
	if _, err := r.conn.ExecContext(ctx, "DETACH "+scratchCatalog); err != nil {
		return fmt.Errorf("store: detach the build's scratch database: %w", err)
	}
	return nil
}

// run runs one step: on the main connection, or started on its own when it
// is concurrent (after waiting for the concurrent step before it).
func (r *sqlRunner) run(ctx context.Context, step Step) error {
	if r.running != nil && step.Number >= r.running.step.Until {
		if err := r.await(); err != nil {
			return err
		}
	}
	if step.Until > 0 {
		if err := r.await(); err != nil { // one at a time
			return err
		}
		c, err := startConcurrent(ctx, r.db, step, r.variables, r.log)
		if err != nil {
			return err
		}
		r.running = c
		return nil
	}
	r.reported++
	r.progress.Step(r.reported, r.total, step.Name)
	start := time.Now()
	if err := applyStep(ctx, r.conn, step, r.log); err != nil {
		return err
	}
	r.progress.Done(time.Since(start))
	return nil
}

// await waits for the concurrent step, if any, shown as the next step.
func (r *sqlRunner) await() error {
	if r.running == nil {
		return nil
	}
	c := r.running
	r.running = nil
	r.reported++
	r.progress.Step(r.reported, r.total, c.step.Name)
	err := <-c.done
	r.progress.Done(c.took)
	return err
}

// stop stops the concurrent step, if any, before returning err.
func (r *sqlRunner) stop(err error) error {
	if r.running != nil {
		r.cancel()
		<-r.running.done
		r.running = nil
	}
	return err
}

// concurrentStep is a step running on a connection of its own.
type concurrentStep struct {
	step Step
	done chan error    // its outcome, once
	took time.Duration // set before done
}

// startConcurrent starts step on a new connection, closed when it ends.
func startConcurrent(ctx context.Context, db *sql.DB, step Step, variables map[string][]string, log *slog.Logger) (*concurrentStep, error) {
	conn, err := stepConn(ctx, db, variables, false) // DuckDB's bar belongs to the main connection
	if err != nil {
		return nil, err
	}
	c := &concurrentStep{step: step, done: make(chan error, 1)}
	go func() {
		defer conn.Close()
		start := time.Now()
		err := applyStep(ctx, conn, step, log)
		c.took = time.Since(start)
		c.done <- err
	}()
	return c, nil
}

// stepConn opens a connection for the steps: the Go functions, the input
// paths as variables, and scratchCatalog searched after the main database.
func stepConn(ctx context.Context, db *sql.DB, variables map[string][]string, progressBar bool) (*sql.Conn, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: connect: %w", err)
	}
	setup := func() error {
		if err := registerLiteralFunctions(conn); err != nil {
			return err
		}
		if progressBar {
			if _, err := conn.ExecContext(ctx, "SET enable_progress_bar = true"); err != nil {
				return fmt.Errorf("store: progress bar: %w", err)
			}
		}
		if _, err := conn.ExecContext(ctx, "SET search_path = 'main,"+scratchCatalog+".main'"); err != nil {
			return fmt.Errorf("store: search path: %w", err)
		}
		for name, value := range variables {
			if _, err := conn.ExecContext(ctx, "SET VARIABLE "+name+" = ?", value); err != nil {
				return fmt.Errorf("store: set %s: %w", name, err)
			}
		}
		return nil
	}
	if err := setup(); err != nil {
		conn.Close()
		return nil, err
	}
	return conn, nil
}

// applyStep runs one SQL file and records it. Its statements commit one
// by one: a DuckDB transaction writes to one database only, and a step
// writes to the new file and to scratchCatalog. A step needs no transaction of
// its own: a build that fails leaves its file unused (see Build).
func applyStep(ctx context.Context, conn *sql.Conn, step Step, log *slog.Logger) error {
	start := time.Now()
	for _, stmt := range SplitStatements(step.SQL) {
		stmtStart := time.Now()
		cpuStart := processCPU()
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("store: apply %s: %w", step.Name, oneLineError{err})
		}
		log.Debug("statement", "sql", step.Name, "seconds", fmt.Sprintf("%.2f", time.Since(stmtStart).Seconds()), "cpu_seconds", fmt.Sprintf("%.2f", processCPU()-cpuStart), "statement", firstLine(stmt))
	}
	seconds := time.Since(start).Seconds()
	if _, err := conn.ExecContext(ctx, `INSERT INTO etl_steps VALUES (?, ?, ?, ?, ?)`,
		step.Number, step.Name, step.SHA256, time.Now().UTC(), seconds); err != nil {
		return fmt.Errorf("store: record %s: %w", step.Name, err)
	}
	log.Info("applied", "sql", step.Name, "seconds", fmt.Sprintf("%.2f", seconds))
	return nil
}

// firstLine is the first line of a statement that is not a comment.
func firstLine(stmt string) string {
	for line := range strings.SplitSeq(stmt, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "--") {
			return line
		}
	}
	return ""
}

// processCPU is the CPU time the process has used, in seconds (all threads:
// DuckDB's included), for the build's debug log.
func processCPU() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
