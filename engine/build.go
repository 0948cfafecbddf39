package engine

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
	"strings"
	"syscall"
	"time"

	"github.com/filmoteca/filmoteca/engine/recommend"
	sqlfiles "github.com/filmoteca/filmoteca/sql"
)

// BuilderVersion changes whenever Go code changes what a build writes (the
// literal parser, the bookkeeping tables, the embedding algorithm), so that
// such a change triggers a rebuild just as a changed SQL file or input does.
// The recommender's configuration (weights, dimensions) is part of the
// fingerprint by itself.
const BuilderVersion = "3"

// BuildOptions says what to build from and where.
type BuildOptions struct {
	DataDir     string // folder holding movies_dataset.csv[.gz], credits.csv[.gz] and optionally keywords.csv[.gz]
	DBPath      string // the database file to (re)place
	Force       bool   // rebuild even when inputs and SQL are unchanged
	MemoryLimit string // DuckDB memory_limit during the build, e.g. "1GB"; empty: DuckDB's default
	Migrations  fs.FS  // the numbered SQL files; nil: the embedded sql/ folder
	Logger      *slog.Logger
}

// BuildReport says what a build did.
type BuildReport struct {
	UpToDate    bool // nothing to do: the database matches its inputs and SQL
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

// Build (re)creates the database from the CSV files. When the database
// already records the same inputs, SQL files, builder version and
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
	fsys := opts.Migrations
	if fsys == nil {
		fsys = sqlfiles.FS
	}
	inputs, err := FindInputs(opts.DataDir)
	if err != nil {
		return nil, err
	}
	migrations, err := LoadMigrations(fsys)
	if err != nil {
		return nil, err
	}
	fp := fingerprint(inputs, migrations)

	upToDate := func() bool { return !opts.Force && storedFingerprint(opts.DBPath) == fp }
	// Checked before taking the lock too, so that an up-to-date database in a
	// read-only folder (a container image) needs no write at all.
	if upToDate() {
		removeStaleBuild(opts.DBPath)
		log.Info("database is up to date; nothing to do", "db", opts.DBPath)
		return &BuildReport{UpToDate: true, Fingerprint: fp, Duration: time.Since(start)}, nil
	}
	if err := os.MkdirAll(filepath.Dir(opts.DBPath), 0o755); err != nil {
		return nil, fmt.Errorf("engine: create folder for %s: %w", opts.DBPath, err)
	}
	unlock, err := lockBuild(opts.DBPath)
	if err != nil {
		return nil, err
	}
	defer unlock()
	if upToDate() { // another build finished between the check and the lock
		return &BuildReport{UpToDate: true, Fingerprint: fp, Duration: time.Since(start)}, nil
	}

	tmp := opts.DBPath + ".building"
	removeDatabase(tmp)
	report, err := buildFile(ctx, tmp, inputs, migrations, fp, opts, log)
	if err != nil {
		removeDatabase(tmp)
		return nil, err
	}
	// A stale WAL beside the target would be replayed onto the new file.
	if err := os.Remove(opts.DBPath + ".wal"); err != nil && !errors.Is(err, fs.ErrNotExist) {
		removeDatabase(tmp)
		return nil, fmt.Errorf("engine: remove stale %s.wal: %w", opts.DBPath, err)
	}
	if err := os.Rename(tmp, opts.DBPath); err != nil {
		removeDatabase(tmp)
		return nil, fmt.Errorf("engine: move the new database into place: %w", err)
	}
	syncDir(filepath.Dir(opts.DBPath))
	report.Fingerprint = fp
	report.Duration = time.Since(start)
	log.Info("database built", "db", opts.DBPath, "seconds", report.Duration.Seconds())
	return report, nil
}

// buildFile runs the whole build into path.
func buildFile(ctx context.Context, path string, inputs []Input, migrations []Migration, fp string, opts BuildOptions, log *slog.Logger) (*BuildReport, error) {
	settings := url.Values{}
	if opts.MemoryLimit != "" {
		settings.Set("memory_limit", opts.MemoryLimit)
	}
	db, err := open(path, settings)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	// One connection: the Go functions, variables and TEMP tables are per connection.
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("engine: connect to %s: %w", path, err)
	}
	defer conn.Close()
	if err := registerLiteralFunctions(conn); err != nil {
		return nil, err
	}
	cleanup, err := setInputVariables(ctx, conn, inputs)
	defer cleanup()
	if err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, bookkeepingSQL); err != nil {
		return nil, fmt.Errorf("engine: create bookkeeping tables: %w", err)
	}
	for _, in := range inputs {
		if _, err := conn.ExecContext(ctx, `INSERT INTO etl_inputs VALUES (?, ?, ?, ?)`,
			in.Name, nullIfEmpty(in.Path), in.Bytes, nullIfEmpty(in.SHA256)); err != nil {
			return nil, fmt.Errorf("engine: record input %s: %w", in.Name, err)
		}
	}
	started := time.Now()
	for _, m := range migrations {
		if err := applyMigration(ctx, conn, m, log); err != nil {
			return nil, err
		}
	}
	embedStart := time.Now()
	if err := buildEmbeddings(ctx, conn, log); err != nil {
		return nil, err
	}
	embedTime := time.Since(embedStart)
	if _, err := conn.ExecContext(ctx, `INSERT INTO etl_build VALUES (?, ?, version(), ?, ?)`,
		fp, BuilderVersion, time.Now().UTC(), time.Since(started).Seconds()); err != nil {
		return nil, fmt.Errorf("engine: record build: %w", err)
	}
	report, err := summarize(ctx, conn)
	if err != nil {
		return nil, err
	}
	report.Embeddings = embedTime
	if _, err := conn.ExecContext(ctx, "CHECKPOINT"); err != nil {
		return nil, fmt.Errorf("engine: checkpoint %s: %w", path, err)
	}
	return report, nil
}

const bookkeepingSQL = `
CREATE TABLE etl_inputs (name VARCHAR, path VARCHAR, bytes BIGINT, sha256 VARCHAR);
CREATE TABLE etl_migrations (version INTEGER, name VARCHAR, sha256 VARCHAR, applied_at TIMESTAMP, seconds DOUBLE);
CREATE TABLE etl_build (fingerprint VARCHAR, builder_version VARCHAR, duckdb_version VARCHAR, built_at TIMESTAMP, seconds DOUBLE);
`

// applyMigration runs one SQL file in its own transaction and records it.
func applyMigration(ctx context.Context, conn *sql.Conn, m Migration, log *slog.Logger) error {
	start := time.Now()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("engine: apply %s: begin: %w", m.Name, err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return fmt.Errorf("engine: apply %s: %w", m.Name, oneLineError{err})
	}
	seconds := time.Since(start).Seconds()
	if _, err := tx.ExecContext(ctx, `INSERT INTO etl_migrations VALUES (?, ?, ?, ?, ?)`,
		m.Version, m.Name, m.SHA256, time.Now().UTC(), seconds); err != nil {
		return fmt.Errorf("engine: record %s: %w", m.Name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("engine: apply %s: commit: %w", m.Name, err)
	}
	log.Info("applied", "sql", m.Name, "seconds", fmt.Sprintf("%.2f", seconds))
	return nil
}

// buildEmbeddings computes the recommender's vectors from the view
// movie_features (sql/005_features.sql) and stores them in movie_embeddings.
func buildEmbeddings(ctx context.Context, conn *sql.Conn, log *slog.Logger) error {
	start := time.Now()
	docs, err := recommend.LoadDocs(ctx, conn)
	if err != nil {
		return err
	}
	e, err := recommend.Build(docs, recommend.DefaultConfig())
	if err != nil {
		return err
	}
	if err := recommend.Write(ctx, conn, e); err != nil {
		return err
	}
	log.Info("embeddings", "movies", len(e.IDs), "dimensions", e.Dim, "seconds", fmt.Sprintf("%.2f", time.Since(start).Seconds()))
	return nil
}

// setInputVariables points the SQL files' path variables at the inputs. An
// absent optional input is replaced by a header-only file, so that its raw
// table exists and is empty; cleanup removes that file.
func setInputVariables(ctx context.Context, conn *sql.Conn, inputs []Input) (cleanup func(), err error) {
	cleanup = func() {}
	variables := map[string]string{
		"movies_dataset.csv": "movies_path",
		"credits.csv":        "credits_path",
		"keywords.csv":       "keywords_path",
	}
	for _, in := range inputs {
		path := in.Path
		if path == "" {
			f, err := os.CreateTemp("", "filmoteca-empty-*.csv")
			if err != nil {
				return cleanup, fmt.Errorf("engine: stand-in for absent %s: %w", in.Name, err)
			}
			name := f.Name()
			cleanup = func() { os.Remove(name) }
			if _, err := f.WriteString("id,keywords\n"); err != nil {
				f.Close()
				return cleanup, fmt.Errorf("engine: stand-in for absent %s: %w", in.Name, err)
			}
			if err := f.Close(); err != nil {
				return cleanup, fmt.Errorf("engine: stand-in for absent %s: %w", in.Name, err)
			}
			path = name
		}
		if _, err := conn.ExecContext(ctx, "SET VARIABLE "+variables[in.Name]+" = ?", path); err != nil {
			return cleanup, fmt.Errorf("engine: set %s: %w", variables[in.Name], err)
		}
	}
	return cleanup, nil
}

// summarize counts the rows of every table and the rejections by reason.
func summarize(ctx context.Context, conn *sql.Conn) (*BuildReport, error) {
	report := &BuildReport{}
	rows, err := conn.QueryContext(ctx, `SELECT table_name FROM duckdb_tables() WHERE NOT temporary ORDER BY table_name`)
	if err != nil {
		return nil, fmt.Errorf("engine: list tables: %w", err)
	}
	var names []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return nil, fmt.Errorf("engine: list tables: %w", err)
		}
		names = append(names, name)
	}
	rows.Close()
	for _, name := range names {
		var n int64
		if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM "+quoteIdent(name)).Scan(&n); err != nil {
			return nil, fmt.Errorf("engine: count %s: %w", name, err)
		}
		report.Tables = append(report.Tables, TableCount{Table: name, Rows: n})
	}
	rows, err = conn.QueryContext(ctx, `SELECT source, reason, count(*) FROM rejected_rows GROUP BY ALL ORDER BY ALL`)
	if err != nil {
		return nil, fmt.Errorf("engine: count rejections: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var rc RejectCount
		if err := rows.Scan(&rc.Source, &rc.Reason, &rc.Rows); err != nil {
			return nil, fmt.Errorf("engine: count rejections: %w", err)
		}
		report.Rejected = append(report.Rejected, rc)
	}
	return report, rows.Err()
}

// fingerprint identifies a build: the builder version, the recommender's
// configuration, every SQL file and every input.
func fingerprint(inputs []Input, migrations []Migration) string {
	h := sha256.New()
	fmt.Fprintf(h, "builder %s\n", BuilderVersion)
	fmt.Fprintf(h, "recommender %+v\n", recommend.DefaultConfig())
	for _, m := range migrations {
		fmt.Fprintf(h, "sql %s %s\n", m.Name, m.SHA256)
	}
	for _, in := range inputs {
		fmt.Fprintf(h, "input %s %s\n", in.Name, in.SHA256)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// storedFingerprint returns the fingerprint the database at path records,
// or "" when there is no readable database there.
func storedFingerprint(path string) string {
	if _, err := os.Stat(path); err != nil {
		return ""
	}
	db, err := open(path, url.Values{"access_mode": {"READ_ONLY"}})
	if err != nil {
		return ""
	}
	defer db.Close()
	var fp string
	if err := db.QueryRow(`SELECT fingerprint FROM etl_build`).Scan(&fp); err != nil {
		return ""
	}
	return fp
}

// lockBuild takes an exclusive lock beside the database so that two builds
// of the same file never run at once.
func lockBuild(dbPath string) (unlock func(), err error) {
	f, err := os.OpenFile(dbPath+".lock", os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("engine: lock %s: %w", dbPath, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, fmt.Errorf("engine: another build of %s is running (lock %s.lock is held)", dbPath, dbPath)
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN) //nolint:errcheck // closing releases it anyway
		f.Close()
	}, nil
}

// removeStaleBuild deletes the temporary file of a build that was killed,
// when there is one and no build is running; it never fails (in a read-only
// folder there is nothing to remove).
func removeStaleBuild(dbPath string) {
	if _, err := os.Stat(dbPath + ".building"); err != nil {
		return
	}
	unlock, err := lockBuild(dbPath)
	if err != nil {
		return // a build is running, or the folder is read-only
	}
	defer unlock()
	removeDatabase(dbPath + ".building")
}

// removeDatabase deletes a DuckDB file and its write-ahead log, if present.
func removeDatabase(path string) {
	os.Remove(path)
	os.Remove(path + ".wal")
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

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
