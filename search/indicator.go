package search

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/indexer/entity"
	"github.com/rightsearch/rightsearch/indicators"
	"github.com/rightsearch/rightsearch/query"
)

// maxIndicatorReports bounds the reports an indicator's page lists.
const maxIndicatorReports = 500

// listStores holds one indicator list store per data directory: a store
// caches the lists it read, and every Searcher of a directory shares it.
var listStores sync.Map // absolute data dir → *indicators.Store

func (s *Searcher) lists() *indicators.Store {
	dir, err := filepath.Abs(s.ix.DataDir())
	if err != nil {
		dir = s.ix.DataDir()
	}
	st, _ := listStores.LoadOrStore(dir, indicators.NewStore(dir))
	return st.(*indicators.Store)
}

// Indicator is what the index and the published lists know of value
// (fanged or defanged, any case): the documents that mention it, newest
// first, and every list that carries it with its entry there. It wraps
// rightsearch.ErrNotFound when neither does.
func (s *Searcher) Indicator(ctx context.Context, value string) (*rightsearch.IndicatorPage, error) {
	value = strings.TrimSpace(value)
	if value == "" {
		return nil, fmt.Errorf("indicator: empty value: %w", query.ErrInvalid)
	}
	key := indicators.Key(value)
	page := &rightsearch.IndicatorPage{Value: key, Reports: []rightsearch.TimelineEntry{}, Lists: []rightsearch.ListEntry{}}
	listDocs := map[string]bool{}
	matches, err := s.lists().Carrying([]string{key})
	if err != nil {
		return nil, fmt.Errorf("indicator %s: %w", value, err)
	}
	for _, m := range matches {
		listDocs[m.List.ID] = true
		for _, e := range m.Entries {
			page.Lists = append(page.Lists, rightsearch.ListEntry{List: m.List, Entry: e})
			if page.Type == "" {
				page.Type = e.Type
			}
		}
	}
	if err := s.indicatorReports(ctx, key, listDocs, page); err != nil {
		return nil, err
	}
	if len(page.Reports) == 0 && len(page.Lists) == 0 {
		return nil, fmt.Errorf("indicator %q: no document mentions it and no list carries it: %w", value, rightsearch.ErrNotFound)
	}
	return page, nil
}

// indicatorReports fills page.Reports with the documents whose
// indicators hold key (as indicator:"key" finds them), but the lists'
// own documents.
func (s *Searcher) indicatorReports(ctx context.Context, key string, lists map[string]bool, page *rightsearch.IndicatorPage) error {
	quoted := `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(key) + `"`
	q := "indicator:" + quoted
	if _, ok := entity.NormalizeIndicator(key); !ok {
		// A process or file name is no indicator to the tagger: a report
		// names it in its text.
		q += " OR " + quoted
	}
	for p := 1; len(page.Reports) < maxIndicatorReports; p++ {
		r := query.Request{Q: q, Sort: query.SortDateDesc, Page: p, Size: query.MaxSize, Facets: s.ix.Facets()}
		if err := r.Validate(); err != nil {
			return fmt.Errorf("indicator %s: %w", key, err)
		}
		res, err := s.q.Search(ctx, r)
		if err != nil {
			return fmt.Errorf("indicator %s: %w", key, err)
		}
		for _, m := range res.Hits {
			if lists[m.ID] || m.Type == indicators.DocType {
				continue
			}
			page.Reports = append(page.Reports, rightsearch.TimelineEntry{ID: m.ID, Title: m.Title,
				Organization: m.Organization, Type: m.Type, Published: m.Published})
		}
		if uint64(p*query.MaxSize) >= res.Total || len(res.Hits) == 0 {
			return nil
		}
	}
	return nil
}

// ListsCarrying lists the published lists that carry any of values (a
// document's indicators), each with its entries for them.
func (s *Searcher) ListsCarrying(_ context.Context, values []string) ([]rightsearch.ListMatch, error) {
	if len(values) == 0 {
		return []rightsearch.ListMatch{}, nil
	}
	m, err := s.lists().Carrying(values)
	if err != nil {
		return nil, fmt.Errorf("lists carrying %d indicators: %w", len(values), err)
	}
	return m, nil
}
