package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/gorilla/mux"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pageNames are the page templates; each is parsed with layout.html.
var pageNames = []string{"search.html", "document.html", "target.html", "indicator.html", "error.html"}

// pageTemplates holds every page, parsed once when the package loads: a
// broken template fails every test of the package rather than a request.
var pageTemplates = mustParsePages()

// staticVersion is a hash of the embedded static files. Links carry it as
// ?v=, so the files can be cached for a year and still change on upgrade.
var staticVersion = hashFS(staticFS)

var templateFuncs = template.FuncMap{
	"static":    func(name string) string { return "/static/" + name + "?v=" + staticVersion },
	"targetURL": targetURL,
	"docURL":    docURL,
	"indURL":    indicatorURL,
}

func mustParsePages() map[string]*template.Template {
	base := template.Must(template.New("layout.html").Funcs(templateFuncs).ParseFS(templateFS, "templates/layout.html"))
	out := make(map[string]*template.Template, len(pageNames))
	for _, n := range pageNames {
		out[n] = template.Must(template.Must(base.Clone()).ParseFS(templateFS, "templates/"+n))
	}
	return out
}

func hashFS(fsys fs.FS) string {
	h := sha256.New()
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(b))
		h.Write(b)
		return err
	})
	if err != nil {
		panic(fmt.Sprintf("hash static files: %v", err))
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// registerPages adds the web pages for people (GET /, /documents/{id},
// /targets/{name}), the exports and the static files they use.
func (s *Server) registerPages(r *mux.Router) {
	get := func(p string, h http.HandlerFunc) { r.HandleFunc(p, h).Methods(http.MethodGet, http.MethodHead) }
	get("/", s.pageSearch)
	r.MatcherFunc(documentRoute("/documents/", "")).HandlerFunc(s.pageDocument).Methods(http.MethodGet, http.MethodHead).
		Name("/documents/{id}")
	get("/targets/{name}", s.pageTarget)
	r.MatcherFunc(documentRoute("/indicators/", "")).HandlerFunc(s.pageIndicator).Methods(http.MethodGet, http.MethodHead).
		Name("/indicators/{value}")
	get("/api/search.csv", s.exportCSV)
	get("/api/search.atom", s.exportAtom)
	r.PathPrefix("/static/").Handler(staticHandler()).Methods(http.MethodGet, http.MethodHead)
	// People who mistype a page address get a page; scripts calling
	// /api/… keep the JSON error.
	apiNotFound := r.NotFoundHandler
	r.NotFoundHandler = http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if apiNotFound != nil && strings.HasPrefix(req.URL.Path, "/api/") {
			apiNotFound.ServeHTTP(w, req)
			return
		}
		s.renderNotFound(w, "There is no page at this address.")
	})
}

// layoutData is what layout.html reads from every page.
type layoutData struct {
	Title string // the <title>, before " — rightsearch"
	Q     string // the query shown in the header's search box
	Feed  string // an Atom feed to announce, if any
}

// render executes a page into a buffer first, so that a template error
// becomes a clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, status int, page string, data any) {
	var buf bytes.Buffer
	if err := pageTemplates[page].ExecuteTemplate(&buf, "layout.html", data); err != nil {
		s.cfg.Logger.Error("render page", "page", page, "err", err)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintln(w, "internal error")
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	// Pages show live search results; never serve a stale copy.
	h.Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// errorPage is the data of error.html.
type errorPage struct {
	layoutData
	Status  int
	Heading string
	Message string
}

// renderError shows err as a page with the status the API would give it.
// Internal details stay in the log (classify hides them).
func (s *Server) renderError(w http.ResponseWriter, err error) {
	status, _, msg := classify(err)
	if status == http.StatusInternalServerError {
		s.cfg.Logger.Error("internal error", "err", err)
	}
	if status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "1")
	}
	heading := http.StatusText(status)
	if status == http.StatusNotFound {
		heading = "Not found"
	}
	s.render(w, status, "error.html", errorPage{
		layoutData: layoutData{Title: heading}, Status: status, Heading: heading, Message: msg})
}

// renderNotFound is the 404 page for an id or name nothing answers to.
func (s *Server) renderNotFound(w http.ResponseWriter, msg string) {
	s.render(w, http.StatusNotFound, "error.html", errorPage{
		layoutData: layoutData{Title: "Not found"}, Status: http.StatusNotFound, Heading: "Not found", Message: msg})
}

// targetURL is the page of a target; names may hold any character.
func targetURL(name string) string { return "/targets/" + url.PathEscape(name) }

// docURL is the page of a document.
func docURL(id string) string { return "/documents/" + url.PathEscape(id) }

// staticHandler serves the embedded CSS and JS. A request naming the
// current version may be cached for good; any other must revalidate.
func staticHandler() http.Handler {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		panic(err)
	}
	files := http.FileServerFS(sub)
	etag := `"` + staticVersion + `"`
	return http.StripPrefix("/static", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") || !fs.ValidPath(strings.TrimPrefix(path.Clean(r.URL.Path), "/")) {
			http.Error(w, "not found", http.StatusNotFound) // no directory listings
			return
		}
		h := w.Header()
		h.Set("ETag", etag)
		if r.URL.Query().Get("v") == staticVersion {
			h.Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			h.Set("Cache-Control", "public, max-age=0, must-revalidate")
		}
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		files.ServeHTTP(w, r)
	}))
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
