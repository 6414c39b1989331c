package indexer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	rightsearch "github.com/rightsearch/rightsearch"
)

// newTestBleve is an empty on-disk generation with the index's mapping.
func newTestBleve(t *testing.T) bleve.Index {
	t.Helper()
	m, err := NewMapping()
	if err != nil {
		t.Fatal(err)
	}
	bi, err := bleve.New(filepath.Join(t.TempDir(), "bleve"), m)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { bi.Close() })
	return bi
}

func docCount(t *testing.T, bi bleve.Index) uint64 {
	t.Helper()
	n, err := bi.DocCount()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestBatcherCutsBatchesByCountAndBytes: a batch goes to Bleve as soon as
// it holds BatchSize documents or MaxBatchBytes of text, not before; the
// gone ids go with the next batch.
func TestBatcherCutsBatchesByCountAndBytes(t *testing.T) {
	ctx := context.Background()
	bi := newTestBleve(t)
	opts := Options{BatchSize: 3}
	if err := opts.defaults(); err != nil {
		t.Fatal(err)
	}
	b := newBatcher(bi, opts)
	for i, id := range []string{"count-a", "count-b", "count-c"} {
		if got := docCount(t, bi); got != 0 {
			t.Fatalf("after %d adds the index holds %d documents, want 0 until the batch is full", i, got)
		}
		if err := b.add(ctx, doc(id, "short text"), nil); err != nil {
			t.Fatal(err)
		}
	}
	if got := docCount(t, bi); got != 3 {
		t.Fatalf("a full batch by count: index holds %d, want 3", got)
	}

	// The cap counts the document's text; the fields given stand for a
	// caller's prepared ones, short, so Bleve need not analyse 8 MB here.
	big, short := doc("bytes-big", strings.Repeat("long report text ", MaxBatchBytes/17+1)), doc("bytes-big", "short")
	if err := b.add(ctx, big, Fields(&short)); err != nil {
		t.Fatal(err)
	}
	if got := docCount(t, bi); got != 4 {
		t.Fatalf("a batch over MaxBatchBytes: index holds %d, want 4", got)
	}

	b.remove("count-a")
	if err := b.add(ctx, doc("last", "x"), nil); err != nil {
		t.Fatal(err)
	}
	if err := b.flush(); err != nil {
		t.Fatal(err)
	}
	if got := docCount(t, bi); got != 4 {
		t.Errorf("after the last flush the index holds %d, want 4 (one added, one deleted)", got)
	}
	if d, err := bi.Document("count-a"); err != nil || d != nil {
		t.Errorf("gone id still indexed (%v)", err)
	}
	if d, err := bi.Document("last"); err != nil || d == nil {
		t.Errorf("last document not indexed (%v)", err)
	}
}

// TestPutLargerThanBatchSize: a Put of more documents than BatchSize is
// cut into several Bleve batches and indexes every document.
func TestPutLargerThanBatchSize(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	mustOpen(t, dir).Close() // the seeds' generation, in batches of the default size
	ix, err := Open(ctx, Options{DataDir: dir, BatchSize: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var docs []rightsearch.Document
	for _, id := range []string{"put-1", "put-2", "put-3", "put-4", "put-5"} {
		docs = append(docs, doc(id, "the Pegasus spyware of NSO Group found in Mexico"))
	}
	if err := ix.Put(ctx, docs); err != nil {
		t.Fatal(err)
	}
	if got := ix.Count(); got != nSeeds+5 {
		t.Errorf("index holds %d documents, want %d", got, nSeeds+5)
	}
	// Copies are tagged; the caller's documents stay as given.
	if got, _ := ix.Get("put-1"); len(got.Spyware) == 0 {
		t.Errorf("put-1 not tagged: %+v", got)
	}
	if docs[0].Spyware != nil || docs[0].Countries != nil {
		t.Errorf("Put tagged the caller's document: %+v", docs[0])
	}
}

// TestFailedCommitKeepsJournal: a write that stops before its batch is in
// the index (here its context ends) keeps its journal, and the next Open
// indexes the stored documents from it.
func TestFailedCommitKeepsJournal(t *testing.T) {
	dir := t.TempDir()
	ix := mustOpen(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	st, err := ix.stage(ctx, []rightsearch.Document{doc("interrupted-doc", "stored, not indexed")})
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := ix.commit(ctx, st); !errors.Is(err, context.Canceled) {
		t.Fatalf("commit after cancel: %v, want context.Canceled", err)
	}
	if has(t, ix, "interrupted-doc") {
		t.Fatal("indexed although the commit was cancelled")
	}
	if _, err := os.Stat(st.journal); err != nil {
		t.Fatalf("journal of the failed commit: %v", err)
	}
	ix.Close()

	ix = mustOpen(t, dir)
	defer ix.Close()
	if !has(t, ix, "interrupted-doc") {
		t.Error("stored document of the failed commit not indexed on reopen")
	}
	if left, _ := os.ReadDir(filepath.Join(dir, "index", journalDir)); len(left) != 0 {
		t.Errorf("journals left after replay: %v", left)
	}
}
