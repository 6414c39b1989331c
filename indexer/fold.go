package indexer

import (
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/registry"
)

// foldFilterName folds diacritics (Ríodoce → Riodoce, Masārīr → Masarir)
// token by token. Bleve's asciifolding char filter does the same before
// tokenizing, but it shortens the text and so shifts every offset after a
// folded character, which breaks highlighting; a token filter keeps them.
const foldFilterName = "rs_fold_tokens"

type foldFilter struct {
	f *asciifolding.AsciiFoldingFilter
}

func (ff foldFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		if !isASCII(t.Term) {
			t.Term = ff.f.Filter(t.Term)
		}
	}
	return in
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// registerFold adds the fold filter to Bleve's registry of token
// filters, which is process-wide: mappings name their filters there.
// Done once, when the first mapping is built, not at package load.
var registerFold = sync.OnceValue(func() error {
	err := registry.RegisterTokenFilter(foldFilterName, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return foldFilter{asciifolding.New()}, nil
	})
	if err != nil {
		return fmt.Errorf("register %s: %w", foldFilterName, err)
	}
	return nil
})
