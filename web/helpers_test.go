package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"sync"
	"testing"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/indexer"
	"github.com/rightsearch/rightsearch/internal/testenv"
	"github.com/rightsearch/rightsearch/search"
)

// testEnv is one real on-disk index (seeds + testenv.Fixtures) with the
// real engine over it, served by this package's Server through httptest.
type testEnv struct {
	*testenv.Env
	ix  *indexer.Index
	s   *search.Searcher
	srv *httptest.Server
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
		shared.Close()
	}
	if envDir != "" {
		os.RemoveAll(envDir)
	}
	os.Exit(code)
}

func mustEnv(tb testing.TB) *testEnv {
	tb.Helper()
	envOnce.Do(func() {
		envDir, envErr = os.MkdirTemp("", "rightsearch-web-test-")
		if envErr != nil {
			return
		}
		var s *search.Searcher
		e, err := testenv.Open(envDir, testenv.Fixtures, func(ix *indexer.Index) http.Handler {
			s = search.New(ix, search.Options{})
			return NewServer(Config{Engine: s})
		})
		if err != nil {
			envErr = err
			return
		}
		shared = &testEnv{Env: e, ix: e.Ix, s: s, srv: e.Srv}
	})
	if envErr != nil {
		tb.Fatal(envErr)
	}
	return shared
}

func (e *testEnv) get(tb testing.TB, path string, out any) int {
	tb.Helper()
	return e.Get(tb, path, out)
}

func (e *testEnv) fetch(tb testing.TB, path string) (int, string, []byte) {
	tb.Helper()
	return e.Fetch(tb, path)
}

func (e *testEnv) search(tb testing.TB, params url.Values) rightsearch.Response {
	tb.Helper()
	return e.Search(tb, params)
}

// allDocs is every document in the test index: the seeds and the fixtures.
func allDocs(tb testing.TB) []rightsearch.Document { return testenv.AllDocs(tb, testenv.Fixtures) }

func hitIDs(r rightsearch.Response) []string { return testenv.HitIDs(r) }

func facetCount(fs []rightsearch.Facet, value string) int { return testenv.FacetCount(fs, value) }
