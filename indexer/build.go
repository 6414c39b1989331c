package indexer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/gofrs/flock"
)

// Build indexes the seeds and every stored document into a new generation
// beside the live one and makes it live by replacing CURRENT. It needs no
// lock: a running serve notices CURRENT change and switches to it.
func Build(ctx context.Context, opts Options) (string, error) {
	if err := opts.defaults(); err != nil {
		return "", fmt.Errorf("build index: %w", err)
	}
	indexDir := filepath.Join(opts.DataDir, "index")
	if err := os.MkdirAll(indexDir, 0o755); err != nil {
		return "", fmt.Errorf("build index: %w", err)
	}
	store, err := NewStore(filepath.Join(opts.DataDir, "docs"))
	if err != nil {
		return "", err
	}
	m, err := newMapping(opts.Facets)
	if err != nil {
		return "", err
	}
	gen, err := newGenerationDir(indexDir)
	if err != nil {
		return "", err
	}
	dir := filepath.Join(indexDir, gen)
	started := time.Now()
	bi, err := bleve.New(filepath.Join(dir, "bleve"), m)
	if err != nil {
		os.RemoveAll(dir)
		return "", fmt.Errorf("build index %s: %w", gen, err)
	}
	err = fillGeneration(ctx, bi, store, opts)
	if err == nil {
		err = setMeta(bi, meta{SeedHash: opts.Seeds.Hash, MappingVersion: MappingVersion, StartedAt: started})
	}
	if cerr := bi.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = writeCurrent(indexDir, gen)
	}
	if err != nil {
		os.RemoveAll(dir)
		return "", fmt.Errorf("build index %s: %w", gen, err)
	}
	opts.Logger.Info("built index generation", "gen", gen, "took", time.Since(started).Round(time.Millisecond))
	removeStale(indexDir, gen, opts)
	return gen, nil
}

// removeStale deletes the generations other than gen when no process holds
// the index; a running serve removes them itself when it switches.
func removeStale(indexDir, gen string, opts Options) {
	lock := flock.New(filepath.Join(indexDir, lockFile))
	if ok, err := lock.TryLock(); err != nil || !ok {
		return
	}
	defer lock.Unlock()
	for _, g := range generations(indexDir) {
		if g != gen {
			if err := os.RemoveAll(filepath.Join(indexDir, g)); err != nil {
				opts.Logger.Warn("remove old generation", "gen", g, "err", err)
			}
		}
	}
}

func setMeta(bi bleve.Index, m meta) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return bi.SetInternal([]byte(metaKey), b)
}

// fillGeneration indexes the seeds (unless the store holds a newer version
// of one) and then the store, less the deleted ids (delete.go).
func fillGeneration(ctx context.Context, bi bleve.Index, store *Store, opts Options) error {
	deleted, _, err := readTombstones(opts.DataDir)
	if err != nil {
		return err
	}
	b := newBatcher(bi, opts)
	for _, d := range opts.Seeds.All() {
		if store.Has(d.ID) || deleted[d.ID] {
			continue
		}
		if err := b.add(ctx, d, nil); err != nil {
			return err
		}
	}
	ids, err := store.IDs(ctx)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if deleted[id] { // a crash between tombstone and removal
			continue
		}
		d, err := store.Get(id)
		if err != nil {
			if errors.Is(err, ctx.Err()) {
				return err
			}
			opts.Logger.Warn("skip unreadable stored document", "id", id, "err", err)
			continue
		}
		if err := b.add(ctx, d, nil); err != nil {
			return err
		}
	}
	return b.flush()
}
