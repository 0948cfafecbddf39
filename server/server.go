// Package server exposes the service as a Spanish JSON API over HTTP: it
// routes, reads parameters, calls the service, maps its errors to statuses
// and writes JSON. It holds no application logic.
package server

import (
	"embed"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/julienschmidt/httprouter"
	swaggerfiles "github.com/swaggo/files/v2"

	"github.com/filmoteca/filmoteca/engine/service"
)

//go:embed static
var static embed.FS

// Server answers the API's routes from the service of the build it serves,
// which Swap replaces while it runs.
type Server struct {
	current atomic.Pointer[served]
	log     *slog.Logger
	router  *httprouter.Router
	metrics *metrics

	retiredMu sync.Mutex          // held across a swap and a read of the counts, so they never fall
	retired   [caches]cacheCounts // the cache counts of the services swapped out, by cache
}

// A cache of the service whose counts the metrics report, summed over
// every service served.
type cacheKind int

const (
	recommenderCache cacheKind = iota // the recommender's answers
	searchCache                       // the resolved title and name searches
	caches
)

type cacheCounts struct{ hits, misses uint64 }

// of reads cache k's counts in svc.
func (k cacheKind) of(svc *service.Service) cacheCounts {
	var c cacheCounts
	if k == searchCache {
		c.hits, c.misses = svc.SearchCacheStats()
	} else {
		c.hits, c.misses = svc.CacheStats()
	}
	return c
}

// served is a build being served: its service and what it is.
type served struct {
	svc  *service.Service
	info BuildInfo
}

// BuildInfo says which build a server serves (its metrics label it).
type BuildInfo struct {
	ID         string // the build's id in its store, or its fingerprint's start
	DataSHA256 string // a checksum of the input files it was built from
	Code       string // the version of the code serving it
}

// New returns the API's HTTP handler; svc may be nil for a server of
// static pages only (tests).
func New(svc *service.Service, log *slog.Logger) *Server {
	s := &Server{log: log, router: httprouter.New()}
	s.metrics = newMetrics(s.cacheStats, s.buildInfo)
	if svc != nil {
		s.current.Store(&served{svc: svc})
	}
	s.routes(svc != nil)
	s.metrics.lastSwap.SetToCurrentTime()
	return s
}

// Swap makes the server answer from svc, the service of build b, from the
// next request on; requests in flight finish on the service they started
// with, which the garbage collector frees after them.
func (s *Server) Swap(svc *service.Service, b BuildInfo) {
	s.retiredMu.Lock()
	old := s.current.Swap(&served{svc: svc, info: b})
	if old != nil && old.svc != svc {
		for k := range cacheKind(caches) {
			c := k.of(old.svc)
			s.retired[k].hits += c.hits
			s.retired[k].misses += c.misses
		}
	}
	s.retiredMu.Unlock()
	if old != nil && old.svc != svc {
		s.metrics.swaps.WithLabelValues("swapped").Inc()
		s.metrics.lastSwap.SetToCurrentTime()
	}
}

// SwapFailed counts a build that could not be loaded to be swapped in; the
// server goes on serving the build it has.
func (s *Server) SwapFailed() { s.metrics.swaps.WithLabelValues("failed").Inc() }

// service is the service answering now.
func (s *Server) service() *service.Service {
	if cur := s.current.Load(); cur != nil {
		return cur.svc
	}
	return nil
}

// cacheStats sums cache k's counts over every service served.
func (s *Server) cacheStats(k cacheKind) cacheCounts {
	s.retiredMu.Lock()
	defer s.retiredMu.Unlock()
	c := s.retired[k]
	if svc := s.service(); svc != nil {
		now := k.of(svc)
		c.hits, c.misses = c.hits+now.hits, c.misses+now.misses
	}
	return c
}

// buildInfo is the build served, when Swap named one.
func (s *Server) buildInfo() (BuildInfo, bool) {
	cur := s.current.Load()
	if cur == nil || cur.info == (BuildInfo{}) {
		return BuildInfo{}, false
	}
	return cur.info, true
}

// routes registers every route: the whole API surface, at a glance; the
// API's own routes when there is a service to answer them.
func (s *Server) routes(api bool) {
	s.get("/", s.handleIndex)
	s.get("/favicon.svg", s.handleFavicon)
	s.get("/favicon.ico", s.handleFavicon)
	s.get("/healthz", s.handleHealth)
	s.get("/livez", s.handleLive)
	s.get("/readyz", s.handleReady)
	s.get("/metrics", s.handleMetrics)
	s.get("/openapi.json", s.handleOpenAPI)
	s.get("/docs", redirect("/docs/"))
	s.get("/docs/*file", s.handleDocs)

	if api {
		s.get("/cantidad_filmaciones_mes/:mes", s.handleReleasesInMonth)
		s.get("/cantidad_filmaciones_dia/:dia", s.handleReleasesOnWeekday)
		// Titles and names are catch-all parameters: a title may hold a slash (Face/Off).
		s.get("/score_titulo/*titulo", s.handleScore)
		s.get("/votos_titulo/*titulo", s.handleVotes)
		s.get("/get_actor/*nombre_actor", s.handleActor)
		s.get("/get_director/*nombre_director", s.handleDirector)
		s.get("/recomendacion/*titulo", s.handleRecommendation)
		s.get("/pelicula/*titulo", s.handleFilm)
		s.get("/buscar", s.handleSearch)
		s.get("/resumen", s.handleSummary)
	}

	s.router.HandleMethodNotAllowed = true
	s.router.HandleOPTIONS = false // only GET and HEAD: OPTIONS is a 405 too
	s.router.MethodNotAllowed = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, r, http.StatusMethodNotAllowed, "Método no permitido: la API solo acepta GET y HEAD.", nil)
	})
	s.router.NotFound = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, r, http.StatusNotFound, "Ruta no encontrada. Consulte /docs para ver las rutas disponibles.", nil)
	})
	s.router.PanicHandler = func(w http.ResponseWriter, r *http.Request, v any) {
		s.fail(w, r, &service.Error{Kind: service.Internal, Message: "Error interno del servidor.", Cause: fmt.Errorf("panic: %v", v)})
	}
}

// ServeReports serves the EDA report written by `filmoteca eda` from dir at /eda/.
func (s *Server) ServeReports(dir string) {
	s.get("/eda", redirect("/eda/"))
	s.get("/eda/*file", func(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {
		name := path.Clean(ps.ByName("file")) // rooted: ".." cannot climb out
		if name == "/" {
			name = "/index.html"
		}
		missing := func() {
			if name == "/index.html" { // a person followed the link: a page, not JSON
				s.serveFileStatus(w, r, static, "static/eda-missing.html", "text/html; charset=utf-8", http.StatusNotFound)
				return
			}
			s.writeError(w, r, http.StatusNotFound, "El informe no existe: genérelo con `filmoteca eda`.", nil)
		}
		f, err := os.Open(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			missing()
			return
		}
		defer f.Close()
		info, err := f.Stat()
		if err != nil || info.IsDir() {
			missing()
			return
		}
		http.ServeContent(w, r, name, info.ModTime(), f)
	})
}

// get registers h for GET and HEAD, naming the request's route (its
// template, for the metrics) before h runs.
func (s *Server) get(path string, h httprouter.Handle) {
	named := func(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {
		if rec, ok := w.(*statusRecorder); ok {
			rec.route = path
		}
		h(w, r, ps)
	}
	s.router.GET(path, named)
	s.router.HEAD(path, named)
}

// ServeHTTP logs and counts each request (method, path, status, duration)
// around the router.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	s.metrics.inFlight.Inc()
	defer s.metrics.inFlight.Dec()
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK, route: unmatched}
	s.router.ServeHTTP(rec, r)
	took := time.Since(start)
	s.metrics.observe(rec.route, r.Method, rec.status, took)
	s.log.Info("request", "method", r.Method, "path", r.URL.Path, "status", rec.status,
		"duration_ms", float64(took.Microseconds())/1000)
}

// statusRecorder remembers a response's status and the route that answered.
type statusRecorder struct {
	http.ResponseWriter
	status int
	route  string
}

func (r *statusRecorder) WriteHeader(status int) {
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request, _ httprouter.Params) {
	s.writeJSON(w, r, http.StatusOK, map[string]string{"estado": "ok"})
}

// handleLive says the process answers (Kubernetes' liveness).
func (s *Server) handleLive(w http.ResponseWriter, r *http.Request, _ httprouter.Params) {
	s.writeJSON(w, r, http.StatusOK, map[string]string{"estado": "vivo"})
}

// handleReady says whether a build is loaded to answer from (readiness): a
// load balancer sends requests only to a ready server. It stays ready
// through a swap, which replaces one loaded build by another.
func (s *Server) handleReady(w http.ResponseWriter, r *http.Request, _ httprouter.Params) {
	cur := s.current.Load()
	if cur == nil {
		s.writeError(w, r, http.StatusServiceUnavailable, "Sin datos cargados: el servidor aún no puede responder.", nil)
		return
	}
	s.writeJSON(w, r, http.StatusOK, map[string]string{"estado": "listo", "version": cur.info.ID})
}

func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request, _ httprouter.Params) {
	s.metrics.handler().ServeHTTP(w, r)
}

func (s *Server) handleIndex(w http.ResponseWriter, r *http.Request, _ httprouter.Params) {
	s.serveFile(w, r, static, "static/index.html", "text/html; charset=utf-8")
}

func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request, _ httprouter.Params) {
	s.serveFile(w, r, static, "static/openapi.json", "application/json; charset=utf-8")
}

// handleDocs serves Swagger UI from the swaggo/files module, offline,
// pointed at /openapi.json.
func (s *Server) handleDocs(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {
	file := ps.ByName("file")
	switch file {
	case "/", "/index.html":
		s.serveFile(w, r, swaggerfiles.FS, "index.html", "text/html; charset=utf-8")
	case "/swagger-initializer.js":
		s.serveFile(w, r, static, "static/swagger-initializer.js", "text/javascript; charset=utf-8")
	default:
		if _, err := fs.Stat(swaggerfiles.FS, strings.TrimPrefix(file, "/")); err != nil {
			s.writeError(w, r, http.StatusNotFound, "Archivo no encontrado.", nil)
			return
		}
		http.StripPrefix("/docs", http.FileServerFS(swaggerfiles.FS)).ServeHTTP(w, r)
	}
}

// handleFavicon serves the page's icon (also at /favicon.ico, where browsers look unasked).
func (s *Server) handleFavicon(w http.ResponseWriter, r *http.Request, _ httprouter.Params) {
	w.Header().Set("Cache-Control", "public, max-age=86400")
	s.serveFile(w, r, static, "static/favicon.svg", "image/svg+xml")
}

func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, fsys fs.FS, name, contentType string) {
	s.serveFileStatus(w, r, fsys, name, contentType, http.StatusOK)
}

// serveFileStatus writes an embedded file with the given status.
func (s *Server) serveFileStatus(w http.ResponseWriter, r *http.Request, fsys fs.FS, name, contentType string, status int) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		s.writeError(w, r, http.StatusNotFound, "Archivo no encontrado.", nil)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(b) //nolint:errcheck // the client went away
	}
}

func redirect(to string) httprouter.Handle {
	return func(w http.ResponseWriter, r *http.Request, _ httprouter.Params) {
		http.Redirect(w, r, to, http.StatusMovedPermanently)
	}
}
