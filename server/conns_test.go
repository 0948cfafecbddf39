package server

import (
	"bufio"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// serveLimited serves handler behind a ConnLimit of limit connections.
func serveLimited(t *testing.T, limit int, handler http.Handler) (string, *ConnLimit) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	conns := NewConnLimit(limit, slog.New(slog.DiscardHandler))
	srv := &http.Server{Handler: handler, ConnState: conns.ConnState, IdleTimeout: time.Minute}
	go srv.Serve(conns.Listener(ln)) //nolint:errcheck
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String(), conns
}

// request sends one keep-alive GET on conn and reads the status line.
func request(t *testing.T, conn net.Conn, r *bufio.Reader) string {
	t.Helper()
	if _, err := io.WriteString(conn, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body) //nolint:errcheck
	resp.Body.Close()
	return resp.Status
}

// TestIdleConnectionsCannotLockClientsOut: four times the limit of idle
// keep-alive connections, then a new client: it is served at once, the
// oldest idle connections having been closed to make room.
func TestIdleConnectionsCannotLockClientsOut(t *testing.T) {
	const limit = 8
	addr, conns := serveLimited(t, limit, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ok") //nolint:errcheck
	}))
	var idle []net.Conn
	for range 4 * limit {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if status := request(t, c, bufio.NewReader(c)); status != "200 OK" {
			t.Fatalf("an idle-to-be connection got %s", status)
		}
		idle = append(idle, c)
	}
	start := time.Now()
	resp, err := (&http.Client{Timeout: time.Second}).Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatalf("a new client after %d idle connections: %v", len(idle), err)
	}
	resp.Body.Close()
	if took := time.Since(start); resp.StatusCode != http.StatusOK || took > time.Second {
		t.Errorf("a new client: HTTP %d after %v, want 200 within 1 s", resp.StatusCode, took)
	}
	// The first connections were closed to make room; the last ones stay.
	idle[0].SetReadDeadline(time.Now().Add(time.Second)) //nolint:errcheck
	if _, err := idle[0].Read(make([]byte, 1)); err == nil {
		t.Error("the oldest idle connection is still open")
	}
	if status := request(t, idle[len(idle)-1], bufio.NewReader(idle[len(idle)-1])); status != "200 OK" {
		t.Errorf("the newest idle connection: %s", status)
	}
	conns.mu.Lock()
	open := conns.open
	conns.mu.Unlock()
	if open > limit {
		t.Errorf("%d connections counted open, over the limit of %d", open, limit)
	}
}

// TestBusyConnectionsRefuseTheNext: when every connection is busy, a new
// one is answered 503 at once, in Spanish, instead of waiting.
func TestBusyConnectionsRefuseTheNext(t *testing.T) {
	const limit = 2
	release := make(chan struct{})
	entered := make(chan struct{}, limit)
	addr, _ := serveLimited(t, limit, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		entered <- struct{}{}
		<-release
	}))
	defer close(release)
	for range limit {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		io.WriteString(c, "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n") //nolint:errcheck
	}
	for range limit {
		<-entered // both requests in their handlers: both connections busy
	}
	resp, err := (&http.Client{Timeout: time.Second}).Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(body), "demasiadas conexiones") {
		t.Errorf("over the limit, all busy: HTTP %d %s, want 503 with a Spanish message", resp.StatusCode, body)
	}
}

func TestMaxConns(t *testing.T) {
	if got := MaxConns(1024, 64<<20); got != 1024-64 {
		t.Errorf("1,024 descriptors: %d connections, want 960", got)
	}
	if got := MaxConns(1<<20, 64<<20); got != 2048 {
		t.Errorf("64 MB for connections: %d, want 2048", got)
	}
	if got := MaxConns(10, 64<<20); got != 1 {
		t.Errorf("10 descriptors: %d, want at least 1", got)
	}
}

// emfileListener refuses descriptors (EMFILE) n times, then closes.
type emfileListener struct {
	net.Listener
	n int
}

func (l *emfileListener) Accept() (net.Conn, error) {
	if l.n > 0 {
		l.n--
		return nil, &net.OpError{Op: "accept", Net: "tcp", Err: syscall.EMFILE}
	}
	return nil, net.ErrClosed
}

// countHandler counts the log's records of each level.
type countHandler struct {
	slog.Handler
	mu     sync.Mutex
	counts map[slog.Level]int
}

func (h *countHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h *countHandler) Handle(_ context.Context, r slog.Record) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.counts[r.Level]++
	return nil
}

// TestOutOfDescriptorsWarnsOnce: with no idle connection to close, the
// accept loop retries every 50 ms; it warns once, not at every retry.
func TestOutOfDescriptorsWarnsOnce(t *testing.T) {
	log := &countHandler{counts: map[slog.Level]int{}}
	conns := NewConnLimit(4, slog.New(log))
	ln := conns.Listener(&emfileListener{n: 10})
	if _, err := ln.Accept(); !errors.Is(err, net.ErrClosed) {
		t.Fatalf("Accept: %v, want the listener closed after the refusals", err)
	}
	if n := log.counts[slog.LevelWarn]; n != 1 {
		t.Errorf("10 refused accepts in 0.5 s logged %d warnings, want 1", n)
	}
}
