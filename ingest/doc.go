// Package ingest brings a researcher's own evidence in: files and folders
// (PDF, HTML, plain text, Markdown, e-mail, DOCX, ODT), web archives made by
// other tools (WARC, WACZ) and, through readers other packages give it,
// published indicator lists. It sits beside crawl in the pipeline
// (seeds → crawl | ingest → indexer → search): it reads, the indexer keeps.
package ingest
