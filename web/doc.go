// Package web is the face of the pipeline seeds → crawl → indexer →
// search → web: the JSON API, the CSV and Atom exports, the
// server-rendered pages (gorilla/mux, html/template), the middleware
// (deadlines, limits, host check, access logs, metrics) and serving on
// loopback. It asks an Engine (search.Searcher implements it) for
// answers and imports neither the indexer nor Bleve, so a page can be
// tested with a small fake engine as well as the real one.
package web
