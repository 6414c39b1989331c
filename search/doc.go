// Package search is the last stage of the pipeline seeds → crawl → indexer
// → search. It parses and validates what a user asks (a typed Request),
// translates it to one Bleve query with disjunctive facets, builds
// HTML-escaped snippets with <mark>, and serves it all as a JSON API and
// web pages (gorilla/mux, html/template). It fetches nothing from the web.
package search
