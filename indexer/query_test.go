package indexer

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2"
	rightsearch "github.com/rightsearch/rightsearch"
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

// TestPatternPastTheBoundIsTooBroad: a prefix expanding to more index
// words than MaxExpansion fails with query.ErrTooBroad (a 400), not a
// slow answer, once the commands' LimitExpansions is in force.
func TestPatternPastTheBoundIsTooBroad(t *testing.T) {
	LimitExpansions()
	ctx := context.Background()
	ix, err := Open(ctx, Options{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var b strings.Builder
	for i := range MaxExpansion + 100 {
		fmt.Fprintf(&b, "zqw%05d ", i)
	}
	if err := ix.Put(ctx, []rightsearch.Document{{ID: "many-words", Title: "Many words", Body: b.String(), Language: "en"}}); err != nil {
		t.Fatal(err)
	}
	q := ix.Querier(Expansions{})
	for _, tc := range []struct {
		q     string
		broad bool
	}{{"zqw*", true}, {"zqw0001*", false}} {
		r, err := query.ParseRequest(url.Values{"q": {tc.q}})
		if err != nil {
			t.Fatal(err)
		}
		_, err = q.Search(ctx, r)
		if got := errors.Is(err, query.ErrTooBroad); got != tc.broad {
			t.Errorf("%s: error %v, want too broad %v", tc.q, err, tc.broad)
		}
	}
}
