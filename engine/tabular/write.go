package tabular

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/big"
	"strings"
	"time"
	"unicode/utf8"
)

// Writer writes a table in one format.
type Writer func(w io.Writer, t *Table) error

// Writers are the formats, by name.
var Writers = map[string]Writer{
	"table": WriteText,
	"csv":   WriteCSV,
	"json":  WriteJSON,
}

// WriteText prints an aligned text table: numbers right-aligned, NULL for
// missing values, then a row count.
func WriteText(w io.Writer, t *Table) error {
	widths := make([]int, len(t.Columns))
	rightAlign := make([]bool, len(t.Columns))
	cells := make([][]string, len(t.Rows))
	for i, c := range t.Columns {
		widths[i] = utf8.RuneCountInString(c)
		rightAlign[i] = len(t.Rows) > 0
	}
	for r, row := range t.Rows {
		cells[r] = make([]string, len(row))
		for i, v := range row {
			cells[r][i] = Format(v)
			widths[i] = max(widths[i], utf8.RuneCountInString(cells[r][i]))
			if v != nil && !IsNumber(v) {
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
	line(t.Columns)
	rule := make([]string, len(t.Columns))
	for i := range t.Columns {
		rule[i] = strings.Repeat("-", widths[i])
	}
	line(rule)
	for _, row := range cells {
		line(row)
	}
	if len(t.Rows) == 1 {
		b.WriteString("(1 row)\n")
	} else {
		fmt.Fprintf(&b, "(%d rows)\n", len(t.Rows))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteCSV writes a header and one line per row; NULL is an empty field.
func WriteCSV(w io.Writer, t *Table) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Columns); err != nil {
		return err
	}
	record := make([]string, len(t.Columns))
	for _, row := range t.Rows {
		for i, v := range row {
			if v == nil {
				record[i] = ""
			} else {
				record[i] = Format(v)
			}
		}
		if err := cw.Write(record); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteJSON writes one JSON array of objects, keys in column order. Exact
// numbers stay numbers; NaN and infinities, which JSON lacks, are strings.
func WriteJSON(w io.Writer, t *Table) error {
	var b strings.Builder
	b.WriteString("[")
	for r, row := range t.Rows {
		if r > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n  {")
		for i, v := range row {
			if i > 0 {
				b.WriteString(", ")
			}
			key, _ := json.Marshal(t.Columns[i])
			val, err := json.Marshal(jsonValue(v))
			if err != nil {
				return fmt.Errorf("column %s: %w", t.Columns[i], err)
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

// jsonValue maps values that encoding/json cannot write as intended.
func jsonValue(v any) any {
	switch x := v.(type) {
	case time.Time:
		return Format(x)
	case *big.Int:
		return json.Number(x.String())
	case Number:
		return json.Number(x)
	case []byte:
		return string(x)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return Format(x)
		}
	case float32:
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			return Format(x)
		}
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonValue(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = jsonValue(e)
		}
		return out
	}
	return v
}
