package store

import (
	"fmt"
	"testing"
)

// PlainReadCSV loads the input files, all columns as text, into tables of a
// new database file: the floor any build pays (BenchmarkETL).
func PlainReadCSV(b *testing.B, path string, inputs []Input) {
	db, err := open(path, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	for i, in := range inputs {
		query := fmt.Sprintf("CREATE TABLE t%d AS SELECT * FROM read_csv(?, header = true, all_varchar = true)", i)
		if _, err := db.Exec(query, in.Path); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := db.Exec("CHECKPOINT"); err != nil {
		b.Fatal(err)
	}
}
