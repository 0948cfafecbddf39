package engine

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Input is one CSV file the build reads.
type Input struct {
	Name   string // movies_dataset.csv, credits.csv or keywords.csv
	Path   string // the file found, plain or .gz
	Bytes  int64
	SHA256 string
}

// inputSpec names an input file and the columns the SQL files read from it.
type inputSpec struct {
	name     string
	columns  []string
	optional bool
}

var inputSpecs = []inputSpec{
	{name: "movies_dataset.csv", columns: []string{
		"id", "title", "release_date", "budget", "revenue", "popularity", "runtime",
		"vote_average", "vote_count", "original_language", "overview", "tagline", "status",
		"belongs_to_collection", "genres", "production_companies", "production_countries",
		"spoken_languages",
	}},
	{name: "credits.csv", columns: []string{"cast", "crew", "id"}},
	{name: "keywords.csv", columns: []string{"id", "keywords"}, optional: true},
}

// FindInputs locates the input files in dir (each plain or gzip-compressed),
// checks that each is a CSV file with the columns the build needs, and
// computes its checksum. A missing optional file is returned with an empty Path.
func FindInputs(dir string) ([]Input, error) {
	inputs := make([]Input, 0, len(inputSpecs))
	for _, spec := range inputSpecs {
		in, err := findInput(dir, spec)
		if err != nil {
			return nil, err
		}
		inputs = append(inputs, in)
	}
	return inputs, nil
}

func findInput(dir string, spec inputSpec) (Input, error) {
	in := Input{Name: spec.name}
	for _, candidate := range []string{spec.name, spec.name + ".gz"} {
		path := filepath.Join(dir, candidate)
		info, err := os.Stat(path)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return in, fmt.Errorf("engine: %s: %w", path, err)
		}
		if info.IsDir() {
			return in, fmt.Errorf("engine: %s is a folder; expected the CSV file %s", path, spec.name)
		}
		in.Path, in.Bytes = path, info.Size()
		break
	}
	if in.Path == "" {
		if spec.optional {
			return in, nil
		}
		return in, fmt.Errorf("engine: %s: file not found in %s (expected %s or %s.gz)", spec.name, dir, spec.name, spec.name)
	}
	if err := checkHeader(in.Path, spec.columns); err != nil {
		return in, fmt.Errorf("engine: %s: %w", in.Path, err)
	}
	sum, err := fileSHA256(in.Path)
	if err != nil {
		return in, fmt.Errorf("engine: %s: checksum: %w", in.Path, err)
	}
	in.SHA256 = sum
	return in, nil
}

// checkHeader reads the first line of a CSV file and reports a clear error
// when it is empty, not text, or lacks one of the wanted columns.
func checkHeader(path string, want []string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return fmt.Errorf("not a gzip file (%v); expected a gzip-compressed CSV", err)
		}
		defer gz.Close()
		r = gz
	}
	line, err := bufio.NewReaderSize(r, 64<<10).ReadSlice('\n')
	if len(line) == 0 {
		if err == nil || errors.Is(err, io.EOF) {
			return fmt.Errorf("the file is empty; expected a CSV header with columns %s", strings.Join(want, ","))
		}
		return err
	}
	line = bytes.TrimPrefix(line, []byte("\ufeff"))
	if bytes.IndexByte(line, 0) >= 0 || !utf8.Valid(line) {
		return fmt.Errorf("not a UTF-8 CSV text file; expected a CSV header with columns %s", strings.Join(want, ","))
	}
	header, err := csv.NewReader(bytes.NewReader(line)).Read()
	if err != nil {
		return fmt.Errorf("cannot read the CSV header (%v); expected columns %s", err, strings.Join(want, ","))
	}
	have := make(map[string]bool, len(header))
	for _, h := range header {
		have[strings.TrimSpace(h)] = true
	}
	var missing []string
	for _, w := range want {
		if !have[w] {
			missing = append(missing, w)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("missing column(s) %s; expected a CSV header with columns %s",
			strings.Join(missing, ","), strings.Join(want, ","))
	}
	return nil
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
