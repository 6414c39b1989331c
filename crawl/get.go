package crawl

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/url"

	rightsearch "github.com/rightsearch/rightsearch"
)

// redirectRefused stops a fetch at a redirect target the crawl will not
// request through it: off scope, excluded, or met under its own URL.
type redirectRefused struct {
	to, why string
	claimed bool // the target is (or will be) fetched as its own item
}

func (e *redirectRefused) Error() string { return reasonRedirect + " " + e.to + ": " + e.why }

// fetchURL gets one URL of an item and notes how it went: retries, a
// redirect, a refusal or a failure. The document's fate is noted later.
func (r *run) fetchURL(ctx context.Context, it item, raw string) (*got, error) {
	res := URLResult{URL: canonical(raw)}
	tr := &fetchTrace{allow: r.allowHop(it, res.URL)}
	g, err := r.get(ctx, raw, tr)
	res.Retries = tr.retries
	var rr *redirectRefused
	switch {
	case err == nil:
		res.Outcome = OutcomeFetched
		if c := canonical(g.url); c != res.URL {
			res.RedirectedTo = c
			r.mu.Lock()
			r.seen[c] = true // also when read back on resume, where allowHop did not run
			r.mu.Unlock()
		}
		r.tally.note(res)
		return g, nil
	case ctx.Err() != nil:
	case errors.As(err, &rr):
		res.Outcome, res.Reason, res.RedirectedTo = OutcomeExcluded, err.Error(), rr.to
		if rr.claimed {
			res.Outcome, res.Reason = OutcomeRedirected, "its target is fetched under its own URL"
		}
		r.tally.note(res)
	default:
		r.fetchFailed(raw, res, err)
	}
	return nil, err
}

// fetchFailed counts and notes a URL whose fetch failed; one robots.txt
// disallows is counted as such, not as a failure.
func (r *run) fetchFailed(raw string, res URLResult, err error) {
	if errors.Is(err, ErrDisallowed) {
		r.c.opts.Logger.Info("disallowed by robots.txt", "url", raw)
		r.tally.add(func(s *Summary) {
			s.Robots++
			s.Failures = append(s.Failures, Failure{URL: raw, Reason: ErrDisallowed.Error()})
		})
		res.Outcome, res.Reason = OutcomeExcluded, ErrDisallowed.Error()
		r.tally.note(res)
		return
	}
	r.c.opts.Logger.Warn("fetch failed", "url", raw, "err", err)
	r.urlFailed(raw, res, err)
}

// allowHop decides the redirect targets of an item's fetch of self. A
// seed follows its redirects wherever they lead (unless --exclude says
// no); a discovered URL only to an in-scope target that no other item
// has claimed, so that no page is fetched twice.
func (r *run) allowHop(it item, self string) func(*url.URL) error {
	mine := map[string]bool{self: true} // this fetch's own hops: a loop runs into MaxRedirects
	return func(next *url.URL) error {
		c := canonical(next.String())
		if mine[c] {
			return nil
		}
		if it.via == ViaSeed {
			if why, ex := r.scope.excluded(c); ex {
				return &redirectRefused{to: c, why: why}
			}
		} else if v := r.scope.decide(c); !v.in {
			return &redirectRefused{to: c, why: v.reason}
		}
		r.mu.Lock()
		defer r.mu.Unlock()
		if r.seen[c] && it.via != ViaSeed {
			return &redirectRefused{to: c, why: "met under its own URL", claimed: true}
		}
		r.seen[c] = true
		mine[c] = true
		return nil
	}
}

// got is one URL's payload, fetched now or read back from the archive.
type got struct {
	url         string // as fetched, after redirects
	payload     []byte
	prov        rightsearch.Provenance
	notModified bool
}

// get fetches one URL, unless this run already archived it (a resumed
// crawl reads it back instead). It archives and journals what it fetches
// and counts fetches and 304s; the caller notes failures.
func (r *run) get(ctx context.Context, raw string, tr *fetchTrace) (*got, error) {
	key := canonical(raw)
	prev, known, thisRun := r.fr.lookup(key)
	if thisRun {
		if g, err := r.readBack(ctx, prev); err == nil {
			return g, nil
		}
	}
	var cond validators
	if known && prev.WARC != "" {
		cond = validators{URL: prev.FinalURL, ETag: prev.ETag, LastModified: prev.LastModified}
	}
	resp, err := r.f.fetch(ctx, raw, cond, tr)
	switch {
	case err != nil:
		return nil, err
	case resp.Status == 304:
		prev.Kind, prev.NotModified = kindFetch, true
		if err := r.fr.append(prev); err != nil {
			return nil, err
		}
		r.tally.add(func(s *Summary) { s.NotModified++ })
		return r.readBack(ctx, prev)
	}
	return r.keep(raw, resp)
}

// keep archives and journals a fresh 2xx response.
func (r *run) keep(raw string, resp *response) (*got, error) {
	file, off, err := r.ar.write(resp)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(resp.Payload)
	e := entry{Kind: kindFetch, URL: canonical(raw), FinalURL: resp.URL, Status: resp.Status,
		ContentType: resp.ContentType, SHA256: hex.EncodeToString(sum[:]), WARC: file, Offset: off,
		FetchedAt: resp.FetchedAt, ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	if err := r.fr.append(e); err != nil {
		return nil, err
	}
	r.tally.add(func(s *Summary) { s.Fetched++ })
	r.c.opts.Logger.Info("fetched", "url", raw, "status", resp.Status, "bytes", len(resp.Payload), "type", resp.ContentType)
	return &got{url: resp.URL, payload: resp.Payload, prov: e.provenance()}, nil
}

// readBack loads an earlier fetch's payload from the archive.
func (r *run) readBack(ctx context.Context, e entry) (*got, error) {
	_, payload, err := ReadPayload(ctx, r.ar.dir, e.WARC, e.Offset)
	if err != nil {
		r.c.opts.Logger.Warn("archived copy unreadable", "url", e.URL, "err", err)
		return nil, err
	}
	return &got{url: e.FinalURL, payload: payload, prov: e.provenance(), notModified: e.NotModified}, nil
}

func (e entry) provenance() rightsearch.Provenance {
	return rightsearch.Provenance{Source: rightsearch.SourceCrawl, FetchedAt: e.FetchedAt, Status: e.Status,
		ContentType: e.ContentType, SHA256: e.SHA256, WARC: e.WARC, WARCOffset: e.Offset}
}
