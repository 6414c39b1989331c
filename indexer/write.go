package indexer

import (
	"context"
	"fmt"
	"log/slog"
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

// staged is one write to the live generation: documents (with their
// fields when Put prepared them ahead), ids no longer stored, and the
// journal that names them, removed once they are in the index.
type staged struct {
	journal string // "" when nothing journals the write
	docs    []rightsearch.Document
	fields  []map[string]any // nil, or docs' prepared fields
	gone    []string
}

// stage is the first half of Put: journal, store, tag. It can run while
// the previous batch's commit is in Bleve.
func (ix *Index) stage(ctx context.Context, docs []rightsearch.Document) (*staged, error) {
	docs, err := dropDeletedCrawls(ix.opts.DataDir, ix.opts.Logger, docs)
	if err != nil {
		return nil, err
	}
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
	tombs, err := readd(ix.opts.DataDir, ix.opts.Logger, ids)
	if err != nil {
		return nil, err
	}
	ix.tombs.set(tombs)
	// Tagging changes the documents: tag copies, the caller's are its own.
	st := &staged{journal: journal,
		docs: make([]rightsearch.Document, len(docs)), fields: make([]map[string]any, len(docs))}
	copy(st.docs, docs)
	prepareAll(st.docs, st.fields, ix.opts.Tagger, ix.opts.Facets)
	return st, nil
}

// commit is where every live write ends (the second half of Put, journal
// replay, reconcile, a generation switch): it indexes st into the live
// generation through a batcher, notes its documents as indexed live, and
// only then drops its journal, so a crash before that replays it.
func (ix *Index) commit(ctx context.Context, st *staged) error {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	b := newBatcher(ix.live, ix.opts)
	for i := range st.docs {
		var f map[string]any
		if st.fields != nil {
			f = st.fields[i]
		}
		if err := b.add(ctx, st.docs[i], f); err != nil {
			return err
		}
	}
	for _, id := range st.gone {
		b.remove(id)
	}
	if err := b.flush(); err != nil {
		return err
	}
	ix.noteLive(st.docs, st.gone)
	if st.journal == "" {
		return nil
	}
	if err := os.Remove(st.journal); err != nil {
		return fmt.Errorf("remove journal: %w", err)
	}
	return nil
}

// Queue stores docs and leaves a journal for the process that holds the
// index (a running serve), which indexes them within a second. It is what
// import and crawl do when they are not the writer. A deleted id among
// them is re-added, unless a crawl fetched it (delete.go).
func Queue(ctx context.Context, dataDir string, docs []rightsearch.Document) error {
	return queue(ctx, dataDir, slog.New(slog.DiscardHandler), docs)
}

func queue(ctx context.Context, dataDir string, log *slog.Logger, docs []rightsearch.Document) error {
	docs, err := dropDeletedCrawls(dataDir, log, docs)
	if err != nil || len(docs) == 0 {
		return err
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
	ids := make([]string, len(docs))
	for i := range docs {
		ids[i] = docs[i].ID
	}
	if _, err := readd(dataDir, log, ids); err != nil {
		return err
	}
	dir := filepath.Join(dataDir, "index", journalDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("queue: %w", err)
	}
	_, err = writeJournal(dir, ids)
	return err
}
