package store

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// oneLineError folds err into one line: DuckDB's messages (a CSV that
// cannot be parsed, say) run over many lines of context and hints. It keeps
// the first line, the first line that explains it, and the file named in the
// message. The whole error stays reachable through Unwrap.
type oneLineError struct{ err error }

func (e oneLineError) Error() string {
	if s, ok := outOfMemory(e.err.Error()); ok {
		return s
	}
	lines := strings.Split(e.err.Error(), "\n")
	out := lines[0]
	var cause, file string
	for _, l := range lines[1:] {
		trimmed := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(trimmed, "file = "):
			file = strings.TrimPrefix(trimmed, "file = ")
		case cause == "" && trimmed != "" && !strings.HasPrefix(trimmed, "Original Line") &&
			!strings.HasPrefix(trimmed, "Possible") && !strings.HasPrefix(trimmed, "LINE ") && !strings.HasPrefix(trimmed, "^"):
			cause = trimmed
		}
	}
	if cause != "" {
		out += ": " + cause
	}
	if file != "" {
		out += " (file " + file + ")"
	}
	return out
}

func (e oneLineError) Unwrap() error { return e.err }

// duckDBUsage is the "(used/limit used)" of DuckDB's out-of-memory
// messages, sizes as DuckDB writes them ("190.7 MiB").
var duckDBUsage = regexp.MustCompile(`\(([0-9.]+) (bytes|KiB|MiB|GiB|TiB)/([0-9.]+) (bytes|KiB|MiB|GiB|TiB) used\)`)

// outOfMemory says DuckDB's "Out of Memory Error" as what the user can do:
// the limit the build gave DuckDB (--memory-limit) and a larger one; or,
// when it is the disk DuckDB spills to that is full, which disk. DuckDB's
// own advice (SET threads=X) names settings the user cannot reach.
func outOfMemory(msg string) (string, bool) {
	if !strings.HasPrefix(msg, "Out of Memory Error") {
		return "", false
	}
	m := duckDBUsage.FindStringSubmatch(msg)
	if strings.Contains(msg, "max_temp_directory_size") {
		full := "is full"
		if m != nil {
			full = "holds " + m[3] + " " + m[4] + " (DuckDB's max_temp_directory_size: the free space when the build began)"
		}
		return "the disk beside the database, where the build writes what does not fit in memory, " + full + "; free some space", true
	}
	if m == nil {
		return "the build needs more memory than --memory-limit gives DuckDB; raise it, e.g. --memory-limit 1GB", true
	}
	limit := sizeBytes(m[3], m[4])
	return fmt.Sprintf("the build needs more memory than --memory-limit %s gives DuckDB; raise it, e.g. --memory-limit %s",
		flagSize(limit), flagSize(2*limit)), true
}

// sizeBytes reads a size as DuckDB writes it ("190.7", "MiB").
func sizeBytes(number, unit string) float64 {
	n, _ := strconv.ParseFloat(number, 64)
	shift := map[string]int{"bytes": 0, "KiB": 10, "MiB": 20, "GiB": 30, "TiB": 40}[unit]
	return n * float64(uint64(1)<<shift)
}

// flagSize writes bytes as --memory-limit takes them, in DuckDB's decimal
// units ("200MB" is what DuckDB shows as 190.7 MiB), to the precision
// DuckDB's one decimal allows.
func flagSize(bytes float64) string {
	if mb := math.Round(bytes / 1e6); mb < 1000 {
		return strconv.FormatFloat(mb, 'f', -1, 64) + "MB"
	}
	return strconv.FormatFloat(math.Round(bytes/1e8)/10, 'f', -1, 64) + "GB"
}

// explainQueryError turns DuckDB's read-only refusal into a plain sentence.
func explainQueryError(err error) error {
	if strings.Contains(err.Error(), "read-only mode") {
		return fmt.Errorf("refused: the database is opened read-only, so statements that write are not run; rebuild it with `filmoteca etl` instead: %w", err)
	}
	return err
}

// friendlyOpenError turns DuckDB's lock conflict into a sentence a user can act on.
func friendlyOpenError(err error) error {
	if strings.Contains(err.Error(), "Could not set lock on file") {
		return fmt.Errorf("the file is locked by another process that has it open for writing (stop it, or wait for its build to end): %w", err)
	}
	return err
}

// renamedPaths is err with the paths of files the build extracted replaced
// by the names the user knows them by (ARCHIVE.zip!MEMBER).
type renamedPaths struct {
	err   error
	names *strings.Replacer
}

func (e renamedPaths) Error() string { return e.names.Replace(e.err.Error()) }
func (e renamedPaths) Unwrap() error { return e.err }
