package search

import (
	"context"
	"fmt"
	"sort"
	"strings"

	rightsearch "github.com/rightsearch/rightsearch"
)

// maxTimeline bounds a timeline's length.
const maxTimeline = 1000

// Targets lists every known target (the registry and any other value
// documents carry) with its document count, most documented first.
func (s *Searcher) Targets(ctx context.Context) ([]rightsearch.TargetCount, error) {
	counted, err := s.q.FacetCounts(ctx)
	if err != nil {
		return nil, fmt.Errorf("list targets: %w", err)
	}
	counts := map[string]int{}
	for _, f := range counted["target"] {
		counts[f.Value] = f.Count
	}
	var out []rightsearch.TargetCount
	for _, t := range s.ix.Tagger().Targets() {
		out = append(out, rightsearch.TargetCount{Name: t.Name, Aliases: t.Aliases, Count: counts[t.Name]})
		delete(counts, t.Name)
	}
	for name, n := range counts {
		out = append(out, rightsearch.TargetCount{Name: name, Aliases: []string{}, Count: n})
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
func (s *Searcher) Timeline(ctx context.Context, name string) (*rightsearch.TargetTimeline, error) {
	tt := &rightsearch.TargetTimeline{Name: strings.TrimSpace(name), Aliases: []string{}, Countries: []string{}}
	t, known := s.ix.Tagger().Target(name)
	if known {
		tt.Name, tt.Aliases, tt.Countries = t.Name, t.Aliases, t.Countries
	}
	ms, total, err := s.q.TargetMatches(ctx, tt.Name, maxTimeline)
	if err != nil {
		return nil, fmt.Errorf("timeline %s: %w", name, err)
	}
	if total == 0 && !known {
		return nil, fmt.Errorf("target %q: %w", name, rightsearch.ErrNotFound)
	}
	tt.Timeline = make([]rightsearch.TimelineEntry, 0, len(ms))
	for _, m := range ms {
		tt.Timeline = append(tt.Timeline, rightsearch.TimelineEntry{ID: m.ID, Title: m.Title,
			Organization: m.Organization, Type: m.Type, Published: m.Published})
	}
	// A name that is not in the registry takes the spelling documents use.
	if len(ms) > 0 {
		for _, v := range ms[0].Targets {
			if strings.EqualFold(v, tt.Name) {
				tt.Name = v
			}
		}
	}
	return tt, nil
}
