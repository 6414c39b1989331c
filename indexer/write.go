package indexer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	rightsearch "github.com/rightsearch/rightsearch"
)

// Put stores docs and indexes them into the live generation. Each must
// already be normalized.
func (ix *Index) Put(ctx context.Context, docs []rightsearch.Document) error {
	st, err := ix.stage(ctx, docs)
	if err != nil || st == nil {
		return err
	}
	return ix.commit(ctx, st)
}

// staged is a batch that is journaled, stored and tagged, ready for Bleve.
type staged struct {
	journal string
	docs    []rightsearch.Document
	fields  []map[string]any
}

// stage is the first half of Put: journal, store, tag. It can run while
// the previous batch's commit is in Bleve.
func (ix *Index) stage(ctx context.Context, docs []rightsearch.Document) (*staged, error) {
	if len(docs) == 0 {
		return nil, ctx.Err()
	}
	ids := make([]string, len(docs))
	for i := range docs {
		ids[i] = docs[i].ID
	}
	journal, err := writeJournal(ix.journalPath(), ids)
	if err != nil {
		return nil, err
	}
	if err := ix.store.putBatch(docs); err != nil {
		return nil, err
	}
	tagged := make([]rightsearch.Document, len(docs))
	copy(tagged, docs)
	return &staged{journal: journal, docs: tagged, fields: prepareAll(tagged, ix.opts.Tagger, ix.opts.Facets)}, nil
}

// commit is the second half of Put: index the staged batch (in Bleve
// batches of at most MaxBatchBytes) and drop its journal once durable.
func (ix *Index) commit(ctx context.Context, st *staged) error {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	for start := 0; start < len(st.docs); {
		if err := ctx.Err(); err != nil {
			return err
		}
		batch, size, end := ix.live.NewBatch(), 0, start
		for ; end < len(st.docs) && (end == start || size < MaxBatchBytes); end++ {
			if err := batch.Index(st.docs[end].ID, st.fields[end]); err != nil {
				return fmt.Errorf("index %s: %w", st.docs[end].ID, err)
			}
			size += textBytes(&st.docs[end])
		}
		if err := ix.live.Batch(batch); err != nil {
			return fmt.Errorf("index batch: %w", err)
		}
		start = end
	}
	ix.noteLive(st.docs)
	if err := os.Remove(st.journal); err != nil {
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
