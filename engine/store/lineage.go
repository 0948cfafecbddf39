package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strings"
	"time"
)

// BuildInfo says where and when a database was built.
type BuildInfo struct {
	Source      string // the folder or archive of the inputs
	BuiltAt     time.Time
	Fingerprint string
	DataSHA256  string // over the inputs' names and checksums: the data, whatever the code
}

// dataSHA256 is the checksum of a build's data: of its inputs' names and
// checksums, in the order the build reads them (the base, then each
// update: a later row replaces an earlier one, so the order is data too).
func dataSHA256(inputs []Input) string {
	lines := make([]string, len(inputs))
	for i, in := range inputs {
		lines[i] = in.Name + " " + in.SHA256 + "\n"
	}
	sum := sha256.Sum256([]byte(strings.Join(lines, "")))
	return hex.EncodeToString(sum[:])
}

// Lineage reads what the database says of its own build.
func (db *DB) Lineage(ctx context.Context) (BuildInfo, error) {
	var b BuildInfo
	err := db.db.QueryRowContext(ctx, `SELECT source, built_at, fingerprint FROM etl_build`).Scan(&b.Source, &b.BuiltAt, &b.Fingerprint)
	if err != nil {
		return b, fmt.Errorf("store: read the lineage: %w", err)
	}
	rows, err := db.db.QueryContext(ctx, `SELECT name, sha256 FROM etl_inputs ORDER BY rowid`)
	if err != nil {
		return b, fmt.Errorf("store: read the lineage's inputs: %w", err)
	}
	defer rows.Close()
	var inputs []Input
	for rows.Next() {
		var in Input
		if err := rows.Scan(&in.Name, &in.SHA256); err != nil {
			return b, fmt.Errorf("store: read the lineage's inputs: %w", err)
		}
		inputs = append(inputs, in)
	}
	b.DataSHA256 = dataSHA256(inputs)
	return b, rows.Err()
}

// lineage is what a built database says of its own build (tables
// etl_build and etl_inputs): where, when and from which files. ("Record"
// means a CSV record elsewhere in the store.)
type lineage struct {
	BuildInfo
	Inputs []Input
}

// readLineage reads the lineage of the database at path: nil when there
// is no file, a lineage without Source for a database built by an older
// filmoteca. A file that is not a filmoteca database is an error: it
// is never replaced.
func readLineage(path string) (*lineage, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	db, err := open(path, url.Values{"access_mode": {"READ_ONLY"}})
	if err != nil {
		return nil, fmt.Errorf("store: %s exists and cannot be opened as a DuckDB database, so it is not replaced (choose another --db, or remove it): %w", path, err)
	}
	defer db.Close()
	r := &lineage{}
	if err := db.QueryRow(`SELECT fingerprint, built_at FROM etl_build`).Scan(&r.Fingerprint, &r.BuiltAt); err != nil {
		return nil, fmt.Errorf("store: %s is not a filmoteca database (it says nothing of its build), so it is not replaced (choose another --db, or remove it)", path)
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
	r, err := readLineage(path)
	if err != nil || r == nil {
		return ""
	}
	return r.Fingerprint
}

// writeLineage writes the new database's lineage: its inputs with their
// checksums, then the build itself.
func writeLineage(ctx context.Context, conn *sql.Conn, inputs []Input, fingerprint, source string, keepRaw bool, took time.Duration) error {
	for _, in := range inputs {
		if _, err := conn.ExecContext(ctx, `INSERT INTO etl_inputs VALUES (?, ?, ?, ?, ?)`,
			in.Name, in.Path, in.Bytes, in.Modified, in.SHA256); err != nil {
			return fmt.Errorf("store: record input %s: %w", in.Name, err)
		}
	}
	if _, err := conn.ExecContext(ctx, `INSERT INTO etl_build VALUES (?, ?, ?, version(), ?, ?, ?)`,
		fingerprint, source, BuilderVersion, keepRaw, time.Now().UTC(), took.Seconds()); err != nil {
		return fmt.Errorf("store: record build: %w", err)
	}
	return nil
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
