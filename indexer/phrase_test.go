package indexer

import (
	"context"
	"math"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/rightsearch/rightsearch/query"
)

// TestPhraseQueryFindsAndScoresAsBleve runs each q twice on the test
// index, with phraseQuery (textQuery) and with Bleve's phrase search
// (locationQuery), and wants the same hits in the same order with the
// same scores.
func TestPhraseQueryFindsAndScoresAsBleve(t *testing.T) {
	e := mustQueryEnv(t)
	ctx := context.Background()
	found := 0
	for _, q := range []string{
		`"sentinel artifact"`, `"artifact sentinel"`, `"behind by the implant"`, `"behind the implant"`,
		`"called bluewhistle left"`, `"Ahmed Mansoor"`, `"NSO Group"`, `"human rights"`,
		`"human rights" Mexico`, `+"spyware" "mobile phone"`, `"Million Dollar Dissident"`,
		`"periodistas mexicanos"`, `"the the"`, `"Pegasus spyware" -Android`,
	} {
		pq, err := query.ParseQuery(q)
		if err != nil {
			t.Fatal(err)
		}
		ask := func(useBleve bool) *bleve.SearchResult {
			bq := e.q.tr.textQuery(pq)
			if useBleve {
				bq = e.q.tr.locationQuery(pq)
			}
			req := bleve.NewSearchRequestOptions(bq, 100, 0, false)
			res, err := e.ix.Search(ctx, req)
			if err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			return res
		}
		ours, theirs := ask(false), ask(true)
		if ours.Total > 0 {
			found++
		}
		if ours.Total != theirs.Total || len(ours.Hits) != len(theirs.Hits) {
			t.Errorf("%s: %d hits, Bleve's phrase search %d", q, ours.Total, theirs.Total)
			continue
		}
		for i := range ours.Hits {
			a, b := ours.Hits[i], theirs.Hits[i]
			if a.ID != b.ID || math.Abs(a.Score-b.Score) > 1e-9*math.Max(1, b.Score) {
				t.Errorf("%s: hit %d is %s (%.6f), Bleve's phrase search %s (%.6f)", q, i, a.ID, a.Score, b.ID, b.Score)
			}
		}
	}
	if found < 8 {
		t.Errorf("only %d of the phrases found anything: the comparison says little", found)
	}
}
