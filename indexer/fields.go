package indexer

import (
	"strings"

	"github.com/blevesearch/bleve/v2/search/query"
	rightsearch "github.com/rightsearch/rightsearch"
)

// Fields is what Bleve indexes for d as it stands (no tagging, no target
// aliases) with the default facets: the raw-Bleve benchmark indexes
// exactly this.
func Fields(d *rightsearch.Document) map[string]any {
	return fields(d, nil, rightsearch.DefaultFacets())
}

// fields turns a Document into what Bleve indexes: its text, facts and
// dates, and each facet of fs. aliases gives the other spellings of a
// target, so that a query for any of them finds it.
func fields(d *rightsearch.Document, aliases func(string) []string, fs rightsearch.Facets) map[string]any {
	typ := "fold"
	if _, ok := languageAnalyzers[d.Language]; ok {
		typ = d.Language
	}
	m := map[string]any{
		typeField:         typ,
		FieldTitle:        d.Title,
		FieldSummary:      d.Summary,
		FieldBody:         d.Body,
		FieldFacts:        facts(d, aliases),
		FieldURL:          d.URL,
		FieldURLWords:     d.URL,
		FieldAuthors:      d.Authors,
		FieldOrganization: d.Organization,
		FieldType:         d.Type,
		FieldLanguage:     d.Language,
		FieldTargets:      d.Targets,
		FieldCountries:    d.Countries,
		FieldIndicators:   lower(d.Indicators),
		FieldFacets:       facetValues(d, fs),
	}
	for _, f := range fs.Filters() {
		m[FilterField(f.Name)] = f.Values(d)
	}
	if d.Provenance != nil {
		m[FieldSource] = d.Provenance.Source
	}
	if !d.Published.IsZero() {
		if start, end := d.Published.Start(), d.Published.End(); !start.Before(MinDate) && !end.After(MaxDate) {
			m[FieldPublished] = start
			m[FieldPublishedEnd] = end
		}
		m[FieldDate] = d.Published.String()
	}
	return m
}

// facts is the text of a document's facts that free text also searches.
func facts(d *rightsearch.Document, aliases func(string) []string) string {
	var b strings.Builder
	add := func(ss ...string) {
		for _, s := range ss {
			b.WriteString(s)
			b.WriteString(" \n ")
		}
	}
	add(d.Organization)
	add(d.Authors...)
	for _, t := range d.Targets {
		add(t)
		if aliases != nil {
			add(aliases(t)...)
		}
	}
	add(d.Countries...)
	add(d.Spyware...)
	return b.String()
}

func lower(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.ToLower(s)
	}
	return out
}

// FacetSep separates a facet's name from its value in FieldFacets.
const FacetSep = "\x1f"

// FacetValue is how a facet value is indexed in FieldFacets.
func FacetValue(facet, value string) string { return facet + FacetSep + value }

// facetValues lists d's values of every facet of fs for FieldFacets.
func facetValues(d *rightsearch.Document, fs rightsearch.Facets) []string {
	var out []string
	for _, f := range fs {
		for _, v := range f.Values(d) {
			if v != "" {
				out = append(out, FacetValue(f.Name, v))
			}
		}
	}
	return out
}

// MinDate and MaxDate bound the dates Bleve can index and query (Bleve's
// RFC 3339-compatible range). A document dated outside them is indexed
// without a date range: it keeps its date and year facet but sorts as
// undated.
var (
	MinDate = query.MinRFC3339CompatibleTime
	MaxDate = query.MaxRFC3339CompatibleTime
)
