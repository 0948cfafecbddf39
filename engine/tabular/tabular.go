// Package tabular holds a query's result in memory and writes it for
// people and programs: an aligned text table, CSV or JSON. The sql command
// and the EDA report render values the same way through it. It knows
// nothing of the database: the store package hands it plain Go values.
package tabular

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"
	"time"
)

// Table is a query's whole result. A value is nil (NULL), bool, an integer,
// float32 or float64, string, []byte, time.Time, *big.Int, Number, or a
// []any or map[string]any of those.
type Table struct {
	Columns []string
	Rows    [][]any
}

// Number is an exact decimal number written as text ("1.50"): a DECIMAL.
type Number string

// Format renders one value for reading; NULL is "NULL".
func Format(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case string:
		return x
	case Number:
		return string(x)
	case []byte:
		return string(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(x), 'f', -1, 32)
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return x.Format(time.DateOnly)
		}
		return x.Format("2006-01-02 15:04:05.999999")
	case fmt.Stringer:
		return x.String()
	case []any, map[string]any:
		b, err := json.Marshal(jsonValue(x))
		if err != nil {
			return fmt.Sprint(x)
		}
		return string(b)
	default:
		return fmt.Sprint(x)
	}
}

// IsNumber reports whether v is a numeric value (for right alignment).
func IsNumber(v any) bool {
	switch v.(type) {
	case int, int8, int16, int32, int64, uint8, uint16, uint32, uint64, float32, float64, *big.Int, Number:
		return true
	}
	return false
}
