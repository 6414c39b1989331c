package indexer

import (
	"context"
	"net/url"
	"os"
	"slices"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/rightsearch/rightsearch/query"
)

// queryEnv is one real on-disk index of the seeds and the search
// package's fixtures, with a Querier, shared by the query tests.
type queryEnv struct {
	ix *Index
	q  *Querier
}

var (
	qenvOnce sync.Once
	qenv     *queryEnv
	qenvErr  error
)

func mustQueryEnv(tb testing.TB) *queryEnv {
	tb.Helper()
	qenvOnce.Do(func() {
		LimitExpansions()
		dir, err := os.MkdirTemp("", "rightsearch-indexer-query-")
		if err != nil {
			qenvErr = err
			return
		}
		ctx := context.Background()
		ix, err := Open(ctx, Options{DataDir: dir})
		if err != nil {
			qenvErr = err
			return
		}
		f, err := os.Open("../internal/testenv/fixtures.jsonl")
		if err != nil {
			qenvErr = err
			return
		}
		defer f.Close()
		if _, qenvErr = Import(ctx, f, 100, ix.Put, nil); qenvErr != nil {
			return
		}
		qenv = &queryEnv{ix: ix, q: ix.Querier(Expansions{})}
	})
	if qenvErr != nil {
		tb.Fatal(qenvErr)
	}
	return qenv
}

// search runs v's request through the Querier and returns its hit ids.
func (e *queryEnv) search(tb testing.TB, v url.Values) []string {
	tb.Helper()
	r, err := query.ParseRequest(v)
	if err != nil {
		tb.Fatal(err)
	}
	res, err := e.q.Search(context.Background(), r)
	if err != nil {
		tb.Fatal(err)
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	return ids
}

// TestDateFilterAgreesWithBleveRanges checks the date filter applied to
// the facet table's rows against the same bounds as Bleve range queries
// (DateFilter) on the test index.
func TestDateFilterAgreesWithBleveRanges(t *testing.T) {
	e := mustQueryEnv(t)
	for _, v := range []url.Values{
		{"from": {"2016"}}, {"to": {"2017-06"}}, {"from": {"2016-08"}, "to": {"2018"}},
		{"from": {"2018-10-02"}, "to": {"2018-10-02"}}, {"from": {"0002"}}, {"to": {"9999"}}, {"to": {"1500"}},
	} {
		r, err := query.ParseRequest(v)
		if err != nil {
			t.Fatal(err)
		}
		v.Set("size", "100")
		ours := e.search(t, v)
		req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(dateFilter(&r)...), 100, 0, false)
		res, err := e.ix.Search(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		var theirs []string
		for _, h := range res.Hits {
			theirs = append(theirs, h.ID)
		}
		slices.Sort(ours)
		slices.Sort(theirs)
		if !slices.Equal(ours, theirs) {
			t.Errorf("%s: table rows give %v,\nBleve ranges %v", v.Encode(), ours, theirs)
		}
	}
}
