package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/filmoteca/filmoteca/engine/pipeline"
	"github.com/filmoteca/filmoteca/engine/service"
	"github.com/filmoteca/filmoteca/engine/store"
)

// The API is tested on the shipped data, built once for the package.
var (
	testDB      *store.DB
	testHandler http.Handler
)

const (
	maxInputRunes  = service.MaxInputRunes
	maxSuggestions = service.MaxSuggestions
	maxSearchHits  = service.MaxSearchHits
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "filmoteca-server-test")
	if err != nil {
		panic(err)
	}
	code := func() int {
		defer os.RemoveAll(dir)
		path := filepath.Join(dir, "f.duckdb")
		if _, err := pipeline.Build(context.Background(), store.BuildOptions{Data: "../data", DBPath: path}); err != nil {
			panic(err)
		}
		if testDB, err = store.Open(path); err != nil {
			panic(err)
		}
		defer testDB.Close()
		loaded, err := pipeline.Load(context.Background(), testDB)
		if err != nil {
			panic(err)
		}
		svc, err := loaded.Service()
		if err != nil {
			panic(err)
		}
		testHandler = New(svc, slog.New(slog.DiscardHandler))
		return m.Run()
	}()
	os.Exit(code)
}

// get sends a GET for a raw (already escaped) path and decodes the JSON body.
func get(t *testing.T, rawPath string) (int, map[string]any) {
	t.Helper()
	return do(t, http.MethodGet, rawPath)
}

func do(t *testing.T, method, rawPath string) (int, map[string]any) {
	t.Helper()
	req := httptest.NewRequest(method, "http://filmoteca.test"+rawPath, nil)
	rec := httptest.NewRecorder()
	testHandler.ServeHTTP(rec, req)
	body := map[string]any{}
	if method != http.MethodHead && strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
			t.Fatalf("%s %s: invalid JSON %q: %v", method, rawPath, rec.Body.String(), err)
		}
	}
	return rec.Code, body
}

// dbInt runs a query of one integer value on the test database.
func dbInt(t *testing.T, query string, args ...any) int64 {
	t.Helper()
	n, err := strconv.ParseInt(dbValue(t, query, args...), 10, 64)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// dbFloat runs a query of one number on the test database.
func dbFloat(t *testing.T, query string, args ...any) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(dbValue(t, query, args...), 64)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return f
}

// dbValue runs a query of one value on the test database, as text.
func dbValue(t *testing.T, query string, args ...any) string {
	t.Helper()
	table, err := testDB.Query(context.Background(), query, args...)
	if err != nil || len(table.Rows) != 1 || len(table.Rows[0]) != 1 {
		t.Fatalf("%s: %v, want one value", query, err)
	}
	return fmt.Sprint(table.Rows[0][0])
}

func TestReleasesInMonth(t *testing.T) {
	for _, tt := range []struct {
		path  string
		month int
		name  string
	}{
		{"enero", 1, "enero"}, {"ENERO", 1, "enero"}, {"%20Enero%20", 1, "enero"},
		{"septiembre", 9, "septiembre"}, {"setiembre", 9, "septiembre"}, {"diciembre", 12, "diciembre"},
	} {
		code, body := get(t, "/cantidad_filmaciones_mes/"+tt.path)
		want := dbInt(t, "SELECT count(*) FROM movies WHERE month(release_date) = ?", tt.month)
		if code != 200 || body["cantidad"] != float64(want) || body["mes"] != tt.name {
			t.Errorf("%s: %d %v, want 200 with %s = %d", tt.path, code, body, tt.name, want)
		}
		if msg := fmt.Sprintf("%d cantidad de películas fueron estrenadas en el mes de %s", want, tt.name); body["mensaje"] != msg {
			t.Errorf("%s: mensaje %q, want %q", tt.path, body["mensaje"], msg)
		}
	}
	code, body := get(t, "/cantidad_filmaciones_mes/smarch")
	if valid, _ := body["valores_validos"].([]any); code != 400 || len(valid) != 12 || !strings.Contains(body["error"].(string), "smarch") {
		t.Errorf("unknown month: %d %v", code, body)
	}
}

func TestReleasesOnWeekday(t *testing.T) {
	saturdays := dbInt(t, "SELECT count(*) FROM movies WHERE isodow(release_date) = 6")
	for _, path := range []string{"sábado", "S%C3%A1bado", "SÁBADO", "sabado", "Sabado", "SABADO", "%20s%C3%A1bado%20"} {
		code, body := get(t, "/cantidad_filmaciones_dia/"+path)
		if code != 200 || body["cantidad"] != float64(saturdays) || body["dia"] != "sábado" {
			t.Errorf("%s: %d %v, want sábado = %d", path, code, body, saturdays)
		}
	}
	wednesdays := dbInt(t, "SELECT count(*) FROM movies WHERE isodow(release_date) = 3")
	code, body := get(t, "/cantidad_filmaciones_dia/miercoles")
	if code != 200 || body["cantidad"] != float64(wednesdays) ||
		body["mensaje"] != fmt.Sprintf("%d cantidad de películas fueron estrenadas en los días miércoles", wednesdays) {
		t.Errorf("miercoles: %d %v", code, body)
	}
	if code, body := get(t, "/cantidad_filmaciones_dia/funday"); code != 400 || len(body["valores_validos"].([]any)) != 7 {
		t.Errorf("unknown day: %d %v", code, body)
	}
}

func TestScore(t *testing.T) {
	pop := dbFloat(t, "SELECT popularity FROM movies WHERE id = 862")
	for _, path := range []string{"Toy%20Story", "toy%20story", "TOY%20%20STORY", "Toy Story"} {
		code, body := get(t, "/score_titulo/"+strings.ReplaceAll(path, " ", "%20"))
		if code != 200 || body["titulo"] != "Toy Story" || body["anio"] != 1995.0 || body["score"] != pop {
			t.Errorf("%s: %d %v", path, code, body)
		}
		if want := "La película Toy Story fue estrenada en el año 1995 con un score/popularidad de 21.95"; body["mensaje"] != want {
			t.Errorf("%s: mensaje %q", path, body["mensaje"])
		}
		if _, ok := body["coincidencias"]; ok {
			t.Errorf("%s: coincidencias for a unique title", path)
		}
	}
}

func TestTitleWithSlash(t *testing.T) {
	for _, path := range []string{"/score_titulo/Face/Off", "/score_titulo/Face%2FOff", "/score_titulo/face%2foff"} {
		code, body := get(t, path)
		if code != 200 || body["titulo"] != "Face/Off" || body["anio"] != 1997.0 {
			t.Errorf("%s: %d %v", path, code, body)
		}
	}
}

func TestRepeatedTitles(t *testing.T) {
	// "Dracula": 1992 (1,087 votes) and 1931 (254) in the shipped data.
	code, body := get(t, "/votos_titulo/Dracula")
	matches, _ := body["coincidencias"].([]any)
	if code != 200 || body["anio"] != 1992.0 || len(matches) != 2 {
		t.Fatalf("Dracula: %d %v", code, body)
	}
	code, body = get(t, "/score_titulo/Dracula?anio=1931")
	want := dbFloat(t, "SELECT popularity FROM movies WHERE title = 'Dracula' AND release_year = 1931")
	if code != 200 || body["anio"] != 1931.0 || body["score"] != want {
		t.Errorf("Dracula 1931: %d %v", code, body)
	}
	code, body = get(t, "/score_titulo/Dracula?anio=2001")
	if matches, _ := body["coincidencias"].([]any); code != 404 || len(matches) != 2 {
		t.Errorf("Dracula 2001: %d %v", code, body)
	}
	if code, _ := get(t, "/score_titulo/Dracula?anio=19x1"); code != 400 {
		t.Errorf("bad anio: %d, want 400", code)
	}
}

func TestVotes(t *testing.T) {
	votes := dbInt(t, "SELECT vote_count FROM movies WHERE id = 862")
	code, body := get(t, "/votos_titulo/Toy%20Story")
	if code != 200 || body["votos"] != float64(votes) || body["promedio"] != 7.7 || body["cumple_condicion"] != true {
		t.Errorf("Toy Story: %d %v", code, body)
	}
	if want := fmt.Sprintf("La película Toy Story fue estrenada en el año 1995. La misma cuenta con un total de %d valoraciones, con un promedio de 7.70", votes); body["mensaje"] != want {
		t.Errorf("mensaje %q, want %q", body["mensaje"], want)
	}
	// Heat has fewer than 2000 votes: no values.
	if n := dbInt(t, "SELECT vote_count FROM movies WHERE id = 949"); n >= 2000 {
		t.Fatalf("Heat has %d votes; the test needs a film under 2000", n)
	}
	code, body = get(t, "/votos_titulo/heat")
	if code != 200 || body["cumple_condicion"] != false || !strings.Contains(body["mensaje"].(string), "menos de 2000 valoraciones") {
		t.Errorf("Heat: %d %v", code, body)
	}
	for _, field := range []string{"votos", "promedio"} {
		if _, ok := body[field]; ok {
			t.Errorf("Heat: answer has %q", field)
		}
	}
}

func TestActor(t *testing.T) {
	// Mel Brooks acts and directs: only his cast credits count.
	films := dbInt(t, "SELECT count(DISTINCT movie_id) FROM movie_cast WHERE name = 'Mel Brooks'")
	total := dbFloat(t, `SELECT sum("return") FROM movies WHERE id IN (SELECT movie_id FROM movie_cast WHERE name = 'Mel Brooks')`)
	directed := dbInt(t, "SELECT count(DISTINCT movie_id) FROM movie_crew WHERE name = 'Mel Brooks' AND job = 'Director'")
	if films == 0 || directed == 0 {
		t.Fatalf("fixture: Mel Brooks has %d cast and %d director credits", films, directed)
	}
	code, body := get(t, "/get_actor/mel%20brooks")
	if code != 200 || body["actor"] != "Mel Brooks" || body["cantidad_filmaciones"] != float64(films) {
		t.Fatalf("Mel Brooks: %d %v", code, body)
	}
	if got := body["retorno_total"].(float64); math.Abs(got-total) > 1e-9 {
		t.Errorf("retorno_total %v, want %v", got, total)
	}
	if got := body["retorno_promedio"].(float64); math.Abs(got-total/float64(films)) > 1e-9 {
		t.Errorf("retorno_promedio %v, want %v", got, total/float64(films))
	}
	if !strings.HasPrefix(body["mensaje"].(string), fmt.Sprintf("Mel Brooks ha participado en %d película", films)) {
		t.Errorf("mensaje %q", body["mensaje"])
	}
	// A name found only among crew credits is no actor.
	code, body = get(t, "/get_actor/John%20Lasseter")
	if n := dbInt(t, "SELECT count(*) FROM movie_cast WHERE name = 'John Lasseter'"); n == 0 && code != 404 {
		t.Errorf("John Lasseter (director only) as actor: %d %v", code, body)
	}
	code, body = get(t, "/get_actor/Tom%20Hanx")
	if s, _ := body["sugerencias"].([]any); code != 404 || len(s) == 0 || s[0] != "Tom Hanks" {
		t.Errorf("Tom Hanx: %d %v", code, body)
	}
}

func TestDirector(t *testing.T) {
	films := dbInt(t, "SELECT count(DISTINCT movie_id) FROM movie_crew WHERE name = 'Mel Brooks' AND job = 'Director'")
	code, body := get(t, "/get_director/Mel%20Brooks")
	list, _ := body["peliculas"].([]any)
	if code != 200 || body["cantidad_filmaciones"] != float64(films) || len(list) != int(films) {
		t.Fatalf("Mel Brooks: %d %v", code, body)
	}
	prev, total := "", 0.0
	for _, item := range list {
		f := item.(map[string]any)
		// Unknown money is unknown: TMDB writes 0 for it, the profit is null.
		known := f["costo"].(float64) > 0 && f["recaudacion"].(float64) > 0
		if known && f["ganancia"] != f["recaudacion"].(float64)-f["costo"].(float64) || !known && f["ganancia"] != nil {
			t.Errorf("%v: ganancia is not recaudacion - costo, nor null when either is unknown", f)
		}
		if date := f["fecha_estreno"].(string); date < prev {
			t.Errorf("films not in release order: %s after %s", date, prev)
		} else {
			prev = date
		}
		total += f["retorno"].(float64)
	}
	if math.Abs(body["retorno_total"].(float64)-total) > 1e-9 {
		t.Errorf("retorno_total %v, want the sum %v", body["retorno_total"], total)
	}
	code, body = get(t, "/get_director/John%20Lasseter")
	f := body["peliculas"].([]any)[0].(map[string]any)
	if code != 200 || f["titulo"] != "Toy Story" || f["fecha_estreno"] != "1995-10-30" || f["costo"] != 3e7 || f["recaudacion"] != 373554033.0 || f["ganancia"] != 343554033.0 {
		t.Errorf("John Lasseter: %d %v", code, body)
	}
}

func TestBadInput(t *testing.T) {
	long := strings.Repeat("a", maxInputRunes+1)
	tests := []struct {
		name, path string
		status     int
	}{
		{"unknown title", "/score_titulo/Toy%20Stroyz%20Qwx", 404},
		{"injection is just a title", "/score_titulo/'%3B%20DROP%20TABLE%20movies%3B%20--", 404},
		{"over-long title", "/score_titulo/" + long, 400},
		{"over-long actor", "/get_actor/" + long, 400},
		{"200 characters is allowed", "/get_director/" + long[:maxInputRunes], 404},
		{"over-long month", "/cantidad_filmaciones_mes/" + long, 400},
		{"empty title", "/score_titulo/", 400},
		{"blank title", "/votos_titulo/%20%20", 400},
		{"invalid UTF-8", "/score_titulo/%ff%fe", 400},
		{"NUL byte", "/get_actor/%00", 404},
		{"unknown route", "/no_such_route", 404},
		{"unknown docs file", "/docs/no-such-file.js", 404},
		{"unparseable query string", "/score_titulo/Dracula?anio=%zz", 400},
		{"unknown title to recommend from", "/recomendacion/Zzyzx%20Wombat", 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body := get(t, tt.path)
			if code != tt.status {
				t.Errorf("%s: status %d, want %d (%v)", tt.path, code, tt.status, body)
			}
			if msg, _ := body["error"].(string); msg == "" {
				t.Errorf("%s: no Spanish error message: %v", tt.path, body)
			}
		})
	}
	// "Stroyz" is two typos from "Story", one too many to answer for it:
	// Toy Story is suggested first.
	code, body := get(t, "/score_titulo/Toy%20Stroyz")
	if s, _ := body["sugerencias"].([]any); code != 404 || len(s) == 0 || len(s) > maxSuggestions || s[0] != "Toy Story" {
		t.Errorf("suggestions for Toy Stroyz: %v", body)
	}
}

func TestMethodsAndDocs(t *testing.T) {
	for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch, http.MethodOptions} {
		if code, body := do(t, method, "/score_titulo/Toy%20Story"); code != 405 || body["error"] == nil {
			t.Errorf("%s: %d %v, want 405", method, code, body)
		}
	}
	req := httptest.NewRequest(http.MethodHead, "/score_titulo/Toy%20Story", nil)
	rec := httptest.NewRecorder()
	testHandler.ServeHTTP(rec, req)
	if rec.Code != 200 || rec.Body.Len() != 0 {
		t.Errorf("HEAD: %d with %d body bytes", rec.Code, rec.Body.Len())
	}
	if code, body := get(t, "/healthz"); code != 200 || body["estado"] != "ok" {
		t.Errorf("healthz: %d %v", code, body)
	}

	// Every API route is documented.
	code, doc := get(t, "/openapi.json")
	paths, _ := doc["paths"].(map[string]any)
	if code != 200 || doc["openapi"] == nil {
		t.Fatalf("openapi.json: %d", code)
	}
	for _, p := range []string{"/cantidad_filmaciones_mes/{mes}", "/cantidad_filmaciones_dia/{dia}", "/score_titulo/{titulo}",
		"/votos_titulo/{titulo}", "/get_actor/{nombre_actor}", "/get_director/{nombre_director}", "/recomendacion/{titulo}", "/healthz"} {
		if _, ok := paths[p]; !ok {
			t.Errorf("openapi.json lacks %s", p)
		}
	}
	for path, want := range map[string]string{"/docs/": "swagger-ui", "/docs/swagger-initializer.js": "/openapi.json", "/docs/swagger-ui-bundle.js": "SwaggerUIBundle", "/": "/docs/"} {
		rec := httptest.NewRecorder()
		testHandler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if b, _ := io.ReadAll(rec.Body); rec.Code != 200 || !strings.Contains(string(b), want) {
			t.Errorf("%s: %d, body lacks %q", path, rec.Code, want)
		}
	}
}

// TestConcurrentRequests exercises the handlers from many goroutines (run with -race).
func TestConcurrentRequests(t *testing.T) {
	paths := []string{"/cantidad_filmaciones_mes/enero", "/cantidad_filmaciones_dia/s%C3%A1bado", "/score_titulo/Toy%20Story",
		"/votos_titulo/Heat", "/get_actor/Tom%20Hanks", "/get_director/John%20Lasseter", "/score_titulo/Toy%20Stroy", "/healthz"}
	want := map[string]int{}
	for _, p := range paths {
		want[p], _ = get(t, p)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 16)
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				p := paths[(g+i)%len(paths)]
				rec := httptest.NewRecorder()
				testHandler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
				if rec.Code != want[p] {
					select {
					case errs <- fmt.Sprintf("%s: %d, want %d", p, rec.Code, want[p]):
					default:
					}
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// BenchmarkRoutes measures one request per route through the whole handler
// (routing, lookup, JSON), without the network.
func BenchmarkRoutes(b *testing.B) {
	for _, path := range []string{"/healthz", "/cantidad_filmaciones_dia/s%C3%A1bado", "/score_titulo/Toy%20Story",
		"/get_actor/Tom%20Hanks", "/get_director/John%20Lasseter", "/recomendacion/Toy%20Story", "/score_titulo/Toy%20Stroy"} {
		b.Run(strings.TrimPrefix(path, "/"), func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, path, nil)
			for b.Loop() {
				testHandler.ServeHTTP(httptest.NewRecorder(), req)
			}
		})
	}
}

func TestRecommendation(t *testing.T) {
	for _, path := range []string{"/recomendacion/Toy%20Story", "/recomendacion/toy%20story", "/recomendacion/Heat"} {
		code, body := get(t, path)
		titles, _ := body["recomendaciones"].([]any)
		detail, _ := body["detalle"].([]any)
		if code != 200 || len(titles) != 5 || len(detail) != 5 {
			t.Fatalf("%s: %d %v", path, code, body)
		}
		prev := math.Inf(1)
		seen := map[any]bool{body["titulo"]: true}
		for i, d := range detail {
			m := d.(map[string]any)
			if m["titulo"] != titles[i] || seen[m["titulo"]] {
				t.Errorf("%s: recommendation %d %v repeats the query or another, or differs from %v", path, i, m, titles[i])
			}
			seen[m["titulo"]] = true
			score := m["puntuacion"].(float64)
			if score > prev {
				t.Errorf("%s: not in ranking order: %v after %v", path, score, prev)
			}
			prev = score
			if s := m["similitud"].(float64); s < -1 || s > 1.0001 {
				t.Errorf("%s: similitud %v out of [-1, 1]", path, s)
			}
		}
	}
	code, body := get(t, "/recomendacion/Dracula?anio=1931")
	if code != 200 || body["anio"] != 1931.0 || len(body["coincidencias"].([]any)) != 2 {
		t.Errorf("Dracula 1931: %d %v", code, body)
	}
	// A typo the search corrects: the answer says what it matched.
	if code, body := get(t, "/recomendacion/Toy%20Stroy"); code != 200 || body["titulo"] != "Toy Story" || body["consulta"] != "Toy Stroy" {
		t.Errorf("Toy Stroy: %d %v", code, body)
	}
}

func TestWriteJSONRefusesNaN(t *testing.T) {
	rec := httptest.NewRecorder()
	New(nil, slog.New(slog.DiscardHandler)).writeJSON(rec, httptest.NewRequest(http.MethodGet, "/", nil), http.StatusOK, map[string]float64{"score": math.NaN()})
	var body map[string]string
	if err := json.Unmarshal(rec.Body.Bytes(), &body); rec.Code != 500 || err != nil || body["error"] == "" {
		t.Errorf("NaN answer: %d %q (%v)", rec.Code, rec.Body.String(), err)
	}
}

func TestReports(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("<h1>informe</h1>"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := New(nil, slog.New(slog.DiscardHandler))
	s.ServeReports(dir)
	for path, want := range map[string]int{"/eda/": 200, "/eda/index.html": 200, "/eda/nope.png": 404, "/eda/../go.mod": 404, "/eda": 301} {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != want {
			t.Errorf("%s: %d, want %d", path, rec.Code, want)
		}
	}
}

func TestReportsMissing(t *testing.T) {
	s := New(nil, slog.New(slog.DiscardHandler))
	s.ServeReports(t.TempDir())
	for path, html := range map[string]bool{"/eda/": true, "/eda/index.html": true, "/eda/nope.png": false} {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		ct := rec.Header().Get("Content-Type")
		if rec.Code != 404 || strings.HasPrefix(ct, "text/html") != html {
			t.Errorf("%s without a report: %d %s, want 404 (HTML page: %v)", path, rec.Code, ct, html)
		}
		if html && !strings.Contains(rec.Body.String(), `href="/"`) {
			t.Errorf("%s without a report: no link back to the page", path)
		}
	}
}

func TestFavicon(t *testing.T) {
	s := New(nil, slog.New(slog.DiscardHandler))
	for _, path := range []string{"/favicon.svg", "/favicon.ico"} {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != 200 || rec.Header().Get("Content-Type") != "image/svg+xml" || !strings.Contains(rec.Body.String(), "<svg") {
			t.Errorf("%s: %d %s", path, rec.Code, rec.Header().Get("Content-Type"))
		}
	}
}

func TestOpenAPIHasNoDefaultYear(t *testing.T) {
	// Swagger UI pre-fills examples: a default anio would make "Try it out" fail for other films.
	b, err := fs.ReadFile(static, "static/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Paths map[string]map[string]struct {
			Parameters []struct {
				Name   string         `json:"name"`
				Schema map[string]any `json:"schema"`
			} `json:"parameters"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	seen := 0
	for p, ops := range doc.Paths {
		for _, op := range ops {
			for _, par := range op.Parameters {
				if par.Name == "anio" {
					seen++
					if _, ok := par.Schema["example"]; ok {
						t.Errorf("%s: anio has an example", p)
					}
				}
			}
		}
	}
	if seen == 0 {
		t.Error("no anio parameter found")
	}
}

func TestSearch(t *testing.T) {
	code, body := get(t, "/buscar?q=toy")
	hits, _ := body["resultados"].([]any)
	if code != 200 || len(hits) == 0 || len(hits) > maxSearchHits {
		t.Fatalf("buscar toy: %d %v", code, body)
	}
	first := hits[0].(map[string]any)
	if first["titulo"] != "Toy Story" || first["anio"] != 1995.0 || first["id"] != 862.0 {
		t.Errorf("first hit for 'toy' = %v", first)
	}
	code, body = get(t, "/buscar?q=jumaji")
	if hits, _ := body["resultados"].([]any); code != 200 || len(hits) == 0 || hits[0].(map[string]any)["titulo"] != "Jumanji" {
		t.Errorf("buscar jumaji (misspelt): %d %v", code, body)
	}
	for _, bad := range []string{"/buscar", "/buscar?q=%20", "/buscar?q=%zz", "/buscar?q=" + strings.Repeat("a", maxInputRunes+1)} {
		if code, body := get(t, bad); code != 400 || body["error"] == nil {
			t.Errorf("%s: %d %v", bad, code, body)
		}
	}
	// The recommendation cards show genres.
	_, body = get(t, "/recomendacion/Toy%20Story")
	for _, d := range body["detalle"].([]any) {
		if g, _ := d.(map[string]any)["generos"].([]any); len(g) == 0 {
			t.Errorf("recommendation without genres: %v", d)
		}
	}
}

// FuzzHandlers: any path segment and query string, on every route, gives a
// status below 500 and a JSON body; never a panic.
func FuzzHandlers(f *testing.F) {
	for _, seed := range []struct{ segment, query string }{
		{"Toy Story", ""}, {"Dracula", "anio=1931"}, {"Face/Off", ""}, {"sábado", ""},
		{"'; DROP TABLE movies; --", ""}, {"%zz", "anio=%zz"}, {"\x00", "q=\xff"}, {strings.Repeat("a", 300), ""},
	} {
		f.Add(seed.segment, seed.query)
	}
	routes := []string{"/cantidad_filmaciones_mes/", "/cantidad_filmaciones_dia/", "/score_titulo/", "/votos_titulo/",
		"/get_actor/", "/get_director/", "/recomendacion/", "/pelicula/", "/buscar?q=", "/eda/", "/docs/"}
	f.Fuzz(func(t *testing.T, segment, query string) {
		for _, route := range routes {
			target := route + url.PathEscape(segment)
			if strings.HasSuffix(route, "=") {
				target = route + url.QueryEscape(segment)
			} else if query != "" {
				target += "?" + query
			}
			req, err := http.NewRequest(http.MethodGet, "http://filmoteca.test"+target, nil)
			if err != nil {
				continue // not a URL a client could send
			}
			rec := httptest.NewRecorder()
			testHandler.ServeHTTP(rec, req)
			if rec.Code >= 500 {
				t.Fatalf("GET %s: %d %s", target, rec.Code, rec.Body.String())
			}
			if ct := rec.Header().Get("Content-Type"); strings.HasPrefix(ct, "application/json") && !json.Valid(rec.Body.Bytes()) {
				t.Fatalf("GET %s: invalid JSON %q", target, rec.Body.String())
			}
		}
	})
}

// TestFilm: /pelicula on real rows of the shipped sample: found as people
// type it (a word, an original title, a leading article left out), with
// what the data knows and null for what it does not.
func TestFilm(t *testing.T) {
	for _, c := range []struct {
		path, title string
		year        float64
	}{
		{"/pelicula/matrix", "The Matrix", 1999},
		{"/pelicula/godfather", "The Godfather", 1972}, // the known film before its sequels
		{"/pelicula/la%20vita%20e%20bella", "Life Is Beautiful", 1997},
		{"/pelicula/Dracula?anio=1931", "Dracula", 1931},
	} {
		code, body := get(t, c.path)
		if code != 200 || body["titulo"] != c.title || body["anio"] != c.year || body["consulta"] == "" {
			t.Errorf("%s: %d %v, want %s (%v)", c.path, code, body, c.title, c.year)
		}
	}

	// Toy Story, field by field from the database.
	code, body := get(t, "/pelicula/toy%20story")
	id := dbInt(t, "SELECT id FROM movies WHERE title = 'Toy Story'")
	if code != 200 || body["id"] != float64(id) || body["votos"] != float64(dbInt(t, "SELECT vote_count FROM movies WHERE id = ?", id)) ||
		body["promedio"] != dbFloat(t, "SELECT vote_average FROM movies WHERE id = ?", id) ||
		body["presupuesto"] != 3e7 || body["recaudacion"] != 373554033.0 || body["ganancia"] != 343554033.0 {
		t.Fatalf("Toy Story: %d %v", code, body)
	}
	if g := fmt.Sprint(body["generos"]); g != "[Animación Comedia Familia]" {
		t.Errorf("Toy Story's genres %s, want them in Spanish, in TMDB's order", g)
	}
	if d := fmt.Sprint(body["direccion"]); d != "[John Lasseter]" || fmt.Sprint(body["reparto"]) != "[Tom Hanks Tim Allen Don Rickles]" {
		t.Errorf("Toy Story's direction %v, cast %v", body["direccion"], body["reparto"])
	}
	if s, _ := body["sinopsis"].(string); !strings.HasPrefix(s, "Led by Woody") || body["titulo_original"] != nil {
		t.Errorf("Toy Story's synopsis %q, original title %v", s, body["titulo_original"])
	}

	// A film whose revenue TMDB does not know: unknown, not 0, no loss.
	title := dbValue(t, "SELECT title FROM movies WHERE budget > 0 AND revenue = 0 ORDER BY vote_count DESC LIMIT 1")
	code, body = get(t, "/pelicula/"+url.PathEscape(title))
	if code != 200 || body["presupuesto"] == nil || body["recaudacion"] != nil || body["ganancia"] != nil || body["retorno"] != nil {
		t.Errorf("%s (revenue unknown): %d %v", title, code, body)
	}

	// Nothing matches: suggestions, never a guess.
	code, body = get(t, "/pelicula/Toy%20Story%205")
	if s, _ := body["sugerencias"].([]any); code != 404 || len(s) == 0 || s[0] != "Toy Story" {
		t.Errorf("Toy Story 5: %d %v", code, body)
	}
}
