package search

import (
	"sort"

	rightsearch "github.com/rightsearch/rightsearch"
)

// orderFacets puts every facet's counted values in the order and number
// its registry entry says: by value (years, all of them) or most frequent
// first, up to Max.
func orderFacets(fs rightsearch.Facets, counted map[string][]rightsearch.Facet) map[string][]rightsearch.Facet {
	for name, vals := range counted {
		f, _ := fs.Get(name)
		counted[name] = orderFacet(f, vals)
	}
	return counted
}

func orderFacet(f rightsearch.FacetSpec, out []rightsearch.Facet) []rightsearch.Facet {
	if f.ByValue {
		sort.Slice(out, func(i, j int) bool { return out[i].Value < out[j].Value })
	} else {
		sort.Slice(out, func(i, j int) bool {
			if out[i].Count != out[j].Count {
				return out[i].Count > out[j].Count
			}
			return out[i].Value < out[j].Value
		})
	}
	if f.Max > 0 && len(out) > f.Max {
		out = out[:f.Max]
	}
	return out
}
