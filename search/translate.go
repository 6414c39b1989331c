package search

import (
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/rightsearch/rightsearch/indexer"
)

// Boosts: a match in the title ranks above one in the facts, the summary
// and then the body.
var textFields = []struct {
	name  string
	boost float64
}{
	{indexer.FieldTitle, 3}, {indexer.FieldSummary, 1.5}, {indexer.FieldBody, 1},
}

const factsBoost = 2

// filterFields maps a facet to the folded keyword field its filters and
// field:value clauses match.
var filterFields = map[string]string{
	"organization": indexer.FieldFOrganization,
	"type":         indexer.FieldFType,
	"target":       indexer.FieldFTargets,
	"country":      indexer.FieldFCountries,
	"spyware":      indexer.FieldFSpyware,
	"language":     indexer.FieldFLanguage,
}

// translator turns parsed requests into Bleve queries, analyzing words
// with the same analyzers the text was indexed with.
type translator struct {
	m mapping.IndexMapping
	// canonical resolves a target alias to its canonical name; others pass.
	canonical func(facet, value string) string
	// indicator normalizes an indicator (refanged, lowercased); ok=false if
	// the value is not one.
	indicator func(string) (string, bool)
	// expand gives the other one-word spellings of a word (a country's
	// names and demonyms), nil when it has none.
	expand func(word string) []string
}

// textQuery is q as a Bleve query: what a search ranks and filters.
// Phrases are phraseQuery, which finds and scores what Bleve's phrase
// search does, faster, but without match locations.
func (t *translator) textQuery(q Query) query.Query { return t.build(q, false) }

// locationQuery is q with Bleve's own phrase search, which gives the
// locations of phrase matches: it runs on one page of hits, to mark them.
func (t *translator) locationQuery(q Query) query.Query { return t.build(q, true) }

func (t *translator) build(q Query, locations bool) query.Query {
	if len(q.Clauses) == 0 {
		return bleve.NewMatchAllQuery()
	}
	var musts, shoulds, nots []query.Query
	for _, c := range q.Clauses {
		cq := t.clause(c, locations)
		switch {
		case c.Occur == MustNot:
			nots = append(nots, cq)
		case c.Occur == Must || c.Field != "":
			musts = append(musts, cq)
		default:
			shoulds = append(shoulds, cq)
		}
	}
	return Combine(musts, shoulds, nots)
}

// Combine is the boolean query of a parsed q: every must, at least one
// should when there is no must (else shoulds only rank), no must-not; a
// query of exclusions alone matches everything else.
func Combine(musts, shoulds, nots []query.Query) query.Query {
	bq := bleve.NewBooleanQuery()
	if len(musts) > 0 {
		bq.AddMust(musts...)
	}
	if len(shoulds) > 0 {
		bq.AddShould(shoulds...)
		if len(musts) == 0 {
			bq.SetMinShould(1)
		}
	}
	if len(nots) > 0 {
		bq.AddMustNot(nots...)
	}
	if len(musts) == 0 && len(shoulds) == 0 {
		bq.AddMust(bleve.NewMatchAllQuery())
	}
	return bq
}

// clause translates one clause; a field clause is a filter on that field.
func (t *translator) clause(c Clause, locations bool) query.Query {
	if c.Field == "indicator" {
		v, ok := t.indicator(c.Value)
		if !ok {
			v = strings.ToLower(c.Value)
		}
		tq := bleve.NewTermQuery(v)
		tq.SetField(indexer.FieldIndicators)
		return tq
	}
	if c.Field != "" {
		return t.filter(c.Field, []string{c.Value})
	}
	words := []string{c.Value}
	if !c.Phrase && !c.Prefix && t.expand != nil {
		if alts := t.expand(c.Value); len(alts) > 0 {
			words = alts
		}
	}
	var qs []query.Query
	for _, w := range words {
		c.Value = w
		for _, f := range textFields {
			qs = append(qs, t.textMatch(c, f.name, f.boost, indexer.TextAnalyzers, locations)...)
		}
		qs = append(qs, t.textMatch(c, indexer.FieldFacts, factsBoost, []string{indexer.AnalyzerFold}, locations)...)
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// textMatch matches c in field as analyzed by each of analyzers; terms two
// analyzers agree on are asked once.
func (t *translator) textMatch(c Clause, field string, boost float64, analyzers []string, locations bool) []query.Query {
	var qs []query.Query
	seen := map[string]bool{}
	for _, a := range analyzers {
		if c.Prefix {
			p := t.analyzeOne(indexer.AnalyzerFold, c.Value)
			if p == "" || seen[p] {
				continue
			}
			seen[p] = true
			pq := bleve.NewPrefixQuery(p)
			pq.SetField(field)
			pq.SetBoost(boost)
			qs = append(qs, pq)
			continue
		}
		terms := t.analyze(a, c.Value)
		key := strings.Join(terms, " ")
		if len(terms) == 0 || seen[key] {
			continue
		}
		seen[key] = true
		if len(terms) == 1 { // a phrase of one word (the rest stop words) is that word
			tq := bleve.NewTermQuery(terms[0])
			tq.SetField(field)
			tq.SetBoost(boost)
			qs = append(qs, tq)
			continue
		}
		if sq := t.stepPhrase(field, a, c.Value, boost); sq != nil && !locations {
			qs = append(qs, sq)
			continue
		}
		pq := bleve.NewMatchPhraseQuery(c.Value)
		pq.SetField(field)
		pq.Analyzer = a
		pq.SetBoost(boost)
		qs = append(qs, pq)
	}
	return qs
}

// stepPhrase is text analyzed by analyzer as a phraseQuery on field; nil
// when two tokens share a position (Bleve's phrase search handles those).
func (t *translator) stepPhrase(field, analyzer, text string, boost float64) *phraseQuery {
	a := t.m.AnalyzerNamed(analyzer)
	if a == nil {
		return nil
	}
	toks := a.Analyze([]byte(text))
	if len(toks) < 2 {
		return nil
	}
	q := &phraseQuery{Field: field, Boost: boost}
	for i, tk := range toks {
		if i > 0 && tk.Position <= toks[i-1].Position {
			return nil
		}
		q.Terms = append(q.Terms, string(tk.Term))
		q.Offsets = append(q.Offsets, uint64(tk.Position-toks[0].Position))
	}
	return q
}

func (t *translator) analyze(analyzer, text string) []string {
	a := t.m.AnalyzerNamed(analyzer)
	if a == nil {
		return nil
	}
	toks := a.Analyze([]byte(text))
	out := make([]string, 0, len(toks))
	for _, tk := range toks {
		out = append(out, string(tk.Term))
	}
	return out
}

func (t *translator) analyzeOne(analyzer, text string) string {
	return strings.Join(t.analyze(analyzer, text), " ")
}

// filter matches any of values (OR) on a facet's folded keyword field.
func (t *translator) filter(facet string, values []string) query.Query {
	qs := make([]query.Query, 0, len(values))
	for _, v := range values {
		if t.canonical != nil {
			v = t.canonical(facet, v)
		}
		tq := bleve.NewTermQuery(t.analyzeOne(indexer.AnalyzerKeyword, v))
		tq.SetField(filterFields[facet])
		qs = append(qs, tq)
	}
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// dateBounds is the date filter of r within what Bleve can index: a
// document matches when it is dated, its period starts at or before hi and
// ends at or after lo; a zero bound is open. Bounds past Bleve's range are
// dropped, or make the filter match nothing (none). ok is false without a
// date filter.
func dateBounds(r *Request) (lo, hi time.Time, none, ok bool) {
	if r.From.IsZero() && r.To.IsZero() {
		return lo, hi, false, false
	}
	if !r.To.IsZero() {
		switch end := r.To.End(); {
		case end.Before(indexer.MinDate):
			none = true
		case end.Before(indexer.MaxDate):
			hi = end
		}
	}
	if !r.From.IsZero() {
		switch start := r.From.Start(); {
		case start.After(indexer.MaxDate):
			none = true
		case start.After(indexer.MinDate):
			lo = start
		}
	}
	return lo, hi, none, true
}

// DateFilter is r's date filter (dateBounds) as Bleve queries on published
// (the period's start) and published_end: what the raw-Bleve benchmark
// asks. Searches apply the same bounds to the facet table's rows.
func DateFilter(r *Request) []query.Query {
	lo, hi, none, ok := dateBounds(r)
	switch {
	case !ok:
		return nil
	case none:
		return []query.Query{bleve.NewMatchNoneQuery()}
	}
	inc := true
	dated := bleve.NewDateRangeInclusiveQuery(indexer.MinDate, indexer.MaxDate, &inc, &inc)
	dated.SetField(indexer.FieldPublished)
	qs := []query.Query{dated}
	if !hi.IsZero() {
		q := bleve.NewDateRangeInclusiveQuery(time.Time{}, hi, nil, &inc)
		q.SetField(indexer.FieldPublished)
		qs = append(qs, q)
	}
	if !lo.IsZero() {
		q := bleve.NewDateRangeInclusiveQuery(lo, time.Time{}, &inc, nil)
		q.SetField(indexer.FieldPublishedEnd)
		qs = append(qs, q)
	}
	return qs
}
