package ingest_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/nlnwa/gowarc/v3"
	"github.com/rightsearch/rightsearch/ingest"
)

// BenchmarkReadWARC reads a gzipped WARC of 200 report pages, each with
// its request record and a stylesheet: the figure is archive bytes and
// documents per second, extraction included.
func BenchmarkReadWARC(b *testing.B) {
	var recs []warcRec
	for i := range 200 {
		u := fmt.Sprintf("https://example.org/reports/%d", i)
		recs = append(recs,
			warcRec{typ: gowarc.Request, url: u, at: captured},
			warcRec{typ: gowarc.Response, url: u, at: captured, head: response(200, "text/html"), body: reportPage(fmt.Sprintf("Report %d", i), "Report", fmt.Sprintf("word%d", i))},
			warcRec{typ: gowarc.Response, url: u + ".css", at: captured, head: response(200, "text/css"), body: []byte(fmt.Sprintf("p{margin:%dpx}", i))})
	}
	data, _ := buildWARC(b, warcFile{version: gowarc.V1_1, digest: "sha256", gzip: true}, recs)
	f := fileFor(b, b.TempDir(), "bench.warc.gz", data)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		n := 0
		if err := ingest.ReadWARC(context.Background(), f, func(ingest.Item) error { n++; return nil }); err != nil || n != 200 {
			b.Fatalf("%d documents, %v", n, err)
		}
	}
	b.ReportMetric(float64(200*b.N)/b.Elapsed().Seconds(), "docs/s")
}
