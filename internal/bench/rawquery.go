package bench

import (
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"
	"github.com/rightsearch/rightsearch/indexer"
	"github.com/rightsearch/rightsearch/query"
)

// RawRequest is what a plain Bleve user asks for r: match queries on the
// text fields (each with its mapped analyzer), phrases, term filters and
// date ranges, one request with every facet and Bleve's own highlighter.
// No disjunctive facets, no multi-analyzer expansion, no snippets of ours:
// the yardstick the engine's query cost is compared with. years, when
// given, makes the year facet a date-range facet on published with one
// bucket per year, on top (what counting years as terms avoids).
func RawRequest(r query.Request, years []int) *bleve.SearchRequest {
	req := bleve.NewSearchRequestOptions(rawQuery(r), r.Size, (r.Page-1)*r.Size, false)
	req.Fields = []string{indexer.FieldTitle, indexer.FieldURL, indexer.FieldOrganization,
		indexer.FieldType, indexer.FieldDate, indexer.FieldLanguage, indexer.FieldTargets, indexer.FieldCountries}
	req.Highlight = bleve.NewHighlightWithStyle("html")
	req.Highlight.Fields = []string{indexer.FieldBody, indexer.FieldSummary, indexer.FieldTitle}
	// The mapping keeps every facet's values in one doc-values field, so a
	// plain user counts all seven facets with one term facet on it.
	req.AddFacet("facets", bleve.NewFacetRequest(indexer.FieldFacets, 20000))
	if years != nil {
		fr := bleve.NewFacetRequest(indexer.FieldPublished, len(years))
		for _, y := range years {
			start := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
			fr.AddDateTimeRange(itoa(y), start, start.AddDate(1, 0, 0))
		}
		req.AddFacet("year", fr)
	}
	switch r.Sort {
	case query.SortDate:
		req.SortBy([]string{indexer.FieldPublished, "_id"})
	case query.SortDateDesc:
		req.SortBy([]string{"-" + indexer.FieldPublished, "_id"})
	}
	return req
}

func itoa(y int) string { return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006") }

func rawQuery(r query.Request) bquery.Query {
	var musts []bquery.Query
	if r.Query.Root != nil {
		musts = append(musts, rawNode(r.Query.Root))
	}
	filter := func(field string, vals []string) {
		if len(vals) == 0 {
			return
		}
		var qs []bquery.Query
		for _, v := range vals {
			tq := bleve.NewTermQuery(strings.ToLower(v))
			tq.SetField(field)
			qs = append(qs, tq)
		}
		musts = append(musts, bleve.NewDisjunctionQuery(qs...))
	}
	filter(indexer.FilterField("organization"), r.Filter["organization"])
	filter(indexer.FilterField("type"), r.Filter["type"])
	filter(indexer.FilterField("language"), r.Filter["language"])
	musts = append(musts, rawDates(r)...)
	return combine(musts, nil, nil)
}

// rawNode is a node of the query tree as a plain Bleve user would ask
// it: booleans as booleans, words as match queries.
func rawNode(n query.Node) bquery.Query {
	switch x := n.(type) {
	case *query.Group:
		var musts, shoulds, nots []bquery.Query
		for _, c := range x.Clauses {
			q := rawNode(c.Node)
			switch c.Occur {
			case query.MustNot:
				nots = append(nots, q)
			case query.Must:
				musts = append(musts, q)
			default:
				shoulds = append(shoulds, q)
			}
		}
		return combine(musts, shoulds, nots)
	case *query.And:
		qs := make([]bquery.Query, len(x.Nodes))
		for i, c := range x.Nodes {
			qs[i] = rawNode(c)
		}
		return bleve.NewConjunctionQuery(qs...)
	case *query.Or:
		qs := make([]bquery.Query, len(x.Nodes))
		for i, c := range x.Nodes {
			qs[i] = rawNode(c)
		}
		return bleve.NewDisjunctionQuery(qs...)
	case *query.Not:
		return combine(nil, nil, []bquery.Query{rawNode(x.Node)})
	case *query.Term:
		return rawText(x.Value, x.Kind == query.Prefix, false)
	case *query.Phrase:
		return rawText(x.Value, false, true)
	}
	return bleve.NewMatchAllQuery()
}

// rawText matches one word, prefix or phrase in title, summary, body
// and facts, each field with the analyzer its mapping gives it.
func rawText(v string, prefix, phrase bool) bquery.Query {
	var qs []bquery.Query
	for _, f := range []string{indexer.FieldTitle, indexer.FieldSummary, indexer.FieldBody, indexer.FieldFacts} {
		switch {
		case prefix:
			q := bleve.NewPrefixQuery(strings.ToLower(v))
			q.SetField(f)
			qs = append(qs, q)
		case phrase:
			q := bleve.NewMatchPhraseQuery(v)
			q.SetField(f)
			qs = append(qs, q)
		default:
			q := bleve.NewMatchQuery(v)
			q.SetField(f)
			qs = append(qs, q)
		}
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// YearsOf lists the years a year facet result holds, for the date-range
// comparison.
func YearsOf(fr *bsearch.FacetResult) []int {
	var ys []int
	if fr == nil || fr.Terms == nil {
		return ys
	}
	for _, t := range fr.Terms.Terms() {
		v, ok := strings.CutPrefix(t.Term, "year"+indexer.FacetSep)
		if !ok {
			continue
		}
		if y, err := strconv.Atoi(v); err == nil {
			ys = append(ys, y)
		}
	}
	return ys
}

// combine is a boolean query as a Bleve user writes one: every must, at
// least one should when there is no must, no must-not.
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

// rawDates is r's date filter as range queries: the period starts by to's
// end and ends after from's start.
func rawDates(r query.Request) []bquery.Query {
	var qs []bquery.Query
	inc := true
	if !r.To.IsZero() {
		q := bleve.NewDateRangeInclusiveQuery(time.Time{}, r.To.End(), nil, &inc)
		q.SetField(indexer.FieldPublished)
		qs = append(qs, q)
	}
	if !r.From.IsZero() {
		q := bleve.NewDateRangeInclusiveQuery(r.From.Start(), time.Time{}, &inc, nil)
		q.SetField(indexer.FieldPublishedEnd)
		qs = append(qs, q)
	}
	return qs
}
