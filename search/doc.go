// Package search is the engine at the end of the pipeline seeds → crawl →
// indexer → search → web. It answers a parsed query.Request with a
// rightsearch.Response: it asks the indexer's Querier (which owns every
// Bleve call) for a page of matches and their facet counts, cuts
// HTML-escaped snippets with <mark> from the matched spans, orders the
// facets, searches a target's other spellings and a misspelt surname's
// correction, and keeps recent answers in a cache. It lists targets and
// their timelines. It imports no Bleve package and serves no HTTP; the
// web package is its face.
package search
