package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/indexer"
	"github.com/rightsearch/rightsearch/internal/testenv"
	"github.com/rightsearch/rightsearch/search"
)

// TestFacetIsOneRegistryEntry adds a facet (source_list, over each
// document's provenance source) as one registry entry and nothing else:
// it is counted and filtered in the JSON, a column of the CSV, a panel
// and a chip on the page, and a parameter in the OpenAPI document. (The
// CLI's flag: cmd/rightsearch's TestSearchFlagPerFacet.)
func TestFacetIsOneRegistryEntry(t *testing.T) {
	fs := append(rightsearch.DefaultFacets(), testenv.SourceListFacet())
	e, err := testenv.OpenWith(t.TempDir(), testenv.Fixtures, fs, func(ix *indexer.Index) http.Handler {
		return NewServer(Config{Engine: search.New(ix, search.Options{})})
	})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()

	all := e.Search(t, url.Values{"size": {"100"}})
	seeds, imported := testenv.FacetCount(all.Facets["source_list"], "seed"), testenv.FacetCount(all.Facets["source_list"], "import")
	if seeds == 0 || imported == 0 || uint64(seeds+imported) != all.Total {
		t.Fatalf("JSON facet source_list %v, %d hits", all.Facets["source_list"], all.Total)
	}
	filtered := e.Search(t, url.Values{"source_list": {"import"}, "size": {"100"}})
	if filtered.Total != uint64(imported) {
		t.Errorf("source_list=import: %d hits, the facet counted %d", filtered.Total, imported)
	}
	for _, h := range filtered.Hits {
		if !slices.Equal(h.Values["source_list"], []string{"import"}) {
			t.Errorf("hit %s has source_list %v", h.ID, h.Values["source_list"])
		}
	}
	if q := e.Search(t, url.Values{"q": {"source_list:seed"}, "size": {"100"}}); q.Total != uint64(seeds) {
		t.Errorf("q=source_list:seed: %d hits, want %d", q.Total, seeds)
	}

	_, _, csvBody := e.Fetch(t, "/api/search.csv?source_list=import")
	lines := strings.Split(strings.TrimSpace(string(csvBody)), "\n")
	if !strings.HasSuffix(lines[0], ",source_list") || len(lines) != imported+1 || !strings.HasSuffix(lines[1], ",import") {
		t.Errorf("CSV header %q, %d rows, first %q", lines[0], len(lines)-1, lines[1])
	}

	_, _, page := e.Fetch(t, "/?source_list=import")
	for _, want := range []string{"Source list", `name="source_list"`, `value="import"`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("search page lacks %s", want)
		}
	}

	var doc struct {
		Paths map[string]map[string]struct {
			Parameters []struct{ Name string } `json:"parameters"`
		} `json:"paths"`
	}
	if st := e.Get(t, "/api/openapi.json", &doc); st != http.StatusOK {
		t.Fatalf("openapi: %d", st)
	}
	for _, p := range []string{"/api/search", "/api/search.csv", "/api/search.atom"} {
		var names []string
		for _, prm := range doc.Paths[p]["get"].Parameters {
			names = append(names, prm.Name)
		}
		if !slices.Contains(names, "source_list") {
			t.Errorf("OpenAPI %s parameters %v lack source_list", p, names)
		}
	}
	if b, _ := json.Marshal(all.Facets); !strings.Contains(string(b), `"source_list"`) {
		t.Error("no source_list in the JSON")
	}
}
