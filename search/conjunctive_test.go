package search

import (
	"net/http"
	"net/url"
	"slices"
	"testing"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/indexer"
	"github.com/rightsearch/rightsearch/internal/testenv"
	"github.com/rightsearch/rightsearch/web"
)

// TestConjunctiveFacet: a registry entry marked Conjunctive requires
// every value of its filter, and its counts are those of the hits (its
// own filter applies), where a disjunctive facet ORs them.
func TestConjunctiveFacet(t *testing.T) {
	fs := rightsearch.DefaultFacets()
	for i := range fs {
		if fs[i].Name == "country" {
			fs[i].Conjunctive = true
		}
	}
	e, err := testenv.OpenWith(t.TempDir(), testenv.Fixtures, fs, func(ix *indexer.Index) http.Handler {
		return web.NewServer(web.Config{Engine: New(ix, Options{})})
	})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	both := e.Search(t, url.Values{"country": {"Mexico", "Canada"}, "size": {"100"}})
	if both.Total == 0 {
		t.Fatal("no document names both Mexico and Canada: the case tests nothing")
	}
	for _, h := range both.Hits {
		if !slices.Contains(h.Countries, "Mexico") || !slices.Contains(h.Countries, "Canada") {
			t.Errorf("%s names %v, not both", h.ID, h.Countries)
		}
	}
	if n := testenv.FacetCount(both.Facets["country"], "Mexico"); n != int(both.Total) {
		t.Errorf("country Mexico counted %d of %d hits", n, both.Total)
	}
	either := mustEnv(t).search(t, url.Values{"country": {"Mexico", "Canada"}, "size": {"100"}})
	if either.Total <= both.Total {
		t.Errorf("disjunctive: %d hits, conjunctive %d", either.Total, both.Total)
	}
}
