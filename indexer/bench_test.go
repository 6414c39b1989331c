package indexer

import (
	"context"
	"fmt"
	"strings"
	"testing"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/seeds"
)

// benchWords is our own vocabulary for synthetic report text, with a few
// names the entity gazetteers know, so tagging finds something.
var benchWords = strings.Fields(`the investigators found that the phone of a
journalist in Mexico had been infected with Pegasus spyware sold by NSO Group
after a text message carried a link to a domain controlled by the operator
researchers at the laboratory confirmed the infection by forensic analysis of
the device backups and traced the server to infrastructure used in several
countries including the United Arab Emirates and Saudi Arabia while lawyers
asked the court to order disclosure of contracts with government agencies`)

// benchText is about n bytes of synthetic English prose.
func benchText(n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString(benchWords[(i*7)%len(benchWords)])
		if i%23 == 22 {
			b.WriteString(". ")
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func benchDoc(i int, lang string, bodyBytes int) rightsearch.Document {
	return rightsearch.Document{ID: fmt.Sprintf("bench-%06d", i), Title: "Synthetic report " + fmt.Sprint(i),
		Body: benchText(bodyBytes), Organization: "Bench Lab", Type: "report", Language: lang,
		Published:  rightsearch.Date{Year: 2000 + i%25, Month: 1 + i%12, Day: 1 + i%28},
		Provenance: &rightsearch.Provenance{Source: rightsearch.SourceImport}}
}

// BenchmarkFields measures turning an already tagged Document into the
// Bleve field map.
func BenchmarkFields(b *testing.B) {
	t, err := NewTagger(seeds.MustLoad().Targets)
	if err != nil {
		b.Fatal(err)
	}
	d := benchDoc(1, "en", 16<<10)
	t.Apply(&d)
	aliases := func(name string) []string {
		if tg, ok := t.Target(name); ok {
			return tg.Aliases
		}
		return nil
	}
	fs := rightsearch.DefaultFacets()
	b.ReportAllocs()
	for b.Loop() {
		_ = fields(&d, aliases, fs)
	}
}

// BenchmarkPrepare measures entity tagging plus the field map for a
// 16 KB document, with its language given and left to be detected (what
// an import without "language" pays).
func BenchmarkPrepare(b *testing.B) {
	t, err := NewTagger(seeds.MustLoad().Targets)
	if err != nil {
		b.Fatal(err)
	}
	for _, lang := range []string{"en", ""} {
		name := "language=" + lang
		if lang == "" {
			name = "language=detected"
		}
		b.Run(name, func(b *testing.B) {
			src := benchDoc(1, lang, 16<<10)
			b.SetBytes(int64(len(src.Body)))
			b.ReportAllocs()
			for b.Loop() {
				d := src
				_ = prepare(&d, t, rightsearch.DefaultFacets())
			}
		})
	}
}

// BenchmarkPut measures Index.Put (journal, store, tagging, one Bleve
// batch) of batches of 100 documents of 8 KB.
func BenchmarkPut(b *testing.B) {
	ix := mustOpen(b, b.TempDir())
	defer ix.Close()
	ctx := context.Background()
	const per = 100
	batch := make([]rightsearch.Document, per)
	n := 0
	b.SetBytes(per * 8 << 10)
	b.ReportAllocs()
	for b.Loop() {
		for i := range batch {
			batch[i] = benchDoc(n, "en", 8<<10)
			n++
		}
		if err := ix.Put(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkBuild measures Build (a new generation from the seeds and the
// store) over 1,000 stored documents of 8 KB: the generation path of the
// batcher that Put's live path shares.
func BenchmarkBuild(b *testing.B) {
	dir := b.TempDir()
	ix := mustOpen(b, dir)
	ctx := context.Background()
	const n = 1000
	batch := make([]rightsearch.Document, 0, 100)
	for i := range n {
		batch = append(batch, benchDoc(i, "en", 8<<10))
		if len(batch) == cap(batch) {
			if err := ix.Put(ctx, batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	if err := ix.Close(); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(n * 8 << 10)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(ctx, Options{DataDir: dir}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}
