// Package crawl is the "crawl" step of the pipeline seeds → crawl → indexer →
// search. It fetches the catalog's URLs politely (robots.txt, a per-host
// rate, retries with backoff that honour Retry-After, conditional GETs),
// refuses to reach private addresses unless told to, archives every
// accepted request/response pair verbatim in WARC 1.1 files, keeps a
// resumable frontier, extracts text with package extract and hands one
// rightsearch.Document per catalog entry to a sink. With a depth it also
// follows every link in scope (page, prefix, host or domain of the seeds,
// widened by include and narrowed by exclude patterns) and the URLs of the
// seed hosts' sitemaps; listing pages are archived and followed but kept
// out of the index. It knows nothing of Bleve: the caller's sink decides
// where documents go.
package crawl
