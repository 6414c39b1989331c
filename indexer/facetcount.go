package indexer

import (
	"math"
	"math/bits"
	"slices"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/query"
)

// yearGroup is the date filter's group: FacetNames' index of "year".
var yearGroup = slices.Index(rightsearch.FacetNames, "year")

// facetCounter applies a request's filters to q's matches and counts
// facets in the same pass. A match that fails every filter group but one
// is not a hit, yet counts toward that group's facet: that is what makes
// facets disjunctive (a facet's counts ignore its own filter).
type facetCounter struct {
	view   FacetView
	counts []int32
	// group holds, per ordinal, 1 + the group (FacetNames index) whose
	// filter the value satisfies, 0 for none; nil without value filters.
	group  []int8
	active uint32 // groups with a filter
	// Date filter: a hit is dated and overlaps [lo, hi] (UnixNano).
	lo, hi int64
	none   bool // the date filter matches nothing Bleve can index
}

// prepare returns the Prepare that applies r's filters and counts
// into c.
func (q *Querier) prepare(r *query.Request, c *facetCounter) Prepare {
	return func(v FacetView) func(FacetRow) bool {
		*c = facetCounter{view: v, counts: make([]int32, v.Len()), lo: math.MinInt64, hi: math.MaxInt64}
		filters := r.Filters()
		for g, name := range rightsearch.FacetNames {
			vals := filters[name]
			if len(vals) == 0 {
				continue
			}
			c.active |= 1 << g
			if c.group == nil {
				c.group = make([]int8, v.Len())
			}
			for _, val := range vals {
				for _, o := range v.Lookup(name, q.tr.canonical(name, val)) {
					c.group[o] = int8(g + 1)
				}
			}
		}
		c.setDates(r)
		return c.keep
	}
}

// setDates applies r's date filter (dateBounds) to the rows' periods.
func (c *facetCounter) setDates(r *query.Request) {
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
func (c *facetCounter) keep(row FacetRow) bool {
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
		facet := rightsearch.FacetNames[bits.TrailingZeros32(fail)]
		for _, o := range row.Ords {
			if c.view.Entry(o).Facet == facet {
				c.counts[o]++
			}
		}
	}
	return false
}

// counted lists every counted value of every facet, unordered.
func (c *facetCounter) counted() map[string][]rightsearch.Facet {
	out := make(map[string][]rightsearch.Facet, len(rightsearch.FacetNames))
	for _, name := range rightsearch.FacetNames {
		out[name] = []rightsearch.Facet{}
	}
	for o, n := range c.counts {
		if n > 0 {
			e := c.view.Entry(uint32(o))
			if fs, ok := out[e.Facet]; ok {
				out[e.Facet] = append(fs, rightsearch.Facet{Value: e.Value, Count: int(n)})
			}
		}
	}
	return out
}
