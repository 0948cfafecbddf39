package store

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestInputColumnsAreWhatTheSQLReads ties the columns inputSpecs lists (the
// header check's) to the columns the SQL steps read: a build of files that
// hold only the listed columns gives the same database, and a file that
// lacks a listed column is refused before DuckDB reads it, naming it.
func TestInputColumnsAreWhatTheSQLReads(t *testing.T) {
	dir := copyDir(t, quirksDir)
	for _, spec := range inputSpecs {
		keepOnly(t, filepath.Join(dir, spec.name), spec.columns)
	}
	trimmed, _ := buildDB(t, dir)
	full, _ := buildDB(t, quirksDir)
	for _, query := range []string{
		`SELECT CAST(sum(hash(t)) AS VARCHAR) FROM movies t`,
		`SELECT CAST(sum(hash(t)) AS VARCHAR) FROM movie_cast t`,
		`SELECT CAST(sum(hash(t)) AS VARCHAR) FROM movie_keywords t`,
		`SELECT CAST(sum(hash(t)) AS VARCHAR) FROM movie_features t`,
	} {
		if a, b := queryValue[string](t, trimmed, query), queryValue[string](t, full, query); a != b {
			t.Errorf("%s: %s with only the listed columns, %s with all", query, a, b)
		}
	}
	for _, spec := range inputSpecs {
		for _, column := range spec.columns {
			lacking := copyDir(t, quirksDir)
			keepOnly(t, filepath.Join(lacking, spec.name), slices.DeleteFunc(slices.Clone(spec.columns), func(c string) bool { return c == column }))
			_, err := FindInputs(lacking)
			if err == nil || !strings.Contains(err.Error(), "missing column(s) "+column+";") {
				t.Errorf("%s without %s: err = %v, want one naming the column", spec.name, column, err)
			}
		}
	}
}

// keepOnly rewrites the CSV file at path with only the given columns.
func keepOnly(t *testing.T, path string, columns []string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	var keep []int
	for i, name := range records[0] {
		if slices.Contains(columns, name) {
			keep = append(keep, i)
		}
	}
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(out)
	for _, record := range records {
		row := make([]string, len(keep))
		for j, i := range keep {
			row[j] = record[i]
		}
		must(t, w.Write(row))
	}
	w.Flush()
	must(t, w.Error())
	must(t, out.Close())
}
