package indexer

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	rightsearch "github.com/rightsearch/rightsearch"
)

// MaxBatchBytes caps the text of one Bleve batch as well as its count:
// Bleve holds a batch's analysis (with term vectors) in memory, so a few
// long documents would otherwise set the import's peak memory.
const MaxBatchBytes = 8 << 20

// batcher is the one way documents reach a Bleve index, for live writes
// (Put, journal replay, reconcile, the switch to a new generation) and for
// generation builds alike. It tags documents and maps them to fields, in
// parallel, unless the caller did so already (Put tags a batch while the
// previous one is in Bleve); it cuts Bleve batches at opts.BatchSize
// documents or MaxBatchBytes of text, whichever comes first; it deletes
// the ids that are gone with the last batch; and it executes each batch.
//
// A batcher is used by one goroutine and thrown away after its last flush.
// It does not retry: on any error what it held is dropped, and the caller
// gives up on the whole write, whose source (the journal, the store) is
// still there to index it again.
type batcher struct {
	bi     bleve.Index
	opts   Options
	docs   []rightsearch.Document // pending, in order
	fields []map[string]any       // docs' fields; nil until prepared
	bytes  int                    // text of docs, for MaxBatchBytes
	gone   []string               // ids to delete with the next batch
}

func newBatcher(bi bleve.Index, opts Options) *batcher {
	return &batcher{bi: bi, opts: opts}
}

// add queues d for the index; fields are d's already prepared fields, or
// nil to have d tagged and mapped when its batch is flushed. A full batch
// is flushed at once.
func (b *batcher) add(ctx context.Context, d rightsearch.Document, fields map[string]any) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	b.docs = append(b.docs, d)
	b.fields = append(b.fields, fields)
	b.bytes += textBytes(&d)
	if len(b.docs) >= b.opts.BatchSize || b.bytes >= MaxBatchBytes {
		return b.flush()
	}
	return nil
}

// remove queues the deletion of id with the next batch.
func (b *batcher) remove(id string) { b.gone = append(b.gone, id) }

// flush prepares the pending documents that are not yet, and indexes them
// and deletes the gone ids as one Bleve batch.
func (b *batcher) flush() error {
	if len(b.docs) == 0 && len(b.gone) == 0 {
		return nil
	}
	defer b.reset()
	prepareAll(b.docs, b.fields, b.opts.Tagger, b.opts.Facets)
	batch := b.bi.NewBatch()
	for i := range b.docs {
		if err := batch.Index(b.docs[i].ID, b.fields[i]); err != nil {
			return fmt.Errorf("index %s: %w", b.docs[i].ID, err)
		}
	}
	for _, id := range b.gone {
		batch.Delete(id)
	}
	if err := b.bi.Batch(batch); err != nil {
		return fmt.Errorf("index batch of %d documents: %w", len(b.docs), err)
	}
	return nil
}

// reset empties the batcher, keeping its arrays for the next batch but
// not the documents in them, which may be large.
func (b *batcher) reset() {
	clear(b.docs)
	clear(b.fields)
	b.docs, b.fields, b.bytes, b.gone = b.docs[:0], b.fields[:0], 0, nil
}

func textBytes(d *rightsearch.Document) int { return len(d.Title) + len(d.Summary) + len(d.Body) }

// prepareAll tags docs in place and fills each nil entry of fields (one
// per document) with its index fields, on every core: tagging is the
// indexer's own cost per document and is independent between documents.
func prepareAll(docs []rightsearch.Document, fields []map[string]any, t Tagger, fs rightsearch.Facets) {
	workers := min(runtime.GOMAXPROCS(0), len(docs))
	var wg sync.WaitGroup
	var next atomic.Int64
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < len(docs); i = int(next.Add(1) - 1) {
				if fields[i] == nil {
					fields[i] = prepare(&docs[i], t, fs)
				}
			}
		}()
	}
	wg.Wait()
}

// prepare tags d and turns it into index fields with the registry fs.
func prepare(d *rightsearch.Document, t Tagger, fs rightsearch.Facets) map[string]any {
	t.Apply(d)
	return fields(d, func(name string) []string {
		if tg, ok := t.Target(name); ok {
			return tg.Aliases
		}
		return nil
	}, fs)
}
