package bench

import (
	"strconv"
	"strings"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/indexer"
)

// RawFields is the field map the indexer gives Bleve for d, without
// entity tagging: the raw-Bleve yardstick indexes exactly this, with
// indexer.NewMapping(). It copies the unexported indexer.fields (mapping
// version 2); the indexer should export that function so the two cannot
// drift.
func RawFields(d *rightsearch.Document) map[string]any {
	typ := "fold"
	switch d.Language {
	case "en", "es", "ar":
		typ = d.Language
	}
	m := map[string]any{
		"_lang":                    typ,
		indexer.FieldTitle:         d.Title,
		indexer.FieldSummary:       d.Summary,
		indexer.FieldBody:          d.Body,
		indexer.FieldFacts:         rawFacts(d),
		indexer.FieldURL:           d.URL,
		indexer.FieldOrganization:  d.Organization,
		indexer.FieldType:          d.Type,
		indexer.FieldLanguage:      d.Language,
		indexer.FieldTargets:       d.Targets,
		indexer.FieldCountries:     d.Countries,
		indexer.FieldSpyware:       d.Spyware,
		indexer.FieldIndicators:    lowerAll(d.Indicators),
		indexer.FieldFOrganization: d.Organization,
		indexer.FieldFType:         d.Type,
		indexer.FieldFLanguage:     d.Language,
		indexer.FieldFTargets:      d.Targets,
		indexer.FieldFCountries:    d.Countries,
		indexer.FieldFSpyware:      d.Spyware,
	}
	if d.Provenance != nil {
		m[indexer.FieldSource] = d.Provenance.Source
	}
	if !d.Published.IsZero() {
		m[indexer.FieldPublished] = d.Published.Start()
		m[indexer.FieldPublishedEnd] = d.Published.End()
		m[indexer.FieldYear] = strconv.Itoa(d.Published.Year)
		m[indexer.FieldDate] = d.Published.String()
	}
	return m
}

func rawFacts(d *rightsearch.Document) string {
	var b strings.Builder
	for _, group := range [][]string{{d.Organization}, d.Authors, d.Targets, d.Countries, d.Spyware} {
		for _, s := range group {
			b.WriteString(s)
			b.WriteString(" \n ")
		}
	}
	return b.String()
}

func lowerAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.ToLower(s)
	}
	return out
}
