package search

import (
	"context"
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/rightsearch/rightsearch/query"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/indexer"
)

func TestCachedSearchIsNeverStaleAfterAWrite(t *testing.T) {
	ctx := context.Background()
	ix, err := indexer.Open(ctx, indexer.Options{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	s := New(ix, Options{})
	r, err := query.ParseRequest(url.Values{"q": {"quetzalcoatl"}})
	if err != nil {
		t.Fatal(err)
	}
	search := func() *rightsearch.Response {
		t.Helper()
		resp, err := s.Search(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	if before := search(); before.Total != 0 {
		t.Fatalf("fresh index: %d hits for a made-up word", before.Total)
	}
	d := rightsearch.Document{ID: "cache-doc", Title: "Quetzalcoatl report", Body: "quetzalcoatl", Language: "en"}
	if err := ix.Put(ctx, []rightsearch.Document{d}); err != nil {
		t.Fatal(err)
	}
	after := search()
	if after.Total != 1 {
		t.Fatalf("after indexing a matching document: %d hits, want 1 (a stale cached answer?)", after.Total)
	}
	again := search()
	if len(s.cache.byKey) != 2 {
		t.Errorf("cache holds %d entries, want 2 (one per index version)", len(s.cache.byKey))
	}
	a, b := *after, *again
	a.TookMS, b.TookMS = 0, 0
	if !reflect.DeepEqual(a, b) {
		t.Errorf("the repeated search answered differently:\n%+v\n%+v", a, b)
	}
	if u := New(s.ix, Options{CacheEntries: -1}); u.cache != nil {
		t.Error("CacheEntries -1 still caches")
	}
}

func TestResultCacheEvictsLeastRecentlyUsed(t *testing.T) {
	c := newResultCache(2)
	k := func(s string) cacheKey { return cacheKey{version: 1, request: s} }
	c.put(k("a"), &rightsearch.Response{Total: 1})
	c.put(k("b"), &rightsearch.Response{Total: 2})
	if _, ok := c.get(k("a")); !ok {
		t.Fatal("a missing")
	}
	c.put(k("c"), &rightsearch.Response{Total: 3})
	for key, want := range map[string]bool{"a": true, "b": false, "c": true} {
		if _, ok := c.get(k(key)); ok != want {
			t.Errorf("after a, b, get a, c: %s cached = %v, want %v", key, ok, want)
		}
	}
	if _, ok := c.get(cacheKey{version: 2, request: "a"}); ok {
		t.Error("an entry answered for another index version")
	}
}

func TestResultCacheKeepsToItsByteBudget(t *testing.T) {
	c := newResultCache(1000)
	c.maxBytes = 10000
	big := &rightsearch.Response{Hits: []rightsearch.Hit{{ID: "x", Snippets: []string{strings.Repeat("w", 1500)}}}}
	for i := range 20 {
		c.put(cacheKey{version: 1, request: fmt.Sprint(i)}, big)
	}
	if c.bytes > c.maxBytes || len(c.byKey) == 0 || len(c.byKey) >= 20 {
		t.Errorf("%d entries, %d bytes: want some, within %d bytes", len(c.byKey), c.bytes, c.maxBytes)
	}
	sum := 0
	for _, e := range c.byKey {
		sum += e.Value.(*cacheEntry).size
	}
	if sum != c.bytes {
		t.Errorf("entries hold %d bytes, the count says %d", sum, c.bytes)
	}
	huge := &rightsearch.Response{Hits: []rightsearch.Hit{{Snippets: []string{strings.Repeat("w", 5000)}}}}
	c.put(cacheKey{version: 1, request: "huge"}, huge)
	if _, ok := c.get(cacheKey{version: 1, request: "huge"}); ok {
		t.Error("an answer of half the budget was cached")
	}
}
