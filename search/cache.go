package search

import (
	rightsearch "github.com/rightsearch/rightsearch"

	"container/list"
	"sync"
)

// DefaultCacheEntries is how many responses a Searcher keeps. A page of
// results is asked again and again (paging back, a facet clicked and
// cleared, a reload, a script polling); answering those from memory costs
// microseconds instead of a search.
const DefaultCacheEntries = 512

// cacheBytes bounds the text the cache holds, whatever the page sizes (an
// export pages through 10,000 hits 100 at a time).
const cacheBytes = 32 << 20

// resultCache keeps the most recently used responses, keyed by the
// index's Version and the request's canonical URL form, so a write makes
// every older entry unreachable.
type resultCache struct {
	mu       sync.Mutex
	max      int // entries
	maxBytes int
	bytes    int        // sizeOf the entries held
	order    *list.List // front: most recently used
	byKey    map[cacheKey]*list.Element
}

type cacheKey struct {
	version uint64
	request string
}

type cacheEntry struct {
	key  cacheKey
	resp *rightsearch.Response
	size int
}

func newResultCache(max int) *resultCache {
	if max <= 0 {
		return nil
	}
	return &resultCache{max: max, maxBytes: cacheBytes, order: list.New(), byKey: map[cacheKey]*list.Element{}}
}

// sizeOf estimates the bytes a response holds: its strings, and a little
// for each value around them.
func sizeOf(k cacheKey, r *rightsearch.Response) int {
	n := 256 + len(k.request)
	for _, h := range r.Hits {
		n += 128 + len(h.ID) + len(h.Title) + len(h.URL) + len(h.Organization) + len(h.Type) +
			len(h.Published) + len(h.Language) + 8*len(h.Pages)
		for _, ss := range [][]string{h.Snippets, h.Targets, h.Countries} {
			for _, s := range ss {
				n += 16 + len(s)
			}
		}
	}
	for _, fs := range r.Facets {
		for _, f := range fs {
			n += 32 + len(f.Value)
		}
	}
	return n
}

// get returns the cached response for k; callers must not modify it.
func (c *resultCache) get(k cacheKey) (*rightsearch.Response, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byKey[k]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*cacheEntry).resp, true
}

func (c *resultCache) put(k cacheKey, resp *rightsearch.Response) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byKey[k]; ok {
		c.order.MoveToFront(e)
		return
	}
	e := &cacheEntry{key: k, resp: resp, size: sizeOf(k, resp)}
	if e.size > c.maxBytes/4 {
		return // one answer would crowd out the rest
	}
	c.byKey[k] = c.order.PushFront(e)
	c.bytes += e.size
	for c.order.Len() > c.max || c.bytes > c.maxBytes {
		last := c.order.Back()
		c.order.Remove(last)
		old := last.Value.(*cacheEntry)
		delete(c.byKey, old.key)
		c.bytes -= old.size
	}
}
