package ingest

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/ingest/fixture"
)

// BenchmarkAdd reads a folder of 1,000 small text files into a fresh
// data directory each time (the walk, hashing, sniffing, extraction, raw
// copies and ledger; no index).
func BenchmarkAdd(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "notes")
	files := map[string][]byte{}
	for i := range 1000 {
		files[fmt.Sprintf("d%02d/n%04d.txt", i%20, i)] = fmt.Appendf(nil, "Note %d\n\nStatement %d taken in the field.", i, i)
	}
	if err := fixture.Write(dir, files); err != nil {
		b.Fatal(err)
	}
	put := func(context.Context, []rightsearch.Document) error { return nil }
	for b.Loop() {
		sum, err := Add(context.Background(), []string{dir}, Options{DataDir: b.TempDir(), Put: put})
		if err != nil || sum.Added != 1000 {
			b.Fatalf("%v %+v", err, sum)
		}
	}
	b.ReportMetric(float64(b.N*1000)/b.Elapsed().Seconds(), "files/s")
}
