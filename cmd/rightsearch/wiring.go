package main

import (
	"context"
	"path/filepath"

	"github.com/rightsearch/rightsearch/seeds"
	"github.com/rightsearch/rightsearch/web"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/crawl"
	"github.com/rightsearch/rightsearch/indexer"
	"github.com/rightsearch/rightsearch/search"
)

func newSearcher(ix *indexer.Index) *search.Searcher {
	return search.New(ix, search.Options{})
}

// rawArchive reads a document's archived payload from data/archive.
func rawArchive(data string) web.RawFunc {
	return func(ctx context.Context, d rightsearch.Document) (string, []byte, error) {
		return crawl.ReadPayload(ctx, filepath.Join(data, "archive"), d.Provenance.WARC, d.Provenance.WARCOffset)
	}
}

// indexOptions are the index's options as every command sets them up:
// the embedded seeds and the default tagger over their targets are made
// here, once per command, and handed to the indexer.
func indexOptions(e env, data string, batch int) indexer.Options {
	return indexer.Options{DataDir: data, Logger: e.log, BatchSize: batch, Seeds: seeds.MustLoad()}
}
