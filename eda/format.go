package eda

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/filmoteca/filmoteca/engine/spanish"
	"github.com/filmoteca/filmoteca/engine/tabular"
)

// The report writes numbers the Spanish way (engine/spanish, which the
// API's sentences use too): a point between thousands from four digits up,
// a decimal comma (8.000.000, 30,7), so that a reader never meets 8000000
// or 30.7. The page's esNumber (report.go) writes the chart ticks, labels
// and tooltips the same way.
// A year is no quantity and keeps its four digits: a column (of a table, a
// chart or a finding) whose name is año or starts with "año " holds years.

// isYearColumn reports whether a column's values are years.
func isYearColumn(name string) bool {
	return name == "año" || strings.HasPrefix(name, "año ")
}

// formatValue renders a value of column col for reading: a number in
// Spanish, a year as it is, a missing value empty, anything else as tabular
// writes it.
func formatValue(col string, v any) string {
	if v == nil {
		return ""
	}
	if s, ok := spanishNumber(v); ok && !isYearColumn(col) {
		return s
	}
	return tabular.Format(v)
}

// spanishNumber writes a numeric value with a thousands point and a decimal
// comma; ok is false for a value that is not a number.
func spanishNumber(v any) (s string, ok bool) {
	switch x := v.(type) {
	case int, int8, int16, int32, int64, uint8, uint16, uint32, uint64:
		s = fmt.Sprint(x)
	case *big.Int:
		s = x.String()
	case tabular.Number: // a DECIMAL keeps the decimals it was given
		s = string(x)
	case float32:
		s = strconv.FormatFloat(float64(x), 'f', -1, 32)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return tabular.Format(x), true
		}
		s = strconv.FormatFloat(x, 'f', -1, 64)
	default:
		return "", false
	}
	return spanish.Number(s), true
}

// spanishSentence fills a finding: the first column is a sentence with one
// {} for each further column, which is written as formatValue writes it;
// a one-column finding is the sentence itself. A space before % becomes a
// no-break space, as Spanish writes percentages (30,7 %).
func spanishSentence(cols []string, row []any) (string, error) {
	if len(row) == 0 || len(row) != len(cols) {
		return "", fmt.Errorf("want a sentence, got %d values", len(row))
	}
	sentence, ok := row[0].(string)
	if !ok {
		return "", fmt.Errorf("the first column is %T, not the sentence", row[0])
	}
	parts := strings.Split(sentence, "{}")
	if len(parts) != len(row) {
		return "", fmt.Errorf("the sentence has %d {} for %d values", len(parts)-1, len(row)-1)
	}
	var b strings.Builder
	for i, part := range parts {
		b.WriteString(part)
		if i+1 == len(parts) {
			break
		}
		if v := row[i+1]; v == nil {
			b.WriteString("NULL") // TestReport fails a finding with a missing value
		} else {
			b.WriteString(formatValue(cols[i+1], v))
		}
	}
	return strings.ReplaceAll(b.String(), " %", "\u00a0%"), nil
}
