package search

import (
	"sort"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/rightsearch/rightsearch/indexer"
)

// facetFields maps a facet to the keyword field it counts.
var facetFields = map[string]string{
	"organization": indexer.FieldOrganization,
	"type":         indexer.FieldType,
	"year":         indexer.FieldYear,
	"target":       indexer.FieldTargets,
	"country":      indexer.FieldCountries,
	"spyware":      indexer.FieldSpyware,
	"language":     indexer.FieldLanguage,
}

// facetTermLimit bounds the terms Bleve returns per facet before we sort
// them by count then value; past it the top 20 could differ in ties only.
const facetTermLimit = 1000

func addFacets(req *bleve.SearchRequest, names []string) {
	for _, n := range names {
		req.AddFacet(n, bleve.NewFacetRequest(facetFields[n], facetTermLimit))
	}
}

// active reports whether facet has a filter of its own in r, in which case
// its counts come from a search without that filter (disjunctive facets).
func active(r *Request, facet string) bool {
	if facet == "year" {
		return !r.From.IsZero() || !r.To.IsZero()
	}
	return len(r.Filters()[facet]) > 0
}

// facetValues turns Bleve's term counts into the API's order: years
// oldest first, all of them; others by count then value, top 20.
func facetValues(name string, fr *bsearch.FacetResult) []Facet {
	out := []Facet{}
	if fr == nil || fr.Terms == nil {
		return out
	}
	for _, t := range fr.Terms.Terms() {
		out = append(out, Facet{Value: t.Term, Count: t.Count})
	}
	if name == "year" {
		sort.Slice(out, func(i, j int) bool { return out[i].Value < out[j].Value })
		return out
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Value < out[j].Value
	})
	if len(out) > MaxFacetValues {
		out = out[:MaxFacetValues]
	}
	return out
}
