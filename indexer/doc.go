// Package indexer is the indexing stage of the pipeline seeds → crawl →
// indexer → search. It owns the Bleve mapping (one analyzer per language,
// with case and diacritics folded), entity tagging at index time, the
// document store under data/docs (the source of truth), batched imports,
// and index generations swapped in atomically under data/index. It is
// the one package that speaks Bleve: its Querier translates a
// query.Request to Bleve queries (translate.go, phrase.go), counts facets
// in one pass through the facet table, and gives back matches as the
// project's own types (Results, Match, Span).
package indexer
