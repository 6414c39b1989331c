package indexer

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// FacetTable holds, for every segment of an index, each document's facet
// values as ordinals into one dictionary, and its date period. A search
// then counts facets and applies filters by looking a hit's row up,
// instead of Bleve decoding each hit's doc values (the bulk of a faceted
// query's cost), and one pass over the text matches serves the page and
// every disjunctive facet. Segments never change, so each one's rows are
// read once, from its term dictionaries.
type FacetTable struct {
	fold func(string) string

	mu    sync.RWMutex
	dict  []FacetEntry        // by ordinal; append-only
	ords  map[string]uint32   // FieldFacets term → ordinal
	byKey map[string][]uint32 // facet + FacetSep + folded value → ordinals
	segs  map[segment.Segment]*segRows
}

// FacetEntry is one facet value in a FacetTable's dictionary.
type FacetEntry struct {
	Facet, Value string
}

// FacetRow is what a FacetTable knows of one document.
type FacetRow struct {
	Ords []uint32
	// Start and End bound the document's date period (UnixNano); Dated is
	// false for undated documents and those outside MinDate..MaxDate.
	Start, End int64
	Dated      bool
}

// FacetView is a FacetTable's dictionary as one search sees it: every
// ordinal of the rows that search is given.
type FacetView struct {
	t    *FacetTable
	dict []FacetEntry
}

// Len is the number of ordinals.
func (v FacetView) Len() int { return len(v.dict) }

// Entry is the value with ordinal o.
func (v FacetView) Entry(o uint32) FacetEntry { return v.dict[o] }

// Lookup gives the ordinals of facet's values that equal value ignoring
// case and diacritics, as a filter matches them.
func (v FacetView) Lookup(facet, value string) []uint32 {
	v.t.mu.RLock()
	defer v.t.mu.RUnlock()
	var out []uint32
	for _, o := range v.t.byKey[facet+FacetSep+v.t.fold(value)] {
		if int(o) < len(v.dict) {
			out = append(out, o)
		}
	}
	return out
}

// NewFacetTable returns an empty table for indexes with mapping m.
func NewFacetTable(m mapping.IndexMapping) *FacetTable {
	kw := m.AnalyzerNamed(AnalyzerKeyword)
	fold := func(s string) string {
		if kw == nil {
			return strings.ToLower(s)
		}
		var b strings.Builder
		for _, tk := range kw.Analyze([]byte(s)) {
			b.Write(tk.Term)
		}
		return b.String()
	}
	return &FacetTable{fold: fold, ords: map[string]uint32{}, byKey: map[string][]uint32{},
		segs: map[segment.Segment]*segRows{}}
}

// Prepare is called once per search with the dictionary its rows use; it
// returns keep, which is offered every text match's row and says whether
// that match is a hit (it passes the filters). keep runs on one goroutine.
type Prepare func(FacetView) (keep func(FacetRow) bool)

// Search runs req on bi, a scorch index whose documents have FieldFacets
// and the date fields; req must not ask for facets. Only matches keep
// accepts are ranked and counted in the result's Total.
func (t *FacetTable) Search(ctx context.Context, bi bleve.Index, req *bleve.SearchRequest, prepare Prepare) (*bleve.SearchResult, error) {
	var kept uint64
	maker := func(sctx *bsearch.SearchContext) (bsearch.DocumentMatchHandler, bool, error) {
		snap, ok := sctx.IndexReader.(*scorch.IndexSnapshot)
		if !ok {
			return nil, false, fmt.Errorf("facet table: reader %T is not a scorch snapshot", sctx.IndexReader)
		}
		rows, view, err := t.snapshot(snap)
		if err != nil {
			return nil, false, err
		}
		keep := prepare(view)
		next, loadID, err := collector.MakeTopNDocumentMatchHandler(sctx)
		if err != nil {
			return nil, false, err
		}
		return func(d *bsearch.DocumentMatch) error {
			if d != nil && !keep(rows.row(d.IndexInternalID.Value())) {
				sctx.DocumentMatchPool.Put(d)
				return nil
			}
			if d != nil {
				kept++
			}
			return next(d)
		}, loadID, nil
	}
	ctx = context.WithValue(ctx, bsearch.MakeDocumentMatchHandlerKey, bsearch.MakeDocumentMatchHandler(maker))
	res, err := bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	res.Total = kept
	return res, nil
}

// snapRows finds a snapshot's document rows by global document number.
type snapRows struct {
	offsets []uint64 // first global number of each segment
	segs    []*segRows
}

func (s *snapRows) row(n uint64) FacetRow {
	i := sort.Search(len(s.offsets), func(i int) bool { return s.offsets[i] > n }) - 1
	if i < 0 {
		return FacetRow{}
	}
	return s.segs[i].row(n - s.offsets[i])
}

// snapshot returns the rows of every segment of snap, reading those not
// seen before, and the dictionary they use.
func (t *FacetTable) snapshot(snap *scorch.IndexSnapshot) (*snapRows, FacetView, error) {
	ss := snap.Segments()
	out := &snapRows{offsets: make([]uint64, len(ss)), segs: make([]*segRows, len(ss))}
	var running uint64
	t.mu.RLock()
	missing := false
	for i, s := range ss {
		out.offsets[i] = running
		running += s.Segment().Count()
		out.segs[i] = t.segs[s.Segment()]
		missing = missing || out.segs[i] == nil
	}
	view := FacetView{t: t, dict: t.dict}
	t.mu.RUnlock()
	if !missing {
		return out, view, nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	live := make(map[segment.Segment]bool, len(ss))
	for i, s := range ss {
		seg := s.Segment()
		live[seg] = true
		if out.segs[i] = t.segs[seg]; out.segs[i] != nil {
			continue
		}
		rows, err := t.readSegment(seg)
		if err != nil {
			return nil, FacetView{}, err
		}
		t.segs[seg], out.segs[i] = rows, rows
	}
	// Merged-away segments go; a search still on an older snapshot keeps
	// its own references.
	for seg := range t.segs {
		if !live[seg] {
			delete(t.segs, seg)
		}
	}
	return out, FacetView{t: t, dict: t.dict}, nil
}
