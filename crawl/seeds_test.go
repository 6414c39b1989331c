package crawl

import (
	"testing"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/seeds"
)

func TestCatalogSeeds(t *testing.T) {
	docs := []rightsearch.Document{
		{ID: "both", URL: "https://lab.example/r/", PDFURL: "https://lab.example/r.pdf"},
		{ID: "pdf-only", PDFURL: "https://ngo.example/b.pdf"},
		{ID: "none"},
	}
	got := CatalogSeeds(docs)
	if len(got) != 2 || len(got[0].URLs) != 2 || got[0].URLs[1] != "https://lab.example/r.pdf" ||
		got[1].Base.ID != "pdf-only" || got[1].URLs[0] != "https://ngo.example/b.pdf" {
		t.Errorf("CatalogSeeds = %+v", got)
	}
	// The embedded catalog: every entry with a URL becomes a seed keyed by its id.
	cat := seeds.MustLoad()
	all := CatalogSeeds(cat.All())
	if len(all) < len(cat.Documents)/2 {
		t.Errorf("only %d seeds from %d catalog documents", len(all), len(cat.Documents))
	}
	for _, s := range all {
		if s.Base.ID == "" {
			t.Errorf("seed %v lost its catalog id", s.URLs)
		}
	}
}
