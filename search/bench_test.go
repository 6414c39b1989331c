package search

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/rightsearch/rightsearch/query"

	rightsearch "github.com/rightsearch/rightsearch"
)

// benchQueries are one of each kind the API sees, all with every facet.
var benchQueries = []struct{ name, params string }{
	{"match", "q=pegasus+journalist"},
	{"phrase", "q=%22forensic+method%22"},
	{"filtered", "q=spyware&org=Citizen+Lab&type=report"},
	{"date", "q=mansoor&from=2016&to=2019-06"},
	{"all", "q="},
	{"boolean", "q=%22Ahmed+Mansoor%22+AND+%28Pegasus+OR+NSO%29+NOT+Android"},
	{"fuzzy-range", "q=Kashoggi~+published:%5B2018+TO+2019-06%5D+title:report*"},
}

// paged body with 200 matched spans.
func BenchmarkSnippets(b *testing.B) {
	var sb strings.Builder
	for i := 0; sb.Len() < 64<<10; i++ {
		sb.WriteString("the implant reported to its operator through a chain of servers ")
		if i%40 == 39 {
			sb.WriteByte(rightsearch.PageBreak)
		}
	}
	text := sb.String()
	var spans []span
	for off := 0; len(spans) < 200; {
		i := strings.Index(text[off:], "operator")
		if i < 0 {
			break
		}
		spans = append(spans, span{off + i, off + i + len("operator")})
		off += i + 300
	}
	work := make([]span, len(spans))
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		copy(work, spans) // snippets sorts its spans in place
		if frags, _ := snippets(text, work); len(frags) == 0 {
			b.Fatal("no snippets")
		}
	}
}

// BenchmarkSearch measures Searcher.Search with every facet and snippets
// on the small test index (seeds and fixtures).
func BenchmarkSearch(b *testing.B) {
	s := mustEnv(b).s
	ctx := context.Background()
	for _, bq := range benchQueries {
		v, _ := url.ParseQuery(bq.params)
		r, err := query.ParseRequest(v)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(bq.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.Search(ctx, r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
