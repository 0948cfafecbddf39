package eda

import (
	"math"
	"math/big"
	"testing"

	"github.com/filmoteca/filmoteca/engine/tabular"
)

func TestFormatValue(t *testing.T) {
	tests := []struct {
		name string
		col  string
		v    any
		want string
	}{
		{"small integer", "películas", int64(999), "999"},
		{"four digits are grouped", "películas", int64(2993), "2.993"},
		{"millions", "presupuesto (dólares)", int64(8000000), "8.000.000"},
		{"negative", "x", int64(-1234567), "-1.234.567"},
		{"decimal comma", "pct", 30.7, "30,7"},
		{"grouped with decimals", "retorno", 1018619.3, "1.018.619,3"},
		{"whole float", "x", 52.0, "52"},
		{"tiny float, no exponent", "popularidad desde", 1e-06, "0,000001"},
		{"float32", "x", float32(0.5), "0,5"},
		{"big integer", "x", big.NewInt(12345678), "12.345.678"},
		{"decimal keeps its digits", "% faltantes", tabular.Number("1234.50"), "1.234,50"},
		{"not a number", "x", math.NaN(), "NaN"},
		{"a year stays as it is", "año", int64(1996), "1996"},
		{"so does a named year", "año mediano", int64(1994), "1994"},
		{"a year-like name is not a year", "años de rodaje", int64(1994), "1.994"},
		{"text", "título", "Apollo 13", "Apollo 13"},
		{"missing", "x", nil, ""},
	}
	for _, tt := range tests {
		if got := formatValue(tt.col, tt.v); got != tt.want {
			t.Errorf("%s: formatValue(%q, %v) = %q, want %q", tt.name, tt.col, tt.v, got, tt.want)
		}
	}
}

func TestSpanishSentence(t *testing.T) {
	tests := []struct {
		name    string
		cols    []string
		row     []any
		want    string
		wantErr bool
	}{
		{"sentence alone", []string{"s"}, []any{"Sin números."}, "Sin números.", false},
		{"values in order, percent unbroken", []string{"s", "a", "b"}, []any{"El {} concentra el {} % de los estrenos.", "viernes", 47.4},
			"El viernes concentra el 47,4\u00a0% de los estrenos.", false},
		{"a year by its column", []string{"s", "año", "n"}, []any{"En {} hubo {} estrenos.", int64(1996), int64(1347)},
			"En 1996 hubo 1.347 estrenos.", false},
		{"a value holding {} is not filled", []string{"s", "t", "n"}, []any{"«{}» ({})", "a {} b", int64(3)}, "«a {} b» (3)", false},
		{"missing value shows", []string{"s", "n"}, []any{"Hay {}.", nil}, "Hay NULL.", false},
		{"too few values", []string{"s", "n"}, []any{"{} y {}", int64(1)}, "", true},
		{"too many values", []string{"s", "n"}, []any{"Nada", int64(1)}, "", true},
		{"no sentence", []string{"n"}, []any{int64(1)}, "", true},
	}
	for _, tt := range tests {
		got, err := spanishSentence(tt.cols, tt.row)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("%s: spanishSentence = %q, %v; want %q (error %v)", tt.name, got, err, tt.want, tt.wantErr)
		}
	}
}
