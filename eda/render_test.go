package eda

import "testing"

// labelLines estimates at 7 px a character, a little wider than ECharts
// draws, so that a row is never too short for its label.
func TestLabelLines(t *testing.T) {
	tests := []struct {
		labels []string
		want   int
	}{
		{[]string{"Drama", "Ciencia ficción"}, 1},
		{[]string{"Warner Bros.", "Twentieth Century Fox Film Corporation"}, 2},
		{[]string{"A Nightmare on Elm Street Collection of the Long Title Kind"}, 3},
		{nil, 1},
	}
	for _, tt := range tests {
		if got := labelLines(tt.labels); got != tt.want {
			t.Errorf("labelLines(%q) = %d, want %d", tt.labels, got, tt.want)
		}
	}
}
