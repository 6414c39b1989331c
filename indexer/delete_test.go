package indexer

import (
	"context"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/query"
)

const seedToDelete = "cl-2018-kingdom-came-to-canada"

func searchIDs(t *testing.T, ix *Index, v url.Values) []string {
	t.Helper()
	r, err := query.ParseRequest(v)
	if err != nil {
		t.Fatal(err)
	}
	res, err := ix.Querier(Expansions{}).Search(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

// Deleting an imported document and a seed removes both from the index
// and the store; a rebuild and a restart do not bring them back; a re-add
// of the imported one does.
func TestDeleteSurvivesRebuildAndReAdd(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ix, err := Open(ctx, Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { ix.Close() }()
	memo := rightsearch.Document{ID: "CL_memo 1", Title: "Glimmerwort memo", Body: "glimmerwort", Language: "en", Type: "other"}
	if err := ix.Put(ctx, []rightsearch.Document{memo}); err != nil {
		t.Fatal(err)
	}
	if _, ok := ix.seeds.Get(seedToDelete); !ok {
		t.Fatalf("%s is not a seed any more; pick another", seedToDelete)
	}
	before := ix.Count()
	deleted, err := ix.Delete(ctx, []string{"CL_memo 1", seedToDelete, "no-such-doc"})
	var nf *NotFoundError
	if !errors.As(err, &nf) || !slices.Equal(nf.IDs, []string{"no-such-doc"}) || !errors.Is(err, ErrNotFound) {
		t.Errorf("delete error %v, want a NotFoundError naming no-such-doc", err)
	}
	if !slices.Equal(deleted, []string{"CL_memo 1", seedToDelete}) {
		t.Errorf("deleted %v", deleted)
	}
	gone := func(stage string) {
		t.Helper()
		if n := ix.Count(); n != before-2 {
			t.Errorf("%s: %d documents, want %d", stage, n, before-2)
		}
		for _, id := range []string{"CL_memo 1", seedToDelete} {
			if _, err := ix.Get(id); !errors.Is(err, ErrNotFound) {
				t.Errorf("%s: get %s: %v, want not found", stage, id, err)
			}
		}
		if got := searchIDs(t, ix, url.Values{"q": {"glimmerwort"}}); len(got) != 0 {
			t.Errorf("%s: glimmerwort finds %v", stage, got)
		}
		if got := searchIDs(t, ix, url.Values{"q": {"Kingdom Came to Canada"}, "size": {"100"}}); slices.Contains(got, seedToDelete) {
			t.Errorf("%s: the deleted seed is found", stage)
		}
	}
	gone("after delete")
	if _, err := ix.Delete(ctx, []string{seedToDelete}); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting again: %v, want not found", err)
	}
	b, err := os.ReadFile(filepath.Join(dir, deletedFile))
	if err != nil || !strings.Contains(string(b), `"id":"CL_memo 1"`) {
		t.Errorf("tombstones: %s %v", b, err)
	}

	ix.Close()
	if _, err := Build(ctx, Options{DataDir: dir}); err != nil {
		t.Fatal(err)
	}
	if ix, err = Open(ctx, Options{DataDir: dir}); err != nil {
		t.Fatal(err)
	}
	gone("after rebuild and restart")

	// Writing it again is a re-add: back, its tombstone lifted; the seed
	// stays deleted.
	if err := ix.Put(ctx, []rightsearch.Document{memo}); err != nil {
		t.Fatal(err)
	}
	if got := searchIDs(t, ix, url.Values{"q": {"glimmerwort"}}); !slices.Equal(got, []string{"CL_memo 1"}) {
		t.Errorf("after re-add glimmerwort finds %v", got)
	}
	ix.Close()
	if _, err := Build(ctx, Options{DataDir: dir}); err != nil {
		t.Fatal(err)
	}
	if ix, err = Open(ctx, Options{DataDir: dir}); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Get("CL_memo 1"); err != nil {
		t.Errorf("re-added document after rebuild: %v", err)
	}
	if _, err := ix.Get(seedToDelete); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted seed after rebuild: %v", err)
	}
}

// A delete queued by another process (rightsearch delete beside a running
// serve) is applied by the server's next Refresh; a crash that left the
// tombstone but not the removal is mended when the index next opens.
func TestQueuedDeleteAndReconcile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ix, err := Open(ctx, Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { ix.Close() }()
	docs := []rightsearch.Document{
		{ID: "queued-a", Title: "Fennelcrest a", Type: "other"},
		{ID: "queued-b", Title: "Fennelcrest b", Type: "other"},
	}
	if err := ix.Put(ctx, docs); err != nil {
		t.Fatal(err)
	}
	if _, err := QueueDelete(ctx, Options{DataDir: dir}, []string{"queued-a"}); err != nil {
		t.Fatal(err)
	}
	if err := ix.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if got := searchIDs(t, ix, url.Values{"q": {"fennelcrest"}}); !slices.Equal(got, []string{"queued-b"}) {
		t.Errorf("after a queued delete: %v", got)
	}
	// The crash: tombstoned and unstored, no journal, still indexed.
	ix.Close()
	if _, err := unstore(dir, mustStore(t, dir), []string{"queued-b"}); err != nil {
		t.Fatal(err)
	}
	if ix, err = Open(ctx, Options{DataDir: dir}); err != nil {
		t.Fatal(err)
	}
	if got := searchIDs(t, ix, url.Values{"q": {"fennelcrest"}}); len(got) != 0 {
		t.Errorf("reconcile left %v", got)
	}
}

func mustStore(t *testing.T, dir string) *Store {
	t.Helper()
	s, err := NewStore(filepath.Join(dir, "docs"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Crawling a deleted catalog document again does not bring it back;
// importing it does.
func TestCrawlDoesNotUndoDelete(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ix, err := Open(ctx, Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Delete(ctx, []string{seedToDelete}); err != nil {
		t.Fatal(err)
	}
	fetched, _ := ix.seeds.Get(seedToDelete)
	fetched.Body = "Refetched body with the word brackenfold."
	fetched.Provenance = &rightsearch.Provenance{Source: rightsearch.SourceCrawl}
	if err := ix.Put(ctx, []rightsearch.Document{fetched}); err != nil {
		t.Fatal(err)
	}
	if err := Queue(ctx, dir, []rightsearch.Document{fetched}); err != nil {
		t.Fatal(err)
	}
	if err := ix.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Get(seedToDelete); !errors.Is(err, ErrNotFound) {
		t.Errorf("crawled again: get %v, want not found", err)
	}
	if got := searchIDs(t, ix, url.Values{"q": {"brackenfold"}}); len(got) != 0 {
		t.Errorf("crawled again: brackenfold finds %v", got)
	}
	fetched.Provenance = &rightsearch.Provenance{Source: rightsearch.SourceImport}
	if err := ix.Put(ctx, []rightsearch.Document{fetched}); err != nil {
		t.Fatal(err)
	}
	if got := searchIDs(t, ix, url.Values{"q": {"brackenfold"}}); !slices.Equal(got, []string{seedToDelete}) {
		t.Errorf("imported again: brackenfold finds %v", got)
	}
}
