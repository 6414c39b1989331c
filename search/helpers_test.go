package search

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"sync"
	"testing"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/indexer"
	"github.com/rightsearch/rightsearch/seeds"
)

// testEnv is one real on-disk index (seeds + testdata/fixtures.jsonl)
// served through httptest, shared by the package's tests.
type testEnv struct {
	ix  *indexer.Index
	srv *httptest.Server
	s   *Searcher
}

var (
	envOnce sync.Once
	shared  *testEnv
	envErr  error
	envDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if shared != nil {
		shared.srv.Close()
		shared.ix.Close()
	}
	if envDir != "" {
		os.RemoveAll(envDir)
	}
	os.Exit(code)
}

func mustEnv(tb testing.TB) *testEnv {
	tb.Helper()
	envOnce.Do(func() {
		envDir, envErr = os.MkdirTemp("", "rightsearch-search-test-")
		if envErr != nil {
			return
		}
		shared, envErr = newEnv(envDir)
	})
	if envErr != nil {
		tb.Fatal(envErr)
	}
	return shared
}

func newEnv(dir string) (*testEnv, error) {
	ctx := context.Background()
	ix, err := indexer.Open(ctx, indexer.Options{DataDir: dir})
	if err != nil {
		return nil, err
	}
	f, err := os.Open("testdata/fixtures.jsonl")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if _, err := indexer.Import(ctx, f, 100, ix.Put, nil); err != nil {
		return nil, err
	}
	s := New(ix)
	srv := httptest.NewServer(NewServer(Config{Index: ix, Searcher: s}))
	return &testEnv{ix: ix, srv: srv, s: s}, nil
}

// get fetches path from the test server and decodes its JSON into out,
// returning the status.
func (e *testEnv) get(tb testing.TB, path string, out any) int {
	tb.Helper()
	status, ct, b := e.fetch(tb, path)
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

func (e *testEnv) search(tb testing.TB, params url.Values) Response {
	tb.Helper()
	var r Response
	if st := e.get(tb, "/api/search?"+params.Encode(), &r); st != http.StatusOK {
		tb.Fatalf("search %s: status %d", params.Encode(), st)
	}
	return r
}

// allDocs is every document in the test index: the seeds and the fixtures.
func allDocs(tb testing.TB) []rightsearch.Document {
	tb.Helper()
	docs := seeds.MustLoad().All()
	f, err := os.Open("testdata/fixtures.jsonl")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	_, err = indexer.Import(context.Background(), f, 100, func(_ context.Context, ds []rightsearch.Document) error {
		docs = append(docs, ds...)
		return nil
	}, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return docs
}

func hitIDs(r Response) []string {
	ids := make([]string, len(r.Hits))
	for i, h := range r.Hits {
		ids[i] = h.ID
	}
	return ids
}

func facetCount(fs []Facet, value string) int {
	for _, f := range fs {
		if f.Value == value {
			return f.Count
		}
	}
	return 0
}
