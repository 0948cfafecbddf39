package store

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/filmoteca/filmoteca/engine/film"
	sqlfiles "github.com/filmoteca/filmoteca/sql"
)

// BuilderVersion changes whenever the store's Go code changes what a build
// writes (the literal parser, say), so that such a change triggers a
// rebuild just as a changed SQL file or input does. Go steps carry their
// own version (GoStep.Version).
const BuilderVersion = "4"

// DefaultMemoryLimit is DuckDB's memory_limit during a build unless told
// otherwise: with the Go side of the vectors, the whole build then fits a
// 512 MB host (docs/data.md).
const DefaultMemoryLimit = "200MB"

// goStepsMemoryLimit is DuckDB's memory_limit while the Go steps run,
// whatever MemoryLimit says: the SQL steps' TEMP tables are gone by then,
// DuckDB only reads the profiles and writes the vectors, and the memory
// goes to the Go side, which holds the vectors. Reading the profiles of
// the 4× benchmark set (181k films) needs between 48 and 64 MB; the limit
// leaves twice that (peak RSS 467 MB there, scripts/growth.sh).
const goStepsMemoryLimit = "128MB"

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
	MemoryLimit string // DuckDB memory_limit during the SQL steps (the Go steps: goStepsMemoryLimit); empty: DefaultMemoryLimit
	Steps       fs.FS  // the numbered SQL files; nil: the embedded sql/ folder
	// GoSteps run after the SQL steps, in order (the recommender's
	// vectors), before the store's own (the Spanish names, names.go).
	GoSteps []GoStep
	Logger  *slog.Logger
	// Progress, when set, is told of each step as it runs, and DuckDB shows
	// its progress bar on standard output for statements longer than 2 s:
	// for a person at a terminal.
	Progress Progress
}

// GoStep is a step of the build written in Go, run on the new database
// after the SQL steps: the commands pass in the recommender's vectors (see
// engine/pipeline), so that the store need not know the model. Its Version
// is part of the build's fingerprint: a change to it rebuilds.
type GoStep struct {
	Name    string // shown in the progress and the log
	Version string // what the step computes: its algorithm and settings
	Run     func(ctx context.Context, db *BuildDB) error
}

// BuildDB is the database being built, as a Go step sees it: it reads what
// the SQL steps wrote and writes the step's own tables.
type BuildDB struct {
	conn     *sql.Conn
	progress Progress
	log      *slog.Logger
}

// Profiles reads what the recommender knows of each film (movie_features).
func (b *BuildDB) Profiles(ctx context.Context) ([]film.Profile, error) {
	return loadProfiles(ctx, b.conn)
}

// WriteVectors stores the recommender's vectors and the configuration that
// computed them (movie_embeddings, embedding_config).
func (b *BuildDB) WriteVectors(ctx context.Context, v *film.Vectors, configuration string) error {
	return writeVectors(ctx, b.conn, v, configuration, func(done float64) { b.progress.Fraction(0.9 + 0.1*done) })
}

// Progress says how much of the step is done, 0 to 1.
func (b *BuildDB) Progress(done float64) { b.progress.Fraction(done) }

// Log is the build's logger.
func (b *BuildDB) Log() *slog.Logger { return b.log }

// Progress follows a build for a person watching it.
type Progress interface {
	// Step says that step n of total (1-based) named name begins.
	Step(n, total int, name string)
	// Fraction says how much of the current step is done, 0 to 1, when
	// the step knows (Go steps do; SQL steps show DuckDB's own bar).
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
	UpToDate bool // nothing to do: the database matches its inputs and steps
	// Kept: no Data was given and the database's source is gone, so the
	// database is kept as it is (Previous says where it came from).
	Kept        bool
	Source      string     // the folder or archive built from (absolute)
	Previous    *BuildInfo // the database this one replaced, when it came from another source
	Fingerprint string
	DataSHA256  string  // over the inputs' names and checksums (BuildInfo.DataSHA256)
	Inputs      []Input // read, with their checksums
	Steps       []Step  // the SQL steps applied
	Duration    time.Duration
	GoSteps     []StepTime // how long each Go step took, of Duration
	Tables      []TableCount
	Rejected    []RejectCount
}

// Count is the number of rows of table in the built database (0 when it
// has no such table).
func (r *BuildReport) Count(table string) int64 {
	for _, t := range r.Tables {
		if t.Table == table {
			return t.Rows
		}
	}
	return 0
}

// StepTime is how long one step took.
type StepTime struct {
	Name     string
	Duration time.Duration
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
// already records the same inputs, steps and builder version, it does
// nothing and says so. Otherwise it builds a new file beside the old one and
// renames it into place only on success, so a failed or interrupted build
// leaves the previous database as it was. What to do is decided first
// (decide, from plain values); a builder does it.
func Build(ctx context.Context, opts BuildOptions) (*BuildReport, error) {
	// The countries' and languages' Spanish names: the store's own Go
	// step, after the given ones (the vectors need the most memory, and
	// get it first).
	opts.GoSteps = append(slices.Clip(opts.GoSteps), namesStep())
	b, err := newBuilder(opts)
	if err != nil {
		return nil, err
	}
	if b.plan.action == keepAsIs {
		b.log.Info("keeping the database as built: its source is gone", "db", opts.DBPath,
			"source", b.prev.Source, "built_at", b.prev.BuiltAt.Format(time.RFC3339))
		return &BuildReport{Kept: true, Previous: &b.prev.BuildInfo, Fingerprint: b.prev.Fingerprint}, nil
	}
	if b.inputs, err = FindInputs(b.plan.source); err != nil {
		return nil, err
	}
	b.report = &BuildReport{Source: b.plan.absolute, Previous: b.plan.replaces}
	// The checksums stop when the build returns early, or is stopped.
	hashCtx, stopHashing := context.WithCancel(ctx)
	defer stopHashing()
	b.fingerprint = startFingerprint(hashCtx, b.plan.absolute, b.inputs, b.recordedInputs(), b.steps, opts.GoSteps, opts.KeepRaw, b.log)
	if b.plan.action == buildIfChanged {
		// Checked before taking the lock too, so that an up-to-date database
		// in a read-only folder (a container image) needs no write at all.
		fp, _, err := b.fingerprint.wait()
		if err != nil {
			return nil, err
		}
		if fp == b.prev.Fingerprint {
			removeStaleBuilds(opts.DBPath)
			b.log.Info("database is up to date; nothing to do", "db", opts.DBPath, "source", b.plan.absolute)
			return &BuildReport{UpToDate: true, Source: b.plan.absolute, Fingerprint: fp, Duration: time.Since(b.start)}, nil
		}
	}
	return b.buildLocked(ctx)
}

// builder does one build: the state Build settled, and the work.
type builder struct {
	opts        BuildOptions
	log         *slog.Logger
	progress    Progress
	start       time.Time
	steps       []Step
	prev        *lineage // the database's lineage; nil when there is none
	plan        plan
	inputs      []Input
	fingerprint *fingerprinting
	report      *BuildReport
}

// newBuilder reads the steps and the database's lineage, and decides.
func newBuilder(opts BuildOptions) (*builder, error) {
	b := &builder{opts: opts, log: opts.Logger, progress: opts.Progress, start: time.Now()}
	if b.log == nil {
		b.log = slog.New(slog.DiscardHandler)
	}
	if b.progress == nil {
		b.progress = noProgress{}
	}
	fsys := opts.Steps
	if fsys == nil {
		fsys = sqlfiles.FS
	}
	var err error
	if b.steps, err = loadSteps(fsys); err != nil {
		return nil, err
	}
	if b.prev, err = readLineage(opts.DBPath); err != nil {
		return nil, err
	}
	if b.plan, err = decide(b.prev, opts, pathExists); err != nil {
		return nil, err
	}
	return b, nil
}

// recordedInputs are the inputs the database's lineage lists, whose checksums need
// not be computed again for unchanged files.
func (b *builder) recordedInputs() []Input {
	if b.prev == nil {
		return nil
	}
	return b.prev.Inputs
}

// buildLocked takes the build's lock, checks again that a build is needed
// (another may have finished meanwhile), builds into the scratch file and
// moves it into place.
func (b *builder) buildLocked(ctx context.Context) (*BuildReport, error) {
	dbPath := b.opts.DBPath
	if b.report.Previous != nil {
		b.log.Info("replacing the database: it was built from another source", "db", dbPath,
			"was", b.report.Previous.Source, "built_at", b.report.Previous.BuiltAt.Format(time.RFC3339), "now", b.plan.absolute)
	}
	if err := os.MkdirAll(filepath.Dir(dbPath), 0o755); err != nil {
		return nil, fmt.Errorf("store: create folder for %s: %w", dbPath, err)
	}
	unlock, err := lockBuild(dbPath)
	if err != nil {
		return nil, err
	}
	defer unlock()
	if stored := storedFingerprint(dbPath); !b.opts.Force && stored != "" {
		fp, _, err := b.fingerprint.wait()
		if err != nil {
			return nil, err
		}
		if stored == fp {
			return &BuildReport{UpToDate: true, Source: b.plan.absolute, Fingerprint: fp, Duration: time.Since(b.start)}, nil
		}
	}
	for _, dir := range staleScratch(dbPath) {
		os.RemoveAll(dir) // a killed build's; the lock says none is running
	}
	work, err := newScratch(dbPath)
	if err != nil {
		return nil, err
	}
	defer work.remove()
	if err := b.buildFile(ctx, work); err != nil {
		// Damaged input (a gzip cut short) is the cause to name, when the
		// checksums found it: DuckDB may have stopped on it first, or not at all.
		if ctx.Err() == nil {
			if _, _, inputErr := b.fingerprint.wait(); inputErr != nil {
				return nil, inputErr
			}
		}
		return nil, err
	}
	if err := moveIntoPlace(work.database(), dbPath); err != nil {
		return nil, err
	}
	b.report.Duration = time.Since(b.start)
	b.log.Info("database built", "db", dbPath, "source", b.plan.absolute, "seconds", fmt.Sprintf("%.1f", b.report.Duration.Seconds()))
	return b.report, nil
}

// buildFile runs the whole build into the scratch folder's database: the
// SQL steps, then the Go steps, then the lineage (once the inputs'
// checksums are in).
func (b *builder) buildFile(ctx context.Context, work *scratch) error {
	path := work.database()
	memoryLimit := b.opts.MemoryLimit
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
	started := time.Now()
	applied := b.applicableSteps()
	b.report.Steps = applied
	variables, names, err := b.inputVariables(work.inputs())
	if err != nil {
		return err
	}
	runner := &sqlRunner{db: db, variables: variables, progress: b.progress, progressBar: b.opts.Progress != nil,
		log: b.log, total: len(applied) + len(b.opts.GoSteps)}
	if err := runner.runAll(ctx, applied); err != nil {
		return renamedPaths{err, names}
	}
	if err := b.checkKeptMovies(ctx, db); err != nil {
		return err
	}
	// The steps' connection is closed: its TEMP tables, the largest part of
	// the build's memory, are gone. The Go steps get the memory.
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: connect to %s: %w", path, err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SET memory_limit = '"+goStepsMemoryLimit+"'"); err != nil {
		return fmt.Errorf("store: lower the memory limit: %w", err)
	}
	if err := b.runGoSteps(ctx, conn, len(applied)); err != nil {
		return err
	}
	return b.finish(ctx, conn, path, time.Since(started))
}

// applicableSteps are the SQL steps whose conditions hold; it logs the others.
func (b *builder) applicableSteps() []Step {
	holds := conditions(b.inputs, b.opts.KeepRaw)
	var out []Step
	for _, step := range b.steps {
		if step.applies(holds) {
			out = append(out, step)
		} else {
			b.log.Info("skipped", "sql", step.Name, "when", strings.Join(step.When, ", "))
		}
	}
	return out
}

// inputVariables are the SQL variables that list, for each input, the
// files DuckDB reads (NAME_paths; archive members extracted first into the
// folder unzipped) and the names the data gives them (NAME_files), base
// first, then the updates; and what turns the extracted files' paths back
// into the members' names (ARCHIVE!MEMBER) in DuckDB's errors.
func (b *builder) inputVariables(unzipped string) (map[string][]string, *strings.Replacer, error) {
	variables := map[string][]string{}
	var pairs []string
	for i, in := range b.inputs {
		readable, err := readablePath(in, filepath.Join(unzipped, strconv.Itoa(i)))
		if err != nil {
			return nil, nil, err
		}
		prefix := specOf(in.Name).variable
		variables[prefix+"_paths"] = append(variables[prefix+"_paths"], readable)
		variables[prefix+"_files"] = append(variables[prefix+"_files"], in.File)
		if readable != in.Path {
			pairs = append(pairs, readable, in.Path)
		}
	}
	return variables, strings.NewReplacer(pairs...), nil
}

// checkKeptMovies fails the build, naming the file, when the inputs gave
// no movie to keep (an empty catalogue is no database to serve), or when
// an update's file gave no record to keep (a header only, or every record
// rejected: a mistake to fix, not an update).
func (b *builder) checkKeptMovies(ctx context.Context, db *sql.DB) error {
	var kept int64
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM movies`).Scan(&kept); err != nil {
		return fmt.Errorf("store: count the kept movies: %w", err)
	}
	rows, err := db.QueryContext(ctx, `
		SELECT f.source, f.file, f.records,
		       (SELECT string_agg(reason || ' ' || n, ', ' ORDER BY n DESC, reason)
		        FROM (SELECT reason, count(*) AS n FROM rejected_rows r
		              WHERE r.source = f.source AND r.file = f.file AND r.record_text IS NOT NULL GROUP BY reason))
		FROM etl_files f
		WHERE f.kept = 0 AND (f.file LIKE 'updates/%' OR (f.source = 'movies_dataset.csv' AND ?))
		ORDER BY f.source, f.position`, kept == 0)
	if err != nil {
		return fmt.Errorf("store: count each file's kept records: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var source, file string
		var records int64
		var reasons sql.NullString
		if err := rows.Scan(&source, &file, &records, &reasons); err != nil {
			return fmt.Errorf("store: count each file's kept records: %w", err)
		}
		path := b.pathOf(source, file)
		if records == 0 {
			return fmt.Errorf("store: %s has no records, only its header: nothing to build from", path)
		}
		return fmt.Errorf("store: %s: every record was rejected (%s): nothing to build from", path, reasons.String)
	}
	return rows.Err()
}

// pathOf is the path of the input the data names file, for the errors.
func (b *builder) pathOf(source, file string) string {
	for _, in := range b.inputs {
		if in.Name == source && in.File == file {
			return in.Path
		}
	}
	return file
}

// runGoSteps runs the Go steps in order, numbered after the done SQL steps.
func (b *builder) runGoSteps(ctx context.Context, conn *sql.Conn, done int) error {
	total := done + len(b.opts.GoSteps)
	for i, step := range b.opts.GoSteps {
		start := time.Now()
		b.progress.Step(done+i+1, total, step.Name)
		if err := step.Run(ctx, &BuildDB{conn: conn, progress: b.progress, log: b.log}); err != nil {
			if strings.Contains(err.Error(), "Out of Memory Error") {
				// Not --memory-limit's: the Go steps run under their own limit.
				return fmt.Errorf("store: %s: DuckDB needs more than the %s it is given during the Go steps (goStepsMemoryLimit, which --memory-limit does not change): %s",
					step.Name, goStepsMemoryLimit, strings.SplitN(err.Error(), "\n", 2)[0])
			}
			return fmt.Errorf("store: %s: %w", step.Name, err)
		}
		took := time.Since(start)
		b.report.GoSteps = append(b.report.GoSteps, StepTime{Name: step.Name, Duration: took})
		b.progress.Done(took)
		b.log.Info("applied", "go", step.Name, "seconds", fmt.Sprintf("%.2f", took.Seconds()))
	}
	return nil
}

// finish writes the lineage, counts the tables and rejections for the
// report, and checkpoints the file.
func (b *builder) finish(ctx context.Context, conn *sql.Conn, path string, took time.Duration) error {
	fp, hashed, err := b.fingerprint.wait()
	if err != nil {
		return err
	}
	b.report.Fingerprint, b.report.Inputs, b.report.DataSHA256 = fp, hashed, dataSHA256(hashed)
	if err := writeLineage(ctx, conn, hashed, fp, b.plan.absolute, b.opts.KeepRaw, took); err != nil {
		return err
	}
	summarized := time.Now()
	if err := summarize(ctx, conn, b.report); err != nil {
		return err
	}
	checkpointed := time.Now()
	if _, err := conn.ExecContext(ctx, "CHECKPOINT"); err != nil {
		return fmt.Errorf("store: checkpoint %s: %w", path, err)
	}
	b.log.Debug("finished", "summary_seconds", fmt.Sprintf("%.2f", checkpointed.Sub(summarized).Seconds()),
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

// fingerprinting computes a build's fingerprint, which needs the inputs'
// checksums, beside the build: the build reads the inputs meanwhile, and
// waits for it only to compare or to record.
type fingerprinting struct {
	done   chan struct{}
	value  string
	inputs []Input // a copy of the inputs, with their checksums
	err    error
}

// startFingerprint starts computing the fingerprint of a build of inputs
// (checksums recorded for unchanged files are reused).
func startFingerprint(ctx context.Context, source string, inputs, recorded []Input, steps []Step, goSteps []GoStep, keepRaw bool, log *slog.Logger) *fingerprinting {
	f := &fingerprinting{done: make(chan struct{}), inputs: slices.Clone(inputs)}
	go func() {
		defer close(f.done)
		start := time.Now()
		if f.err = hashInputs(ctx, f.inputs, recorded); f.err != nil {
			return
		}
		log.Debug("inputs", "source", source, "files", len(inputs), "checksum_seconds", fmt.Sprintf("%.2f", time.Since(start).Seconds()))
		f.value = fingerprint(source, f.inputs, steps, goSteps, keepRaw)
	}()
	return f
}

// wait returns the fingerprint and the inputs with their checksums.
func (f *fingerprinting) wait() (string, []Input, error) {
	<-f.done
	return f.value, f.inputs, f.err
}
