package web

import (
	"context"
	"encoding/json"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"testing"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/indexer"
	"github.com/rightsearch/rightsearch/internal/testenv"
	"github.com/rightsearch/rightsearch/search"
)

// oddIDs are ids of issue 13: what users give, not slugs.
var oddIDs = []string{
	"CL_2016_001",
	"sotu-1888_grover_cleveland_d",
	"reports/2019/a b.pdf",
	"a/raw",
	"../../api/search",
	"50% off?#frag",
	"أحمد منصور",
	"dir//file/.",
}

// oddEnv is a real index of the seeds and one document for each id given.
func oddEnv(t *testing.T, ids []string) *testenv.Env {
	t.Helper()
	var b strings.Builder
	for _, id := range ids {
		line, err := json.Marshal(rightsearch.Document{ID: id, Title: "Zyqqor memo " + id, Body: "zyqqor", Language: "en",
			Provenance: &rightsearch.Provenance{Source: rightsearch.SourceImport, WARC: "fixture.warc.gz"}})
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	e, err := testenv.Open(t.TempDir(), []byte(b.String()), func(ix *indexer.Index) http.Handler {
		return NewServer(Config{Engine: search.New(ix, search.Options{}),
			Raw: func(_ context.Context, d rightsearch.Document) (string, []byte, error) {
				return "text/html", []byte("raw of " + d.ID), nil
			}})
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Close)
	return e
}

// Any id, URL-escaped as one path segment, is found by its API route and
// its page; an id ending in /raw is the document, not its archive.
func TestDocumentRoutesTakeAnyID(t *testing.T) {
	e := oddEnv(t, oddIDs)
	for _, id := range oddIDs {
		var d rightsearch.Document
		if st := e.Get(t, "/api/documents/"+url.PathEscape(id), &d); st != http.StatusOK || d.ID != id {
			t.Errorf("GET /api/documents/%s: %d, id %q, want 200 and %q", url.PathEscape(id), st, d.ID, id)
		}
		if st, _, body := e.Fetch(t, "/documents/"+url.PathEscape(id)); st != http.StatusOK || !strings.Contains(string(body), "Zyqqor memo") {
			t.Errorf("GET /documents/%s: %d", url.PathEscape(id), st)
		}
		// The archived copy, as a download named after the id.
		st, _, body := e.Fetch(t, "/api/documents/"+url.PathEscape(id)+"/raw")
		if st != http.StatusOK || string(body) != "raw of "+id {
			t.Errorf("GET …/%s/raw: %d %q", url.PathEscape(id), st, body)
		}
		resp, err := http.Get(e.Srv.URL + "/api/documents/" + url.PathEscape(id) + "/raw")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		_, params, err := mime.ParseMediaType(resp.Header.Get("Content-Disposition"))
		if want := strings.ReplaceAll(id, "/", "_") + ".raw"; err != nil || params["filename"] != want {
			t.Errorf("%s: Content-Disposition %q (%v), want filename %q", id, resp.Header.Get("Content-Disposition"), err, want)
		}
	}
	// A hit links the document by its escaped id.
	r := e.Search(t, url.Values{"q": {"zyqqor"}, "size": {"50"}})
	if r.Total != uint64(len(oddIDs)) {
		t.Errorf("search zyqqor: %d hits, want %d", r.Total, len(oddIDs))
	}
	// An unescaped / is a path, not an id: no such document.
	if st := e.Get(t, "/api/documents/reports/2019", nil); st != http.StatusNotFound {
		t.Errorf("GET /api/documents/reports/2019: %d, want 404", st)
	}
}

// Outside documents, a path not in canonical form is still redirected to
// its clean form, as gorilla/mux does.
func TestUncleanPathRedirects(t *testing.T) {
	srv := mustEnv(t).srv
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(srv.URL + "/api//targets")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/api/targets" {
		t.Errorf("GET /api//targets: %d to %q, want 301 to /api/targets", resp.StatusCode, resp.Header.Get("Location"))
	}
}
