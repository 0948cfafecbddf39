package main

import (
	"fmt"
	"io"
	"time"
)

// terminalProgress shows a build on a terminal: one line per step, which
// says how much of the step is done while it runs (when the step knows;
// DuckDB draws its own bar for a long SQL statement) and how long it took.
type terminalProgress struct {
	w     io.Writer
	label string
}

func (p *terminalProgress) Step(n, total int, name string) {
	p.label = fmt.Sprintf("[%*d/%d] %s", len(fmt.Sprint(total)), n, total, name)
	fmt.Fprintf(p.w, "\r\033[K%s …", p.label)
}

func (p *terminalProgress) Fraction(done float64) {
	fmt.Fprintf(p.w, "\r\033[K%s %3.0f %%", p.label, 100*done)
}

func (p *terminalProgress) Done(took time.Duration) {
	fmt.Fprintf(p.w, "\r\033[K%s  %.2f s\n", p.label, took.Seconds())
}
