package store

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// csvRows reads a CSV file of the shipped data (gzip-compressed).
func csvRows(t *testing.T, name string) (header []string, rows [][]string) {
	t.Helper()
	all, err := csv.NewReader(bytes.NewReader(gunzip(t, filepath.Join(shippedDir, name+".gz")))).ReadAll()
	must(t, err)
	return all[0], all[1:]
}

// writeCSV writes header and rows to dir/name, making dir.
func writeCSV(t *testing.T, dir, name string, header []string, rows ...[]string) {
	t.Helper()
	must(t, os.MkdirAll(dir, 0o755))
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	must(t, w.Write(header))
	must(t, w.WriteAll(rows))
	must(t, os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644))
}

// split returns the rows whose id (column id of header) is in ids, and the others.
func split(header []string, rows [][]string, ids map[string]bool) (in, out [][]string) {
	col := slices.Index(header, "id")
	for _, r := range rows {
		if ids[r[col]] {
			in = append(in, r)
		} else {
			out = append(out, r)
		}
	}
	return in, out
}

// TestUpdatesEqualTheMergedFiles: the shipped sample without twenty films
// (those of records 80 to 99, with credits) as the base, the twenty as
// update 2026-12-01, and Toy Story's records again as update 2026-12-02 (a
// correction replaces what the base has). The build equals, table for
// table, row for row, a build of one file per input: the base's records
// not replaced, then the updates' records in order. etl_files and
// rejected_rows say which file each record came from.
func TestUpdatesEqualTheMergedFiles(t *testing.T) {
	mHeader, movies := csvRows(t, "movies_dataset.csv")
	cHeader, credits := csvRows(t, "credits.csv")
	arriving := map[string]bool{}
	for _, r := range movies[79:99] {
		arriving[r[slices.Index(mHeader, "id")]] = true
	}
	corrected := map[string]bool{"862": true}
	newMovies, baseMovies := split(mHeader, movies, arriving)
	newCredits, baseCredits := split(cHeader, credits, arriving)
	toyMovie, _ := split(mHeader, baseMovies, corrected)
	toyCredits, _ := split(cHeader, baseCredits, corrected)

	withUpdates := t.TempDir()
	writeCSV(t, withUpdates, "movies_dataset.csv", mHeader, baseMovies...)
	writeCSV(t, withUpdates, "credits.csv", cHeader, baseCredits...)
	writeCSV(t, filepath.Join(withUpdates, "updates", "2026-12-01"), "movies_dataset.csv", mHeader, newMovies...)
	writeCSV(t, filepath.Join(withUpdates, "updates", "2026-12-01"), "credits.csv", cHeader, newCredits...)
	writeCSV(t, filepath.Join(withUpdates, "updates", "2026-12-02"), "movies_dataset.csv", mHeader, toyMovie...)
	writeCSV(t, filepath.Join(withUpdates, "updates", "2026-12-02"), "credits.csv", cHeader, toyCredits...)

	merged := t.TempDir()
	_, keptMovies := split(mHeader, baseMovies, corrected)
	_, keptCredits := split(cHeader, baseCredits, corrected)
	writeCSV(t, merged, "movies_dataset.csv", mHeader, slices.Concat(keptMovies, newMovies, toyMovie)...)
	writeCSV(t, merged, "credits.csv", cHeader, slices.Concat(keptCredits, newCredits, toyCredits)...)

	updated, _ := buildDB(t, withUpdates)
	one, _ := buildDB(t, merged)
	tables := queryStrings(t, one, `SELECT table_name FROM duckdb_tables()
		WHERE NOT temporary AND table_name NOT LIKE 'etl%' AND table_name <> 'rejected_rows' ORDER BY 1`)
	if len(tables) < 10 {
		t.Fatalf("only %d tables to compare: %v", len(tables), tables)
	}
	for _, table := range tables {
		query := "SELECT count(*) || ' ' || coalesce(CAST(sum(hash(t)) AS VARCHAR), '') FROM " + quoteIdent(table) + " t"
		if a, b := queryValue[string](t, updated, query), queryValue[string](t, one, query); a != b {
			t.Errorf("%s: %s with updates, %s from the merged files", table, a, b)
		}
	}
	if n := queryValue[int64](t, updated, "SELECT count(*) FROM movies"); n != 2993 {
		t.Errorf("%d movies with the updates, want the sample's 2993", n)
	}
	files := queryStrings(t, updated, "SELECT source || ' ' || file || ' ' || records || ' ' || kept FROM etl_files ORDER BY source, position")
	want := []string{
		"credits.csv credits.csv 79 78", "credits.csv updates/2026-12-01/credits.csv 20 20", "credits.csv updates/2026-12-02/credits.csv 1 1",
		"movies_dataset.csv movies_dataset.csv 2976 2972", "movies_dataset.csv updates/2026-12-01/movies_dataset.csv 20 20",
		"movies_dataset.csv updates/2026-12-02/movies_dataset.csv 1 1",
	}
	if !slices.Equal(files, want) {
		t.Errorf("etl_files:\n%s\nwant\n%s", strings.Join(files, "\n"), strings.Join(want, "\n"))
	}
	replaced := queryStrings(t, updated, `SELECT file || ' ' || record || ': ' || detail FROM rejected_rows
		WHERE reason = 'duplicate_id' AND id = '862' ORDER BY source`)
	if want := []string{"credits.csv 1: id kept from file updates/2026-12-02/credits.csv, record 1",
		"movies_dataset.csv 1: id kept from file updates/2026-12-02/movies_dataset.csv, record 1"}; !slices.Equal(replaced, want) {
		t.Errorf("Toy Story's replaced records: %v, want %v", replaced, want)
	}
}

// TestBadUpdatesAreRefused: an update is refused in one line naming its
// file when its header lacks a column or differs from the base's, when it
// holds no input, or when it gives no record to keep; the previous database
// stays.
func TestBadUpdatesAreRefused(t *testing.T) {
	mHeader, movies := csvRows(t, "movies_dataset.csv")
	cHeader, credits := csvRows(t, "credits.csv")
	base := t.TempDir()
	writeCSV(t, base, "movies_dataset.csv", mHeader, movies...)
	writeCSV(t, base, "credits.csv", cHeader, credits...)
	path := filepath.Join(t.TempDir(), "f.duckdb")
	if _, err := buildAt(base, path); err != nil {
		t.Fatal(err)
	}
	dated := slices.Index(mHeader, "release_date")
	undated := slices.Clone(movies[0])
	undated[dated] = ""
	reordered := slices.Concat(cHeader[1:], cHeader[:1])
	cases := []struct {
		name, want string
		write      func(dir string)
	}{
		{"a missing column", "missing column(s) title", func(dir string) {
			header := slices.DeleteFunc(slices.Clone(mHeader), func(c string) bool { return c == "title" })
			writeCSV(t, dir, "movies_dataset.csv", header)
		}},
		{"columns in another order", "not those of", func(dir string) { writeCSV(t, dir, "credits.csv", reordered) }},
		{"no input file", "holds none of the input files", func(dir string) {
			must(t, os.MkdirAll(dir, 0o755))
			must(t, os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("to do"), 0o644))
		}},
		{"only rejected records", "every record was rejected (missing_release_date 1)", func(dir string) {
			writeCSV(t, dir, "movies_dataset.csv", mHeader, undated)
		}},
		{"a header only", "has no records, only its header", func(dir string) { writeCSV(t, dir, "credits.csv", cHeader) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(base, "updates", "2026-12-01")
			must(t, os.RemoveAll(filepath.Join(base, "updates")))
			c.write(dir)
			_, err := buildAt(base, path)
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), dir) || strings.Contains(err.Error(), "\n") {
				t.Errorf("err = %v, want one line naming %s and saying %q", err, dir, c.want)
			}
			assertIntact(t, path, 2993)
		})
	}
}

// buildAt builds data into the database at path.
func buildAt(data, path string) (*BuildReport, error) {
	return Build(context.Background(), BuildOptions{Data: data, DBPath: path})
}
