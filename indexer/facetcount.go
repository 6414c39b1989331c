package indexer

import (
	"math"
	"math/bits"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/query"
)

// maxFacets bounds a registry's facets: filter groups are bits of a
// uint32.
const maxFacets = 32

// facetCounter applies a request's filters to q's matches and counts
// facets in the same pass. Each facet of the registry is a filter group.
// A match that fails every filter group but one disjunctive group is not
// a hit, yet counts toward that group's facet: that is what makes facets
// disjunctive (a facet's counts ignore its own filter).
type facetCounter struct {
	facets rightsearch.Facets
	view   FacetView
	counts []int32
	// group holds, per ordinal, 1 + the group (registry index) whose
	// filter the value satisfies, 0 for none; nil without value filters.
	group []int8
	// bit holds, per ordinal of a conjunctive group's filter value, the
	// value's bit; need, per conjunctive group, every bit its row must
	// have.
	bit         []uint64
	need        map[int8]uint64
	active      uint32 // groups with a filter
	disjunctive uint32 // groups that count without their own filter
	dateGroup   int    // the date facet's group, -1 if none
	// Date filter: a hit is dated and overlaps [lo, hi] (UnixNano).
	lo, hi int64
	none   bool // the date filter matches nothing Bleve can index
}

// prepare returns the Prepare that applies r's filters and counts
// into c.
func (q *Querier) prepare(r *query.Request, c *facetCounter) Prepare {
	return func(v FacetView) func(FacetRow) bool {
		*c = facetCounter{facets: q.facets, view: v, counts: make([]int32, v.Len()),
			lo: math.MinInt64, hi: math.MaxInt64, dateGroup: -1}
		for g, f := range q.facets {
			if !f.Conjunctive {
				c.disjunctive |= 1 << g
			}
			if f.Dates {
				c.dateGroup = g
			}
			vals := r.FilterValues(f.Name)
			if len(vals) == 0 || f.Dates {
				continue
			}
			c.active |= 1 << g
			if c.group == nil {
				c.group = make([]int8, v.Len())
			}
			for i, val := range vals {
				for _, o := range v.Lookup(f.Name, q.tr.canonical(f.Name, val)) {
					c.group[o] = int8(g + 1)
					if f.Conjunctive {
						c.setBit(o, i)
					}
				}
				if f.Conjunctive {
					if c.need == nil {
						c.bit = make([]uint64, v.Len())
						c.need = map[int8]uint64{}
					}
					c.need[int8(g+1)] |= 1 << i
				}
			}
		}
		c.setDates(r)
		return c.keep
	}
}

// setBit gives ordinal o the bit of its conjunctive filter's i-th value.
func (c *facetCounter) setBit(o uint32, i int) {
	if c.bit == nil {
		c.bit = make([]uint64, c.view.Len())
		c.need = map[int8]uint64{}
	}
	c.bit[o] |= 1 << i
}

// setDates applies r's date filter (dateBounds) to the rows' periods.
func (c *facetCounter) setDates(r *query.Request) {
	lo, hi, none, ok := dateBounds(r)
	if !ok || c.dateGroup < 0 {
		return
	}
	c.active |= 1 << c.dateGroup
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
	pass := c.passed(row)
	fail := c.active &^ pass
	switch {
	case fail == 0:
		for _, o := range row.Ords {
			c.counts[o]++
		}
		return true
	case fail&(fail-1) == 0 && fail&c.disjunctive != 0:
		facet := c.facets[bits.TrailingZeros32(fail)].Name
		for _, o := range row.Ords {
			if c.view.Entry(o).Facet == facet {
				c.counts[o]++
			}
		}
	}
	return false
}

// passed is the set of filter groups row satisfies.
func (c *facetCounter) passed(row FacetRow) uint32 {
	var pass uint32
	var have map[int8]uint64
	if c.group != nil {
		for _, o := range row.Ords {
			g := c.group[o]
			if g == 0 {
				continue
			}
			if c.need != nil && c.need[g] != 0 {
				if have == nil {
					have = map[int8]uint64{}
				}
				have[g] |= c.bit[o]
				continue
			}
			pass |= 1 << (g - 1)
		}
	}
	for g, bs := range have {
		if bs == c.need[g] {
			pass |= 1 << (g - 1)
		}
	}
	if c.dateGroup >= 0 && row.Dated && !c.none && row.Start <= c.hi && row.End >= c.lo {
		pass |= 1 << c.dateGroup
	}
	return pass
}

// counted lists every counted value of every facet, unordered.
func (c *facetCounter) counted() map[string][]rightsearch.Facet {
	out := make(map[string][]rightsearch.Facet, len(c.facets))
	for _, f := range c.facets {
		out[f.Name] = []rightsearch.Facet{}
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
