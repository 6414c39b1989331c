package indexer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/seeds"
)

func mustOpen(tb testing.TB, dir string) *Index {
	tb.Helper()
	ix, err := Open(context.Background(), Options{DataDir: dir})
	if err != nil {
		tb.Fatal(err)
	}
	return ix
}

func has(tb testing.TB, ix *Index, id string) bool {
	tb.Helper()
	req := bleve.NewSearchRequest(bleve.NewDocIDQuery([]string{id}))
	res, err := ix.Search(context.Background(), req)
	if err != nil {
		tb.Fatal(err)
	}
	return res.Total == 1
}

func doc(id, body string) rightsearch.Document {
	d := rightsearch.Document{ID: id, Title: "Fixture " + id, Body: body, Organization: "Fixture Lab",
		Type: "report", Published: rightsearch.MustDate("2020-01-02"), Language: "en"}
	return d
}

var nSeeds = uint64(len(seeds.MustLoad().All()))

func TestOpenBuildsOnceThenReuses(t *testing.T) {
	dir := t.TempDir()
	ix := mustOpen(t, dir)
	gen := ix.Generation()
	if ix.Count() != nSeeds || !has(t, ix, seeds.LetterID) {
		t.Fatalf("new index holds %d documents, want the %d seeds", ix.Count(), nSeeds)
	}
	if _, err := Open(context.Background(), Options{DataDir: dir}); !errors.Is(err, ErrLocked) {
		t.Errorf("second writer: %v, want ErrLocked", err)
	}
	ix.Close()
	ix = mustOpen(t, dir)
	defer ix.Close()
	if ix.Generation() != gen {
		t.Errorf("reopen built %s, want to reuse %s", ix.Generation(), gen)
	}
}

func TestSeedChangeRebuilds(t *testing.T) {
	dir := t.TempDir()
	ix := mustOpen(t, dir)
	old := ix.Generation()
	ix.Put(context.Background(), []rightsearch.Document{doc("kept-doc", "stored text")})
	ix.Close()
	// Pretend the generation was built from other seeds.
	bi, err := bleve.Open(filepath.Join(dir, "index", old, "bleve"))
	if err != nil {
		t.Fatal(err)
	}
	setMeta(bi, meta{SeedHash: "other", MappingVersion: MappingVersion})
	bi.Close()

	ix = mustOpen(t, dir)
	defer ix.Close()
	if ix.Generation() == old {
		t.Fatal("seed change did not rebuild")
	}
	if _, err := os.Stat(filepath.Join(dir, "index", old)); !os.IsNotExist(err) {
		t.Errorf("old generation %s left behind", old)
	}
	if !has(t, ix, "kept-doc") || !has(t, ix, seeds.LetterID) {
		t.Error("rebuild lost the store's document or the seeds")
	}
}

func TestPutStoresAndIndexes(t *testing.T) {
	dir := t.TempDir()
	ix := mustOpen(t, dir)
	defer ix.Close()
	d := doc("put-doc", "some text")
	if err := ix.Put(context.Background(), []rightsearch.Document{d}); err != nil {
		t.Fatal(err)
	}
	got, err := ix.Get("put-doc")
	if err != nil || got.Body != "some text" {
		t.Fatalf("Get: %+v %v", got, err)
	}
	if !has(t, ix, "put-doc") {
		t.Error("not indexed")
	}
	if _, err := ix.Get("nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(nope): %v", err)
	}
	// A stored document replaces the seed of the same id.
	s, _ := seeds.MustLoad().Get("cl-2017-bitter-sweet")
	s.Body = "crawled full text"
	ix.Put(context.Background(), []rightsearch.Document{s})
	if got, _ := ix.Get(s.ID); got.Body != "crawled full text" || ix.Count() != nSeeds+1 {
		t.Errorf("replacing a seed: body %q, count %d", got.Body, ix.Count())
	}
}

// TestCrashLeftoversAreIndexedOnOpen: a journal written before a crash
// (documents stored, batch not indexed) and a stored document with no
// journal at all are both indexed when the index next opens.
func TestCrashLeftoversAreIndexedOnOpen(t *testing.T) {
	dir := t.TempDir()
	ix := mustOpen(t, dir)
	ix.Close()
	st, _ := NewStore(filepath.Join(dir, "docs"))
	a, b := doc("journaled-doc", "x"), doc("unjournaled-doc", "y")
	st.Put(&a)
	st.Put(&b)
	if _, err := writeJournal(filepath.Join(dir, "index", journalDir), []string{a.ID}); err != nil {
		t.Fatal(err)
	}
	ix = mustOpen(t, dir)
	defer ix.Close()
	for _, id := range []string{a.ID, b.ID} {
		if !has(t, ix, id) {
			t.Errorf("%s not indexed after reopen", id)
		}
	}
	if left, _ := os.ReadDir(filepath.Join(dir, "index", journalDir)); len(left) != 0 {
		t.Errorf("journals left: %v", left)
	}
}

func TestQueuedDocumentsReachTheWriter(t *testing.T) {
	dir := t.TempDir()
	ix := mustOpen(t, dir)
	defer ix.Close()
	if err := Queue(context.Background(), dir, []rightsearch.Document{doc("queued-doc", "q")}); err != nil {
		t.Fatal(err)
	}
	if has(t, ix, "queued-doc") {
		t.Fatal("indexed before the writer looked")
	}
	if err := ix.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !has(t, ix, "queued-doc") {
		t.Error("queued document not indexed by Refresh")
	}
}

// TestRebuildSwitchKeepsLiveWrites: `index` builds a new generation while
// a server holds the old one; documents the server indexed after the build
// started are in the new generation after the switch.
func TestRebuildSwitchKeepsLiveWrites(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ix := mustOpen(t, dir)
	defer ix.Close()
	ix.Put(ctx, []rightsearch.Document{doc("before-build", "a")})
	gen, err := Build(ctx, Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	// Written live after the build: not in the new generation's files.
	st, _ := NewStore(filepath.Join(dir, "docs"))
	late := doc("after-build", "b")
	if err := ix.commit(ctx, &staged{docs: []rightsearch.Document{late}}); err != nil {
		t.Fatal(err)
	}
	st.Put(&late)

	if err := ix.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if ix.Generation() != gen {
		t.Fatalf("serving %s, want %s", ix.Generation(), gen)
	}
	for _, id := range []string{"before-build", "after-build", seeds.LetterID} {
		if !has(t, ix, id) {
			t.Errorf("%s missing after switch", id)
		}
	}
	if gens := generations(filepath.Join(dir, "index")); len(gens) != 1 {
		t.Errorf("generations on disk: %v", gens)
	}
}

func TestBuildWithoutServerLeavesOneGeneration(t *testing.T) {
	dir := t.TempDir()
	mustOpen(t, dir).Close()
	gen, err := Build(context.Background(), Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if gens := generations(filepath.Join(dir, "index")); len(gens) != 1 || gens[0] != gen {
		t.Errorf("generations %v, want only %s", gens, gen)
	}
	ix := mustOpen(t, dir)
	defer ix.Close()
	if ix.Generation() != gen || ix.Count() != nSeeds {
		t.Errorf("opened %s with %d docs", ix.Generation(), ix.Count())
	}
}

func TestOpenSweepsOldTempFiles(t *testing.T) {
	dir := t.TempDir()
	mustOpen(t, dir).Close()
	docs := filepath.Join(dir, "docs")
	old, fresh := filepath.Join(docs, ".tmp-old"), filepath.Join(docs, ".tmp-fresh")
	os.WriteFile(old, []byte("x"), 0o644)
	os.WriteFile(fresh, []byte("x"), 0o644)
	long := time.Now().Add(-2 * time.Hour)
	os.Chtimes(old, long, long)
	mustOpen(t, dir).Close()
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Error("old temporary file kept")
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Error("fresh temporary file (a writer may own it) removed")
	}
}

// A date Bleve cannot index (before 1678) keeps the document searchable.
func TestDocumentDatedBeforeBleveDatesIsIndexed(t *testing.T) {
	ix := mustOpen(t, t.TempDir())
	defer ix.Close()
	d := doc("old-charter", "an early charter")
	d.Published = rightsearch.MustDate("1215-06-15")
	if err := ix.Put(context.Background(), []rightsearch.Document{d}); err != nil {
		t.Fatal(err)
	}
	if !has(t, ix, "old-charter") {
		t.Error("not indexed")
	}
	if got, _ := ix.Get("old-charter"); got.Published.String() != "1215-06-15" {
		t.Errorf("date %q", got.Published)
	}
}
