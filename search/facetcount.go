package search

import (
	"math"
	"math/bits"
	"slices"

	"github.com/rightsearch/rightsearch/indexer"
)

// yearGroup is the date filter's group: FacetNames' index of "year".
var yearGroup = slices.Index(FacetNames, "year")

// facetCounter applies a request's filters to q's matches and counts
// facets in the same pass. A match that fails every filter group but one
// is not a hit, yet counts toward that group's facet: that is what makes
// facets disjunctive (a facet's counts ignore its own filter).
type facetCounter struct {
	view   indexer.FacetView
	counts []int32
	// group holds, per ordinal, 1 + the group (FacetNames index) whose
	// filter the value satisfies, 0 for none; nil without value filters.
	group  []int8
	active uint32 // groups with a filter
	// Date filter: a hit is dated and overlaps [lo, hi] (UnixNano).
	lo, hi int64
	none   bool // the date filter matches nothing Bleve can index
}

// prepare returns the indexer.Prepare that applies r's filters and counts
// into c.
func (s *Searcher) prepare(r *Request, c *facetCounter) indexer.Prepare {
	return func(v indexer.FacetView) func(indexer.FacetRow) bool {
		*c = facetCounter{view: v, counts: make([]int32, v.Len()), lo: math.MinInt64, hi: math.MaxInt64}
		filters := r.Filters()
		for g, name := range FacetNames {
			vals := filters[name]
			if len(vals) == 0 {
				continue
			}
			c.active |= 1 << g
			if c.group == nil {
				c.group = make([]int8, v.Len())
			}
			for _, val := range vals {
				for _, o := range v.Lookup(name, s.tr.canonical(name, val)) {
					c.group[o] = int8(g + 1)
				}
			}
		}
		c.setDates(r)
		return c.keep
	}
}

// setDates applies r's date filter (dateBounds) to the rows' periods.
func (c *facetCounter) setDates(r *Request) {
	lo, hi, none, ok := dateBounds(r)
	if !ok {
		return
	}
	c.active |= 1 << yearGroup
	c.none = none
	if !lo.IsZero() {
		c.lo = lo.UnixNano()
	}
	if !hi.IsZero() {
		c.hi = hi.UnixNano()
	}
}

// keep decides whether a match is a hit and counts its facet values.
func (c *facetCounter) keep(row indexer.FacetRow) bool {
	var pass uint32
	if c.group != nil {
		for _, o := range row.Ords {
			if g := c.group[o]; g > 0 {
				pass |= 1 << (g - 1)
			}
		}
	}
	if row.Dated && !c.none && row.Start <= c.hi && row.End >= c.lo {
		pass |= 1 << yearGroup
	}
	fail := c.active &^ pass
	switch {
	case fail == 0:
		for _, o := range row.Ords {
			c.counts[o]++
		}
		return true
	case fail&(fail-1) == 0:
		facet := FacetNames[bits.TrailingZeros32(fail)]
		for _, o := range row.Ords {
			if c.view.Entry(o).Facet == facet {
				c.counts[o]++
			}
		}
	}
	return false
}

// facets lists the counted values of every facet in the API's order.
func (c *facetCounter) facets() map[string][]Facet {
	out := c.counted()
	for name, fs := range out {
		out[name] = orderFacet(name, fs)
	}
	return out
}

// counted lists every counted value of every facet, unordered.
func (c *facetCounter) counted() map[string][]Facet {
	out := make(map[string][]Facet, len(FacetNames))
	for _, name := range FacetNames {
		out[name] = []Facet{}
	}
	for o, n := range c.counts {
		if n > 0 {
			e := c.view.Entry(uint32(o))
			if fs, ok := out[e.Facet]; ok {
				out[e.Facet] = append(fs, Facet{Value: e.Value, Count: int(n)})
			}
		}
	}
	return out
}
