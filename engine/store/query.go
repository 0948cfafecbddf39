package store

import (
	"database/sql"
	"fmt"
	"strings"
	"unicode"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/filmoteca/filmoteca/engine/tabular"
)

// readAll reads every row of rows into a table and closes it. DuckDB's own
// value types become plain ones (tabular.Table says which): DECIMAL a
// tabular.Number, INTERVAL and UUID text.
func readAll(rows *sql.Rows) (*tabular.Table, error) {
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	types, err := rows.ColumnTypes()
	if err != nil {
		return nil, err
	}
	t := &tabular.Table{Columns: cols}
	for rows.Next() {
		values := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range values {
			ptrs[i] = &values[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		for i, v := range values {
			values[i] = plain(v, types[i].DatabaseTypeName())
		}
		t.Rows = append(t.Rows, values)
	}
	return t, rows.Err()
}

// plain turns a value of DuckDB's driver into one of tabular's types.
func plain(v any, dbType string) any {
	switch x := v.(type) {
	case duckdb.Decimal:
		return tabular.Number(x.String())
	case duckdb.Interval:
		return fmt.Sprintf("%d months %d days %d microseconds", x.Months, x.Days, x.Micros)
	case []byte:
		if len(x) == 16 && dbType == "UUID" {
			u := duckdb.UUID(x)
			return u.String()
		}
	case []any:
		for i, e := range x {
			x[i] = plain(e, "")
		}
	case map[string]any:
		for k, e := range x {
			x[k] = plain(e, "")
		}
	}
	return v
}

// SplitStatements splits a SQL script on the semicolons that end
// statements, leaving those inside quotes, dollar-quoted strings and
// comments alone. Empty statements are dropped.
func SplitStatements(script string) []string {
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
