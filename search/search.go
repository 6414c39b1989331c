package search

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"
	"github.com/rightsearch/rightsearch/indexer"
	"github.com/rightsearch/rightsearch/indexer/entity"
)

// Searcher answers Requests from an index.
type Searcher struct {
	ix    *indexer.Index
	tr    *translator
	cache *resultCache // nil: none
}

// New returns a Searcher over ix.
func New(ix *indexer.Index) *Searcher {
	tg := ix.Tagger()
	return &Searcher{ix: ix, cache: newResultCache(DefaultCacheEntries), tr: &translator{
		m:         ix.Mapping(),
		indicator: entity.NormalizeIndicator,
		expand:    expandWords(tg), // country spellings, name spellings, corrected surnames (names.go)
		phrases:   namePhrases(tg),
		canonical: func(facet, v string) string {
			if facet == "target" {
				if t, ok := tg.Target(v); ok {
					return t.Name
				}
			}
			return v
		},
	}}
}

// storedFields are the stored fields a hit is built from.
var storedFields = []string{indexer.FieldTitle, indexer.FieldSummary, indexer.FieldBody,
	indexer.FieldURL, indexer.FieldOrganization, indexer.FieldType, indexer.FieldDate,
	indexer.FieldLanguage, indexer.FieldTargets, indexer.FieldCountries}

// BleveRequest is the one Bleve request a search runs: q, ranked and
// paged. The filters and facet counts are applied to its matches as they
// are collected (Prepare); the page's stored fields and match locations
// are then read by highlightRequest for its hits only.
func (s *Searcher) BleveRequest(r Request) *bleve.SearchRequest {
	req := bleve.NewSearchRequestOptions(s.tr.textQuery(r.Query), r.Size, (r.Page-1)*r.Size, false)
	req.SortByCustom(sortOrder(r.Sort))
	return req
}

// Prepare applies r's filters to the matches of BleveRequest(r) and
// counts their facets; facets returns the counts once the search ran.
func (s *Searcher) Prepare(r Request) (prep indexer.Prepare, facets func() map[string][]Facet) {
	c := &facetCounter{}
	return s.prepare(&r, c), c.facets
}

// WithCache returns a Searcher like s that keeps up to entries responses
// (0: none, every search runs).
func (s *Searcher) WithCache(entries int) *Searcher {
	c := *s
	c.cache = newResultCache(entries)
	return &c
}

// Search runs r, which must have passed Validate, or answers it from the
// cache when the same request met the same index version before. The
// response is shared: callers must not modify it.
func (s *Searcher) Search(ctx context.Context, r Request) (*Response, error) {
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

func (s *Searcher) search(ctx context.Context, r Request) (*Response, error) {
	prep, facets := s.Prepare(r)
	res, err := s.ix.SearchFacets(ctx, s.BleveRequest(r), prep)
	if err != nil {
		return nil, tooBroad(err)
	}
	resp := &Response{Total: res.Total, Page: r.Page, Size: r.Size, Hits: make([]Hit, 0, len(res.Hits)), Facets: facets(),
		Corrected: s.corrected(r.Query)}
	if len(res.Hits) > 0 {
		full, err := s.ix.Search(ctx, s.highlightRequest(r, res.Hits))
		if err != nil {
			return nil, err
		}
		byID := make(map[string]*bsearch.DocumentMatch, len(full.Hits))
		for _, h := range full.Hits {
			byID[h.ID] = h
		}
		for _, h := range res.Hits {
			hit := Hit{ID: h.ID, Snippets: []string{}, Targets: []string{}, Countries: []string{}}
			if f := byID[h.ID]; f != nil {
				hit = toHit(f)
			}
			hit.Score = h.Score
			resp.Hits = append(resp.Hits, hit)
		}
	}
	return resp, nil
}

// highlightRequest reads the stored fields and match locations of one page
// of hits. Asking for locations in the main request would collect them
// for every matching document, not just the page's.
func (s *Searcher) highlightRequest(r Request, hits bsearch.DocumentMatchCollection) *bleve.SearchRequest {
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	q := bleve.NewBooleanQuery()
	q.AddMust(bleve.NewDocIDQuery(ids))
	if !r.Query.Empty() {
		q.AddShould(s.tr.locationQuery(r.Query))
	}
	req := bleve.NewSearchRequestOptions(q, len(ids), 0, false)
	req.Fields = storedFields
	req.IncludeLocations = true
	return req
}

func sortOrder(s string) bsearch.SortOrder {
	date := &bsearch.SortField{Field: indexer.FieldPublished, Type: bsearch.SortFieldAsDate,
		Missing: bsearch.SortFieldMissingLast}
	switch s {
	case SortDate:
		return bsearch.SortOrder{date, &bsearch.SortDocID{}}
	case SortDateDesc:
		date.Desc = true
		return bsearch.SortOrder{date, &bsearch.SortDocID{}}
	}
	// Equal scores keep the index's order: breaking ties by id would read
	// every match's id, not just the page's.
	return bsearch.SortOrder{&bsearch.SortScore{Desc: true}}
}

func toHit(h *bsearch.DocumentMatch) Hit {
	hit := Hit{ID: h.ID, Score: h.Score,
		Title:        str(h.Fields[indexer.FieldTitle]),
		URL:          str(h.Fields[indexer.FieldURL]),
		Organization: str(h.Fields[indexer.FieldOrganization]),
		Type:         str(h.Fields[indexer.FieldType]),
		Published:    str(h.Fields[indexer.FieldDate]),
		Language:     str(h.Fields[indexer.FieldLanguage]),
		Targets:      strs(h.Fields[indexer.FieldTargets]),
		Countries:    strs(h.Fields[indexer.FieldCountries]),
	}
	for _, f := range []string{indexer.FieldBody, indexer.FieldSummary, indexer.FieldTitle} {
		text := str(h.Fields[f])
		if spans := spansOf(h.Locations[f]); len(spans) > 0 && text != "" {
			hit.Snippets, hit.Pages = snippets(text, spans)
			break
		}
	}
	if hit.Snippets == nil {
		hit.Snippets = []string{}
		if lt := firstNonEmpty(str(h.Fields[indexer.FieldSummary]), str(h.Fields[indexer.FieldBody])); lt != "" {
			hit.Snippets = []string{lead(lt)}
		}
	}
	return hit
}

func spansOf(tlm bsearch.TermLocationMap) []span {
	var out []span
	for _, locs := range tlm {
		for _, l := range locs {
			out = append(out, span{int(l.Start), int(l.End)})
		}
	}
	return out
}

func str(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		if len(x) > 0 {
			return str(x[0])
		}
	}
	return ""
}

func strs(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			out = append(out, str(e))
		}
		return out
	}
	return []string{}
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

// maxExpansion bounds the terms one prefix may expand to. Bleve reports
// going past it only as an error text ("TooManyClauses"), which tooBroad
// turns into errTooBroad, a 400.
const maxExpansion = 4096

func init() { searcher.DisjunctionMaxClauseCount = maxExpansion }

func tooBroad(err error) error {
	if err != nil && strings.Contains(err.Error(), "TooManyClauses") {
		return fmt.Errorf("%w: %v", errTooBroad, err)
	}
	return err
}
