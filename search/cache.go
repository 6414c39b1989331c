package search

import (
	"container/list"
	"sync"
)

// DefaultCacheEntries is how many responses a Searcher keeps. A page of
// results is asked again and again (paging back, a facet clicked and
// cleared, a reload, a script polling); answering those from memory costs
// microseconds instead of a search.
const DefaultCacheEntries = 512

// resultCache keeps the most recently used responses, keyed by the
// index's Version and the request's canonical URL form, so a write makes
// every older entry unreachable.
type resultCache struct {
	mu    sync.Mutex
	max   int
	order *list.List // front: most recently used
	byKey map[cacheKey]*list.Element
}

type cacheKey struct {
	version uint64
	request string
}

type cacheEntry struct {
	key  cacheKey
	resp *Response
}

func newResultCache(max int) *resultCache {
	if max <= 0 {
		return nil
	}
	return &resultCache{max: max, order: list.New(), byKey: map[cacheKey]*list.Element{}}
}

// get returns the cached response for k; callers must not modify it.
func (c *resultCache) get(k cacheKey) (*Response, bool) {
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

func (c *resultCache) put(k cacheKey, resp *Response) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byKey[k]; ok {
		c.order.MoveToFront(e)
		return
	}
	c.byKey[k] = c.order.PushFront(&cacheEntry{key: k, resp: resp})
	for c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.byKey, last.Value.(*cacheEntry).key)
	}
}
