package indexer

import (
	"context"
	"fmt"
	"path/filepath"
	"time"
)

// Watch keeps a serving Index current until ctx ends: every interval it
// indexes documents that import or crawl queued, and switches to a new
// generation when `rightsearch index` has replaced CURRENT. Queries keep
// being answered throughout.
func (ix *Index) Watch(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if err := ix.Refresh(ctx); err != nil && ctx.Err() == nil {
			ix.opts.Logger.Error("refresh index", "err", err)
		}
	}
}

// Refresh does one round of Watch's work.
func (ix *Index) Refresh(ctx context.Context) error {
	gen, err := readCurrent(ix.indexDir)
	if err != nil {
		return err
	}
	if gen != "" && gen != ix.Generation() {
		if err := ix.switchTo(ctx, gen); err != nil {
			return err
		}
	}
	return ix.replayJournals(ctx)
}

// switchTo makes gen the live generation. Documents indexed live since the
// new generation's build started are indexed into it first, so none is
// lost by the switch.
func (ix *Index) switchTo(ctx context.Context, gen string) error {
	bi, m, err := openGeneration(filepath.Join(ix.indexDir, gen))
	if err != nil {
		return fmt.Errorf("switch to %s: %w", gen, err)
	}
	ix.liveMu.Lock()
	var ids []string
	for _, e := range ix.liveLog {
		if !e.at.Before(m.StartedAt) {
			ids = append(ids, e.id)
		}
	}
	ix.liveLog = nil
	ix.liveMu.Unlock()

	ix.mu.Lock()
	old, oldGen := ix.live, ix.gen
	ix.live, ix.gen = bi, gen
	ix.version.Add(1)
	ix.mu.Unlock()
	if err := old.Close(); err != nil {
		ix.opts.Logger.Warn("close old generation", "gen", oldGen, "err", err)
	}
	ix.removeOldGenerations()
	ix.opts.Logger.Info("switched index generation", "from", oldGen, "to", gen, "replayed", len(ids))
	if len(ids) > 0 {
		return ix.reindex(ctx, ids, "")
	}
	return nil
}
