package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/filmoteca/filmoteca/engine/pipeline"
	"github.com/filmoteca/filmoteca/engine/store"
)

// benchDataDir is the largest data available: $FILMOTECA_BENCH_DATA (e.g. the
// 190 MB set that ../shared/data/make-scale.py writes), else the full-size
// reconstruction in ../shared/data/full, else the shipped sample.
func benchDataDir(b *testing.B) string {
	if dir := os.Getenv("FILMOTECA_BENCH_DATA"); dir != "" {
		return dir
	}
	for _, dir := range []string{"../../../shared/data/full", "../../data"} {
		if _, err := store.FindInputs(dir); err == nil {
			return dir
		}
	}
	b.Fatal("no data to benchmark")
	return ""
}

// BenchmarkETL times, in one run, (a) DuckDB's plain read_csv of the input
// files into tables of a new database file and (b) the whole build of the
// same files as the commands run it (pipeline.Build: vectors included), and
// reports both, the vectors' share of (b) and the ratio of (b) to (a). Both
// read keywords.csv when the folder has it.
func BenchmarkETL(b *testing.B) {
	dir := benchDataDir(b)
	inputs, err := store.FindInputs(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("data: %s", dir)
	var readCSV, etl, goSteps time.Duration
	var size int64
	for b.Loop() {
		tmp := b.TempDir()
		start := time.Now()
		store.PlainReadCSV(b, filepath.Join(tmp, "plain.duckdb"), inputs)
		readCSV += time.Since(start)

		start = time.Now()
		path := filepath.Join(tmp, "etl.duckdb")
		report, err := pipeline.Build(context.Background(), store.BuildOptions{Data: dir, DBPath: path})
		if err != nil {
			b.Fatal(err)
		}
		etl += time.Since(start)
		for _, s := range report.GoSteps {
			goSteps += s.Duration
		}
		info, err := os.Stat(path)
		if err != nil {
			b.Fatal(err)
		}
		size = info.Size()
	}
	n := float64(b.N)
	b.ReportMetric(readCSV.Seconds()/n, "read_csv-s")
	b.ReportMetric(etl.Seconds()/n, "etl-s")
	b.ReportMetric(goSteps.Seconds()/n, "vectors-s")
	b.ReportMetric(etl.Seconds()/readCSV.Seconds(), "etl/read_csv")
	b.ReportMetric(float64(size)/1e6, "file-MB")
}
