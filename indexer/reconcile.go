package indexer

import (
	"context"
	"fmt"
)

// reconcile makes sure the live generation holds every stored (ids, as
// listed when opening) and seed document. Journals cover every write
// path, so this is a last check; it is cheap (two counts) unless the
// counts differ.
func (ix *Index) reconcile(ctx context.Context, ids []string) error {
	deleted, _, err := readTombstones(ix.opts.DataDir)
	if err != nil {
		return fmt.Errorf("reconcile: %w", err)
	}
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	for _, d := range ix.seeds.All() {
		want[d.ID] = true
	}
	for id := range deleted {
		delete(want, id)
	}
	if n := ix.Count(); n == uint64(len(want)) {
		return nil
	}
	var missing []string
	ix.mu.RLock()
	for id := range want {
		if d, err := ix.live.Document(id); err == nil && d == nil {
			missing = append(missing, id)
		}
	}
	// A deleted id still indexed: a crash between tombstone and removal.
	for id := range deleted {
		if d, err := ix.live.Document(id); err == nil && d != nil {
			missing = append(missing, id) // reindex removes it
		}
	}
	ix.mu.RUnlock()
	if len(missing) == 0 {
		return nil
	}
	ix.opts.Logger.Warn("index lacks stored documents; indexing them", "count", len(missing))
	for start := 0; start < len(missing); start += ix.opts.BatchSize {
		end := min(start+ix.opts.BatchSize, len(missing))
		if err := ix.reindex(ctx, missing[start:end], ""); err != nil {
			return fmt.Errorf("reconcile: %w", err)
		}
	}
	return nil
}
