package search

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/rightsearch/rightsearch/indexer"
)

// TargetCount is a named target and how many documents name it.
type TargetCount struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
	Count   int      `json:"count"`
}

// TargetTimeline is a target with the documents that name it, oldest
// first (undated last).
type TargetTimeline struct {
	Name      string          `json:"name"`
	Aliases   []string        `json:"aliases"`
	Countries []string        `json:"countries"`
	Timeline  []TimelineEntry `json:"timeline"`
}

// TimelineEntry is one document on a target's timeline.
type TimelineEntry struct {
	ID           string `json:"id"`
	Title        string `json:"title"`
	Organization string `json:"organization,omitempty"`
	Type         string `json:"type,omitempty"`
	Published    string `json:"published,omitempty"`
}

// maxTimeline bounds a timeline's length.
const maxTimeline = 1000

// Targets lists every known target (the registry and any other value
// documents carry) with its document count, most documented first.
func (s *Searcher) Targets(ctx context.Context) ([]TargetCount, error) {
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 0, 0, false)
	var c facetCounter
	if _, err := s.ix.SearchFacets(ctx, req, s.prepare(&Request{}, &c)); err != nil {
		return nil, fmt.Errorf("list targets: %w", err)
	}
	counts := map[string]int{}
	for _, f := range c.counted()["target"] {
		counts[f.Value] = f.Count
	}
	var out []TargetCount
	for _, t := range s.ix.Tagger().Targets() {
		out = append(out, TargetCount{Name: t.Name, Aliases: t.Aliases, Count: counts[t.Name]})
		delete(counts, t.Name)
	}
	for name, n := range counts {
		out = append(out, TargetCount{Name: name, Aliases: []string{}, Count: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Name < out[j].Name
	})
	return out, nil
}

// Timeline resolves name (canonical or any alias, any case) and lists the
// documents naming the target by date.
func (s *Searcher) Timeline(ctx context.Context, name string) (*TargetTimeline, error) {
	tt := &TargetTimeline{Name: strings.TrimSpace(name), Aliases: []string{}, Countries: []string{}}
	if t, ok := s.ix.Tagger().Target(name); ok {
		tt.Name, tt.Aliases, tt.Countries = t.Name, t.Aliases, t.Countries
	}
	req := bleve.NewSearchRequestOptions(s.tr.filter("target", []string{tt.Name}), maxTimeline, 0, false)
	req.Fields = []string{indexer.FieldTitle, indexer.FieldOrganization, indexer.FieldType,
		indexer.FieldDate, indexer.FieldTargets}
	req.SortByCustom(sortOrder(SortDate))
	res, err := s.ix.Search(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("timeline %s: %w", name, err)
	}
	if res.Total == 0 {
		if _, ok := s.ix.Tagger().Target(name); !ok {
			return nil, fmt.Errorf("target %q: %w", name, indexer.ErrNotFound)
		}
	}
	tt.Timeline = make([]TimelineEntry, 0, len(res.Hits))
	for _, h := range res.Hits {
		tt.Timeline = append(tt.Timeline, timelineEntry(h))
	}
	// A name that is not in the registry takes the spelling documents use.
	if len(res.Hits) > 0 {
		for _, v := range strs(res.Hits[0].Fields[indexer.FieldTargets]) {
			if strings.EqualFold(v, tt.Name) {
				tt.Name = v
			}
		}
	}
	return tt, nil
}

func timelineEntry(h *bsearch.DocumentMatch) TimelineEntry {
	return TimelineEntry{ID: h.ID, Title: str(h.Fields[indexer.FieldTitle]),
		Organization: str(h.Fields[indexer.FieldOrganization]), Type: str(h.Fields[indexer.FieldType]),
		Published: str(h.Fields[indexer.FieldDate])}
}
