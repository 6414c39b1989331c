// Package rightsearch holds the shared vocabulary of the pipeline
// seeds → crawl → indexer → search: the Document every stage passes on,
// its Provenance, partial dates and ids. It is plain Go with no Bleve and
// no HTTP, so every other package can speak it without pulling those in.
package rightsearch
