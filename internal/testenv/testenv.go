// Package testenv builds what the engine's and the web face's tests share:
// a real on-disk index of the seeds and fixture documents, served through
// httptest by a handler the test builds over it (the engine and the web
// face, which this package cannot import: their own tests import it).
package testenv

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/indexer"
	"github.com/rightsearch/rightsearch/seeds"
)

// Fixtures are the documents of most tests: hostile markup, a paged
// PDF, indicators, spellings of names (fixtures.jsonl).
//
//go:embed fixtures.jsonl
var Fixtures []byte

// QueryLab are the query language's documents (querylang.jsonl), all of
// organization "Query Lab".
//
//go:embed querylang.jsonl
var QueryLab []byte

// Env is one index and the server over it.
type Env struct {
	Ix  *indexer.Index
	Srv *httptest.Server
}

// Open indexes the seeds and docs (JSONL) in dir and serves handler(ix).
func Open(dir string, docs []byte, handler func(*indexer.Index) http.Handler) (*Env, error) {
	return OpenWith(dir, docs, nil, handler)
}

// Close stops the server and closes the index.
func (e *Env) Close() {
	e.Srv.Close()
	e.Ix.Close()
}

// Fetch returns the status, content type and body of path.
func (e *Env) Fetch(tb testing.TB, path string) (int, string, []byte) {
	tb.Helper()
	resp, err := http.Get(e.Srv.URL + path)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return resp.StatusCode, resp.Header.Get("Content-Type"), b
}

// Get fetches path and decodes its JSON into out, returning the status.
func (e *Env) Get(tb testing.TB, path string, out any) int {
	tb.Helper()
	status, ct, b := e.Fetch(tb, path)
	if out != nil && ct != "application/json; charset=utf-8" {
		tb.Fatalf("GET %s: content type %q", path, ct)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			tb.Fatalf("GET %s: %v in %s", path, err, b)
		}
	}
	return status
}

// Search asks /api/search and wants a 200.
func (e *Env) Search(tb testing.TB, params url.Values) rightsearch.Response {
	tb.Helper()
	var r rightsearch.Response
	if st := e.Get(tb, "/api/search?"+params.Encode(), &r); st != http.StatusOK {
		tb.Fatalf("search %s: status %d", params.Encode(), st)
	}
	return r
}

// AllDocs is every document of an index opened with docs: the seeds and
// docs, as imported.
func AllDocs(tb testing.TB, docs []byte) []rightsearch.Document {
	tb.Helper()
	all := seeds.MustLoad().All()
	_, err := indexer.Import(context.Background(), bytes.NewReader(docs), 100, func(_ context.Context, ds []rightsearch.Document) error {
		all = append(all, ds...)
		return nil
	}, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return all
}

// HitIDs are a response's hit ids in order.
func HitIDs(r rightsearch.Response) []string {
	ids := make([]string, len(r.Hits))
	for i, h := range r.Hits {
		ids[i] = h.ID
	}
	return ids
}

// FacetCount is value's count in fs, 0 when absent.
func FacetCount(fs []rightsearch.Facet, value string) int {
	for _, f := range fs {
		if f.Value == value {
			return f.Count
		}
	}
	return 0
}

// SourceListFacet is a facet the product does not have, for the tests
// that show adding one is a registry entry: each document's provenance
// source (seed, import, crawl).
func SourceListFacet() rightsearch.FacetSpec {
	return rightsearch.FacetSpec{Name: "source_list", Param: "source_list", Label: "Source list",
		Help: "where the document came from: seed, import or crawl", Max: 20,
		Values: func(d *rightsearch.Document) []string {
			if d.Provenance == nil {
				return nil
			}
			return []string{d.Provenance.Source}
		}}
}

// OpenWith is Open for an index built with the facet registry fs.
func OpenWith(dir string, docs []byte, fs rightsearch.Facets, handler func(*indexer.Index) http.Handler) (*Env, error) {
	indexer.LimitExpansions()
	ctx := context.Background()
	ix, err := indexer.Open(ctx, indexer.Options{DataDir: dir, Facets: fs})
	if err != nil {
		return nil, err
	}
	if _, err := indexer.Import(ctx, bytes.NewReader(docs), 100, ix.Put, nil); err != nil {
		return nil, fmt.Errorf("import fixtures: %w", err)
	}
	return &Env{Ix: ix, Srv: httptest.NewServer(handler(ix))}, nil
}
