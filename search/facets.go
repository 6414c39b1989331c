package search

import (
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/rightsearch/rightsearch/indexer"
)

// facetTermLimit bounds the values Bleve returns from the combined facet
// field (all seven facets' values together) before we split and sort
// them; past it rare values of a facet would go uncounted.
const facetTermLimit = 20000

// facetsName names the one Bleve facet request counting FieldFacets.
const facetsName = "facets"

// addFacets counts every facet's values in one pass over the hits' doc
// values; the caller takes the facets it needs from the result.
func addFacets(req *bleve.SearchRequest) {
	req.AddFacet(facetsName, bleve.NewFacetRequest(indexer.FieldFacets, facetTermLimit))
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
	prefix := name + indexer.FacetSep
	for _, t := range fr.Terms.Terms() {
		if v, ok := strings.CutPrefix(t.Term, prefix); ok {
			out = append(out, Facet{Value: v, Count: t.Count})
		}
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
