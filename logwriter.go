package main

import (
	"bufio"
	"io"
	"sync"
	"time"
)

// logWriter buffers log lines and writes them out in batches: a line per
// request under load would otherwise cost a system call each. It writes at
// most flushEvery after a line arrives, at once when its buffer fills, and
// on Close.
type logWriter struct {
	mu      sync.Mutex
	buf     *bufio.Writer
	pending bool // a flush is scheduled
	every   time.Duration
	timer   *time.Timer
}

func newLogWriter(w io.Writer, flushEvery time.Duration) *logWriter {
	lw := &logWriter{buf: bufio.NewWriterSize(w, 64<<10), every: flushEvery}
	lw.timer = time.AfterFunc(time.Hour, lw.flushScheduled)
	lw.timer.Stop()
	return lw
}

func (lw *logWriter) Write(p []byte) (int, error) {
	lw.mu.Lock()
	defer lw.mu.Unlock()
	n, err := lw.buf.Write(p)
	if !lw.pending && lw.buf.Buffered() > 0 {
		lw.pending = true
		lw.timer.Reset(lw.every)
	}
	return n, err
}

func (lw *logWriter) flushScheduled() {
	lw.mu.Lock()
	defer lw.mu.Unlock()
	lw.pending = false
	lw.buf.Flush() //nolint:errcheck // nowhere to report a failing log
}

// Close writes what is buffered.
func (lw *logWriter) Close() error {
	lw.timer.Stop()
	lw.mu.Lock()
	defer lw.mu.Unlock()
	lw.pending = false
	return lw.buf.Flush()
}
