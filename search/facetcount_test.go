package search

import (
	"maps"
	"net/url"
	"strings"
	"testing"

	rightsearch "github.com/rightsearch/rightsearch"
)

// facetParams are the parameters that filter each facet.
var facetParams = map[string][]string{
	"organization": {"org"}, "type": {"type"}, "target": {"target"},
	"country": {"country"}, "language": {"lang"}, "year": {"from", "to"},
}

// hitValues are a hit's values of facet.
func hitValues(h rightsearch.Hit, facet string) []string {
	switch facet {
	case "organization":
		return []string{h.Organization}
	case "type":
		return []string{h.Type}
	case "language":
		return []string{h.Language}
	case "year":
		if len(h.Published) >= 4 {
			return []string{h.Published[:4]}
		}
	case "target":
		return h.Targets
	case "country":
		return h.Countries
	}
	return nil
}

// TestFacetsTallyTheHitsWithoutTheirOwnFilter checks each facet of
// filtered searches against a tally of hits: facet f counts f's values
// among the hits of the same search without f's own filter (for the year
// facet, without from and to).
func TestFacetsTallyTheHitsWithoutTheirOwnFilter(t *testing.T) {
	e := mustEnv(t)
	cases := []url.Values{
		{"org": {"Citizen Lab"}},
		{"org": {"citizen lab", "Lookout"}, "type": {"report"}},
		{"q": {"spyware"}, "from": {"2016"}, "to": {"2018-06"}},
		{"target": {"Ahmed Mansoor"}, "from": {"2016-08"}},
		{"country": {"Mexico"}, "lang": {"en"}},
		{"q": {"pegasus"}, "org": {"Citizen Lab"}, "to": {"2017"}},
	}
	for _, c := range cases {
		got := e.search(t, c)
		if got.Total == 0 {
			t.Errorf("%s: no hits; the case tests nothing", c.Encode())
			continue
		}
		for facet, params := range facetParams {
			without := maps.Clone(c)
			for _, p := range params {
				delete(without, p)
			}
			without.Set("size", "100")
			all := e.search(t, without)
			if all.Total > 100 {
				t.Fatalf("%s: %d hits, more than one page", without.Encode(), all.Total)
			}
			tally := map[string]int{}
			for _, h := range all.Hits {
				for _, v := range hitValues(h, facet) {
					if v != "" {
						tally[v]++
					}
				}
			}
			counted := map[string]int{}
			for _, f := range got.Facets[facet] {
				counted[f.Value] = f.Count
			}
			if want := min(len(tally), 20); facet == "year" {
				want = len(tally)
				if len(counted) != want {
					t.Errorf("%s: %s facet lists %d values, the hits have %d", c.Encode(), facet, len(counted), want)
				}
			} else if len(counted) != want {
				t.Errorf("%s: %s facet lists %d values, want %d", c.Encode(), facet, len(counted), want)
			}
			for v, n := range counted {
				if tally[v] != n {
					t.Errorf("%s: %s %q counted %d, the hits without that filter have %d (%s)",
						c.Encode(), facet, v, n, tally[v], strings.Join(hitIDs(all), " "))
				}
			}
		}
	}
}
