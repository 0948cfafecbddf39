package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/filmoteca/filmoteca/engine/recommend"
	sqlfiles "github.com/filmoteca/filmoteca/sql"
)

// BuilderVersion changes whenever Go code changes what a build writes (the
// literal parser, the embedding algorithm), so that such a change triggers
// a rebuild just as a changed SQL file or input does. The recommender's
// configuration (weights, dimensions) is part of the fingerprint by itself.
const BuilderVersion = "4"

// DefaultMemoryLimit is DuckDB's memory_limit during a build unless told
// otherwise: with the Go side of the vectors, the whole build then fits a
// 512 MB host (README, "Performance").
const DefaultMemoryLimit = "200MB"

// BuildOptions says what to build from and where.
type BuildOptions struct {
	// Data is the folder or zip archive of the inputs. Empty means the
	// database's own recorded source; DefaultData when there is no database
	// yet. A database is never rebuilt from data it was not built from
	// unless Data names it.
	Data        string
	DefaultData string
	DBPath      string // the database file to (re)place
	Force       bool   // rebuild even when inputs and SQL are unchanged
	KeepRaw     bool   // keep the inputs as read (raw_* tables) in the database
	MemoryLimit string // DuckDB memory_limit during the build; empty: DefaultMemoryLimit
	Steps       fs.FS  // the numbered SQL files; nil: the embedded sql/ folder
	Logger      *slog.Logger
	// Progress, when set, is told of each step as it runs, and DuckDB shows
	// its progress bar on standard output for statements longer than 2 s:
	// for a person at a terminal.
	Progress Progress
}

// Progress follows a build for a person watching it.
type Progress interface {
	// Step says that step n of total (1-based) named name begins.
	Step(n, total int, name string)
	// Fraction says how much of the current step is done, 0 to 1, when
	// the step knows (the vectors do; SQL steps show DuckDB's own bar).
	Fraction(done float64)
	// Done says that the current step ended after took.
	Done(took time.Duration)
}

// noProgress follows nothing.
type noProgress struct{}

func (noProgress) Step(int, int, string) {}
func (noProgress) Fraction(float64)      {}
func (noProgress) Done(time.Duration)    {}

// BuildReport says what a build did.
type BuildReport struct {
	UpToDate bool // nothing to do: the database matches its inputs and SQL
	// Kept: no Data was given and the database's source is gone, so the
	// database is kept as it is (Previous says where it came from).
	Kept        bool
	Source      string     // the folder or archive built from (absolute)
	Previous    *BuildInfo // the database this one replaced, when it came from another source
	Fingerprint string
	Duration    time.Duration
	Embeddings  time.Duration // of Duration, the recommender's vectors
	Tables      []TableCount
	Rejected    []RejectCount
}

// TableCount is the number of rows of one table.
type TableCount struct {
	Table string
	Rows  int64
}

// RejectCount is the number of rejected records or fields of one kind.
type RejectCount struct {
	Source, Reason string
	Rows           int64
}

// Build (re)creates the database from the input files. When the database
// already records the same inputs, SQL steps, builder version and
// recommender configuration, it does nothing and says so. Otherwise it
// builds a new file beside the old one and renames it into place only on
// success, so a failed or interrupted build leaves the previous database as
// it was.
func Build(ctx context.Context, opts BuildOptions) (*BuildReport, error) {
	start := time.Now()
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	fsys := opts.Steps
	if fsys == nil {
		fsys = sqlfiles.FS
	}
	steps, err := LoadSteps(fsys)
	if err != nil {
		return nil, err
	}
	prev, err := readRecord(opts.DBPath)
	if err != nil {
		return nil, err
	}
	source := opts.Data
	if source == "" && prev != nil && prev.Source == "" {
		return nil, fmt.Errorf("store: %s was built by an older filmoteca, which did not record the data it was built from; build it again naming its data: `filmoteca etl --data DIR --db %s`", opts.DBPath, opts.DBPath)
	}
	if source == "" && prev != nil {
		source = prev.Source
		if _, err := os.Stat(source); err != nil {
			log.Info("keeping the database as built: its source is gone", "db", opts.DBPath,
				"source", prev.Source, "built_at", prev.BuiltAt.Format(time.RFC3339))
			return &BuildReport{Kept: true, Previous: &prev.BuildInfo, Fingerprint: prev.Fingerprint}, nil
		}
	}
	if source == "" {
		source = opts.DefaultData
	}
	inputs, err := FindInputs(source)
	if err != nil {
		return nil, err
	}
	if source, err = filepath.Abs(source); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	var recorded []Input
	if prev != nil {
		recorded = prev.Inputs
	}
	report := &BuildReport{Source: source}
	if prev != nil && prev.Source != source {
		report.Previous = &prev.BuildInfo // an older database, with no Source, included
	}
	// The checksums decide whether to build. With nothing to compare them
	// to (no database yet, or --force) they are needed only when the build
	// records them: they are computed meanwhile.
	hashed := slices.Clone(inputs) // hashed on its own: the build reads inputs meanwhile
	checksums := func() (string, error) {
		hashStart := time.Now()
		if err := hashInputs(hashed, recorded); err != nil {
			return "", err
		}
		log.Debug("inputs", "source", source, "files", len(inputs), "checksum_seconds", fmt.Sprintf("%.2f", time.Since(hashStart).Seconds()))
		return fingerprint(source, hashed, steps, opts.KeepRaw), nil
	}
	fingerprinted := make(chan error, 1)
	var fp string
	if prev == nil || opts.Force {
		go func() {
			var err error
			fp, err = checksums()
			fingerprinted <- err
		}()
	} else {
		if fp, err = checksums(); err != nil {
			return nil, err
		}
		fingerprinted <- nil
		report.Fingerprint = fp
		// Checked before taking the lock too, so that an up-to-date database
		// in a read-only folder (a container image) needs no write at all.
		if prev.Fingerprint == report.Fingerprint {
			removeStaleBuild(opts.DBPath)
			log.Info("database is up to date; nothing to do", "db", opts.DBPath, "source", source)
			report.UpToDate = true
			report.Previous = nil
			report.Duration = time.Since(start)
			return report, nil
		}
	}
	if report.Previous != nil {
		log.Info("replacing the database: it was built from another source", "db", opts.DBPath,
			"was", report.Previous.Source, "built_at", report.Previous.BuiltAt.Format(time.RFC3339), "now", source)
	}
	if err := os.MkdirAll(filepath.Dir(opts.DBPath), 0o755); err != nil {
		return nil, fmt.Errorf("store: create folder for %s: %w", opts.DBPath, err)
	}
	unlock, err := lockBuild(opts.DBPath)
	if err != nil {
		return nil, err
	}
	defer unlock()
	awaitFingerprint := sync.OnceValue(func() error {
		if err := <-fingerprinted; err != nil {
			return err
		}
		report.Fingerprint = fp
		for i := range inputs {
			inputs[i].SHA256 = hashed[i].SHA256
		}
		return nil
	})
	if stored := storedFingerprint(opts.DBPath); !opts.Force && stored != "" {
		// Another build may have finished between the check and the lock.
		if err := awaitFingerprint(); err != nil {
			return nil, err
		}
		if stored == report.Fingerprint {
			report.UpToDate = true
			report.Duration = time.Since(start)
			return report, nil
		}
	}

	tmp := opts.DBPath + ".building"
	removeScratch(opts.DBPath)
	defer removeScratch(opts.DBPath)
	if err := buildFile(ctx, tmp, source, inputs, steps, awaitFingerprint, opts, report, log); err != nil {
		return nil, err
	}
	// A stale WAL beside the target would be replayed onto the new file.
	if err := os.Remove(opts.DBPath + ".wal"); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("store: remove stale %s.wal: %w", opts.DBPath, err)
	}
	if err := os.Rename(tmp, opts.DBPath); err != nil {
		return nil, fmt.Errorf("store: move the new database into place: %w", err)
	}
	syncDir(filepath.Dir(opts.DBPath))
	report.Duration = time.Since(start)
	log.Info("database built", "db", opts.DBPath, "source", source, "seconds", fmt.Sprintf("%.1f", report.Duration.Seconds()))
	return report, nil
}

// buildFile runs the whole build into path: the SQL steps, then the vectors,
// then the record of the build (once awaitFingerprint says the inputs'
// checksums and report.Fingerprint are there).
func buildFile(ctx context.Context, path, source string, inputs []Input, steps []Step, awaitFingerprint func() error, opts BuildOptions, report *BuildReport, log *slog.Logger) error {
	memoryLimit := opts.MemoryLimit
	if memoryLimit == "" {
		memoryLimit = DefaultMemoryLimit
	}
	db, err := open(path, buildSettings(memoryLimit))
	if err != nil {
		return err
	}
	defer db.Close()
	// A connection the build closes is closed for good, with its TEMP
	// tables and settings, not kept for the next one.
	db.SetMaxIdleConns(0)
	progress := opts.Progress
	if progress == nil {
		progress = noProgress{}
	}
	started := time.Now()
	total, err := applySteps(ctx, db, inputs, steps, opts, progress, log)
	if err != nil {
		return err
	}

	// The steps' connection is closed: its TEMP tables, the largest part of
	// the build's memory, are gone. The vectors' Go side gets the memory.
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: connect to %s: %w", path, err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SET memory_limit = '64MB'"); err != nil {
		return fmt.Errorf("store: lower the memory limit: %w", err)
	}
	embedStart := time.Now()
	progress.Step(total, total, "vectors")
	if err := buildEmbeddings(ctx, conn, progress, log); err != nil {
		return err
	}
	report.Embeddings = time.Since(embedStart)
	progress.Done(report.Embeddings)
	if err := awaitFingerprint(); err != nil {
		return err
	}
	for _, in := range inputs {
		if _, err := conn.ExecContext(ctx, `INSERT INTO etl_inputs VALUES (?, ?, ?, ?, ?)`,
			in.Name, in.Path, in.Bytes, in.Modified, in.SHA256); err != nil {
			return fmt.Errorf("store: record input %s: %w", in.Name, err)
		}
	}
	if _, err := conn.ExecContext(ctx, `INSERT INTO etl_build VALUES (?, ?, ?, version(), ?, ?, ?)`,
		report.Fingerprint, source, BuilderVersion, opts.KeepRaw, time.Now().UTC(), time.Since(started).Seconds()); err != nil {
		return fmt.Errorf("store: record build: %w", err)
	}
	summarized := time.Now()
	if err := summarize(ctx, conn, report); err != nil {
		return err
	}
	checkpointed := time.Now()
	if _, err := conn.ExecContext(ctx, "CHECKPOINT"); err != nil {
		return fmt.Errorf("store: checkpoint %s: %w", path, err)
	}
	log.Debug("finished", "summary_seconds", fmt.Sprintf("%.2f", checkpointed.Sub(summarized).Seconds()),
		"checkpoint_seconds", fmt.Sprintf("%.2f", time.Since(checkpointed).Seconds()))
	return nil
}

// buildSettings are DuckDB's settings for a build. Its heaviest statement,
// the pass over credits.csv, runs on one thread whatever the setting (it
// numbers the records in file order), so one thread costs little time and
// keeps the memory a second thread's buffers would take; the allocator
// gives freed memory back to the system at once. With memoryLimit (DuckDB's
// own share), a build of the full data fits a 512 MB host.
func buildSettings(memoryLimit string) url.Values {
	return url.Values{
		"memory_limit":              {memoryLimit},
		"threads":                   {"1"},
		"allocator_flush_threshold": {"16MB"},
		"allocator_bulk_deallocation_flush_threshold": {"16MB"},
		"allocator_background_threads":                {"true"},
	}
}

// applySteps runs the SQL steps that apply, in order, on one connection:
// the Go functions, the variables and the TEMP tables the steps share live
// there. A concurrent step (Step.Until) runs on a second connection beside
// the steps after it; what the two share lives in scratchCatalog, an in-memory
// database attached for the steps' duration and searched after the main
// one. It returns the number of steps of the build, the vectors included.
func applySteps(ctx context.Context, db *sql.DB, inputs []Input, steps []Step, opts BuildOptions, progress Progress, log *slog.Logger) (int, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	conditions := map[string]bool{CondKeepRaw: opts.KeepRaw}
	variables := map[string]string{}
	unzipped := opts.DBPath + ".inputs"
	for _, in := range inputs {
		if in.Name == "keywords.csv" {
			conditions[CondKeywords] = true
		}
		if in.member != "" {
			if err := os.MkdirAll(unzipped, 0o755); err != nil {
				return 0, fmt.Errorf("store: %w", err)
			}
		}
		readable, err := readablePath(in, unzipped)
		if err != nil {
			return 0, err
		}
		variables[specOf(in.Name).variable] = readable
	}
	var applied []Step
	for _, step := range steps {
		if step.applies(conditions) {
			applied = append(applied, step)
		} else {
			log.Info("skipped", "sql", step.Name, "when", strings.Join(step.When, ", "))
		}
	}
	total := len(applied) + 1 // and the vectors

	// Attached once for the whole database, whichever connection does it.
	if _, err := db.ExecContext(ctx, "ATTACH ':memory:' AS "+scratchCatalog); err != nil {
		return 0, fmt.Errorf("store: attach the build's scratch database (a database file may not be named %s): %w", scratchCatalog, err)
	}
	conn, err := stepConn(ctx, db, variables, opts.Progress != nil)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	reported := 0
	var running *concurrentStep
	// await waits for the concurrent step, shown as the next step.
	await := func() error {
		if running == nil {
			return nil
		}
		c := running
		running = nil
		reported++
		progress.Step(reported, total, c.step.Name)
		err := <-c.done
		progress.Done(c.took)
		return err
	}
	// fail stops the concurrent step, if any, before returning err.
	fail := func(err error) error {
		if running != nil {
			cancel()
			<-running.done
			running = nil
		}
		return err
	}
	for _, step := range applied {
		if running != nil && step.Number >= running.step.Until {
			if err := await(); err != nil {
				return 0, err
			}
		}
		if step.Until > 0 {
			if err := await(); err != nil { // one at a time
				return 0, err
			}
			c, err := startConcurrent(ctx, db, step, variables, log)
			if err != nil {
				return 0, fail(err)
			}
			running = c
			continue
		}
		reported++
		progress.Step(reported, total, step.Name)
		stepStart := time.Now()
		if err := applyStep(ctx, conn, step, log); err != nil {
			return 0, fail(err)
		}
		progress.Done(time.Since(stepStart))
	}
	if err := await(); err != nil {
		return 0, err
	}
	if _, err := conn.ExecContext(ctx, "DETACH "+scratchCatalog); err != nil {
		return 0, fmt.Errorf("store: detach the build's scratch database: %w", err)
	}
	return total, nil
}

// scratchCatalog is the in-memory database the steps share objects in, by
// this name in sql/ (CREATE TABLE etl_scratch.movie_checks …).
const scratchCatalog = "etl_scratch"

// concurrentStep is a step running on a connection of its own.
type concurrentStep struct {
	step Step
	done chan error    // its outcome, once
	took time.Duration // set before done
}

// startConcurrent starts step on a new connection, closed when it ends.
func startConcurrent(ctx context.Context, db *sql.DB, step Step, variables map[string]string, log *slog.Logger) (*concurrentStep, error) {
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
func stepConn(ctx context.Context, db *sql.DB, variables map[string]string, progressBar bool) (*sql.Conn, error) {
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

// summarize counts the rows of every table and the rejections by reason.
func summarize(ctx context.Context, conn *sql.Conn, report *BuildReport) error {
	rows, err := conn.QueryContext(ctx, `SELECT table_name FROM duckdb_tables() WHERE NOT temporary ORDER BY table_name`)
	if err != nil {
		return fmt.Errorf("store: list tables: %w", err)
	}
	var names []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return fmt.Errorf("store: list tables: %w", err)
		}
		names = append(names, name)
	}
	rows.Close()
	for _, name := range names {
		var n int64
		if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM "+quoteIdent(name)).Scan(&n); err != nil {
			return fmt.Errorf("store: count %s: %w", name, err)
		}
		report.Tables = append(report.Tables, TableCount{Table: name, Rows: n})
	}
	rows, err = conn.QueryContext(ctx, `SELECT source, reason, count(*) FROM rejected_rows GROUP BY ALL ORDER BY ALL`)
	if err != nil {
		return fmt.Errorf("store: count rejections: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var rc RejectCount
		if err := rows.Scan(&rc.Source, &rc.Reason, &rc.Rows); err != nil {
			return fmt.Errorf("store: count rejections: %w", err)
		}
		report.Rejected = append(report.Rejected, rc)
	}
	return rows.Err()
}

// fingerprint identifies a build: the builder version, the recommender's
// configuration, every SQL step, the source and every input, and whether
// raw tables are kept.
func fingerprint(source string, inputs []Input, steps []Step, keepRaw bool) string {
	h := sha256.New()
	fmt.Fprintf(h, "builder %s\n", BuilderVersion)
	fmt.Fprintf(h, "source %s\n", source)
	fmt.Fprintf(h, "recommender %+v\n", recommend.DefaultConfig())
	fmt.Fprintf(h, "keep raw %v\n", keepRaw)
	for _, s := range steps {
		fmt.Fprintf(h, "sql %s %s\n", s.Name, s.SHA256)
	}
	for _, in := range inputs {
		fmt.Fprintf(h, "input %s %s\n", in.Name, in.SHA256)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// record is what a built database says of its own build.
type record struct {
	BuildInfo
	Inputs []Input
}

// readRecord reads the build record of the database at path: nil when
// there is no file, a record without Source for a database built by an
// older filmoteca. A file that is not a filmoteca database is an error: it
// is never replaced.
func readRecord(path string) (*record, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	db, err := open(path, url.Values{"access_mode": {"READ_ONLY"}})
	if err != nil {
		return nil, fmt.Errorf("store: %s exists and cannot be opened as a DuckDB database, so it is not replaced (choose another --db, or remove it): %w", path, err)
	}
	defer db.Close()
	r := &record{}
	if err := db.QueryRow(`SELECT fingerprint, built_at FROM etl_build`).Scan(&r.Fingerprint, &r.BuiltAt); err != nil {
		return nil, fmt.Errorf("store: %s is not a filmoteca database (no build record), so it is not replaced (choose another --db, or remove it)", path)
	}
	if err := db.QueryRow(`SELECT source FROM etl_build`).Scan(&r.Source); err != nil {
		return r, nil // an older filmoteca's database: no source, no input details
	}
	rows, err := db.Query(`SELECT name, path, bytes, modified, sha256 FROM etl_inputs`)
	if err != nil {
		return nil, fmt.Errorf("store: read the inputs of %s: %w", path, err)
	}
	defer rows.Close()
	for rows.Next() {
		var in Input
		var modified sql.NullTime
		if err := rows.Scan(&in.Name, &in.Path, &in.Bytes, &modified, &in.SHA256); err != nil {
			return nil, fmt.Errorf("store: read the inputs of %s: %w", path, err)
		}
		in.Modified = modified.Time
		r.Inputs = append(r.Inputs, in)
	}
	return r, rows.Err()
}

// storedFingerprint returns the fingerprint the database at path records,
// or "" when there is no readable database there.
func storedFingerprint(path string) string {
	r, err := readRecord(path)
	if err != nil || r == nil {
		return ""
	}
	return r.Fingerprint
}

// lockBuild takes an exclusive lock beside the database so that two builds
// of the same file never run at once.
func lockBuild(dbPath string) (unlock func(), err error) {
	f, err := os.OpenFile(dbPath+".lock", os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("store: lock %s: %w", dbPath, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, fmt.Errorf("store: another build of %s is running (lock %s.lock is held)", dbPath, dbPath)
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN) //nolint:errcheck // closing releases it anyway
		f.Close()
	}, nil
}

// removeStaleBuild deletes what a killed build left behind, when there is
// something and no build is running; it never fails (in a read-only folder
// there is nothing to remove).
func removeStaleBuild(dbPath string) {
	_, errBuilding := os.Stat(dbPath + ".building")
	_, errInputs := os.Stat(dbPath + ".inputs")
	if errBuilding != nil && errInputs != nil {
		return
	}
	unlock, err := lockBuild(dbPath)
	if err != nil {
		return // a build is running, or the folder is read-only
	}
	defer unlock()
	removeScratch(dbPath)
}

// removeScratch deletes a build's temporary files: the new database and its
// write-ahead log, and the inputs extracted from an archive.
func removeScratch(dbPath string) {
	os.Remove(dbPath + ".building")
	os.Remove(dbPath + ".building.wal")
	os.RemoveAll(dbPath + ".inputs")
}

// syncDir makes a rename durable; a failure only weakens crash safety.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync() //nolint:errcheck
		d.Close()
	}
}

// oneLineError folds err into one line: DuckDB's messages (a CSV that
// cannot be parsed, say) run over many lines of context and hints. It keeps
// the first line, the first line that explains it, and the file named in the
// message. The whole error stays reachable through Unwrap.
type oneLineError struct{ err error }

func (e oneLineError) Error() string {
	lines := strings.Split(e.err.Error(), "\n")
	out := lines[0]
	var cause, file string
	for _, l := range lines[1:] {
		trimmed := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(trimmed, "file = "):
			file = strings.TrimPrefix(trimmed, "file = ")
		case cause == "" && trimmed != "" && !strings.HasPrefix(trimmed, "Original Line") &&
			!strings.HasPrefix(trimmed, "Possible") && !strings.HasPrefix(trimmed, "LINE ") && !strings.HasPrefix(trimmed, "^"):
			cause = trimmed
		}
	}
	if cause != "" {
		out += ": " + cause
	}
	if file != "" {
		out += " (file " + file + ")"
	}
	return out
}

func (e oneLineError) Unwrap() error { return e.err }

// processCPU is the CPU time the process has used, in seconds (all threads:
// DuckDB's included), for the build's debug log.
func processCPU() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
