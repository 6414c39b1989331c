package search

import (
	"sort"
)

// orderFacet puts a facet's counted values in the API's order: years
// oldest first, all of them; others by count then value, top 20.
func orderFacet(name string, out []Facet) []Facet {
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
