package main

import (
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/filmoteca/filmoteca/engine"
	"github.com/filmoteca/filmoteca/engine/tabular"
)

func runSQL(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("sql", "sql [--db FILE] [--format table|csv|json] [QUERY]   (no QUERY: read queries from stdin)", stderr)
	dbPath := fs.String("db", defaultDBPath, "database file to query")
	format := fs.String("format", "table", "output format: table, csv or json")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	write, ok := formatters[*format]
	if !ok {
		return fmt.Errorf("unknown --format %q; use table, csv or json", *format)
	}
	var script string
	if fs.NArg() > 0 {
		script = strings.Join(fs.Args(), " ")
	} else {
		b, err := io.ReadAll(stdin)
		if err != nil {
			return fmt.Errorf("read queries from stdin: %w", err)
		}
		script = string(b)
	}
	statements := splitStatements(script)
	if len(statements) == 0 {
		return errors.New("no query given; pass one as an argument or on stdin")
	}
	db, err := engine.OpenReadOnly(*dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	for i, stmt := range statements {
		if i > 0 && *format == "table" {
			fmt.Fprintln(stdout)
		}
		if err := runStatement(ctx, db, stmt, stdout, write); err != nil {
			return err
		}
	}
	return nil
}

// runStatement runs one statement and writes its result.
func runStatement(ctx context.Context, db *sql.DB, stmt string, w io.Writer, write formatter) error {
	rows, err := db.QueryContext(ctx, stmt)
	if err != nil {
		return explainQueryError(err)
	}
	table, err := tabular.ReadAll(rows)
	if err != nil {
		return explainQueryError(err)
	}
	return write(w, table.Columns, table.Rows)
}

// explainQueryError turns DuckDB's read-only refusal into a plain sentence.
func explainQueryError(err error) error {
	if strings.Contains(err.Error(), "read-only mode") {
		return fmt.Errorf("refused: the database is opened read-only, so statements that write are not run; rebuild it with `filmoteca etl` instead: %w", err)
	}
	return err
}

type formatter func(w io.Writer, cols []string, rows [][]any) error

var formatters = map[string]formatter{
	"table": writeTable,
	"csv":   writeCSV,
	"json":  writeJSON,
}

// writeTable prints an aligned text table: numbers right-aligned, then a row count.
func writeTable(w io.Writer, cols []string, rows [][]any) error {
	widths := make([]int, len(cols))
	rightAlign := make([]bool, len(cols))
	cells := make([][]string, len(rows))
	for i, c := range cols {
		widths[i] = utf8.RuneCountInString(c)
		rightAlign[i] = len(rows) > 0
	}
	for r, row := range rows {
		cells[r] = make([]string, len(row))
		for i, v := range row {
			cells[r][i] = tabular.Format(v)
			widths[i] = max(widths[i], utf8.RuneCountInString(cells[r][i]))
			if v != nil && !tabular.IsNumber(v) {
				rightAlign[i] = false
			}
		}
	}
	var b strings.Builder
	line := func(values []string) {
		for i, s := range values {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(s))
			if i > 0 {
				b.WriteString("  ")
			}
			if rightAlign[i] {
				b.WriteString(pad + s)
			} else if i < len(values)-1 {
				b.WriteString(s + pad)
			} else {
				b.WriteString(s)
			}
		}
		b.WriteString("\n")
	}
	line(cols)
	rule := make([]string, len(cols))
	for i := range cols {
		rule[i] = strings.Repeat("-", widths[i])
	}
	line(rule)
	for _, row := range cells {
		line(row)
	}
	fmt.Fprintf(&b, "(%d row%s)\n", len(rows), plural(len(rows)))
	_, err := io.WriteString(w, b.String())
	return err
}

func writeCSV(w io.Writer, cols []string, rows [][]any) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(cols); err != nil {
		return err
	}
	record := make([]string, len(cols))
	for _, row := range rows {
		for i, v := range row {
			if v == nil {
				record[i] = ""
			} else {
				record[i] = tabular.Format(v)
			}
		}
		if err := cw.Write(record); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeJSON prints one JSON array of objects, keys in column order.
func writeJSON(w io.Writer, cols []string, rows [][]any) error {
	var b strings.Builder
	b.WriteString("[")
	for r, row := range rows {
		if r > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n  {")
		for i, v := range row {
			if i > 0 {
				b.WriteString(", ")
			}
			key, _ := json.Marshal(cols[i])
			val, err := json.Marshal(jsonValue(v))
			if err != nil {
				return fmt.Errorf("column %s: %w", cols[i], err)
			}
			b.Write(key)
			b.WriteString(": ")
			b.Write(val)
		}
		b.WriteString("}")
	}
	b.WriteString("\n]\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// jsonValue maps DuckDB values that encoding/json cannot write as intended.
func jsonValue(v any) any {
	switch x := v.(type) {
	case time.Time, duckdb.Interval:
		return tabular.Format(x)
	case *big.Int:
		return json.Number(x.String())
	case duckdb.Decimal:
		return json.Number(x.String())
	case []byte:
		return string(x)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return tabular.Format(x) // JSON has no NaN or Infinity: written as a string
		}
	case float32:
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			return tabular.Format(x)
		}
	}
	return v
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// splitStatements splits a SQL script on semicolons that end statements,
// leaving semicolons inside quotes and comments alone. Empty statements are dropped.
func splitStatements(script string) []string {
	var out []string
	start := 0
	flush := func(end int) {
		if s := strings.TrimSpace(script[start:end]); s != "" && !onlyComments(s) {
			out = append(out, s)
		}
		start = end + 1
	}
	for i := 0; i < len(script); i++ {
		switch c := script[i]; {
		case c == '\'' || c == '"':
			for i++; i < len(script) && script[i] != c; i++ {
			}
		case c == '$':
			// A dollar-quoted string: $$…$$ or $tag$…$tag$.
			if end := strings.IndexByte(script[i+1:], '$'); end >= 0 && isTag(script[i+1:i+1+end]) {
				tag := script[i : i+end+2]
				if close := strings.Index(script[i+len(tag):], tag); close >= 0 {
					i += len(tag) + close + len(tag) - 1
				} else {
					i = len(script)
				}
			}
		case c == '-' && strings.HasPrefix(script[i:], "--"):
			for i < len(script) && script[i] != '\n' {
				i++
			}
		case c == '/' && strings.HasPrefix(script[i:], "/*"):
			if end := strings.Index(script[i+2:], "*/"); end >= 0 {
				i += end + 3
			} else {
				i = len(script)
			}
		case c == ';':
			flush(i)
		}
	}
	if start < len(script) {
		flush(len(script))
	}
	return out
}

// onlyComments reports whether s holds nothing but SQL comments.
func onlyComments(s string) bool {
	for {
		s = strings.TrimSpace(s)
		switch {
		case s == "":
			return true
		case strings.HasPrefix(s, "--"):
			end := strings.IndexByte(s, '\n')
			if end < 0 {
				return true
			}
			s = s[end+1:]
		case strings.HasPrefix(s, "/*"):
			end := strings.Index(s, "*/")
			if end < 0 {
				return true
			}
			s = s[end+2:]
		default:
			return false
		}
	}
}

// isTag reports whether s can name a dollar-quoted string ($tag$): empty, or
// letters, digits and underscores not starting with a digit.
func isTag(s string) bool {
	for i, r := range s {
		if !(r == '_' || unicode.IsLetter(r) || (i > 0 && unicode.IsDigit(r))) {
			return false
		}
	}
	return true
}
