package search

import (
	"net/http"
	"net/url"
	"os"
	"sync"
	"testing"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/indexer"
	"github.com/rightsearch/rightsearch/internal/testenv"
	"github.com/rightsearch/rightsearch/web"
)

// testEnv is one real on-disk index (seeds + testenv.Fixtures) with the
// engine over it, served by the web face through httptest.
type testEnv struct {
	*testenv.Env
	ix *indexer.Index
	s  *Searcher
}

var (
	envOnce sync.Once
	shared  *testEnv
	envErr  error
	envDirs []string
)

func TestMain(m *testing.M) {
	code := m.Run()
	for _, e := range []*testEnv{shared, qlEnv} {
		if e != nil {
			e.Close()
		}
	}
	for _, d := range envDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

func mustEnv(tb testing.TB) *testEnv {
	tb.Helper()
	envOnce.Do(func() { shared, envErr = newEnv(testenv.Fixtures) })
	if envErr != nil {
		tb.Fatal(envErr)
	}
	return shared
}

// newEnv indexes the seeds and docs in a new directory.
func newEnv(docs []byte) (*testEnv, error) {
	dir, err := os.MkdirTemp("", "rightsearch-search-test-")
	if err != nil {
		return nil, err
	}
	envDirs = append(envDirs, dir)
	var s *Searcher
	e, err := testenv.Open(dir, docs, func(ix *indexer.Index) http.Handler {
		s = New(ix, Options{})
		return web.NewServer(web.Config{Engine: s})
	})
	if err != nil {
		return nil, err
	}
	return &testEnv{Env: e, ix: e.Ix, s: s}, nil
}

func (e *testEnv) get(tb testing.TB, path string, out any) int {
	tb.Helper()
	return e.Get(tb, path, out)
}

func (e *testEnv) search(tb testing.TB, params url.Values) rightsearch.Response {
	tb.Helper()
	return e.Search(tb, params)
}

func hitIDs(r rightsearch.Response) []string { return testenv.HitIDs(r) }
