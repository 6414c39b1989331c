package indexer

import (
	"context"
	"errors"
	"time"

	rightsearch "github.com/rightsearch/rightsearch"
)

// Writer takes new documents from import and crawl. If this process can be
// the index's writer it indexes them itself; if a serve holds the index it
// stores and queues them for it (the server indexes them within a second);
// if another import holds it, it waits its turn.
type Writer struct {
	ix      *Index // nil when queueing
	dataDir string
}

// OpenWriter opens the index for writing, or a queue when serverRunning
// reports a serve that holds it.
func OpenWriter(ctx context.Context, opts Options, serverRunning func() bool) (*Writer, error) {
	opts.defaults()
	for wait := 100 * time.Millisecond; ; wait = min(2*wait, 2*time.Second) {
		ix, err := Open(ctx, opts)
		if err == nil {
			return &Writer{ix: ix, dataDir: opts.DataDir}, nil
		}
		if !errors.Is(err, ErrLocked) {
			return nil, err
		}
		if serverRunning() {
			return &Writer{dataDir: opts.DataDir}, nil
		}
		opts.Logger.Info("index is busy; waiting for the other writer", "retry_in", wait)
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(wait):
		}
	}
}

// Queued reports whether documents go to a running server.
func (w *Writer) Queued() bool { return w.ix == nil }

// Put stores and indexes (or queues) a batch of normalized documents.
func (w *Writer) Put(ctx context.Context, docs []rightsearch.Document) error {
	if w.ix == nil {
		return Queue(ctx, w.dataDir, docs)
	}
	return w.ix.Put(ctx, docs)
}

// Close releases the index if this Writer opened it.
func (w *Writer) Close() error {
	if w.ix == nil {
		return nil
	}
	return w.ix.Close()
}
