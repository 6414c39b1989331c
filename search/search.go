package search

import (
	"context"
	"time"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/indexer"
	"github.com/rightsearch/rightsearch/query"
)

// Searcher answers Requests from an index: it asks the indexer's Querier
// (which owns every Bleve call), then cuts snippets, orders facets, says
// which names it corrected, and keeps recent answers.
type Searcher struct {
	ix    *indexer.Index
	q     *indexer.Querier
	names nameSpeller // nil: the tagger spells no names
	cache *resultCache
}

// Options tune a Searcher.
type Options struct {
	// CacheEntries bounds the result cache (0: DefaultCacheEntries, <0:
	// no cache, every search runs).
	CacheEntries int
}

// New returns a Searcher over ix.
func New(ix *indexer.Index, opts Options) *Searcher {
	tg := ix.Tagger()
	entries := opts.CacheEntries
	switch {
	case entries == 0:
		entries = DefaultCacheEntries
	case entries < 0:
		entries = 0
	}
	s := &Searcher{ix: ix, cache: newResultCache(entries), q: ix.Querier(indexer.Expansions{
		Words:   expandWords(tg), // country spellings, name spellings, corrected surnames (names.go)
		Phrases: namePhrases(tg),
	})}
	s.names, _ = tg.(nameSpeller)
	return s
}

// Search runs r, which must have passed Validate, or answers it from the
// cache when the same request met the same index version before. The
// response is shared: callers must not modify it.
func (s *Searcher) Search(ctx context.Context, r query.Request) (*rightsearch.Response, error) {
	start := time.Now()
	key := cacheKey{version: s.ix.Version(), request: r.Values().Encode()}
	if resp, ok := s.cache.get(key); ok {
		hit := *resp
		hit.TookMS = tookMS(start)
		return &hit, nil
	}
	resp, err := s.search(ctx, r)
	if err != nil {
		return nil, err
	}
	resp.TookMS = tookMS(start)
	s.cache.put(key, resp)
	return resp, nil
}

func tookMS(start time.Time) float64 { return float64(time.Since(start).Microseconds()) / 1000 }

func (s *Searcher) search(ctx context.Context, r query.Request) (*rightsearch.Response, error) {
	res, err := s.q.Search(ctx, r)
	if err != nil {
		return nil, err
	}
	resp := &rightsearch.Response{Total: res.Total, Page: r.Page, Size: r.Size,
		Hits: make([]rightsearch.Hit, 0, len(res.Hits)), Facets: orderFacets(s.ix.Facets(), res.Facets),
		Corrected: s.corrected(r.Query)}
	for _, m := range res.Hits {
		resp.Hits = append(resp.Hits, toHit(m))
	}
	return resp, nil
}

// Document returns a stored document by id (wrapping
// rightsearch.ErrNotFound when there is none).
func (s *Searcher) Document(_ context.Context, id string) (rightsearch.Document, error) {
	return s.ix.Get(id)
}

// Facets is the facet registry the index was built for.
func (s *Searcher) Facets() rightsearch.Facets { return s.ix.Facets() }

// Health is what /healthz reports of the index.
func (s *Searcher) Health() rightsearch.Health {
	return rightsearch.Health{Documents: s.ix.Count(), Generation: s.ix.Generation()}
}

// toHit is a match as a result list shows it: snippets of the first text
// field (body, summary, title) the query matched, else the start of the
// summary or body.
func toHit(m indexer.Match) rightsearch.Hit {
	hit := rightsearch.Hit{ID: m.ID, Score: m.Score, Title: m.Title, URL: m.URL,
		Organization: m.Organization, Type: m.Type, Published: m.Published, Language: m.Language,
		Targets: nonNil(m.Targets), Countries: nonNil(m.Countries), Values: m.Values}
	for _, f := range []struct {
		field, text string
	}{{indexer.SpanBody, m.Body}, {indexer.SpanSummary, m.Summary}, {indexer.SpanTitle, m.Title}} {
		if spans := m.Spans[f.field]; len(spans) > 0 && f.text != "" {
			hit.Snippets, hit.Pages = snippets(f.text, localSpans(spans))
			break
		}
	}
	if hit.Snippets == nil {
		hit.Snippets = []string{}
		if lt := firstNonEmpty(m.Summary, m.Body); lt != "" {
			hit.Snippets = []string{lead(lt)}
		}
	}
	return hit
}

func nonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// countryWords expands a country word to its spellings when the index's
// tagger knows them.
func countryWords(tg indexer.Tagger) func(string) []string {
	cw, ok := tg.(interface{ CountryWords(string) []string })
	if !ok {
		return nil
	}
	return cw.CountryWords
}

func localSpans(in []indexer.Span) []span {
	out := make([]span, len(in))
	for i, s := range in {
		out[i] = span{s.Start, s.End}
	}
	return out
}
