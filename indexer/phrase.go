package indexer

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/scorer"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// phraseQuery matches Terms at their Offsets (positions after the first
// term's; a gap is a removed stop word) in Field, and scores a match as
// Bleve's phrase search does: the sum of each term's TF-IDF score. It
// finds what Bleve's phrase search finds at a third of the cost or less:
// Bleve copies every candidate's word positions into maps and searches
// them for paths, which was two thirds of a phrase query's time; this
// walks the positions of the few terms in step. It gives no match
// locations, so highlighting asks Bleve's phrase search (locationQuery).
type phraseQuery struct {
	Field   string   `json:"field"`
	Terms   []string `json:"terms"`
	Offsets []uint64 `json:"offsets"`
	Boost   float64  `json:"boost"`
	// Slop lets each term stand up to Slop positions from its offset
	// ("a b"~3 finds "a x y b"), in either direction.
	Slop uint64 `json:"slop,omitempty"`
}

// Searcher implements Bleve's query.Query.
func (q *phraseQuery) Searcher(ctx context.Context, r index.IndexReader, _ mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	if len(q.Terms) == 0 || len(q.Terms) != len(q.Offsets) {
		return searcher.NewMatchNoneSearcher(r)
	}
	docTotal, err := r.DocCount()
	if err != nil {
		return nil, fmt.Errorf("phrase %v: %w", q.Terms, err)
	}
	s := &phraseSearcher{offsets: q.Offsets, slop: q.Slop}
	for _, term := range q.Terms {
		if err := bsearch.RecordTermSearcher(ctx); err != nil {
			s.Close()
			return nil, err
		}
		tfr, err := r.TermFieldReader(ctx, []byte(term), q.Field, true, true, true)
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("phrase %v: %w", q.Terms, err)
		}
		s.readers = append(s.readers, tfr)
		s.scorers = append(s.scorers, scorer.NewTermQueryScorer([]byte(term), q.Field, q.Boost, docTotal, tfr.Count(), 0, opts))
		s.pre = append(s.pre, &index.TermFieldDoc{})
	}
	s.cur = make([]*index.TermFieldDoc, len(s.readers))
	return s, nil
}

// phraseSearcher walks its terms' postings in step (a conjunction) and
// keeps the documents where the positions line up.
type phraseSearcher struct {
	readers []index.TermFieldReader
	scorers []*scorer.TermQueryScorer
	offsets []uint64
	slop    uint64
	cur     []*index.TermFieldDoc // each reader's current posting; nil: exhausted
	pre     []*index.TermFieldDoc // reused postings
	target  index.IndexInternalID
	next    []int // per term, stands' first vector not yet passed
	started bool
	done    bool
}

func (s *phraseSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	if s.done {
		return nil, nil
	}
	var err error
	if !s.started {
		s.started = true
		for k, r := range s.readers {
			if s.cur[k], err = r.Next(s.pre[k]); err != nil || s.cur[k] == nil {
				s.done = true
				return nil, err
			}
		}
	} else if s.cur[0], err = s.readers[0].Next(s.pre[0]); err != nil || s.cur[0] == nil {
		s.done = true
		return nil, err
	}
	return s.align(ctx)
}

func (s *phraseSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	if s.done {
		return nil, nil
	}
	s.started = true
	var err error
	for k, r := range s.readers {
		if s.cur[k] == nil || s.cur[k].ID.Compare(id) < 0 {
			if s.cur[k], err = r.Advance(id, s.pre[k]); err != nil || s.cur[k] == nil {
				s.done = true
				return nil, err
			}
		}
	}
	return s.align(ctx)
}

// align moves every reader to the same document and returns the first
// such document where the phrase stands.
func (s *phraseSearcher) align(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	var err error
	for {
		s.target = append(s.target[:0], s.cur[0].ID...)
		for _, c := range s.cur[1:] {
			if c.ID.Compare(s.target) > 0 {
				s.target = append(s.target[:0], c.ID...)
			}
		}
		same := true
		for k, r := range s.readers {
			if s.cur[k].ID.Compare(s.target) < 0 {
				if s.cur[k], err = r.Advance(s.target, s.pre[k]); err != nil || s.cur[k] == nil {
					s.done = true
					return nil, err
				}
			}
			same = same && s.cur[k].ID.Equals(s.target)
		}
		if !same {
			continue
		}
		if s.stands() {
			return s.match(ctx), nil
		}
		if s.cur[0], err = s.readers[0].Next(s.pre[0]); err != nil || s.cur[0] == nil {
			s.done = true
			return nil, err
		}
	}
}

// stands reports whether, in the current document, some position of the
// first term has every other term at its offset (in the same array
// element). Positions come in increasing order.
func (s *phraseSearcher) stands() bool {
	if s.slop > 0 {
		return s.standsNear()
	}
	next := s.next[:0]
	for range s.cur {
		next = append(next, 0)
	}
	s.next = next
	for _, v0 := range s.cur[0].Vectors {
		all := true
		for k := 1; k < len(s.cur) && all; k++ {
			want := v0.Pos + s.offsets[k]
			vs := s.cur[k].Vectors
			for next[k] < len(vs) && vs[next[k]].Pos < want {
				next[k]++
			}
			found := false
			for j := next[k]; j < len(vs) && vs[j].Pos == want; j++ {
				found = found || samePositions(vs[j].ArrayPositions, v0.ArrayPositions)
			}
			all = found
		}
		if all {
			return true
		}
	}
	return false
}

// standsNear is stands with slop: every other term has a position within
// slop of the first term's position plus its offset.
func (s *phraseSearcher) standsNear() bool {
	for _, v0 := range s.cur[0].Vectors {
		all := true
		for k := 1; k < len(s.cur) && all; k++ {
			want := v0.Pos + s.offsets[k]
			lo := want - min(want, s.slop)
			found := false
			for _, v := range s.cur[k].Vectors {
				if v.Pos > want+s.slop {
					break
				}
				found = found || (v.Pos >= lo && samePositions(v.ArrayPositions, v0.ArrayPositions))
			}
			all = found
		}
		if all {
			return true
		}
	}
	return false
}

func samePositions(a, b []uint64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// match scores the current document as Bleve's conjunction of term
// searchers does: the sum of the terms' scores, added in order. The
// scorer would copy every position it is shown into the match; this
// searcher gives no locations, so it is shown none.
func (s *phraseSearcher) match(ctx *bsearch.SearchContext) *bsearch.DocumentMatch {
	var sum float64
	var rv *bsearch.DocumentMatch
	for k, sc := range s.scorers {
		vectors := s.cur[k].Vectors
		s.cur[k].Vectors = nil
		dm := sc.Score(ctx, s.cur[k])
		s.cur[k].Vectors = vectors
		sum += dm.Score
		if k == 0 {
			rv = dm
		} else {
			ctx.DocumentMatchPool.Put(dm)
		}
	}
	rv.Score = sum
	return rv
}

func (s *phraseSearcher) Close() error {
	var err error
	for _, r := range s.readers {
		if cerr := r.Close(); err == nil {
			err = cerr
		}
	}
	return err
}

func (s *phraseSearcher) Weight() float64 {
	var w float64
	for _, sc := range s.scorers {
		w += sc.Weight()
	}
	return w
}

func (s *phraseSearcher) SetQueryNorm(n float64) {
	for _, sc := range s.scorers {
		sc.SetQueryNorm(n)
	}
}

// Count is an upper bound: the rarest term's document count.
func (s *phraseSearcher) Count() uint64 {
	var n uint64
	for k, r := range s.readers {
		if c := r.Count(); k == 0 || c < n {
			n = c
		}
	}
	return n
}

func (s *phraseSearcher) Min() int { return 0 }

func (s *phraseSearcher) Size() int { return 64 + 48*len(s.readers) }

func (s *phraseSearcher) DocumentMatchPoolSize() int { return len(s.readers) + 1 }
