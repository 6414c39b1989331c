package crawl

import (
	"context"
	"errors"
	"fmt"
	"mime"

	"github.com/rightsearch/rightsearch/crawl/extract"
)

// process fetches (or reads back) a seed's URLs, extracts and merges them,
// and hands the Document to the sink unless nothing changed, it was
// already handed on in this run, its body is a duplicate or it is a page
// without main text. It returns the links found, if the depth allows
// following them; a sitemap item returns the pages its sitemaps list.
func (r *run) process(ctx context.Context, it item) ([]found, error) {
	if it.sitemap != nil {
		pages := r.sitemapPages(ctx, it.sitemap)
		r.prog.step(it.key, "sitemaps read")
		return pages, ctx.Err()
	}
	first := it.seed.URLs[0]
	follow := it.depth < r.c.opts.Depth && r.scope.follows()
	judge := r.judgesListings(it)
	var parts []extracted
	var links []found
	unchanged, keptOut := true, false
	for _, u := range it.seed.URLs {
		g, err := r.fetchURL(ctx, it, u)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			continue
		}
		unchanged = unchanged && g.notModified
		var hp htmlPage
		if (follow || judge) && isHTML(g.prov.ContentType) {
			hp = readPage(g.payload, g.url)
		}
		if follow {
			for _, l := range hp.links {
				links = append(links, found{url: l, from: canonical(u)})
			}
		}
		doc, err := r.c.extract(ctx, g.payload, g.prov.ContentType, g.url)
		if err != nil {
			keptOut = r.extractFailed(judge, u, g, err) || keptOut
			continue
		}
		parts = append(parts, extracted{doc: doc, url: g.url, requested: canonical(u), pdf: isPDF(g.prov.ContentType),
			prov: g.prov, anchors: hp.anchors})
	}
	outcome, err := r.deliver(ctx, it, parts, unchanged)
	if len(parts) == 0 && keptOut {
		outcome = "kept out"
	}
	r.prog.step(first, outcome)
	return links, err
}

// judgesListings: a crawl that follows links keeps pages without main
// text out of the index; a catalog entry and a crawl of single URLs
// (Depth 0, or the extract command) index whatever the page holds.
func (r *run) judgesListings(it item) bool {
	return r.c.opts.Depth > 0 && it.seed.Base.ID == ""
}

// extractFailed notes a fetched URL whose bytes gave no Document. When
// listings are judged, a page that is not HTML or PDF, or has no text, is
// kept out (it was archived and its links followed); otherwise it is a
// failure. It reports whether the URL was kept out.
func (r *run) extractFailed(judge bool, u string, g *got, err error) bool {
	res := URLResult{URL: canonical(u)}
	switch {
	case judge && errors.Is(err, extract.ErrUnsupported):
		mt, _, _ := mime.ParseMediaType(g.prov.ContentType)
		res.Outcome, res.Reason = OutcomeKeptOut, reasonNotADoc+" ("+mt+")"
	case judge && errors.Is(err, extract.ErrNoText):
		res.Outcome, res.Reason = OutcomeKeptOut, reasonNoMainTxt+": nothing extracted"
	default:
		r.c.opts.Logger.Warn("extraction failed", "url", u, "err", err)
		r.urlFailed(u, res, fmt.Errorf("extract: %w", err))
		return false
	}
	r.tally.note(res)
	return true
}

// deliver merges parts and hands the result to the sink; the returned
// string says what happened, for progress lines.
func (r *run) deliver(ctx context.Context, it item, parts []extracted, unchanged bool) (string, error) {
	switch {
	case len(parts) == 0:
		return "failed", nil
	case unchanged:
		r.noteParts(parts, OutcomeUnchanged, "not modified since the last crawl")
		return "not modified", nil
	case r.fr.isDone(it.key):
		r.noteParts(parts, OutcomeUnchanged, "indexed before the crawl was interrupted")
		return "already done", nil
	}
	if r.judgesListings(it) && len(parts) == 1 && !parts[0].pdf {
		if out, why := noMainText(parts[0].doc.Body, parts[0].anchors); out {
			r.noteParts(parts, OutcomeKeptOut, why)
			return "kept out", nil
		}
	}
	doc := merge(it.seed.Base, it.seed.URLs[0], parts)
	if err := doc.Normalize(); err != nil {
		r.urlFailed(it.seed.URLs[0], URLResult{URL: it.key}, err)
		return "failed", nil
	}
	r.mu.Lock()
	dup := r.sent[doc.Provenance.SHA256]
	r.sent[doc.Provenance.SHA256] = true
	r.mu.Unlock()
	if dup {
		r.tally.add(func(s *Summary) { s.Duplicates++ })
		r.noteParts(parts, OutcomeDuplicate, "same bytes as a document already indexed")
		return "duplicate", nil
	}
	r.sinkMu.Lock()
	err := r.sink(ctx, doc)
	r.sinkMu.Unlock()
	if err != nil {
		return "failed", fmt.Errorf("crawl: sink %s: %w", doc.ID, err)
	}
	if err := r.fr.append(entry{Kind: kindDone, URL: it.key}); err != nil {
		return "failed", err
	}
	r.tally.add(func(s *Summary) { s.Indexed++ })
	r.noteParts(parts, OutcomeIndexed, "")
	return "ok", nil
}

func (r *run) noteParts(parts []extracted, outcome, reason string) {
	for _, p := range parts {
		r.tally.note(URLResult{URL: p.requested, Outcome: outcome, Reason: reason})
	}
}

// urlFailed counts a failed URL (raw, as the user gave or the page
// linked it) and notes it.
func (r *run) urlFailed(raw string, res URLResult, err error) {
	r.tally.fail(raw, err)
	res.Outcome, res.Reason = OutcomeFailed, oneLine(err.Error())
	r.tally.note(res)
}
