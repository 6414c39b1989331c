package indexer

import (
	"context"
	"fmt"
	"maps"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	rightsearch "github.com/rightsearch/rightsearch"
)

// tableCounts runs q through the facet table, keeping every match, and
// counts each "facet\x1fvalue" it sees.
func tableCounts(t *testing.T, ix *Index, q query.Query) (map[string]int, uint64) {
	t.Helper()
	counts := map[string]int{}
	req := bleve.NewSearchRequestOptions(q, 0, 0, false)
	res, err := ix.SearchFacets(context.Background(), req, func(v FacetView) func(FacetRow) bool {
		return func(r FacetRow) bool {
			for _, o := range r.Ords {
				e := v.Entry(o)
				counts[FacetValue(e.Facet, e.Value)]++
			}
			return true
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return counts, res.Total
}

// bleveCounts counts the same with Bleve's own term facet over the doc
// values of FieldFacets: the reference the table must agree with.
func bleveCounts(t *testing.T, ix *Index, q query.Query) (map[string]int, uint64) {
	t.Helper()
	req := bleve.NewSearchRequestOptions(q, 0, 0, false)
	req.AddFacet("f", bleve.NewFacetRequest(FieldFacets, 100000))
	res, err := ix.Search(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, tf := range res.Facets["f"].Terms.Terms() {
		counts[tf.Term] = tf.Count
	}
	return counts, res.Total
}

func bodyQuery(word string) query.Query {
	q := bleve.NewTermQuery(word)
	q.SetField(FieldBody)
	return q
}

func TestFacetTableCountsAsBleveDoes(t *testing.T) {
	ix := mustOpen(t, t.TempDir())
	defer ix.Close()
	ctx := context.Background()
	// Several batches make several segments; the later ones update and
	// so delete documents of the earlier ones.
	for batch := 0; batch < 4; batch++ {
		var docs []rightsearch.Document
		for i := 0; i < 30; i++ {
			d := doc(fmt.Sprintf("ft-%d", (batch*20+i)%70), fmt.Sprintf("batch round%d spyware text", batch))
			d.Organization = []string{"Citizen Lab", "Amnesty International", "Lookout"}[(i+batch)%3]
			d.Targets = []string{[]string{"Ahmed Mansoor", "Omar Abdulaziz"}[i%2]}
			d.Published = rightsearch.MustDate(fmt.Sprintf("%d", 2015+i%5))
			docs = append(docs, d)
		}
		if err := ix.Put(ctx, docs); err != nil {
			t.Fatal(err)
		}
		for _, q := range []query.Query{bleve.NewMatchAllQuery(), bodyQuery("batch"),
			bodyQuery(fmt.Sprintf("round%d", batch))} {
			got, gotN := tableCounts(t, ix, q)
			want, wantN := bleveCounts(t, ix, q)
			if gotN == 0 || gotN != wantN || !maps.Equal(got, want) {
				t.Fatalf("batch %d, %v: table counted %d hits %v,\nBleve %d hits %v", batch, q, gotN, got, wantN, want)
			}
		}
	}
	if n := len(ix.facets.segs); n > 16 {
		t.Errorf("table holds %d segments after 4 batches: merged-away segments are kept", n)
	}
}

func TestFacetTableRowsCarryDatePeriods(t *testing.T) {
	ix := mustOpen(t, t.TempDir())
	defer ix.Close()
	ctx := context.Background()
	month := doc("ft-month", "dated text")
	month.Published = rightsearch.MustDate("2019-05")
	undated := doc("ft-undated", "dated text")
	undated.Published = rightsearch.Date{}
	if err := ix.Put(ctx, []rightsearch.Document{month, undated}); err != nil {
		t.Fatal(err)
	}
	rows := map[bool][]FacetRow{}
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery([]string{"ft-month", "ft-undated"}), 10, 0, false)
	_, err := ix.SearchFacets(ctx, req, func(FacetView) func(FacetRow) bool {
		return func(r FacetRow) bool {
			rows[r.Dated] = append(rows[r.Dated], r)
			return true
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows[true]) != 1 || len(rows[false]) != 1 {
		t.Fatalf("rows by dated: %d dated, %d undated; want 1 and 1", len(rows[true]), len(rows[false]))
	}
	r := rows[true][0]
	if r.Start != month.Published.Start().UnixNano() || r.End != month.Published.End().UnixNano() {
		t.Errorf("dated row spans %d..%d, want the period of %s", r.Start, r.End, month.Published)
	}
}
