package store

import (
	"fmt"
	"strings"
)

// oneLineError folds err into one line: DuckDB's messages (a CSV that
// cannot be parsed, say) run over many lines of context and hints. It keeps
// the first line, the first line that explains it, and the file named in the
// message. The whole error stays reachable through Unwrap.
type oneLineError struct{ err error }

func (e oneLineError) Error() string {
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
