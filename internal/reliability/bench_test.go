package reliability

import (
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rightsearch/rightsearch/web"

	"github.com/rightsearch/rightsearch/indexer"
	"github.com/rightsearch/rightsearch/search"
)

// BenchmarkHostileQueries measures what queries within every documented
// limit (1,000 characters) cost, beside an ordinary one, over 500
// synthetic documents and the seeds: the cost an anonymous client can
// make the server pay per request.
func BenchmarkHostileQueries(b *testing.B) {
	data := b.TempDir()
	file := filepath.Join(b.TempDir(), "corpus.jsonl")
	writeCorpus(b, file, 500, 120)
	runCLI(b.Context(), b, "import", "--data", data, file)
	ix, err := indexer.Open(b.Context(), indexer.Options{DataDir: data})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	h := web.NewServer(web.Config{Engine: search.New(ix, search.Options{})})
	for _, c := range []struct{ name, q string }{
		{"word", "surveillance"},
		{"prefix", "a*"},
		{"300-same-prefix", strings.Repeat("a* ", 300)},
		{"300-required-prefix", strings.Repeat("+a* ", 250)},
		{"120-words", strings.Repeat("pegasus ", 120)},
		{"50-phrases", strings.Repeat(`"a b c d e f g h" `, 50)},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				rec, _ := request(h, "/api/search", "q="+url.QueryEscape(c.q))
				if rec.Code != http.StatusOK {
					b.Fatalf("status %d: %.200s", rec.Code, rec.Body.String())
				}
			}
		})
	}
}
