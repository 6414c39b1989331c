// Package query is what a user asks, before the engine sees it: the q
// syntax parsed to a tree (AND/OR/NOT, groups, phrases with proximity,
// fuzzy words, wildcards, field:value, date ranges, boosts), simplified,
// and the typed, validated Request the API, the pages and the CLI build
// from their parameters. It knows no index: the indexer translates the
// tree to Bleve in one place.
package query
