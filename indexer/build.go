package indexer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/gofrs/flock"
	rightsearch "github.com/rightsearch/rightsearch"
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
	fs := opts.Facets
	if fs == nil {
		fs = rightsearch.DefaultFacets()
	}
	m, err := newMapping(fs)
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
// of one) and then the store.
func fillGeneration(ctx context.Context, bi bleve.Index, store *Store, opts Options) error {
	b := newBatcher(bi, opts)
	for _, d := range opts.Seeds.All() {
		if store.Has(d.ID) {
			continue
		}
		if err := b.add(ctx, d); err != nil {
			return err
		}
	}
	ids, err := store.IDs(ctx)
	if err != nil {
		return err
	}
	for _, id := range ids {
		d, err := store.Get(id)
		if err != nil {
			if errors.Is(err, ctx.Err()) {
				return err
			}
			opts.Logger.Warn("skip unreadable stored document", "id", id, "err", err)
			continue
		}
		if err := b.add(ctx, d); err != nil {
			return err
		}
	}
	return b.flush(nil)
}

// MaxBatchBytes caps the text of one Bleve batch as well as its count:
// Bleve holds a batch's analysis (with term vectors) in memory, so a few
// long documents would otherwise set the import's peak memory.
const MaxBatchBytes = 8 << 20

// batcher indexes documents in batches of at most opts.BatchSize
// documents and MaxBatchBytes of text, tagging each batch's documents in
// parallel before Bleve analyses them (also in parallel).
type batcher struct {
	bi      bleve.Index
	opts    Options
	pending []rightsearch.Document
	bytes   int
}

func newBatcher(bi bleve.Index, opts Options) *batcher {
	return &batcher{bi: bi, opts: opts}
}

func (b *batcher) add(ctx context.Context, d rightsearch.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	b.pending = append(b.pending, d)
	b.bytes += textBytes(&d)
	if len(b.pending) >= b.opts.BatchSize || b.bytes >= MaxBatchBytes {
		return b.flush(nil)
	}
	return nil
}

// flush indexes the pending documents and deletes the ids in gone, as one
// Bleve batch.
func (b *batcher) flush(gone []string) error {
	if len(b.pending) == 0 && len(gone) == 0 {
		return nil
	}
	maps := prepareAll(b.pending, b.opts.Tagger, b.opts.Facets)
	batch := b.bi.NewBatch()
	for i := range b.pending {
		if err := batch.Index(b.pending[i].ID, maps[i]); err != nil {
			return fmt.Errorf("index %s: %w", b.pending[i].ID, err)
		}
	}
	for _, id := range gone {
		batch.Delete(id)
	}
	if err := b.bi.Batch(batch); err != nil {
		return fmt.Errorf("index batch: %w", err)
	}
	clear(b.pending)
	b.pending, b.bytes = b.pending[:0], 0
	return nil
}

func textBytes(d *rightsearch.Document) int { return len(d.Title) + len(d.Summary) + len(d.Body) }

// prepareAll tags and maps docs on every core; tagging is the indexer's
// own cost per document and is independent between documents.
func prepareAll(docs []rightsearch.Document, t Tagger, fs rightsearch.Facets) []map[string]any {
	out := make([]map[string]any, len(docs))
	workers := min(runtime.GOMAXPROCS(0), len(docs))
	var wg sync.WaitGroup
	var next atomic.Int64
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < len(docs); i = int(next.Add(1) - 1) {
				out[i] = prepare(&docs[i], t, fs)
			}
		}()
	}
	wg.Wait()
	return out
}

// prepare tags d and turns it into index fields.
func prepare(d *rightsearch.Document, t Tagger, fs rightsearch.Facets) map[string]any {
	if fs == nil {
		fs = rightsearch.DefaultFacets()
	}
	t.Apply(d)
	return fields(d, func(name string) []string {
		if tg, ok := t.Target(name); ok {
			return tg.Aliases
		}
		return nil
	}, fs)
}
