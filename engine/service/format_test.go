package service

import (
	"math"
	"testing"
)

func TestSpanish2(t *testing.T) {
	for f, want := range map[float64]string{
		0: "0,00", 1234.5678: "1.234,57", 999.999: "1.000,00", 12.5: "12,50", 1234567.891: "1.234.567,89",
		-2.345: "-2,35", -0.001: "0,00", 100: "100,00", math.Inf(1): "+Inf",
	} {
		if got := spanish2(f); got != want {
			t.Errorf("spanish2(%v) = %q, want %q", f, got, want)
		}
	}
}
