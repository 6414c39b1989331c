package reliability

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/web"

	"github.com/rightsearch/rightsearch/indexer"
	"github.com/rightsearch/rightsearch/search"
)

// apiHandler is the whole HTTP API over a seeds-only index, for fuzzing
// requests end to end: parsing, translation, Bleve, facets, snippets.
func apiHandler(f *testing.F) http.Handler {
	ix, err := indexer.Open(f.Context(), indexer.Options{DataDir: f.TempDir()})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { ix.Close() })
	return web.NewServer(web.Config{Engine: search.New(ix, search.Options{})})
}

// checkAnswer asserts what any client may rely on, whatever it sent: no
// 500, JSON in the documented shape, and no internal detail in errors.
func checkAnswer(t *testing.T, target string, rec *httptest.ResponseRecorder) {
	t.Helper()
	switch rec.Code {
	case http.StatusOK, http.StatusBadRequest, http.StatusNotFound, http.StatusRequestURITooLong, http.StatusServiceUnavailable:
	default:
		t.Fatalf("GET %q: status %d: %.300s", target, rec.Code, rec.Body.String())
	}
	if rec.Code == http.StatusOK {
		return
	}
	var e struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error.Code == "" {
		t.Fatalf("GET %q: status %d without a JSON error: %.300s", target, rec.Code, rec.Body.String())
	}
	for _, leak := range []string{".go:", "goroutine", "panic", "runtime error", "/work/", "bleve"} {
		if strings.Contains(e.Error.Message, leak) {
			t.Fatalf("GET %q: error message shows internals (%q): %s", target, leak, e.Error.Message)
		}
	}
}

func request(h http.Handler, path, rawQuery string) (*httptest.ResponseRecorder, string) {
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.URL.Path, req.URL.RawPath, req.URL.RawQuery = path, "", rawQuery
	req.RequestURI = req.URL.RequestURI()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec, req.RequestURI
}

// FuzzAPISearch sends hostile query strings to /api/search and its CSV
// export through the real handler chain.
func FuzzAPISearch(f *testing.F) {
	for _, s := range []string{
		"q=Mansoor", "q=%22Pegasus+spyware%22&org=Citizen+Lab&sort=-date&size=100",
		"q=indicator:hxxps://example[.]com", "q=target:%22Ahmed+Mansoor%22+-android",
		"from=2016-02-30&to=2016", "page=1000&size=10", "page=0", "size=101", "q=%22",
		"q=" + strings.Repeat("a*+", 300), "org=" + strings.Repeat("x", 201), "q=*", "q=-",
		"q=lang:zz&lang=%00&country=%FF", "q=%2B%2B%2B--", "sort=date&from=9999&to=0001",
	} {
		f.Add(s)
	}
	h := apiHandler(f)
	f.Fuzz(func(t *testing.T, raw string) {
		for _, path := range []string{"/api/search", "/api/search.csv"} {
			rec, target := request(h, path, raw)
			checkAnswer(t, target, rec)
			if path == "/api/search" && rec.Code == http.StatusOK {
				var r rightsearch.Response
				if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil || r.Hits == nil || len(r.Hits) > r.Size {
					t.Fatalf("GET %q: bad response (%v): %.300s", target, err, rec.Body.String())
				}
			}
		}
	})
}

// FuzzAPIPaths sends hostile document ids and target names.
func FuzzAPIPaths(f *testing.F) {
	for _, s := range []string{"letter-deibert-jefferies", "Ahmed Mansoor", "../../etc/passwd", "%2e%2e",
		"أحمد منصور", "", ".", "a/b", "\x00", strings.Repeat("a", 500)} {
		f.Add(s)
	}
	h := apiHandler(f)
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range []string{"/api/documents/", "/api/targets/", "/documents/", "/targets/"} {
			rec, target := request(h, p+s, "")
			if rec.Code == http.StatusMovedPermanently || rec.Code == http.StatusTemporaryRedirect {
				continue // mux cleans paths with dot segments by redirecting
			}
			if strings.HasPrefix(p, "/api/") {
				checkAnswer(t, target, rec)
			} else if rec.Code >= 500 && rec.Code != http.StatusServiceUnavailable {
				t.Fatalf("GET %q: status %d", target, rec.Code)
			}
		}
	})
}
