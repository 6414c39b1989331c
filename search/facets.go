package search

import (
	"sort"

	rightsearch "github.com/rightsearch/rightsearch"
)

// orderFacets puts every facet's counted values in the API's order.
func orderFacets(counted map[string][]rightsearch.Facet) map[string][]rightsearch.Facet {
	for name, fs := range counted {
		counted[name] = orderFacet(name, fs)
	}
	return counted
}

// orderFacet puts a facet's counted values in the API's order: years
// oldest first, all of them; others by count then value, top 20.
func orderFacet(name string, out []rightsearch.Facet) []rightsearch.Facet {
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
	if len(out) > rightsearch.MaxFacetValues {
		out = out[:rightsearch.MaxFacetValues]
	}
	return out
}
