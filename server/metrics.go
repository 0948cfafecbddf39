package server

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are what /metrics exposes, in Prometheus' text format: requests
// by route template (never the raw path, whose titles are unbounded), the
// build being served, the swaps, the recommender's cache, and the Go
// runtime's and the process's own.
type metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	inFlight prometheus.Gauge
	swaps    *prometheus.CounterVec
	lastSwap prometheus.Gauge
}

// unmatched is the route label of a request no route matched.
const unmatched = "unmatched"

// methodLabel is a request's method label: the methods the router serves
// as they are, any other "other" (any token is a method: labelled raw, a
// client could make series without bound).
func methodLabel(method string) string {
	switch method {
	case http.MethodGet, http.MethodHead:
		return method
	}
	return "other"
}

// buildInfoDesc describes filmoteca_build_info.
var buildInfoDesc = prometheus.NewDesc("filmoteca_build_info",
	"The build being served (1): its id, the checksum of its input data and the code that serves it.",
	[]string{"build", "data_sha256", "code"}, nil)

// buildInfo collects filmoteca_build_info from the build served when
// scraped, so a scrape sees exactly one build, never none or two.
type buildInfo func() (BuildInfo, bool)

func (b buildInfo) Describe(ch chan<- *prometheus.Desc) { ch <- buildInfoDesc }
func (b buildInfo) Collect(ch chan<- prometheus.Metric) {
	if info, ok := b(); ok {
		ch <- prometheus.MustNewConstMetric(buildInfoDesc, prometheus.GaugeValue, 1, info.ID, info.DataSHA256, info.Code)
	}
}

// newMetrics returns the metrics; cache reads a cache's counts, build the
// build served (false when none is named).
func newMetrics(cache func(cacheKind) cacheCounts, build buildInfo) *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "filmoteca_http_requests_total",
			Help: "HTTP requests answered, by route template, method and status class.",
		}, []string{"route", "method", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "filmoteca_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route template.",
			Buckets: []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5},
		}, []string{"route"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "filmoteca_http_requests_in_flight",
			Help: "HTTP requests being answered.",
		}),
		swaps: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "filmoteca_swaps_total",
			Help: "Builds loaded to replace the one served, by result (swapped, failed).",
		}, []string{"result"}),
		lastSwap: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "filmoteca_last_swap_timestamp_seconds",
			Help: "When the build served was swapped in (Unix time; the start for the first).",
		}),
	}
	for _, result := range []string{"swapped", "failed"} {
		m.swaps.WithLabelValues(result) // both series exist from the start
	}
	m.registry.MustRegister(m.requests, m.duration, m.inFlight, build, m.swaps, m.lastSwap,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	for k, c := range cacheMetrics {
		m.registry.MustRegister(
			prometheus.NewCounterFunc(c.hits, func() float64 { return float64(cache(cacheKind(k)).hits) }),
			prometheus.NewCounterFunc(c.misses, func() float64 { return float64(cache(cacheKind(k)).misses) }))
	}
	return m
}

// cacheMetrics are each cache's two counters: the Gets that found their
// key, and those that did not.
var cacheMetrics = [caches]struct{ hits, misses prometheus.CounterOpts }{
	recommenderCache: {
		prometheus.CounterOpts{Name: "filmoteca_recommender_cache_hits_total", Help: "Recommendations answered from the recommender's cache."},
		prometheus.CounterOpts{Name: "filmoteca_recommender_cache_misses_total", Help: "Recommendations computed (not in the recommender's cache)."},
	},
	searchCache: {
		prometheus.CounterOpts{Name: "filmoteca_search_cache_hits_total", Help: "Title and name searches answered from the search cache."},
		prometheus.CounterOpts{Name: "filmoteca_search_cache_misses_total", Help: "Title and name searches made (not in the search cache)."},
	},
}

// observe counts one answered request.
func (m *metrics) observe(route, method string, status int, took time.Duration) {
	m.requests.WithLabelValues(route, methodLabel(method), strconv.Itoa(status/100)+"xx").Inc()
	m.duration.WithLabelValues(route).Observe(took.Seconds())
}

// handler serves the metrics.
func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}
