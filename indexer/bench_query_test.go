package indexer

import (
	"net/url"
	"testing"

	"github.com/rightsearch/rightsearch/query"
)

// translateQueries are one of each kind the API sees.
var translateQueries = []struct{ name, q string }{
	{"match", "pegasus journalist"},
	{"phrase", `"forensic method"`},
	{"required", "+spyware -android report"},
	{"prefix", "surveil*"},
	{"boolean", `"Ahmed Mansoor" AND (Pegasus OR NSO) NOT Android`},
	{"fuzzy-range", "Kashoggi~ published:[2018 TO 2019-06] title:report*"},
}

// BenchmarkTranslate measures the query language's cost per query:
// parsing q to its tree, simplifying it and translating it to Bleve
// queries (without the engine's name spellings).
func BenchmarkTranslate(b *testing.B) {
	tr := mustQueryEnv(b).q.tr
	for _, bq := range translateQueries {
		v := url.Values{"q": {bq.q}}
		b.Run(bq.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r, err := query.ParseRequest(v)
				if err != nil {
					b.Fatal(err)
				}
				_ = tr.textQuery(r.Query)
			}
		})
	}
}
