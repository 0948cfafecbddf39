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
