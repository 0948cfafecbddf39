package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/filmoteca/filmoteca/server"
)

// runCLI runs the program with args and returns its exit status and output.
func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// builtQuirks builds the quirks fixture through the CLI and returns the database path.
func builtQuirks(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "f.duckdb")
	code, stdout, stderr := runCLI(t, "", "etl", "--data", "testdata/quirks", "--db", db)
	if code != 0 {
		t.Fatalf("etl exited %d: %s", code, stderr)
	}
	for _, want := range []string{"built " + db, "movies", "rejected (see table rejected_rows)", "malformed_id", "duplicate_id"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("etl output lacks %q:\n%s", want, stdout)
		}
	}
	if !strings.Contains(stderr, "applied") || !strings.Contains(stderr, "002_read.sql") {
		t.Errorf("etl progress on stderr lacks the applied SQL files:\n%s", stderr)
	}
	return db
}

func TestETLCommand(t *testing.T) {
	db := builtQuirks(t)
	code, stdout, _ := runCLI(t, "", "etl", "--data", "testdata/quirks", "--db", db)
	if code != 0 || !strings.Contains(stdout, "is up to date") {
		t.Errorf("second etl: exit %d, output %q; want a no-op", code, stdout)
	}
	code, _, stderr := runCLI(t, "", "etl", "--data", t.TempDir(), "--db", db)
	if code != 1 || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, "movies_dataset.csv: file not found") {
		t.Errorf("etl on an empty folder: exit %d, stderr %q; want one line naming the file", code, stderr)
	}
}

func TestSQLCommand(t *testing.T) {
	db := builtQuirks(t)
	tests := []struct {
		name  string
		args  []string
		stdin string
		want  string
	}{
		{"table", []string{"SELECT id, title, release_date, \"return\" FROM movies WHERE id IN (862, 48787) ORDER BY id"}, "",
			"   id  title         release_date      return\n" +
				"-----  ------------  ------------  ----------\n" +
				"  862  Toy Story     1995-10-30    12.4518011\n" +
				"48787  Mute Witness  1995-09-28           0.5\n" +
				"(2 rows)\n"},
		{"csv", []string{"--format", "csv", "SELECT name FROM companies WHERE id IN (93489, 12910) ORDER BY id"}, "",
			"name\nWorkin' Man Films\nD'Pelicula\n"},
		{"json", []string{"--format", "json", "SELECT id, name FROM collections WHERE id = 118221"}, "",
			"[\n  {\"id\": 118221, \"name\": \"Weekend at Bernie's Collection\"}\n]\n"},
		{"statements from stdin", []string{"--format", "csv"}, "SELECT 1 AS a; -- first\nSELECT ';' AS b;\n",
			"a\n1\nb\n;\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tt.stdin, append([]string{"sql", "--db", db}, tt.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if stdout != tt.want {
				t.Errorf("output:\n%s\nwant:\n%s", stdout, tt.want)
			}
		})
	}
	t.Run("json is valid", func(t *testing.T) {
		_, stdout, _ := runCLI(t, "", "sql", "--db", db, "--format", "json", "SELECT * FROM movies ORDER BY id")
		var rows []map[string]any
		if err := json.Unmarshal([]byte(stdout), &rows); err != nil || len(rows) != 23 {
			t.Errorf("json output: %d rows, %v", len(rows), err)
		}
	})
}

func TestSQLCommandRefusesWrites(t *testing.T) {
	db := builtQuirks(t)
	for _, stmt := range []string{"DROP TABLE movies", "DELETE FROM movies", "CREATE TABLE x (a INTEGER)", "UPDATE movies SET title = 'x'"} {
		code, _, stderr := runCLI(t, "", "sql", "--db", db, stmt)
		if code != 1 || !strings.Contains(stderr, "refused: the database is opened read-only") {
			t.Errorf("%s: exit %d, stderr %q; want a refusal", stmt, code, stderr)
		}
	}
	_, stdout, _ := runCLI(t, "", "sql", "--db", db, "--format", "csv", "SELECT count(*) AS n FROM movies")
	if stdout != "n\n23\n" {
		t.Errorf("after the refused writes, movies count output = %q", stdout)
	}
}

func TestUsage(t *testing.T) {
	code, _, stderr := runCLI(t, "", "-h")
	if code != 0 || !strings.Contains(stderr, "etl") || !strings.Contains(stderr, "sql") {
		t.Errorf("-h: exit %d, %q", code, stderr)
	}
	for _, cmd := range []string{"etl", "sql"} {
		code, _, stderr := runCLI(t, "", cmd, "-h")
		if code != 0 || !strings.Contains(stderr, "Usage: filmoteca "+cmd) {
			t.Errorf("%s -h: exit %d, %q", cmd, code, stderr)
		}
	}
	if code, _, _ := runCLI(t, "", "nope"); code != 2 {
		t.Errorf("unknown command: exit %d, want 2", code)
	}
	if code, _, _ := runCLI(t, "", "sql", "--format", "xml", "SELECT 1"); code != 1 {
		t.Errorf("bad --format: exit %d, want 1", code)
	}
}

func TestSQLValueFormats(t *testing.T) {
	db := builtQuirks(t)
	query := `SELECT 1.50::DECIMAL(4,2) AS d, INTERVAL 1 DAY AS i, '550e8400-e29b-41d4-a716-446655440000'::UUID AS u, 'nan'::DOUBLE AS n`
	code, stdout, stderr := runCLI(t, "", "sql", "--db", db, "--format", "json", query)
	want := "[\n  {\"d\": 1.5, \"i\": \"0 months 1 days 0 microseconds\", \"u\": \"550e8400-e29b-41d4-a716-446655440000\", \"n\": \"NaN\"}\n]\n"
	if code != 0 || stdout != want {
		t.Errorf("json: exit %d %s\n%s\nwant\n%s", code, stderr, stdout, want)
	}
	_, stdout, _ = runCLI(t, "", "sql", "--db", db, "--format", "csv", query)
	if want := "d,i,u,n\n1.5,0 months 1 days 0 microseconds,550e8400-e29b-41d4-a716-446655440000,NaN\n"; stdout != want {
		t.Errorf("csv:\n%s\nwant\n%s", stdout, want)
	}
}

// TestServe starts the real program on port 0, asks it a question, and stops
// it as SIGTERM would (by cancelling its context).
func TestServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.duckdb")
	base, stop := startServe(t, "--data", "testdata/quirks", "--db", db)
	resp, err := http.Get(base + "/score_titulo/Weekend%20at%20Bernie%27s")
	if err != nil {
		t.Fatal(err)
	}
	var body map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || body["anio"] != 1989.0 {
		t.Errorf("score_titulo: %d %v", resp.StatusCode, body)
	}
	stop()
}

func TestRecommendCommand(t *testing.T) {
	db := builtQuirks(t)
	code, stdout, stderr := runCLI(t, "", "recommend", "--db", db, "toy", "story")
	var answer struct {
		Titulo          string   `json:"titulo"`
		Recomendaciones []string `json:"recomendaciones"`
	}
	if err := json.Unmarshal([]byte(stdout), &answer); err != nil || code != 0 {
		t.Fatalf("exit %d, %v: %s %s", code, err, stdout, stderr)
	}
	if answer.Titulo != "Toy Story" || len(answer.Recomendaciones) != 5 {
		t.Errorf("recommend toy story = %+v", answer)
	}
	code, stdout, _ = runCLI(t, "", "recommend", "--db", db, "Toy Stroyz") // two typos in "Story": one too many
	if code != 1 || !strings.Contains(stdout, "sugerencias") {
		t.Errorf("unknown title: exit %d, %s", code, stdout)
	}
}

// TestDemo runs the demo against the real handler on the shipped data.
func TestDemo(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "f.duckdb")
	if code, _, stderr := runCLI(t, "", "etl", "--data", "data", "--db", dbPath); code != 0 {
		t.Fatal(stderr)
	}
	svc, _, err := loadService(context.Background(), dbPath, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.New(svc, slog.New(slog.DiscardHandler)))
	defer srv.Close()
	code, stdout, stderr := runCLI(t, "", "demo", "--url", srv.URL)
	if code != 0 {
		t.Fatalf("demo exited %d: %s", code, stderr)
	}
	if n := strings.Count(stdout, "HTTP 200"); n != len(demoRequests)-1 {
		t.Errorf("%d answers were 200, want %d:\n%s", n, len(demoRequests)-1, stdout)
	}
	for _, want := range []string{"HTTP 404", "\"cumple_condicion\": false", "\"recomendaciones\"", "sugerencias", "Cómo funciona la recomendación"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
	if code, _, stderr := runCLI(t, "", "demo", "--url", "http://127.0.0.1:1"); code != 1 || !strings.Contains(stderr, "is `filmoteca serve` running") {
		t.Errorf("demo without a server: exit %d, %s", code, stderr)
	}
}

// TestHTTPServerLimits: oversized headers and URLs are refused, and a client
// that never finishes its header is cut off.
func TestHTTPServerLimits(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) })
	srv := newHTTPServer(ok, slog.New(slog.DiscardHandler))
	srv.ReadHeaderTimeout = 300 * time.Millisecond // the production value is 5 s
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln) //nolint:errcheck
	defer srv.Close()
	base := "http://" + ln.Addr().String()

	req, _ := http.NewRequest(http.MethodGet, base+"/healthz", nil)
	req.Header.Set("X-Big", strings.Repeat("a", 32<<10))
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("32 KB header: %v %v, want 431", resp, err)
	}
	if resp, err := http.Get(base + "/score_titulo/" + strings.Repeat("a", 32<<10)); err != nil || resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("32 KB URL: %v %v, want 431", resp, err)
	}

	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Write([]byte("GET /healthz HTTP/1.1\r\nHost: x\r\n")); err != nil {
		t.Fatal(err)
	}
	conn.SetReadDeadline(time.Now().Add(3 * time.Second)) //nolint:errcheck
	buf := make([]byte, 512)
	start := time.Now()
	n, _ := conn.Read(buf)
	if time.Since(start) > 2*time.Second || strings.HasPrefix(string(buf[:n]), "HTTP/1.1 200") {
		t.Errorf("a half-sent header was not cut off: %q after %v", buf[:n], time.Since(start))
	}
}

// TestDockerfile: the image runs as an unprivileged user and serves the
// database and the EDA report it built, so its filesystem can be mounted
// read-only and /eda/ answers in a deploy from git (reports/ is git-ignored).
// scripts/docker-test.sh builds and runs the image for real.
func TestDockerfile(t *testing.T) {
	b, err := os.ReadFile("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	stages := strings.Split(string(b), "\nFROM ")
	runtime := stages[len(stages)-1]
	build := strings.Join(stages[:len(stages)-1], "\nFROM ")
	for _, want := range []string{"USER filmoteca", `"serve", "--build=false"`, "useradd --system",
		"/app/data/filmoteca.duckdb", "COPY --from=build /out/reports /app/reports"} {
		if !strings.Contains(runtime, want) {
			t.Errorf("the runtime stage lacks %q", want)
		}
	}
	if strings.Contains(runtime, "USER root") {
		t.Error("the runtime stage runs as root")
	}
	for _, want := range []string{"npm ci", "filmoteca etl --data data", "filmoteca eda", "--out /out/reports"} {
		if !strings.Contains(build, want) {
			t.Errorf("the build stages lack %q", want)
		}
	}
	// serve sets its own Go memory limit (goMemoryLimit); a deployment file
	// that sets another one would contradict it.
	for _, name := range []string{"Dockerfile", "render.yaml"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), "GOMEMLIMIT=") || strings.Contains(string(b), "key: GOMEMLIMIT") {
			t.Errorf("%s sets GOMEMLIMIT; serve sets %d MiB itself", name, goMemoryLimit>>20)
		}
	}
}

// TestOwnDataIsNeverReplaced: a user builds a database from files of their
// own, then serves it from a folder whose ./data is other data (here, the
// repository, which ships a sample). The file is unchanged and the answers
// are their data's; etl over it says what it replaces.
func TestOwnDataIsNeverReplaced(t *testing.T) {
	repo, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	own := filepath.Join(t.TempDir(), "datos")
	if err := os.CopyFS(own, os.DirFS(filepath.Join(repo, "testdata", "quirks"))); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(own, "movies_dataset.csv"), filepath.Join(own, "movies_metadata.csv")); err != nil {
		t.Fatal(err) // Kaggle's name
	}
	db := filepath.Join(filepath.Dir(own), "filmoteca.duckdb")

	t.Chdir(filepath.Dir(own))
	if code, _, stderr := runCLI(t, "", "etl", "--data", "datos", "--db", db); code != 0 {
		t.Fatalf("etl: %s", stderr)
	}
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}

	t.Chdir(repo) // ./data here is the shipped sample: the trap
	base, stop := startServe(t, "--db", db)
	resp, err := http.Get(base + "/resumen")
	if err != nil {
		t.Fatal(err)
	}
	var summary map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&summary); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	stop()
	if summary["peliculas"] != 23.0 {
		t.Errorf("served %v movies, want the 23 of the user's data", summary["peliculas"])
	}
	after, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("serve changed the user's database")
	}

	// etl naming other data replaces it, and says so.
	code, stdout, stderr := runCLI(t, "", "etl", "--data", "testdata/quirks", "--db", db)
	if code != 0 || !strings.Contains(stdout, "replaced "+db+": it was built from "+own) {
		t.Errorf("etl over it: exit %d, %s %s", code, stdout, stderr)
	}
	// Rebuilt from its source again, whose files then disappear: etl
	// without --data leaves the database alone and says why.
	if code, _, stderr := runCLI(t, "", "etl", "--data", own, "--db", db); code != 0 {
		t.Fatalf("etl: %s", stderr)
	}
	if err := os.RemoveAll(own); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCLI(t, "", "etl", "--db", db)
	if code != 1 || !strings.Contains(stderr, "was built from "+own) || !strings.Contains(stderr, "--data") {
		t.Errorf("etl with its data gone: exit %d, %s", code, stderr)
	}
}

// TestServeKeepsADatabaseItCannotRebuild: the database's data folder is
// there but broken (a file moved away); serve serves the valid database as
// it is, and says in one warning line why it was not rebuilt.
func TestServeKeepsADatabaseItCannotRebuild(t *testing.T) {
	own := filepath.Join(t.TempDir(), "datos")
	if err := os.CopyFS(own, os.DirFS("testdata/quirks")); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "f.duckdb")
	if code, _, stderr := runCLI(t, "", "etl", "--data", own, "--db", db); code != 0 {
		t.Fatalf("etl: %s", stderr)
	}
	if err := os.Rename(filepath.Join(own, "credits.csv"), filepath.Join(t.TempDir(), "credits.csv")); err != nil {
		t.Fatal(err)
	}
	base, stop, stderr := startServeLogged(t, "--db", db)
	resp, err := http.Get(base + "/resumen")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	stop()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("/resumen: HTTP %d", resp.StatusCode)
	}
	var warnings []string
	for _, line := range strings.Split(stderr(), "\n") {
		if strings.Contains(line, "level=WARN") {
			warnings = append(warnings, line)
		}
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "could not be rebuilt") || !strings.Contains(warnings[0], "credits.csv") {
		t.Errorf("warnings %q, want one saying why the database was not rebuilt", warnings)
	}
}

// startServe runs `serve` with args on a free port and returns its address
// and a function that stops it (as SIGTERM does) and waits for it.
func startServe(t *testing.T, args ...string) (base string, stop func()) {
	t.Helper()
	base, stop, _ = startServeLogged(t, args...)
	return base, stop
}

// startServeLogged is startServe, also returning what serve wrote to its
// standard error, to read once it stopped.
func startServeLogged(t *testing.T, args ...string) (base string, stop func(), stderrText func() string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdoutR, stdoutW := io.Pipe()
	var stderr bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), strings.NewReader(""), stdoutW, &stderr)
		stdoutW.Close()
	}()
	line, err := bufio.NewReader(stdoutR).ReadString('\n')
	if err != nil {
		cancel()
		t.Fatalf("no listening line (stderr: %s): %v", stderr.String(), err)
	}
	go io.Copy(io.Discard, stdoutR) //nolint:errcheck
	stopped := false
	stop = func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("serve exited %d: %s", code, stderr.String())
			}
		case <-time.After(shutdownGrace + 5*time.Second):
			t.Fatal("serve did not stop after its context was cancelled")
		}
	}
	t.Cleanup(stop)
	return strings.TrimSpace(strings.TrimPrefix(line, "filmoteca listening on ")), stop, stderr.String
}

// TestLogWriter: log lines are written in batches, within the flush
// interval, and whatever is left on Close.
func TestLogWriter(t *testing.T) {
	var mu sync.Mutex
	var out bytes.Buffer
	w := newLogWriter(writerFunc(func(p []byte) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		return out.Write(p)
	}), 20*time.Millisecond)
	written := func() string {
		mu.Lock()
		defer mu.Unlock()
		return out.String()
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 100 {
				fmt.Fprintf(w, "line %d %d\n", i, j)
			}
		}()
	}
	wg.Wait()
	deadline := time.Now().Add(2 * time.Second)
	for strings.Count(written(), "\n") < 800 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if n := strings.Count(written(), "\n"); n != 800 {
		t.Fatalf("%d of 800 lines written after the flush interval", n)
	}
	fmt.Fprintln(w, "last")
	if err := w.Close(); err != nil || !strings.HasSuffix(written(), "last\n") {
		t.Errorf("Close did not write the last line: %v", err)
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// TestSQLWaitingOnStdinStopsOnSignal: `filmoteca sql` reading queries from
// a pipe that never closes returns once its context is cancelled (what
// the first Ctrl-C or SIGTERM does), instead of waiting forever.
func TestSQLWaitingOnStdinStopsOnSignal(t *testing.T) {
	db := builtQuirks(t)
	stdin, feed := io.Pipe()
	defer feed.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	var stderr bytes.Buffer
	go func() { done <- run(ctx, []string{"sql", "--db", db}, stdin, io.Discard, &stderr) }()
	time.Sleep(100 * time.Millisecond)
	cancel()
	select {
	case code := <-done:
		if code != 1 || !strings.Contains(stderr.String(), "context canceled") {
			t.Errorf("exit %d, %q; want 1 and the cancellation", code, stderr.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("sql kept waiting on stdin after its context was cancelled")
	}
}

// TestDevNullIsNoTerminal: /dev/null is a character device but no
// terminal; `etl >/dev/null` writes log lines, not a progress bar.
func TestDevNullIsNoTerminal(t *testing.T) {
	f, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if isTerminal(f) {
		t.Error("/dev/null taken for a terminal")
	}
}

// TestMemoryLimitFloor: a --memory-limit below what a build needs is
// refused in one line naming it, before any build (below it DuckDB can
// abort the process instead of failing the build).
func TestMemoryLimitFloor(t *testing.T) {
	for _, limit := range []string{"64MB", "100MiB", "lots", "1.5"} {
		code, _, stderr := runCLI(t, "", "etl", "--data", "testdata/quirks", "--db", filepath.Join(t.TempDir(), "f"), "--memory-limit", limit)
		if code != 1 || !strings.Contains(stderr, "--memory-limit "+limit) || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Errorf("--memory-limit %s: exit %d, %q; want one line naming it", limit, code, stderr)
		}
	}
	for _, limit := range []string{"128MiB", "200MB", "1GB", "2gb"} {
		if err := checkMemoryLimit(limit); err != nil {
			t.Errorf("--memory-limit %s: %v", limit, err)
		}
	}
}

// TestStoreCommands: etl --store builds and promotes; builds lists the
// builds as JSON (id, current, created, films, newest first); a refused
// build exits 1 saying why; serve --store refuses, in one line, a folder
// that is not a store and a pointer to a build that is not there.
func TestStoreCommands(t *testing.T) {
	store := filepath.Join(t.TempDir(), "store")
	if code, stdout, stderr := runCLI(t, "", "etl", "--data", "data", "--store", store); code != 0 || !strings.Contains(stdout, "is current") {
		t.Fatalf("etl --store: exit %d, %s %s", code, stdout, stderr)
	}
	code, _, stderr := runCLI(t, "", "etl", "--data", "testdata/quirks", "--store", store)
	if code != 1 || !strings.Contains(stderr, "refused by the gate") || !strings.Contains(stderr, "shrink") {
		t.Errorf("a build of 23 films after 2993: exit %d, %s", code, stderr)
	}
	code, stdout, _ := runCLI(t, "", "builds", "--store", store, "--format", "json")
	var builds []map[string]any
	if err := json.Unmarshal([]byte(stdout), &builds); code != 0 || err != nil || len(builds) != 2 {
		t.Fatalf("builds --format json: exit %d, %v: %s", code, err, stdout)
	}
	for _, key := range []string{"id", "current", "created", "films", "status", "lineage"} {
		if _, ok := builds[0][key]; !ok {
			t.Errorf("a build's JSON lacks %q", key)
		}
	}
	if builds[0]["current"] != false || builds[0]["status"] != "refused" || builds[1]["current"] != true || builds[1]["films"] != 2993.0 {
		t.Errorf("builds, newest first: %v", builds)
	}

	notAStore := t.TempDir()
	if err := os.WriteFile(filepath.Join(notAStore, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"etl", "--data", "data", "--store", notAStore}, {"serve", "--store", notAStore}} {
		if code, _, stderr := runCLI(t, "", args...); code != 1 || !strings.Contains(stderr, "not a filmoteca store") {
			t.Errorf("%s on a folder that is not a store: exit %d, %s", args[0], code, stderr)
		}
	}
	if err := os.WriteFile(filepath.Join(store, "CURRENT"), []byte("20990101T000000Z-dead\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, "", "serve", "--store", store, "--addr", "127.0.0.1:0"); code != 1 ||
		!strings.Contains(stderr, "20990101T000000Z-dead") || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
		t.Errorf("serve --store with a pointer to no build: exit %d, %q; want one line naming it", code, stderr)
	}
}

// TestStoreCommandsMakeNoStore: builds, promote and rollback only read a
// store: a mistyped folder is refused in one line and not created; etl
// refuses to keep fewer than one build, before it makes anything.
func TestStoreCommandsMakeNoStore(t *testing.T) {
	typo := filepath.Join(t.TempDir(), "typo")
	empty := t.TempDir()
	for _, args := range [][]string{
		{"builds", "--store", typo}, {"promote", "--store", typo, "20260101T000000Z-abcd"}, {"rollback", "--store", typo},
		{"builds", "--store", empty},
	} {
		code, _, stderr := runCLI(t, "", args...)
		if code != 1 || !strings.Contains(stderr, "not a filmoteca store") || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Errorf("%v: exit %d, %q; want one line refusing it", args, code, stderr)
		}
	}
	if _, err := os.Stat(typo); err == nil {
		t.Error("a read-only command created the store it was named")
	}
	if entries, _ := os.ReadDir(empty); len(entries) != 0 {
		t.Errorf("builds wrote into an empty folder: %v", entries)
	}
	for _, keep := range []string{"0", "-1"} {
		code, _, stderr := runCLI(t, "", "etl", "--data", "data", "--store", typo, "--keep", keep)
		if code != 1 || !strings.Contains(stderr, "--keep") || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Errorf("etl --keep %s: exit %d, %q; want one line refusing it", keep, code, stderr)
		}
	}
	if _, err := os.Stat(typo); err == nil {
		t.Error("etl --keep 0 created the store")
	}
}
