package indexer

import (
	"context"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"
	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/indexer/entity"
	"github.com/rightsearch/rightsearch/query"
)

// Expansions are the other spellings a search asks for besides a query's
// own words; nil hooks add none.
type Expansions struct {
	// Words gives a free-text word's other one-word spellings (a
	// country's names and demonyms, a target's name spellings), the word
	// itself among them; nil when it has none.
	Words func(word string) []string
	// Phrases gives a quoted name's other spellings, nil when none.
	Phrases func(phrase string) []string
}

// Querier runs parsed requests on an index: the one place where a
// query.Request becomes Bleve queries (translate.go), facets are counted
// (facetcount.go) and matches come back as the project's own types.
type Querier struct {
	ix     *Index
	tr     *translator
	facets rightsearch.Facets
}

// Querier returns a Querier over ix that searches x's spellings too.
func (ix *Index) Querier(x Expansions) *Querier {
	tg := ix.Tagger()
	fs := ix.Facets()
	return &Querier{ix: ix, facets: fs, tr: &translator{
		m:         ix.Mapping(),
		indicator: entity.NormalizeIndicator,
		expand:    x.Words,
		phrases:   x.Phrases,
		canonical: func(facet, v string) string {
			if f, ok := fs.Get(facet); ok && f.Target {
				if t, ok := tg.Target(v); ok {
					return t.Name
				}
			}
			return v
		},
	}}
}

// Results is one page of a search's matches, how many there are, and
// every counted value of every facet (unordered).
type Results struct {
	Total  uint64
	Hits   []Match
	Facets map[string][]rightsearch.Facet
}

// Match is one matching document: its stored facts and text, and the
// byte spans in each text field (title, summary, body) where the query
// matched.
type Match struct {
	ID                                 string
	Score                              float64
	Title, Summary, Body               string
	URL, Organization, Type, Published string
	Language                           string
	Targets, Countries                 []string
	// Values are the match's values of the facets a Hit has no field
	// for (rightsearch.HasHitField), by facet.
	Values map[string][]string
	Spans  map[string][]Span
}

// Span is a matched term's byte range in a field's text.
type Span struct{ Start, End int }

// Text fields whose spans a Match carries, in the order snippets prefer.
const (
	SpanTitle   = FieldTitle
	SpanSummary = FieldSummary
	SpanBody    = FieldBody
)

// storedFields are the stored fields a match is built from.
var storedFields = []string{FieldTitle, FieldSummary, FieldBody, FieldURL, FieldOrganization,
	FieldType, FieldDate, FieldLanguage, FieldTargets, FieldCountries, FieldFacets}

// Search runs r, which must have passed Validate: one Bleve request for
// q, ranked and paged, whose matches are filtered and counted as they are
// collected; then the page's stored fields and match locations, read for
// its hits only.
func (q *Querier) Search(ctx context.Context, r query.Request) (*Results, error) {
	c := &facetCounter{}
	res, err := q.ix.SearchFacets(ctx, q.bleveRequest(r), q.prepare(&r, c))
	if err != nil {
		return nil, tooBroad(err)
	}
	out := &Results{Total: res.Total, Hits: make([]Match, 0, len(res.Hits)), Facets: c.counted()}
	if len(res.Hits) == 0 {
		return out, nil
	}
	full, err := q.ix.Search(ctx, q.highlightRequest(r, res.Hits))
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*bsearch.DocumentMatch, len(full.Hits))
	for _, h := range full.Hits {
		byID[h.ID] = h
	}
	for _, h := range res.Hits {
		m := Match{ID: h.ID}
		if f := byID[h.ID]; f != nil {
			m = toMatch(f)
		}
		m.Score = h.Score
		out.Hits = append(out.Hits, m)
	}
	return out, nil
}

// bleveRequest is the one Bleve request a search runs: q, ranked and
// paged.
func (q *Querier) bleveRequest(r query.Request) *bleve.SearchRequest {
	req := bleve.NewSearchRequestOptions(q.tr.textQuery(r.Query), r.Size, (r.Page-1)*r.Size, false)
	req.SortByCustom(sortOrder(r.Sort))
	return req
}

// highlightRequest reads the stored fields and match locations of one page
// of hits. Asking for locations in the main request would collect them
// for every matching document, not just the page's.
func (q *Querier) highlightRequest(r query.Request, hits bsearch.DocumentMatchCollection) *bleve.SearchRequest {
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	bq := bleve.NewBooleanQuery()
	bq.AddMust(bleve.NewDocIDQuery(ids))
	if !r.Query.Empty() {
		bq.AddShould(q.tr.locationQuery(r.Query))
	}
	req := bleve.NewSearchRequestOptions(bq, len(ids), 0, false)
	req.Fields = storedFields
	req.IncludeLocations = true
	return req
}

func sortOrder(s string) bsearch.SortOrder {
	date := &bsearch.SortField{Field: FieldPublished, Type: bsearch.SortFieldAsDate,
		Missing: bsearch.SortFieldMissingLast}
	switch s {
	case query.SortDate:
		return bsearch.SortOrder{date, &bsearch.SortDocID{}}
	case query.SortDateDesc:
		date.Desc = true
		return bsearch.SortOrder{date, &bsearch.SortDocID{}}
	}
	// Equal scores keep the index's order: breaking ties by id would read
	// every match's id, not just the page's.
	return bsearch.SortOrder{&bsearch.SortScore{Desc: true}}
}

func toMatch(h *bsearch.DocumentMatch) Match {
	m := Match{ID: h.ID, Score: h.Score,
		Title:        str(h.Fields[FieldTitle]),
		Summary:      str(h.Fields[FieldSummary]),
		Body:         str(h.Fields[FieldBody]),
		URL:          str(h.Fields[FieldURL]),
		Organization: str(h.Fields[FieldOrganization]),
		Type:         str(h.Fields[FieldType]),
		Published:    str(h.Fields[FieldDate]),
		Language:     str(h.Fields[FieldLanguage]),
		Targets:      strs(h.Fields[FieldTargets]),
		Countries:    strs(h.Fields[FieldCountries]),
		Spans:        map[string][]Span{},
	}
	for _, f := range []string{FieldTitle, FieldSummary, FieldBody} {
		if spans := spansOf(h.Locations[f]); len(spans) > 0 {
			m.Spans[f] = spans
		}
	}
	for _, fv := range strs(h.Fields[FieldFacets]) {
		facet, v, ok := strings.Cut(fv, FacetSep)
		if !ok || rightsearch.HasHitField(facet) {
			continue
		}
		if m.Values == nil {
			m.Values = map[string][]string{}
		}
		m.Values[facet] = append(m.Values[facet], v)
	}
	return m
}

func spansOf(tlm bsearch.TermLocationMap) []Span {
	var out []Span
	for _, locs := range tlm {
		for _, l := range locs {
			out = append(out, Span{int(l.Start), int(l.End)})
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

// FacetCounts counts every value of every facet over the whole index.
func (q *Querier) FacetCounts(ctx context.Context) (map[string][]rightsearch.Facet, error) {
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 0, 0, false)
	var c facetCounter
	if _, err := q.ix.SearchFacets(ctx, req, q.prepare(&query.Request{}, &c)); err != nil {
		return nil, fmt.Errorf("count facets: %w", err)
	}
	return c.counted(), nil
}

// TargetMatches lists up to max documents that name the target name (or
// any alias of it), oldest first (undated last), with their facts but no
// text.
func (q *Querier) TargetMatches(ctx context.Context, name string, max int) ([]Match, uint64, error) {
	req := bleve.NewSearchRequestOptions(q.tr.filter("target", []string{name}), max, 0, false)
	req.Fields = []string{FieldTitle, FieldOrganization, FieldType, FieldDate, FieldTargets}
	req.SortByCustom(sortOrder(query.SortDate))
	res, err := q.ix.Search(ctx, req)
	if err != nil {
		return nil, 0, fmt.Errorf("target %s: %w", name, err)
	}
	out := make([]Match, 0, len(res.Hits))
	for _, h := range res.Hits {
		out = append(out, toMatch(h))
	}
	return out, res.Total, nil
}

// MaxExpansion bounds the terms one prefix, wildcard or fuzzy word may
// expand to. Bleve reports going past it only as an error text
// ("TooManyClauses"), which tooBroad turns into query.ErrTooBroad, a 400.
const MaxExpansion = 4096

// LimitExpansions sets Bleve's process-wide bound on a pattern's terms to
// MaxExpansion; the commands call it once at start (Bleve keeps the bound
// in a package variable).
func LimitExpansions() { searcher.DisjunctionMaxClauseCount = MaxExpansion }

func tooBroad(err error) error {
	if err != nil && strings.Contains(err.Error(), "TooManyClauses") {
		return fmt.Errorf("%w: %v", query.ErrTooBroad, err)
	}
	return err
}
