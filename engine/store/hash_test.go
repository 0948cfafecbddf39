package store

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
)

// TestHashInputsStops: once the build's context is done, the checksums
// stop between two reads instead of reading every input to its end.
func TestHashInputsStops(t *testing.T) {
	inputs, err := FindInputs(shippedDir)
	must(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := hashInputs(ctx, inputs, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("hashInputs after the context is done: %v, want it stopped", err)
	}
	for _, in := range inputs {
		if in.SHA256 != "" {
			t.Errorf("%s was read to its end after the context was done", in.Path)
		}
	}
}

// TestReadErrorIsNotADamagedDownload: when reading a gzip input fails
// (here: a folder where a file was, which cannot be read), the read error
// is told, not "the compressed data is damaged … a download cut short?".
func TestReadErrorIsNotADamagedDownload(t *testing.T) {
	dir := t.TempDir()
	err := copyVerified(io.Discard, Input{Name: "movies", Path: dir, Gzip: true})
	if err == nil || strings.Contains(err.Error(), "damaged") || !strings.Contains(err.Error(), "is a directory") {
		t.Fatalf("a read error: %v; want the read error itself", err)
	}
}

// TestDataSHA256Order: two updates whose contents are swapped are other
// data (the later replaces the earlier): their checksums differ.
func TestDataSHA256Order(t *testing.T) {
	base := Input{Name: "movies", File: "movies_dataset.csv", SHA256: "base"}
	a := Input{Name: "movies", File: "updates/a/movies_dataset.csv", SHA256: "first"}
	b := Input{Name: "movies", File: "updates/b/movies_dataset.csv", SHA256: "second"}
	swapped := []Input{base, a, b}
	swapped[1].SHA256, swapped[2].SHA256 = b.SHA256, a.SHA256
	if dataSHA256([]Input{base, a, b}) == dataSHA256(swapped) {
		t.Error("two updates' contents swapped give the same data_sha256")
	}
}
