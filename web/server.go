package web

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/gorilla/mux"
	"github.com/prometheus/client_golang/prometheus"
	rightsearch "github.com/rightsearch/rightsearch"
)

// RawFunc returns the archived bytes behind a document (its content type
// and payload), for GET /api/documents/{id}/raw. It wraps
// rightsearch.ErrNotFound when nothing is archived.
type RawFunc func(ctx context.Context, d rightsearch.Document) (contentType string, payload []byte, err error)

// Config holds what a Server needs.
type Config struct {
	Engine     Engine
	Logger     *slog.Logger
	LogQueries bool          // access logs record query strings only if set
	InFlight   int           // concurrent requests before 503; default 256
	Timeout    time.Duration // per-request deadline; default 10 s
	Raw        RawFunc       // nil: /raw answers 404
	// AllowedHosts, if set, are the only Host header names (without port)
	// answered: a loopback server lists its own names so that a web page
	// cannot reach it through DNS rebinding.
	AllowedHosts []string
	// Collectors are more Prometheus series for /metrics (crawl counters).
	Collectors []prometheus.Collector
}

// Server is the HTTP API and the web pages.
type Server struct {
	cfg     Config
	router  *mux.Router
	handler http.Handler
	sem     chan struct{}
	metrics *metrics
}

// NewServer wires the routes and middleware.
func NewServer(cfg Config) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.InFlight <= 0 {
		cfg.InFlight = 256
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 10 * time.Second
	}
	s := &Server{cfg: cfg, router: mux.NewRouter(), sem: make(chan struct{}, cfg.InFlight)}
	s.metrics = newMetrics(s)
	r := s.router
	r.SkipClean(true) // cleanPaths cleans, but not a document's id
	r.Use(s.metrics.observe)
	r.NotFoundHandler = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		writeError(w, s.cfg.Logger, errNotFoundRoute)
	})
	r.MethodNotAllowedHandler = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		writeError(w, s.cfg.Logger, errMethod)
	})
	get := func(path string, h http.HandlerFunc) { r.HandleFunc(path, h).Methods(http.MethodGet, http.MethodHead) }
	get("/api/search", s.handleSearch)
	// A document's id is one escaped path segment, whatever it holds (docpath.go).
	doc := func(suffix string, h http.HandlerFunc, methods ...string) {
		r.MatcherFunc(documentRoute("/api/documents/", suffix)).HandlerFunc(h).Methods(methods...).
			Name("/api/documents/{id}" + suffix)
	}
	doc("", s.handleDocument, http.MethodGet, http.MethodHead)
	doc("/raw", s.handleRaw, http.MethodGet, http.MethodHead)
	doc("", s.handleDelete, http.MethodDelete)
	get("/api/targets", s.handleTargets)
	get("/api/targets/{name}", s.handleTarget)
	r.MatcherFunc(documentRoute("/api/indicators/", "")).HandlerFunc(s.handleIndicator).
		Methods(http.MethodGet, http.MethodHead).Name("/api/indicators/{value}")
	get("/api/openapi.json", s.handleOpenAPI)
	get("/healthz", s.handleHealth)
	r.Handle("/metrics", s.metrics.handler()).Methods(http.MethodGet)
	s.registerPages(r)
	s.handler = chain(r, s.recoverPanics, s.accessLog, s.checkHost, s.limit, s.deadline, securityHeaders, cleanPaths)
	return s
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// chain wraps h so that the first middleware listed runs first.
func chain(h http.Handler, mw ...func(http.Handler) http.Handler) http.Handler {
	for i := len(mw) - 1; i >= 0; i-- {
		h = mw[i](h)
	}
	return h
}

func (s *Server) handleHealth(w http.ResponseWriter, _ *http.Request) {
	h := s.cfg.Engine.Health()
	writeJSON(w, http.StatusOK, map[string]any{
		"status": "ok", "documents": h.Documents, "generation": h.Generation,
	})
}
