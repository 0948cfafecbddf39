package store

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Input is one CSV file the build reads: a file of a folder, or a member of
// a zip archive (Kaggle's download, read without unzipping it).
type Input struct {
	Name     string // its role: movies_dataset.csv, credits.csv or keywords.csv
	Path     string // the file: an absolute path, or ARCHIVE!MEMBER
	File     string // the file as the data names it: its name, or updates/NAME/its name
	Bytes    int64  // uncompressed size for archive members
	Modified time.Time
	SHA256   string // of the bytes DuckDB reads; filled by hashInputs
	Gzip     bool   // the file is gzip-compressed (name.gz)

	archive, member string // for archive members: the archive and the member's name in it
	deflated        bool   // an archive member the archive compressed
}

// inputSpec names an input, the file names it may have, and the columns the
// SQL steps read from it: the one list of them, which the header check uses
// (TestInputColumnsAreWhatTheSQLReads builds from files holding only these).
type inputSpec struct {
	name     string
	files    []string // accepted names, preferred first
	columns  []string
	optional bool
	variable string // the prefix of the SQL variables that list the files: NAME_paths and NAME_files
}

var inputSpecs = []inputSpec{
	{name: "movies_dataset.csv", files: []string{"movies_dataset.csv", "movies_metadata.csv"}, columns: []string{
		"id", "title", "original_title", "release_date", "budget", "revenue", "popularity", "runtime",
		"vote_average", "vote_count", "original_language", "overview", "tagline", "status",
		"belongs_to_collection", "genres", "production_companies", "production_countries",
		"spoken_languages",
	}, variable: "movies"},
	{name: "credits.csv", files: []string{"credits.csv"}, columns: []string{"cast", "crew", "id"}, variable: "credits"},
	{name: "keywords.csv", files: []string{"keywords.csv"}, columns: []string{"id", "keywords"}, optional: true, variable: "keywords"},
}

// specOf returns the spec of an input name.
func specOf(name string) inputSpec {
	for _, s := range inputSpecs {
		if s.name == name {
			return s
		}
	}
	panic("store: no input named " + name) // names come from inputSpecs
}

// FindInputs locates the inputs in source: a folder holding them (each
// plain or gzip-compressed; the movies file named movies_dataset.csv, as the
// brief calls it, or movies_metadata.csv, as Kaggle does), or a zip archive
// holding them (Kaggle's the-movies-dataset.zip). Other files (ratings,
// links) are ignored. Each input's header must have the columns the build
// reads. A missing optional input is left out. A folder may also hold
// updates: folders updates/NAME/ with any of the inputs, read after the
// base's in name order (see findUpdates). Checksums are not computed here
// (see hashInputs).
func FindInputs(source string) ([]Input, error) {
	info, err := os.Stat(source)
	if err != nil {
		return nil, fmt.Errorf("store: data %s: %w", source, err)
	}
	abs, err := filepath.Abs(source)
	if err != nil {
		return nil, fmt.Errorf("store: data %s: %w", source, err)
	}
	if !info.IsDir() && !info.Mode().IsRegular() {
		return nil, fmt.Errorf("store: data %s is neither a folder nor a file (a pipe, a device…); name a folder or a zip archive", source)
	}
	var find func(inputSpec) ([]Input, error)
	if info.IsDir() {
		find = func(spec inputSpec) ([]Input, error) { return findInFolder(abs, spec) }
	} else {
		archive, err := zip.OpenReader(abs)
		if err != nil {
			return nil, fmt.Errorf("store: data %s is neither a folder nor a zip archive: %w", source, err)
		}
		defer archive.Close()
		find = func(spec inputSpec) ([]Input, error) { return findInArchive(abs, &archive.Reader, spec) }
	}
	var inputs []Input
	for _, spec := range inputSpecs {
		found, err := find(spec)
		if err != nil {
			return nil, err
		}
		in, err := pickOne(spec, found, source)
		if err != nil {
			return nil, err
		}
		if in == nil {
			continue
		}
		if err := checkHeader(*in, spec.columns); err != nil {
			return nil, fmt.Errorf("store: %s: %w", in.Path, err)
		}
		inputs = append(inputs, *in)
	}
	if !info.IsDir() {
		return inputs, nil
	}
	updates, err := findUpdates(abs, inputs)
	if err != nil {
		return nil, err
	}
	return append(inputs, updates...), nil
}

// updatesDir is the folder of a data folder that holds its updates.
const updatesDir = "updates"

// findUpdates locates the updates of the data folder dir: each folder of
// dir/updates, in name order, with any of the inputs (plain or .gz, the
// movies file under either name), each checked like the base's. An update
// folder with none of them is an error: it is a mistake, not an update.
func findUpdates(dir string, base []Input) ([]Input, error) {
	entries, err := os.ReadDir(filepath.Join(dir, updatesDir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	var out []Input
	for _, e := range entries { // ReadDir sorts by name
		if !e.IsDir() {
			continue
		}
		folder := filepath.Join(dir, updatesDir, e.Name())
		found := 0
		for _, spec := range inputSpecs {
			candidates, err := findInFolder(folder, spec)
			if err != nil {
				return nil, err
			}
			optional := spec
			optional.optional = true
			in, err := pickOne(optional, candidates, folder)
			if err != nil || in == nil {
				if err != nil {
					return nil, err
				}
				continue
			}
			if err := sameColumns(*in, spec, append(base, out...)); err != nil {
				return nil, err
			}
			in.File = path.Join(updatesDir, e.Name(), filepath.Base(in.Path))
			out = append(out, *in)
			found++
		}
		if found == 0 {
			return nil, fmt.Errorf("store: update %s holds none of the input files (movies_dataset.csv or movies_metadata.csv, credits.csv, keywords.csv; plain or .gz)", folder)
		}
	}
	return out, nil
}

// findInFolder lists the files of dir that can be spec's input.
func findInFolder(dir string, spec inputSpec) ([]Input, error) {
	var out []Input
	for _, name := range spec.files {
		for _, candidate := range []string{name, name + ".gz"} {
			p := filepath.Join(dir, candidate)
			info, err := os.Stat(p)
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("store: %s: %w", p, err)
			}
			if info.IsDir() {
				return nil, fmt.Errorf("store: %s is a folder; expected the CSV file %s", p, spec.name)
			}
			if !info.Mode().IsRegular() {
				// A pipe would block the build forever, signals unheard.
				return nil, fmt.Errorf("store: %s is not a regular file (a pipe, a device…); expected the CSV file %s", p, spec.name)
			}
			out = append(out, Input{Name: spec.name, Path: p, File: candidate, Bytes: info.Size(), Modified: modified(info.ModTime()),
				Gzip: strings.HasSuffix(candidate, ".gz")})
			break // name beside name.gz: the plain file is read
		}
	}
	return out, nil
}

// findInArchive lists the members of an archive that can be spec's input,
// in any folder of it.
func findInArchive(archivePath string, archive *zip.Reader, spec inputSpec) ([]Input, error) {
	var out []Input
	for _, name := range spec.files {
		for _, candidate := range []string{name, name + ".gz"} {
			var matches []*zip.File
			for _, f := range archive.File {
				if path.Base(f.Name) == candidate && !f.FileInfo().IsDir() {
					matches = append(matches, f)
				}
			}
			if len(matches) > 1 {
				return nil, fmt.Errorf("store: %s holds %s twice (%s and %s); keep one", archivePath, candidate, matches[0].Name, matches[1].Name)
			}
			if len(matches) == 1 {
				f := matches[0]
				if f.Method != zip.Store && f.Method != zip.Deflate {
					return nil, fmt.Errorf("store: %s!%s: compression method %d is not supported (only stored and deflated members)", archivePath, f.Name, f.Method)
				}
				out = append(out, Input{Name: spec.name, Path: archivePath + "!" + f.Name, File: f.Name, Bytes: int64(f.UncompressedSize64),
					Modified: modified(f.Modified), Gzip: strings.HasSuffix(candidate, ".gz"), archive: archivePath, member: f.Name,
					deflated: f.Method == zip.Deflate})
				break
			}
		}
	}
	return out, nil
}

// sameColumns checks an update's file: the columns the build reads, and
// the same columns in the same order as the first file of its role among
// earlier (DuckDB reads a role's files as one, by position).
func sameColumns(in Input, spec inputSpec, earlier []Input) error {
	header, err := readHeader(in, spec.columns)
	if err != nil {
		return fmt.Errorf("store: update %s: %w", in.Path, err)
	}
	for _, e := range earlier {
		if e.Name != in.Name {
			continue
		}
		first, err := readHeader(e, spec.columns)
		if err != nil {
			return fmt.Errorf("store: %s: %w", e.Path, err)
		}
		if !slices.Equal(header, first) {
			return fmt.Errorf("store: update %s: its columns (%s) are not those of %s, in the same order (%s)",
				in.Path, strings.Join(header, ","), e.Path, strings.Join(first, ","))
		}
		return nil
	}
	return nil
}

// modified is a modification time as the database stores it (to the
// microsecond), so that it compares equal once read back.
func modified(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// pickOne chooses spec's input among the files found: the movies file may
// be there under both its names, which is fine only when they are the same.
func pickOne(spec inputSpec, found []Input, source string) (*Input, error) {
	switch {
	case len(found) == 0 && spec.optional:
		return nil, nil
	case len(found) == 0:
		names := make([]string, 0, 2*len(spec.files))
		for _, f := range spec.files {
			names = append(names, f, f+".gz")
		}
		return nil, fmt.Errorf("store: %s: file not found in %s (expected %s)", spec.name, source, strings.Join(names, " or "))
	case len(found) == 1:
		return &found[0], nil
	}
	first := found[0]
	for _, other := range found[1:] {
		same, err := sameContent(first, other)
		if err != nil {
			return nil, err
		}
		if !same {
			return nil, fmt.Errorf("store: %s and %s are both there and differ; keep the one to build from", first.Path, other.Path)
		}
	}
	return &first, nil
}

// sameContent reports whether two inputs hold the same bytes once
// decompressed.
func sameContent(a, b Input) (bool, error) {
	sum := func(in Input) (string, error) {
		h := sha256.New()
		err := withCSV(in, func(r io.Reader) error {
			_, err := io.Copy(h, r)
			return err
		})
		if err != nil {
			return "", fmt.Errorf("store: %s: %w", in.Path, err)
		}
		return hex.EncodeToString(h.Sum(nil)), nil
	}
	x, err := sum(a)
	if err != nil {
		return false, err
	}
	y, err := sum(b)
	return x == y, err
}

// withMember calls fn with an archive member.
func withMember(in Input, fn func(*zip.File) error) error {
	archive, err := zip.OpenReader(in.archive)
	if err != nil {
		return err
	}
	defer archive.Close()
	for _, f := range archive.File {
		if f.Name == in.member {
			return fn(f)
		}
	}
	return fmt.Errorf("member %s not found", in.member)
}

// withCSV calls fn with an input's text, decompressed.
func withCSV(in Input, fn func(io.Reader) error) error {
	read := func(r io.Reader) error {
		if !in.Gzip {
			return fn(r)
		}
		gz, err := gzip.NewReader(r)
		if err != nil {
			return fmt.Errorf("not a gzip file (%v); expected a gzip-compressed CSV", err)
		}
		defer gz.Close()
		return fn(gz)
	}
	if in.member != "" {
		return withMember(in, func(f *zip.File) error {
			r, err := f.Open()
			if err != nil {
				return err
			}
			defer r.Close()
			return read(r)
		})
	}
	f, err := os.Open(in.Path)
	if err != nil {
		return err
	}
	defer f.Close()
	return read(f)
}

// checkHeader reads the first line of an input and reports a clear error
// when it is empty, not text, or lacks one of the wanted columns.
func checkHeader(in Input, want []string) error {
	_, err := readHeader(in, want)
	return err
}

// readHeader is checkHeader, returning the header's columns.
func readHeader(in Input, want []string) ([]string, error) {
	var line []byte
	err := withCSV(in, func(r io.Reader) error {
		l, err := bufio.NewReaderSize(r, 64<<10).ReadSlice('\n')
		line = bytes.Clone(l)
		if len(l) > 0 || errors.Is(err, io.EOF) {
			return nil
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(line) == 0 {
		return nil, fmt.Errorf("the file is empty; expected a CSV header with columns %s", strings.Join(want, ","))
	}
	line = bytes.TrimPrefix(line, []byte("\ufeff"))
	if bytes.IndexByte(line, 0) >= 0 || !utf8.Valid(line) {
		return nil, fmt.Errorf("not a UTF-8 CSV text file; expected a CSV header with columns %s", strings.Join(want, ","))
	}
	header, err := csv.NewReader(bytes.NewReader(line)).Read()
	if err != nil {
		return nil, fmt.Errorf("cannot read the CSV header (%v); expected columns %s", err, strings.Join(want, ","))
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
		return nil, fmt.Errorf("missing column(s) %s; expected a CSV header with columns %s",
			strings.Join(missing, ","), strings.Join(want, ","))
	}
	for i := range header {
		header[i] = strings.TrimSpace(header[i])
	}
	return header, nil
}

// hashInputs fills in each input's checksum: the one a previous build
// recorded for the same file, size and modification time, else computed.
// Computing it reads every byte DuckDB will read, so it also checks that
// compressed data is whole (a gzip trailer, an archive's CRC): a download
// cut short is refused, never built from.
func hashInputs(ctx context.Context, inputs []Input, recorded []Input) error {
	for i := range inputs {
		in := &inputs[i]
		for _, r := range recorded {
			if r.Name == in.Name && r.Path == in.Path && r.Bytes == in.Bytes && r.Modified.Equal(in.Modified) && r.SHA256 != "" {
				in.SHA256 = r.SHA256
			}
		}
		if in.SHA256 != "" {
			continue
		}
		h := sha256.New()
		if err := copyVerified(ctxWriter{ctx, h}, *in); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return fmt.Errorf("store: %s: %w", in.Path, err)
		}
		in.SHA256 = hex.EncodeToString(h.Sum(nil))
	}
	return nil
}

// ctxWriter is w that stops, between two writes, once ctx is done.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// copyVerified is copyReadable, checking on the way that gzip data is
// whole: it is inflated alongside, and its trailer (CRC-32 and size, which
// for a member deflated by the archive are the archive's) must match.
func copyVerified(w io.Writer, in Input) error {
	if !in.readableIsGzip() {
		return copyReadable(w, in) // an archive member stored as is: zip checks its CRC
	}
	pr, pw := io.Pipe()
	inflated := make(chan error, 1)
	go func() {
		gz, err := gzip.NewReader(pr)
		if err == nil {
			_, err = io.Copy(io.Discard, gz)
		}
		pr.CloseWithError(err) // the copy below stops early on bad data
		inflated <- err
	}()
	err := copyReadable(io.MultiWriter(w, pw), in)
	pw.Close()
	inflateErr := <-inflated
	switch {
	case err != nil && !errors.Is(err, inflateErr):
		return err // the reading failed (the disk, or w), not the data: the inflater only saw it end
	case inflateErr != nil:
		return fmt.Errorf("the compressed data is damaged (%v): a download cut short? Download it again", inflateErr)
	case err != nil:
		return err
	}
	return nil
}

// readableIsGzip reports whether the bytes DuckDB reads for in are gzip
// (see copyReadable).
func (in Input) readableIsGzip() bool { return in.Gzip || in.deflated }

// copyReadable writes to w the bytes DuckDB reads for an input:
//   - a file of a folder: the file itself;
//   - an archive member the archive stored as is: its bytes;
//   - a member named .gz that the archive deflated again (Info-ZIP does):
//     the archive's layer undone, which leaves the gzip file;
//   - any other deflated member: its deflated bytes wrapped in a gzip
//     header and trailer, never inflated here (DuckDB inflates them).
func copyReadable(w io.Writer, in Input) error {
	if in.member == "" {
		f, err := os.Open(in.Path)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = io.Copy(w, f)
		return err
	}
	return withMember(in, func(f *zip.File) error {
		if !in.deflated || in.Gzip {
			r, err := f.Open() // verifies the member's CRC-32 at its end
			if err != nil {
				return err
			}
			defer r.Close()
			_, err = io.Copy(w, r)
			return err
		}
		raw, err := f.OpenRaw()
		if err != nil {
			return err
		}
		// RFC 1952: magic, deflate, no flags, no mtime, no extra flags, OS unknown.
		if _, err := w.Write([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255}); err != nil {
			return err
		}
		if _, err := io.Copy(w, raw); err != nil {
			return err
		}
		var trailer [8]byte
		crc, size := f.CRC32, uint32(f.UncompressedSize64) // ISIZE is the size modulo 2^32
		for i := range 4 {
			trailer[i] = byte(crc >> (8 * i))
			trailer[4+i] = byte(size >> (8 * i))
		}
		_, err = w.Write(trailer[:])
		return err
	})
}

// readablePath returns the file DuckDB reads for an input: the input's own
// path, or for an archive member a file written into dir (see copyReadable).
func readablePath(in Input, dir string) (string, error) {
	if in.member == "" {
		return in.Path, nil
	}
	name := in.Name
	if in.readableIsGzip() {
		name += ".gz"
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("store: extract %s: %w", in.Path, err)
	}
	p := filepath.Join(dir, name)
	f, err := os.Create(p)
	if err != nil {
		return "", fmt.Errorf("store: extract %s: %w", in.Path, err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if err := copyReadable(w, in); err != nil {
		f.Close()
		return "", fmt.Errorf("store: extract %s: %w", in.Path, err)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return "", fmt.Errorf("store: extract %s: %w", in.Path, err)
	}
	return p, f.Close()
}
