// Package crawl is the "crawl" step of the pipeline seeds → crawl → indexer →
// search. It fetches the catalog's URLs politely (robots.txt, a per-host
// rate, retries with backoff that honour Retry-After, conditional GETs),
// refuses to reach private addresses unless told to, archives every
// accepted request/response pair verbatim in WARC 1.1 files, keeps a
// resumable frontier, extracts text with package extract and hands one
// rightsearch.Document per catalog entry to a sink. It knows nothing of
// Bleve: the caller's sink decides where documents go.
package crawl
