package server

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/filmoteca/filmoteca/engine/enginetest"
)

// TestSwapUnderLoad: requests keep coming while the server swaps the
// sample's build for the quirks' one; none fails, those after the swap
// answer from the new build, and the metrics say what happened.
func TestSwapUnderLoad(t *testing.T) {
	quirks := enginetest.Service(t, enginetest.Open(t, "../testdata/quirks"))
	sample := testHandler.(*Server).service()
	s := New(sample, slog.New(slog.DiscardHandler))
	s.Swap(sample, BuildInfo{ID: "A", DataSHA256: "aaa", Code: "test"})

	var failed, answered atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				for _, path := range []string{"/resumen", "/score_titulo/Toy%20Story", "/recomendacion/Toy%20Story", "/readyz"} {
					rec := httptest.NewRecorder()
					s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
					answered.Add(1)
					if rec.Code != http.StatusOK {
						failed.Add(1)
					}
				}
			}
		}()
	}
	for answered.Load() < 200 {
		runtime.Gosched()
	}
	s.Swap(quirks, BuildInfo{ID: "B", DataSHA256: "bbb", Code: "test"})
	before := answered.Load()
	for answered.Load() < before+200 {
		runtime.Gosched()
	}
	close(stop)
	wg.Wait()
	if failed.Load() != 0 {
		t.Errorf("%d of %d requests failed during the swap", failed.Load(), answered.Load())
	}
	var summary map[string]any
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/resumen", nil))
	if err := json.Unmarshal(rec.Body.Bytes(), &summary); err != nil || summary["peliculas"] != 23.0 {
		t.Errorf("after the swap /resumen says %v films (%v), want the quirks' 23", summary["peliculas"], err)
	}

	metrics := scrape(t, s)
	for _, want := range []string{
		`filmoteca_build_info{build="B",code="test",data_sha256="bbb"} 1`,
		`filmoteca_swaps_total{result="swapped"} 1`,
		`filmoteca_swaps_total{result="failed"} 0`,
		`filmoteca_http_requests_total{code="2xx",method="GET",route="/score_titulo/*titulo"}`,
		`filmoteca_http_request_duration_seconds_bucket{route="/recomendacion/*titulo"`,
		"filmoteca_http_requests_in_flight",
		"filmoteca_last_swap_timestamp_seconds",
		"filmoteca_recommender_cache_hits_total",
		"filmoteca_search_cache_misses_total",
		"go_goroutines",
		"process_resident_memory_bytes",
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	// The load repeated its titles: the searches were answered from the
	// cache, and its counts include those of the build swapped out.
	if m := regexp.MustCompile(`(?m)^filmoteca_search_cache_hits_total (\d+)`).FindStringSubmatch(metrics); m == nil || m[1] == "0" {
		t.Errorf("filmoteca_search_cache_hits_total = %v, want repeated searches counted", m)
	}
	if strings.Contains(metrics, `build="A"`) {
		t.Error("/metrics still names the build swapped out")
	}
	if strings.Contains(metrics, "Toy%20Story") || strings.Contains(metrics, "Toy Story") {
		t.Error("/metrics labels a raw path: its titles are unbounded")
	}
}

// scrape returns what /metrics answers.
func scrape(t *testing.T, s *Server) string {
	t.Helper()
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/plain") {
		t.Fatalf("/metrics: HTTP %d, %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	return string(body)
}

// TestLiveAndReady: a server without a build is alive but not ready; a
// failed swap is counted and changes nothing.
func TestLiveAndReady(t *testing.T) {
	s := New(nil, slog.New(slog.DiscardHandler))
	for path, want := range map[string]int{"/livez": 200, "/readyz": 503, "/healthz": 200} {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != want {
			t.Errorf("no build: %s answers %d, want %d", path, rec.Code, want)
		}
	}
	s.SwapFailed()
	if !strings.Contains(scrape(t, s), `filmoteca_swaps_total{result="failed"} 1`) {
		t.Error("a failed swap is not counted")
	}
	ready := New(nil, slog.New(slog.DiscardHandler))
	ready.Swap(testHandler.(*Server).service(), BuildInfo{ID: "A"})
	rec := httptest.NewRecorder()
	ready.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/readyz", nil))
	var body map[string]string
	if err := json.Unmarshal(rec.Body.Bytes(), &body); rec.Code != 200 || err != nil ||
		len(body) != 2 || body["estado"] != "listo" || body["version"] != "A" {
		t.Errorf("with a build /readyz answers %d %s, want 200 {\"estado\":\"listo\",\"version\":\"A\"}", rec.Code, rec.Body)
	}
}

// TestScrapesDuringSwaps: while two builds are swapped back and forth, every
// scrape names exactly one build, and the cache's counts never fall.
func TestScrapesDuringSwaps(t *testing.T) {
	quirks := enginetest.Service(t, enginetest.Open(t, "../testdata/quirks"))
	sample := testHandler.(*Server).service()
	s := New(sample, slog.New(slog.DiscardHandler))
	a, b := BuildInfo{ID: "A", Code: "test"}, BuildInfo{ID: "B", Code: "test"}
	s.Swap(quirks, b)
	s.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/recomendacion/Toy%20Story", nil))
	s.Swap(sample, a)
	s.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/recomendacion/Toy%20Story", nil))

	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 2000 {
			if i%2 == 0 {
				s.Swap(quirks, b)
			} else {
				s.Swap(sample, a)
			}
		}
	}()
	last := 0.0
	for running := true; running; {
		select {
		case <-done:
			running = false
		default:
		}
		families, err := s.metrics.registry.Gather()
		if err != nil {
			t.Fatal(err)
		}
		builds, counts := 0, 0.0
		for _, f := range families {
			switch f.GetName() {
			case "filmoteca_build_info":
				builds = len(f.GetMetric())
			case "filmoteca_recommender_cache_hits_total", "filmoteca_recommender_cache_misses_total",
				"filmoteca_search_cache_hits_total", "filmoteca_search_cache_misses_total":
				counts += f.GetMetric()[0].GetCounter().GetValue()
			}
		}
		if builds != 1 {
			t.Fatalf("a scrape during the swaps names %d builds, want 1", builds)
		}
		if counts < last {
			t.Fatalf("the cache's counts fell from %v to %v during a swap", last, counts)
		}
		last = counts
	}
}

// TestMethodLabel: a method the router does not serve is labelled "other",
// so random methods cannot make series without bound.
func TestMethodLabel(t *testing.T) {
	s := New(nil, slog.New(slog.DiscardHandler))
	for _, method := range []string{"GET", "HEAD", "POST", "XYZZY1", "XYZZY2"} {
		s.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(method, "/healthz", nil))
	}
	metrics := scrape(t, s)
	for _, want := range []string{`method="GET"`, `method="HEAD"`, `code="4xx",method="other",route="unmatched"} 3`} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if strings.Contains(metrics, "XYZZY") || strings.Contains(metrics, `method="POST"`) {
		t.Error("/metrics labels a method the router does not serve as it came")
	}
}
