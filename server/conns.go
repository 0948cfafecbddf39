package server

import (
	"bufio"
	"bytes"
	"container/list"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"syscall"
	"time"
)

// ConnLimit bounds the server's open connections, so that idle keep-alive
// connections can never use up the file descriptors or the memory and lock
// new clients out. At the bound, a new connection makes the oldest idle one
// close (an idle connection costs a client nothing to reopen); when every
// connection is busy, the new one is answered 503 and closed. When the
// system refuses a descriptor all the same (EMFILE), the oldest idle
// connection is closed and the accept retried.
//
// Use Listener around the server's listener and ConnState as the server's
// ConnState hook.
type ConnLimit struct {
	max int
	log *slog.Logger

	mu       sync.Mutex
	open     int                        // connections counted against max
	idle     *list.List                 // idle connections, the oldest first
	idleAt   map[net.Conn]*list.Element // their place in idle
	closing  map[net.Conn]bool          // shed, no longer counted, not yet reported closed
	shed     int                        // idle connections closed since the last warning
	warnedAt time.Time
	starved  int // accepts refused (EMFILE) with no idle connection to close, since the last warning
	starveAt time.Time
}

// warnEvery is how often at most each of the limit's warnings is logged:
// under a flood, one line per event would flood the log too.
const warnEvery = 10 * time.Second

// NewConnLimit returns a limit of limit open connections (at least 1).
func NewConnLimit(limit int, log *slog.Logger) *ConnLimit {
	return &ConnLimit{max: max(limit, 1), log: log, idle: list.New(),
		idleAt: map[net.Conn]*list.Element{}, closing: map[net.Conn]bool{}}
}

// MaxConns is a bound for a server with fileLimit descriptors (RLIMIT_NOFILE)
// and memoryBudget bytes for its connections: leave room for the process's
// own files, and count about 32 KB per connection (two 4 KB buffers, a
// goroutine's stack, the kernel's socket).
func MaxConns(fileLimit uint64, memoryBudget int64) int {
	const reserved, perConn = 64, 32 << 10
	byFiles := int64(fileLimit) - reserved
	byMemory := memoryBudget / perConn
	return int(max(1, min(byFiles, byMemory)))
}

// FileLimit is the process's limit of open descriptors (RLIMIT_NOFILE).
func FileLimit() uint64 {
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl); err != nil {
		return 1024
	}
	return rl.Cur
}

// Listener wraps ln so that accepting counts connections and enforces the limit.
func (l *ConnLimit) Listener(ln net.Listener) net.Listener { return &limitedListener{ln, l} }

// ConnState follows each connection's state: the server calls it.
func (l *ConnLimit) ConnState(c net.Conn, state http.ConnState) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch state {
	case http.StateIdle:
		if _, ok := l.idleAt[c]; !ok {
			l.idleAt[c] = l.idle.PushBack(c)
		}
	case http.StateActive:
		l.forget(c)
	case http.StateClosed, http.StateHijacked:
		l.forget(c)
		if l.closing[c] {
			delete(l.closing, c) // already uncounted when it was shed
		} else {
			l.open--
		}
	}
}

// forget drops c from the idle list; l.mu is held.
func (l *ConnLimit) forget(c net.Conn) {
	if e, ok := l.idleAt[c]; ok {
		l.idle.Remove(e)
		delete(l.idleAt, c)
	}
}

// admit counts a new connection; at the bound it closes the oldest idle
// one, and reports false when none is idle (the new one must be refused).
func (l *ConnLimit) admit() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.open >= l.max && !l.shedOldest() {
		return false
	}
	l.open++
	return true
}

// shedOldest closes the oldest idle connection, if any; l.mu is held. The
// server then reports it closed (ConnState), which frees its place.
func (l *ConnLimit) shedOldest() bool {
	e := l.idle.Front()
	if e == nil {
		return false
	}
	c := e.Value.(net.Conn)
	l.forget(c)
	c.Close()
	l.open-- // its place is free now; its StateClosed, later, must not count again
	l.closing[c] = true
	l.shed++
	if time.Since(l.warnedAt) > warnEvery {
		l.log.Warn("closing the oldest idle connections: the connection limit is reached", "max_conns", l.max, "closed", l.shed)
		l.shed, l.warnedAt = 0, time.Now()
	}
	return true
}

// starving counts an accept refused for want of descriptors when no idle
// connection can be closed, and warns at most every warnEvery; l.mu is held.
func (l *ConnLimit) starving(err error) {
	l.starved++
	if time.Since(l.starveAt) > warnEvery {
		l.log.Warn("accept: out of file descriptors, and no idle connection to close", "err", err, "times", l.starved)
		l.starved, l.starveAt = 0, time.Now()
	}
}

// refuse answers a connection over the limit 503, once its request has
// arrived (a response before it would read as garbage to an HTTP client),
// and closes it; within a second whatever happens.
func refuse(c net.Conn) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(time.Second)) //nolint:errcheck
	r := bufio.NewReaderSize(c, 4096)
	for {
		line, err := r.ReadSlice('\n')
		if err != nil {
			return
		}
		if len(bytes.TrimSpace(line)) == 0 {
			break // the end of the request's header
		}
	}
	c.Write([]byte(refused)) //nolint:errcheck // best effort
}

// limitedListener is a listener that counts and limits its connections.
type limitedListener struct {
	net.Listener
	limit *ConnLimit
}

// refused is the answer of a connection over the limit when every other
// connection is busy.
const refused = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\n" +
	"Connection: close\r\nRetry-After: 1\r\n\r\n" +
	`{"error": "El servidor está atendiendo demasiadas conexiones; inténtelo de nuevo en un momento."}` + "\n"

func (ln *limitedListener) Accept() (net.Conn, error) {
	for {
		c, err := ln.Listener.Accept()
		if errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE) {
			ln.limit.mu.Lock()
			shed := ln.limit.shedOldest()
			if !shed {
				ln.limit.starving(err)
			}
			ln.limit.mu.Unlock()
			if shed {
				continue
			}
			time.Sleep(50 * time.Millisecond) // let busy connections end
			continue
		}
		if err != nil {
			return nil, err
		}
		if !ln.limit.admit() {
			go refuse(c)
			continue
		}
		return c, nil
	}
}
