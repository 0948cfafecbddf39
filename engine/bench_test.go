package engine

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// benchDataDir is the largest data available: $FILMOTECA_BENCH_DATA (e.g. the
// 190 MB set that ../shared/data/make-scale.py writes), else the full-size
// reconstruction in ../shared/data/full, else the shipped sample.
func benchDataDir(b *testing.B) string {
	if dir := os.Getenv("FILMOTECA_BENCH_DATA"); dir != "" {
		return dir
	}
	for _, dir := range []string{"../../shared/data/full", shippedDir} {
		if _, err := FindInputs(dir); err == nil {
			return dir
		}
	}
	b.Fatal("no data to benchmark")
	return ""
}

// BenchmarkETL times, in one run, (a) DuckDB's plain read_csv of the input
// files into tables of a new database file and (b) the full build of the same
// files, and reports both, the recommender's share of (b) (its vectors are
// the recommender issue's work, timed on their own) and the ratio of the
// rest of (b) to (a). Both read keywords.csv when the folder has it.
func BenchmarkETL(b *testing.B) {
	dir := benchDataDir(b)
	inputs, err := FindInputs(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("data: %s", dir)
	var readCSV, etl, embeddings time.Duration
	for b.Loop() {
		tmp := b.TempDir()
		start := time.Now()
		plainReadCSV(b, filepath.Join(tmp, "plain.duckdb"), inputs)
		readCSV += time.Since(start)

		start = time.Now()
		report, err := Build(context.Background(), BuildOptions{DataDir: dir, DBPath: filepath.Join(tmp, "etl.duckdb")})
		if err != nil {
			b.Fatal(err)
		}
		etl += time.Since(start)
		embeddings += report.Embeddings
	}
	n := float64(b.N)
	b.ReportMetric(readCSV.Seconds()/n, "read_csv-s")
	b.ReportMetric(etl.Seconds()/n, "etl-s")
	b.ReportMetric(embeddings.Seconds()/n, "embeddings-s")
	b.ReportMetric((etl-embeddings).Seconds()/readCSV.Seconds(), "etl/read_csv")
}

// plainReadCSV loads the input files, all columns as text, into tables of a
// new database file: the floor any build pays.
func plainReadCSV(b *testing.B, path string, inputs []Input) {
	db, err := open(path, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	for i, in := range inputs {
		if in.Path == "" {
			continue
		}
		query := fmt.Sprintf("CREATE TABLE t%d AS SELECT * FROM read_csv(?, header = true, all_varchar = true)", i)
		if _, err := db.Exec(query, in.Path); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := db.Exec("CHECKPOINT"); err != nil {
		b.Fatal(err)
	}
}
