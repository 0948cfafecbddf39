package store

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestZipOfGzipMembers: Info-ZIP deflates every member, .gz ones included
// (`zip k.zip movies_dataset.csv.gz credits.csv`); the archive's layer is
// undone and the gzip file read, as from the folder.
func TestZipOfGzipMembers(t *testing.T) {
	movies, err := os.ReadFile(filepath.Join(shippedDir, "movies_dataset.csv.gz"))
	must(t, err)
	archive := filepath.Join(t.TempDir(), "k.zip")
	writeZip(t, archive, map[string][]byte{
		"movies_dataset.csv.gz": movies,
		"credits.csv":           gunzip(t, filepath.Join(shippedDir, "credits.csv.gz")),
	}, []string{"movies_dataset.csv.gz", "credits.csv"})
	db, _ := buildDB(t, archive)
	if n := queryValue[int64](t, db, "SELECT count(*) FROM movies"); n != 2993 {
		t.Errorf("%d movies from the archive, want the sample's 2993", n)
	}
}

// TestNotRegularFilesAreRefused: a pipe in place of an input would block
// the build (and its signals) forever; it is refused at once, named.
func TestNotRegularFilesAreRefused(t *testing.T) {
	dir := copyDir(t, quirksDir)
	fifo := filepath.Join(dir, "movies_dataset.csv")
	must(t, os.Remove(fifo))
	must(t, syscall.Mkfifo(fifo, 0o644))
	done := make(chan error, 1)
	go func() {
		_, err := Build(context.Background(), BuildOptions{Data: dir, DBPath: filepath.Join(t.TempDir(), "f.duckdb")})
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), fifo) || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("a pipe as the movies file: err = %v, want one naming it", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("a pipe as the movies file blocked the build")
	}
	if _, err := FindInputs(fifo); err == nil || !strings.Contains(err.Error(), "neither a folder nor a file") {
		t.Errorf("a pipe as the data: err = %v, want a refusal", err)
	}
}

// TestDamagedDownloadsAreRefused: a .gz cut short (at a record boundary,
// so that every record left parses) and an archive member whose bytes do
// not match its CRC are refused in one line naming the file, and the
// previous database stays.
func TestDamagedDownloadsAreRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.duckdb")
	if _, err := Build(context.Background(), BuildOptions{Data: quirksDir, DBPath: path}); err != nil {
		t.Fatal(err)
	}

	cut := copyDir(t, quirksDir)
	whole := gunzip(t, filepath.Join(shippedDir, "movies_dataset.csv.gz"))
	// The case: the stream stops after whole records, with no
	// trailer; DuckDB alone reads the records there are and says nothing.
	records := whole[:bytes.LastIndex(whole[:len(whole)*3/5], []byte("\nFalse,"))+1]
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, err := zw.Write(records)
	must(t, err)
	must(t, zw.Flush()) // no Close: no final block, no trailer
	truncatedGzip := buf.Bytes()
	must(t, os.Remove(filepath.Join(cut, "movies_dataset.csv")))
	must(t, os.WriteFile(filepath.Join(cut, "movies_dataset.csv.gz"), truncatedGzip, 0o644))
	_, err = Build(context.Background(), BuildOptions{Data: cut, DBPath: path})
	if err == nil || !strings.Contains(err.Error(), "movies_dataset.csv.gz") || !strings.Contains(err.Error(), "damaged") || strings.Contains(err.Error(), "\n") {
		t.Errorf("a .gz cut short: err = %v, want one line naming the file as damaged", err)
	}
	assertIntact(t, path, 23)

	archive := filepath.Join(t.TempDir(), "bad-crc.zip")
	credits, err := os.ReadFile(filepath.Join(quirksDir, "credits.csv"))
	must(t, err)
	writeZip(t, archive, map[string][]byte{"credits.csv": credits, "movies_dataset.csv": whole}, []string{"credits.csv", "movies_dataset.csv"})
	corruptLastMember(t, archive)
	_, err = Build(context.Background(), BuildOptions{Data: archive, DBPath: path})
	if err == nil || !strings.Contains(err.Error(), archive+"!movies_dataset.csv") || strings.Contains(err.Error(), "\n") {
		t.Errorf("an archive member with a bad CRC: err = %v, want one line naming ARCHIVE!MEMBER", err)
	}
	assertIntact(t, path, 23)
}

// gzipped compresses b.
func gzipped(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, err := zw.Write(b)
	must(t, err)
	must(t, zw.Close())
	return buf.Bytes()
}

// corruptLastMember flips a byte of the last member's stored CRC-32 in the
// archive's central directory, as a damaged download would mismatch it.
func corruptLastMember(t *testing.T, archive string) {
	t.Helper()
	b, err := os.ReadFile(archive)
	must(t, err)
	// The last central directory header: signature PK\x01\x02, CRC-32 at offset 16.
	i := bytes.LastIndex(b, []byte("PK\x01\x02"))
	if i < 0 {
		t.Fatal("no central directory")
	}
	b[i+16] ^= 0xff
	must(t, os.WriteFile(archive, b, 0o644))
}

// TestErrorsNameWhatTheUserKnows: an error in an archive member names
// ARCHIVE!MEMBER, not the temporary file the build extracted it to; a
// movies file with a header and no records says so, naming it.
func TestErrorsNameWhatTheUserKnows(t *testing.T) {
	archive := filepath.Join(t.TempDir(), "archive.zip")
	credits, err := os.ReadFile(filepath.Join(quirksDir, "credits.csv"))
	must(t, err)
	header := "adult,belongs_to_collection,budget,genres,homepage,id,imdb_id,original_language,original_title,overview,popularity,poster_path,production_companies,production_countries,release_date,revenue,runtime,spoken_languages,status,tagline,title,video,vote_average,vote_count\n"
	broken := header + "False,,0,[],,1,tt1,en,x,x,1,,[],[],2000-01-01,0,90,[],Released,,x,False,5,\"10\n" // an unterminated quote
	writeZip(t, archive, map[string][]byte{"credits.csv": credits, "movies_dataset.csv.gz": gzipped(t, []byte(broken))},
		[]string{"credits.csv", "movies_dataset.csv.gz"})
	_, err = Build(context.Background(), BuildOptions{Data: archive, DBPath: filepath.Join(t.TempDir(), "f.duckdb")})
	if err == nil || !strings.Contains(err.Error(), archive+"!movies_dataset.csv.gz") || strings.Contains(err.Error(), ".build-") {
		t.Errorf("a broken archive member: err = %v, want it named ARCHIVE!MEMBER, never the scratch copy", err)
	}

	empty := copyDir(t, quirksDir)
	must(t, os.WriteFile(filepath.Join(empty, "movies_dataset.csv"), []byte(header), 0o644))
	_, err = Build(context.Background(), BuildOptions{Data: empty, DBPath: filepath.Join(t.TempDir(), "f.duckdb")})
	if err == nil || !strings.Contains(err.Error(), filepath.Join(empty, "movies_dataset.csv")) || !strings.Contains(err.Error(), "no records") {
		t.Errorf("a header-only movies file: err = %v, want one naming it", err)
	}
}
