package indexer

import (
	"context"
	"errors"
	"fmt"
	"time"

	rightsearch "github.com/rightsearch/rightsearch"
)

// Writer takes new documents from import and crawl. If this process can be
// the index's writer it indexes them itself; if a serve holds the index it
// stores and queues them for it (the server indexes them within a second);
// if another import holds it, it waits its turn.
//
// Writing is pipelined: Put stores and tags a batch, then hands it to Bleve
// in the background and returns, so the next batch is stored and tagged
// while this one is indexed. An indexing error comes back from the next
// Put, Flush or Close.
type Writer struct {
	ix        *Index // nil when queueing
	dataDir   string
	opts      Options    // with defaults, for queueing
	committed chan error // the batch in Bleve, if any
}

// OpenWriter opens the index for writing, or a queue when serverRunning
// reports a serve that holds it.
func OpenWriter(ctx context.Context, opts Options, serverRunning func() bool) (*Writer, error) {
	if err := opts.defaults(); err != nil {
		return nil, fmt.Errorf("open writer: %w", err)
	}
	for wait := 100 * time.Millisecond; ; wait = min(2*wait, 2*time.Second) {
		ix, err := Open(ctx, opts)
		if err == nil {
			return &Writer{ix: ix, dataDir: opts.DataDir, opts: opts}, nil
		}
		if !errors.Is(err, ErrLocked) {
			return nil, err
		}
		if serverRunning() {
			return &Writer{dataDir: opts.DataDir, opts: opts}, nil
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
		return queue(ctx, w.dataDir, w.opts.Logger, docs)
	}
	st, err := w.ix.stage(ctx, docs)
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	if err != nil || st == nil {
		return err
	}
	done := make(chan error, 1)
	w.committed = done
	go func() { done <- w.ix.commit(ctx, st) }()
	return nil
}

// Delete removes ids from the store and the index, or has the running
// server remove them (within a second), and tombstones them (delete.go).
// It returns the ids deleted; unknown ones are a *NotFoundError.
func (w *Writer) Delete(ctx context.Context, ids []string) ([]string, error) {
	if err := w.Flush(); err != nil {
		return nil, err
	}
	if w.ix == nil {
		return QueueDelete(ctx, w.opts, ids)
	}
	return w.ix.Delete(ctx, ids)
}

// Flush waits until every batch given to Put is indexed.
func (w *Writer) Flush() error {
	if w.committed == nil {
		return nil
	}
	err := <-w.committed
	w.committed = nil
	return err
}

// Close flushes and releases the index if this Writer opened it.
func (w *Writer) Close() error {
	err := w.Flush()
	if w.ix != nil {
		if cerr := w.ix.Close(); err == nil {
			err = cerr
		}
	}
	return err
}
