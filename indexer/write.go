package indexer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	rightsearch "github.com/rightsearch/rightsearch"
)

// Put stores docs and indexes them into the live generation as one batch.
// Each must already be normalized.
func (ix *Index) Put(ctx context.Context, docs []rightsearch.Document) error {
	if len(docs) == 0 {
		return nil
	}
	ids := make([]string, len(docs))
	for i := range docs {
		ids[i] = docs[i].ID
	}
	journal, err := writeJournal(ix.journalPath(), ids)
	if err != nil {
		return err
	}
	if err := ix.store.putBatch(docs); err != nil {
		return err
	}
	if err := ix.indexLive(ctx, docs, nil); err != nil {
		return err
	}
	if err := os.Remove(journal); err != nil {
		return fmt.Errorf("put: %w", err)
	}
	return nil
}

// Queue stores docs and leaves a journal for the process that holds the
// index (a running serve), which indexes them within a second. It is what
// import and crawl do when they are not the writer.
func Queue(ctx context.Context, dataDir string, docs []rightsearch.Document) error {
	if len(docs) == 0 {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	store, err := NewStore(filepath.Join(dataDir, "docs"))
	if err != nil {
		return err
	}
	if err := store.putBatch(docs); err != nil {
		return err
	}
	dir := filepath.Join(dataDir, "index", journalDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("queue: %w", err)
	}
	ids := make([]string, len(docs))
	for i := range docs {
		ids[i] = docs[i].ID
	}
	_, err = writeJournal(dir, ids)
	return err
}
