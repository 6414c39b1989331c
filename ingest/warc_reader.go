package ingest

import (
	"log/slog"
	"time"
)

// archiveReader turns the records of one web archive (a WARC, or every
// WARC of a WACZ) into items, remembering across its WARCs which payloads
// and captures it has already made documents of.
type archiveReader struct {
	emit func(Item) error
	// pages, for a WACZ with pages.jsonl, are the captures' point: only
	// they (and PDFs) become documents. nil: every HTML response does.
	pages *pageSet
	// seen holds the sha256 of every payload already considered: a second
	// response with the same bytes is a duplicate.
	seen map[string]bool
	// latest is the capture time of what was emitted under each id; an
	// older capture of the same URL is not emitted after a newer one.
	latest map[string]time.Time
	// parts are the captures of catalog entries, merged into the entry's
	// one document when the archive ends.
	parts *catalogParts
	stats archiveStats
}

// archiveStats count what became of an archive's records.
type archiveStats struct {
	Records, Documents, Revisits, Duplicates, BadDigest, Oversized, NotOK, Failed, Older int
}

func newArchiveReader(emit func(Item) error, pages *pageSet) *archiveReader {
	return &archiveReader{emit: emit, pages: pages, seen: map[string]bool{},
		latest: map[string]time.Time{}, parts: newCatalogParts()}
}

// add emits a document, or keeps it for its catalog entry.
func (a *archiveReader) add(it Item, pdf bool) error {
	if a.parts.keep(it, pdf) {
		return nil
	}
	return a.send(it)
}

func (a *archiveReader) send(it Item) error {
	at := it.Doc.Provenance.FetchedAt
	if t, ok := a.latest[it.Doc.ID]; ok && !at.After(t) {
		a.stats.Older++
		return nil
	}
	a.latest[it.Doc.ID] = at
	a.stats.Documents++
	return a.emit(it)
}

// flush emits the catalog entries the archive captured.
func (a *archiveReader) flush() error {
	for _, it := range a.parts.merged() {
		if err := a.send(it); err != nil {
			return err
		}
	}
	return nil
}

// skip logs why a record made no document.
func (a *archiveReader) skip(name string, offset int64, url, reason string, err error) {
	attrs := []any{"archive", name, "offset", offset, "url", url, "reason", reason}
	if err != nil {
		attrs = append(attrs, "err", err)
	}
	slog.Warn("archive record skipped", attrs...)
}

func (a *archiveReader) logSummary(name string, err error) {
	s := a.stats
	attrs := []any{"archive", name, "records", s.Records, "documents", s.Documents,
		"revisits", s.Revisits, "duplicates", s.Duplicates, "bad_digest", s.BadDigest,
		"oversized", s.Oversized, "not_2xx", s.NotOK, "failed", s.Failed, "older_captures", s.Older}
	switch {
	case err != nil:
		slog.Warn("archive read in part", append(attrs, "err", err)...)
	case s.BadDigest+s.Oversized+s.Failed > 0:
		slog.Warn("archive read; some records skipped (listed above)", attrs...)
	default:
		slog.Debug("archive read", attrs...)
	}
}
