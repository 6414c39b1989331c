package indexer

import (
	"fmt"

	rightsearch "github.com/rightsearch/rightsearch"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/ar"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/es"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
)

// MappingVersion changes whenever the mapping or the way documents are
// turned into index fields changes; an index with another version is
// rebuilt into a new generation. 7: short texts get a best-guess
// language (langid), so their text is analyzed in it.
const MappingVersion = 7

// Analyzer names. Text is analyzed by the analyzer of its document's
// language; a query is analyzed by each of them so one query finds
// documents in every language.
const (
	AnalyzerEnglish = "rs_en"
	AnalyzerSpanish = "rs_es"
	AnalyzerArabic  = "rs_ar"
	// AnalyzerFold only splits, lowercases and folds diacritics: for names
	// and for languages without an analyzer of their own.
	AnalyzerFold = "rs_fold"
	// AnalyzerKeyword folds a whole value, for case-insensitive filters.
	AnalyzerKeyword = "rs_kw"
)

// TextAnalyzers are the analyzers a free-text query is analyzed with.
var TextAnalyzers = []string{AnalyzerEnglish, AnalyzerSpanish, AnalyzerArabic, AnalyzerFold}

// Index field names. The facet fields hold values as given, for counts
// and display; the F* fields hold them folded, for filters.
const (
	FieldTitle        = "title"
	FieldSummary      = "summary"
	FieldBody         = "body"
	FieldFacts        = "facts"
	FieldURL          = "url"
	FieldAuthors      = "authors"   // names, for author: in a query
	FieldURLWords     = "url_words" // the URL's words, for url: in a query
	FieldOrganization = "organization"
	FieldType         = "type"
	FieldLanguage     = "language"
	FieldTargets      = "targets"
	FieldCountries    = "countries"
	FieldPublished    = "published"     // period start, for sorting and ranges
	FieldPublishedEnd = "published_end" // period end, for ranges
	FieldDate         = "date"          // the date as written, stored only
	FieldIndicators   = "indicators"
	FieldSource       = "source"
	// FieldFacets holds every facet value of a document as
	// "facet\x1fvalue" (FacetValue). The FacetTable reads its term
	// dictionary; hits read its stored values.
	FieldFacets = "facets"

	// A facet's folded values, for its filters, are in FilterField(name).

	typeField = "_lang"
)

// languageAnalyzers maps a document language to the analyzer of its text.
var languageAnalyzers = map[string]string{
	"en": AnalyzerEnglish,
	"es": AnalyzerSpanish,
	"ar": AnalyzerArabic,
}

// FilterField is the keyword field holding facet's values folded (case
// and diacritics), which its filters and facet:value clauses match.
func FilterField(facet string) string { return "f_" + facet }

// NewMapping builds the index mapping for the default facet registry.
// Exported so that the raw-Bleve benchmark measures exactly the same
// mapping.
func NewMapping() (mapping.IndexMapping, error) { return newMapping(rightsearch.DefaultFacets()) }

// newMapping builds the index mapping for the facets of fs: a filter
// field for each.
func newMapping(fs rightsearch.Facets) (mapping.IndexMapping, error) {
	if err := registerFold(); err != nil {
		return nil, fmt.Errorf("build mapping: %w", err)
	}
	if len(fs) > maxFacets {
		return nil, fmt.Errorf("build mapping: %d facets; at most %d", len(fs), maxFacets)
	}
	im := bleve.NewIndexMapping()
	if err := addAnalyzers(im); err != nil {
		return nil, fmt.Errorf("build mapping: %w", err)
	}
	im.TypeField = typeField
	im.DefaultType = "fold"
	im.DefaultAnalyzer = AnalyzerFold
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false
	im.DefaultMapping = documentMapping(AnalyzerFold, fs)
	for lang, a := range languageAnalyzers {
		im.AddDocumentMapping(lang, documentMapping(a, fs))
	}
	return im, nil
}

func addAnalyzers(im *mapping.IndexMappingImpl) error {
	// Stop words and stemmers see folded tokens: es.StopName lists
	// "está", so Spanish stops are applied before folding.
	defs := map[string][]string{
		AnalyzerEnglish: {en.PossessiveName, lowercase.Name, foldFilterName, en.StopName, porter.Name},
		AnalyzerSpanish: {lowercase.Name, es.StopName, foldFilterName, es.LightStemmerName},
		AnalyzerArabic:  {lowercase.Name, foldFilterName, ar.NormalizeName, ar.StopName, ar.StemmerName},
		AnalyzerFold:    {lowercase.Name, foldFilterName, ar.NormalizeName},
	}
	for name, filters := range defs {
		err := im.AddCustomAnalyzer(name, map[string]any{
			"type":          custom.Name,
			"tokenizer":     unicode.Name,
			"token_filters": filters,
		})
		if err != nil {
			return fmt.Errorf("analyzer %s: %w", name, err)
		}
	}
	return im.AddCustomAnalyzer(AnalyzerKeyword, map[string]any{
		"type":          custom.Name,
		"tokenizer":     single.Name,
		"token_filters": []string{lowercase.Name, foldFilterName},
	})
}

// documentMapping maps one language's documents: their text with analyzer
// a, everything else the same for every language.
func documentMapping(a string, fs rightsearch.Facets) *mapping.DocumentMapping {
	dm := bleve.NewDocumentMapping()
	dm.Dynamic = false
	for _, f := range []string{FieldTitle, FieldSummary, FieldBody} {
		dm.AddFieldMappingsAt(f, textField(a, true))
	}
	dm.AddFieldMappingsAt(FieldFacts, textField(AnalyzerFold, false))
	for _, f := range []string{FieldAuthors, FieldURLWords} {
		fm := textField(AnalyzerFold, false)
		fm.IncludeTermVectors = true // positions, for author:"a b" and url:"a/b"
		dm.AddFieldMappingsAt(f, fm)
	}
	for _, f := range []string{FieldOrganization, FieldType, FieldLanguage, FieldTargets, FieldCountries} {
		dm.AddFieldMappingsAt(f, keywordField(true, false)) // stored for hits
	}
	// Stored: a hit's values of every facet. No doc values: the facet
	// table reads the term dictionary.
	dm.AddFieldMappingsAt(FieldFacets, keywordField(true, false))
	for _, f := range fs.Filters() {
		fm := keywordField(false, false)
		fm.Analyzer = AnalyzerKeyword
		dm.AddFieldMappingsAt(FilterField(f.Name), fm)
	}
	dm.AddFieldMappingsAt(FieldIndicators, keywordField(false, false))
	for _, f := range []string{FieldPublished, FieldPublishedEnd} {
		fm := bleve.NewDateTimeFieldMapping()
		fm.IncludeInAll = false
		fm.Store = false
		fm.DocValues = f == FieldPublished // sorting
		dm.AddFieldMappingsAt(f, fm)
	}
	for _, f := range []string{FieldURL, FieldDate, FieldSource} {
		fm := bleve.NewKeywordFieldMapping()
		fm.Index = false
		fm.Store = true
		fm.DocValues = false
		fm.IncludeInAll = false
		dm.AddFieldMappingsAt(f, fm)
	}
	return dm
}

func textField(analyzer string, stored bool) *mapping.FieldMapping {
	fm := bleve.NewTextFieldMapping()
	fm.Analyzer = analyzer
	fm.Store = stored
	fm.IncludeTermVectors = stored // locations for snippets
	fm.IncludeInAll = false
	fm.DocValues = false
	return fm
}

func keywordField(store, docValues bool) *mapping.FieldMapping {
	fm := bleve.NewKeywordFieldMapping()
	fm.Store = store
	fm.DocValues = docValues
	fm.IncludeInAll = false
	fm.IncludeTermVectors = false
	return fm
}
