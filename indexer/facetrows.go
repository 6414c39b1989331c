package indexer

import (
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2/numeric"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	"github.com/blevesearch/vellum"
)

// segRows are one segment's document rows: document i's ordinals are
// ords[off[i]:off[i+1]].
type segRows struct {
	off        []uint32
	ords       []uint32
	start, end []int64
	dated      []bool
}

func (s *segRows) row(i uint64) FacetRow {
	if i+1 >= uint64(len(s.off)) {
		return FacetRow{}
	}
	return FacetRow{Ords: s.ords[s.off[i]:s.off[i+1]], Start: s.start[i], End: s.end[i],
		Dated: s.dated[i]}
}

// readSegment reads seg's rows from its term dictionaries: each facet
// value's postings, and the full-precision terms of the two date fields.
// t.mu is held.
func (t *FacetTable) readSegment(seg segment.Segment) (*segRows, error) {
	n := seg.Count()
	var pairs [][2]uint32 // document, ordinal
	err := visitTerms(seg, FieldFacets, nil, nil, func(term string, doc uint64) {
		pairs = append(pairs, [2]uint32{uint32(doc), t.ordinal(term)})
	})
	if err != nil {
		return nil, err
	}
	rows := &segRows{off: make([]uint32, n+1), ords: make([]uint32, len(pairs)),
		start: make([]int64, n), end: make([]int64, n), dated: make([]bool, n)}
	for _, p := range pairs {
		rows.off[p[0]+1]++
	}
	for i := uint64(1); i <= n; i++ {
		rows.off[i] += rows.off[i-1]
	}
	fill := append([]uint32(nil), rows.off[:n]...)
	for _, p := range pairs {
		rows.ords[fill[p[0]]] = p[1]
		fill[p[0]]++
	}
	hasEnd := make([]bool, n)
	for _, f := range []struct {
		field string
		into  []int64
		seen  []bool
	}{{FieldPublished, rows.start, rows.dated}, {FieldPublishedEnd, rows.end, hasEnd}} {
		// Full-precision (shift 0) terms only: the others are coarser copies.
		lo, hi := []byte{numeric.ShiftStartInt64}, []byte{numeric.ShiftStartInt64 + 1}
		err := visitTerms(seg, f.field, lo, hi, func(term string, doc uint64) {
			if v, err := numeric.PrefixCoded(term).Int64(); err == nil {
				f.into[doc], f.seen[doc] = v, true
			}
		})
		if err != nil {
			return nil, err
		}
	}
	for i := range rows.dated {
		rows.dated[i] = rows.dated[i] && hasEnd[i]
	}
	return rows, nil
}

// ordinal returns term's ordinal, adding it to the dictionary when new.
// t.mu is held.
func (t *FacetTable) ordinal(term string) uint32 {
	if o, ok := t.ords[term]; ok {
		return o
	}
	facet, value, _ := strings.Cut(term, FacetSep)
	o := uint32(len(t.dict))
	t.dict = append(t.dict, FacetEntry{Facet: facet, Value: value})
	t.ords[term] = o
	key := facet + FacetSep + t.fold(value)
	t.byKey[key] = append(t.byKey[key], o)
	return o
}

// visitTerms calls fn for every term of field in [lo, hi) (nil: no bound)
// and every document holding it, deleted ones included (a search never
// returns those).
func visitTerms(seg segment.Segment, field string, lo, hi []byte, fn func(term string, doc uint64)) error {
	dict, err := seg.Dictionary(field)
	if err != nil {
		return fmt.Errorf("facet table: dictionary %s: %w", field, err)
	}
	it := dict.AutomatonIterator(&vellum.AlwaysMatch{}, lo, hi)
	var pl segment.PostingsList
	var pi segment.PostingsIterator
	for {
		e, err := it.Next()
		if err != nil {
			return fmt.Errorf("facet table: terms of %s: %w", field, err)
		}
		if e == nil {
			return nil
		}
		if pl, err = dict.PostingsList([]byte(e.Term), nil, pl); err != nil {
			return fmt.Errorf("facet table: postings of %s: %w", field, err)
		}
		pi = pl.Iterator(false, false, false, pi)
		for {
			p, err := pi.Next()
			if err != nil {
				return fmt.Errorf("facet table: postings of %s: %w", field, err)
			}
			if p == nil {
				break
			}
			fn(e.Term, p.Number())
		}
	}
}
