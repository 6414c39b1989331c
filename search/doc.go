// Package search is the last stage of the pipeline seeds → crawl → indexer
// → search. It parses and validates what a user asks (a typed Request),
// translates it to Bleve queries with disjunctive facets, builds
// HTML-escaped snippets with <mark>, and serves it all: the JSON API, CSV
// and Atom exports, and server-rendered web pages (gorilla/mux,
// html/template). It fetches nothing from the web.
package search
