package indexer

import (
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	bquery "github.com/blevesearch/bleve/v2/search/query"
	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/query"
)

// Boosts: a match in the title ranks above one in the facts, the summary
// and then the body.
var textFields = []struct {
	name  string
	boost float64
}{
	{FieldTitle, 3}, {FieldSummary, 1.5}, {FieldBody, 1},
}

const factsBoost = 2

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
	// phrases gives the other spellings of a quoted name (a target's
	// aliases), nil when it has none.
	phrases func(phrase string) []string
}

// textQuery is q as a Bleve query: what a search ranks and filters.
// Phrases are phraseQuery, which finds and scores what Bleve's phrase
// search does, faster, but without match locations.
func (t *translator) textQuery(q query.Query) bquery.Query { return t.build(q, false) }

// locationQuery is q with Bleve's own phrase search, which gives the
// locations of phrase matches: it runs on one page of hits, to mark them.
func (t *translator) locationQuery(q query.Query) bquery.Query { return t.build(q, true) }

func (t *translator) build(q query.Query, locations bool) bquery.Query {
	if q.Root == nil {
		return bleve.NewMatchAllQuery()
	}
	return t.node(q.Root, locations)
}

// node translates one node of the tree: the one place where the query
// language meets Bleve.
func (t *translator) node(n query.Node, loc bool) bquery.Query {
	switch x := n.(type) {
	case *query.Group:
		var musts, shoulds, nots []bquery.Query
		for _, c := range x.Clauses {
			cq := t.node(c.Node, loc)
			switch c.Occur {
			case query.MustNot:
				nots = append(nots, cq)
			case query.Must:
				musts = append(musts, cq)
			default:
				shoulds = append(shoulds, cq)
			}
		}
		return boosted(combine(musts, shoulds, nots), x.Boost)
	case *query.And:
		var musts, nots []bquery.Query
		for _, c := range x.Nodes {
			if not, ok := c.(*query.Not); ok {
				nots = append(nots, t.node(not.Node, loc))
				continue
			}
			musts = append(musts, t.node(c, loc))
		}
		return boosted(combine(musts, nil, nots), x.Boost)
	case *query.Or:
		qs := make([]bquery.Query, len(x.Nodes))
		for i, c := range x.Nodes {
			qs[i] = t.node(c, loc)
		}
		return boosted(bleve.NewDisjunctionQuery(qs...), x.Boost)
	case *query.Not:
		return combine(nil, nil, []bquery.Query{t.node(x.Node, loc)})
	case *query.Term:
		return boosted(t.term(x, loc), x.Boost)
	case *query.Phrase:
		return boosted(t.phrase(x, loc), x.Boost)
	case *query.Range:
		return dateRange(rangeBounds(x))
	}
	return bleve.NewMatchNoneQuery()
}

// combine is the boolean query of a group: every must, at least one
// should when there is no must (else shoulds only rank), no must-not; a
// group of exclusions alone matches everything else.
func combine(musts, shoulds, nots []bquery.Query) bquery.Query {
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

// boosted multiplies q's score by b (0: unchanged).
func boosted(q bquery.Query, b float64) bquery.Query {
	if bq, ok := q.(bquery.BoostableQuery); ok && b != 0 {
		bq.SetBoost(b * bq.Boost())
	}
	return q
}

// textTargets are the fields a text clause in field f searches, with
// their boosts and analyzers: free text searches every text field and the
// facts.
func textTargets(f string) []textTarget {
	switch f {
	case "":
		return freeTextTargets
	case "title":
		return []textTarget{{FieldTitle, 1, TextAnalyzers}}
	case "summary":
		return []textTarget{{FieldSummary, 1, TextAnalyzers}}
	case "body":
		return []textTarget{{FieldBody, 1, TextAnalyzers}}
	case query.FieldAuthor:
		return []textTarget{{FieldAuthors, 1, []string{AnalyzerFold}}}
	case "url":
		return []textTarget{{FieldURLWords, 1, []string{AnalyzerFold}}}
	}
	return nil
}

type textTarget struct {
	field     string
	boost     float64
	analyzers []string
}

var freeTextTargets = func() []textTarget {
	var out []textTarget
	for _, f := range textFields {
		out = append(out, textTarget{f.name, f.boost, TextAnalyzers})
	}
	return append(out, textTarget{FieldFacts, factsBoost, []string{AnalyzerFold}})
}()

// term translates a word or pattern: in text, on a facet, or an
// indicator.
func (t *translator) term(x *query.Term, loc bool) bquery.Query {
	switch {
	case x.Field == "indicator":
		return t.indicatorQuery(x)
	case x.Field != "" && !query.IsTextField(x.Field):
		if x.Kind == query.Word {
			return t.filter(x.Field, []string{x.Value})
		}
		return t.pattern(x, FilterField(x.Field), AnalyzerKeyword)
	}
	words := []string{x.Value}
	if x.Kind == query.Word && t.expand != nil {
		if alts := t.expand(x.Value); len(alts) > 0 {
			words = alts
		}
	}
	var qs []bquery.Query
	for _, tg := range textTargets(x.Field) {
		for _, w := range words {
			if x.Kind == query.Word {
				qs = append(qs, t.textMatch(w, 0, tg.field, tg.boost, tg.analyzers, loc)...)
				continue
			}
			q := t.pattern(x, tg.field, AnalyzerKeyword)
			if bq, ok := q.(bquery.BoostableQuery); ok {
				bq.SetBoost(tg.boost)
			}
			qs = append(qs, q)
		}
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// pattern is a prefix, wildcard or fuzzy query on field, its value
// folded by analyzer as the field's words were.
func (t *translator) pattern(x *query.Term, field, analyzer string) bquery.Query {
	v := t.analyzeOne(analyzer, x.Value)
	if v == "" {
		return bleve.NewMatchNoneQuery()
	}
	var q bquery.FieldableQuery
	switch x.Kind {
	case query.Prefix:
		q = bleve.NewPrefixQuery(v)
	case query.Wildcard:
		q = bleve.NewWildcardQuery(v)
	case query.Fuzzy:
		fq := bleve.NewFuzzyQuery(v)
		fq.SetFuzziness(x.Edits)
		q = fq
	default:
		q = bleve.NewTermQuery(v)
	}
	q.SetField(field)
	return q
}

func (t *translator) indicatorQuery(x *query.Term) bquery.Query {
	if x.Kind != query.Word {
		return t.pattern(x, FieldIndicators, AnalyzerKeyword)
	}
	v, ok := t.indicator(x.Value)
	if !ok {
		v = strings.ToLower(x.Value)
	}
	tq := bleve.NewTermQuery(v)
	tq.SetField(FieldIndicators)
	return tq
}

// phrase translates quoted words: a facet value as written, or words in
// text, near each other when Slop is set.
func (t *translator) phrase(x *query.Phrase, loc bool) bquery.Query {
	switch {
	case x.Field == "indicator":
		return t.indicatorQuery(&query.Term{Field: x.Field, Value: x.Value})
	case x.Field != "" && !query.IsTextField(x.Field):
		return t.filter(x.Field, []string{x.Value})
	}
	values := []string{x.Value}
	if x.Field == "" && t.phrases != nil {
		values = append(values, t.phrases(x.Value)...)
	}
	var qs []bquery.Query
	for _, tg := range textTargets(x.Field) {
		for _, v := range values {
			qs = append(qs, t.textMatch(v, max(x.Slop, 0)+phraseMark, tg.field, tg.boost, tg.analyzers, loc)...)
		}
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// phraseMark tells textMatch that its text is a phrase (slop+phraseMark).
const phraseMark = 1

// textMatch matches text in field as analyzed by each of analyzers; terms
// two analyzers agree on are asked once. slop is 0 for a word, else
// phraseMark plus the phrase's slop.
func (t *translator) textMatch(text string, slop int, field string, boost float64, analyzers []string, locations bool) []bquery.Query {
	var qs []bquery.Query
	seen := map[string]bool{}
	for _, a := range analyzers {
		terms := t.analyze(a, text)
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
		near := max(slop-phraseMark, 0)
		if sq := t.stepPhrase(field, a, text, boost, near); sq != nil && (!locations || near > 0) {
			if locations { // marks each word: Bleve's phrase search has no slop
				qs = append(qs, termsOf(sq)...)
				continue
			}
			qs = append(qs, sq)
			continue
		}
		// Bleve's phrase search, for locations, and where two tokens share
		// a position; a word the analyzer splits (zero-day) is its parts in
		// order.
		pq := bleve.NewMatchPhraseQuery(text)
		pq.SetField(field)
		pq.Analyzer = a
		pq.SetBoost(boost)
		qs = append(qs, pq)
	}
	return qs
}

// termsOf is a phrase's words as term queries, to mark them one by one.
func termsOf(p *phraseQuery) []bquery.Query {
	qs := make([]bquery.Query, len(p.Terms))
	for i, term := range p.Terms {
		tq := bleve.NewTermQuery(term)
		tq.SetField(p.Field)
		tq.SetBoost(p.Boost)
		qs[i] = tq
	}
	return qs
}

// stepPhrase is text analyzed by analyzer as a phraseQuery on field; nil
// when two tokens share a position (Bleve's phrase search handles those).
func (t *translator) stepPhrase(field, analyzer, text string, boost float64, slop int) *phraseQuery {
	a := t.m.AnalyzerNamed(analyzer)
	if a == nil {
		return nil
	}
	toks := a.Analyze([]byte(text))
	if len(toks) < 2 {
		return nil
	}
	q := &phraseQuery{Field: field, Boost: boost, Slop: uint64(slop)}
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
func (t *translator) filter(facet string, values []string) bquery.Query {
	qs := make([]bquery.Query, 0, len(values))
	for _, v := range values {
		if t.canonical != nil {
			v = t.canonical(facet, v)
		}
		tq := bleve.NewTermQuery(t.analyzeOne(AnalyzerKeyword, v))
		tq.SetField(FilterField(facet))
		qs = append(qs, tq)
	}
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// dateBounds is the date filter of r within what Bleve can index (see
// clampBounds). ok is false without a date filter.
func dateBounds(r *query.Request) (lo, hi time.Time, none, ok bool) {
	if r.From.IsZero() && r.To.IsZero() {
		return lo, hi, false, false
	}
	if !r.From.IsZero() {
		lo = r.From.Start()
	}
	if !r.To.IsZero() {
		hi = r.To.End()
	}
	lo, hi, none = clampBounds(lo, hi)
	return lo, hi, none, true
}

// clampBounds fits a date filter into Bleve's range: a document matches
// when it is dated, its period starts at or before hi and ends at or
// after lo; a zero bound is open. Bounds past Bleve's range are dropped,
// or make the filter match nothing (none).
func clampBounds(lo, hi time.Time) (time.Time, time.Time, bool) {
	none := false
	if !hi.IsZero() {
		switch {
		case hi.Before(MinDate):
			none = true
		case !hi.Before(MaxDate):
			hi = time.Time{}
		}
	}
	if !lo.IsZero() {
		switch {
		case lo.After(MaxDate):
			none = true
		case !lo.After(MinDate):
			lo = time.Time{}
		}
	}
	return lo, hi, none
}

// rangeBounds is a published: range of q as the bounds of its periods: an
// inclusive bound takes its date's whole period, an exclusive one starts
// after it (from) or ends before it (to).
func rangeBounds(r *query.Range) (lo, hi time.Time, none bool) {
	if d, err := rightsearch.ParseDate(r.From); err == nil && r.From != "" {
		lo = d.Start()
		if !r.FromIncl {
			lo = d.End().Add(time.Second)
		}
	}
	if d, err := rightsearch.ParseDate(r.To); err == nil && r.To != "" {
		hi = d.End()
		if !r.ToIncl {
			hi = d.Start().Add(-time.Second)
		}
	}
	if !lo.IsZero() && !hi.IsZero() && lo.After(hi) {
		return lo, hi, true
	}
	return clampBounds(lo, hi)
}

// dateRange is the conjunction of dateQueries.
func dateRange(lo, hi time.Time, none bool) bquery.Query {
	return bleve.NewConjunctionQuery(dateQueries(lo, hi, none)...)
}

// dateQueries are Bleve queries on published (the period's start) and
// published_end for the bounds clampBounds gave.
func dateQueries(lo, hi time.Time, none bool) []bquery.Query {
	if none {
		return []bquery.Query{bleve.NewMatchNoneQuery()}
	}
	inc := true
	dated := bleve.NewDateRangeInclusiveQuery(MinDate, MaxDate, &inc, &inc)
	dated.SetField(FieldPublished)
	qs := []bquery.Query{dated}
	if !hi.IsZero() {
		q := bleve.NewDateRangeInclusiveQuery(time.Time{}, hi, nil, &inc)
		q.SetField(FieldPublished)
		qs = append(qs, q)
	}
	if !lo.IsZero() {
		q := bleve.NewDateRangeInclusiveQuery(lo, time.Time{}, &inc, nil)
		q.SetField(FieldPublishedEnd)
		qs = append(qs, q)
	}
	return qs
}

// dateFilter is r's date filter (dateBounds) as Bleve queries: what the
// raw-Bleve benchmark asks. Searches apply the same bounds to the facet
// table's rows.
func dateFilter(r *query.Request) []bquery.Query {
	lo, hi, none, ok := dateBounds(r)
	if !ok {
		return nil
	}
	return dateQueries(lo, hi, none)
}
