package crawl

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/gofrs/flock"
	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/crawl/extract"
)

// Seed is one document to crawl: a catalog entry's page URL and PDF URL
// are fetched both and merged into one Document.
type Seed struct {
	URLs []string
	Base rightsearch.Document // catalog facts; they win over extracted ones
}

// Crawler fetches seeds into the archive and hands Documents to a sink.
type Crawler struct {
	opts    Options
	tune    tuning
	extract func(ctx context.Context, body []byte, contentType, pageURL string) (rightsearch.Document, error)
}

// New checks opts and fills in defaults.
func New(opts Options) (*Crawler, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	for _, h := range o.AllowHosts {
		if _, _, err := net.SplitHostPort(h); err != nil {
			return nil, fmt.Errorf("crawl options: AllowHosts %q: want host:port", h)
		}
	}
	return &Crawler{opts: o, tune: defaultTuning(), extract: extract.Document}, nil
}

// Run crawls seeds (and, with Depth, the report links they lead to) and
// calls sink once per new or changed Document, never concurrently. It
// resumes an interrupted crawl of the same DataDir. Failures of single
// URLs are counted in the Summary and do not stop the crawl; an error from
// sink, the archive or the frontier does, as does ctx.
func (c *Crawler) Run(ctx context.Context, seeds []Seed, sink func(context.Context, rightsearch.Document) error) (Summary, error) {
	crawlDir := filepath.Join(c.opts.DataDir, "crawl")
	if err := os.MkdirAll(crawlDir, 0o755); err != nil {
		return Summary{}, fmt.Errorf("crawl: %w", err)
	}
	lock := flock.New(filepath.Join(crawlDir, "lock"))
	if ok, err := lock.TryLock(); err != nil || !ok {
		return Summary{}, fmt.Errorf("crawl %s: %w", c.opts.DataDir, errors.Join(ErrLocked, err))
	}
	defer lock.Unlock()
	fr, err := openFrontier(crawlDir)
	if err != nil {
		return Summary{}, err
	}
	defer fr.close()
	ar, err := openArchive(filepath.Join(c.opts.DataDir, "archive"), c.opts.UserAgent)
	if err != nil {
		return Summary{}, err
	}
	defer ar.close()
	f := newFetcher(c.opts, c.tune)
	defer f.close()
	r := &run{c: c, f: f, fr: fr, ar: ar, sink: sink, prog: newProgress(c.opts.Progress),
		seen: map[string]bool{}, sent: map[string]bool{}}
	if fr.resuming {
		c.opts.Logger.Info("resuming an interrupted crawl", "data", c.opts.DataDir)
	}
	level := r.claimSeeds(seeds)
	for len(level) > 0 {
		if level, err = r.runLevel(ctx, level); err != nil {
			return r.tally.snapshot(), err
		}
	}
	r.prog.finish()
	if err := fr.finish(); err != nil {
		return r.tally.snapshot(), err
	}
	return r.tally.snapshot(), nil
}

// run is the state of one Run.
type run struct {
	c     *Crawler
	f     *fetcher
	fr    *frontier
	ar    *archive
	sink  func(context.Context, rightsearch.Document) error
	prog  *progress
	tally tally

	mu     sync.Mutex
	seen   map[string]bool // canonical URLs already queued
	sent   map[string]bool // sha256 of bodies already handed to the sink
	sinkMu sync.Mutex
}

// item is a seed queued at a link depth; key names its document in the
// frontier (the canonical first URL).
type item struct {
	seed  Seed
	depth int
	key   string
}

// claimSeeds queues each seed whose first URL no earlier seed claimed.
func (r *run) claimSeeds(seeds []Seed) []item {
	var out []item
	for _, s := range seeds {
		var urls []string
		for _, u := range s.URLs {
			if u = strings.TrimSpace(u); u != "" && !containsCanonical(urls, u) {
				urls = append(urls, u)
			}
		}
		if len(urls) == 0 {
			r.c.opts.Logger.Warn("seed without URL skipped", "id", s.Base.ID)
			continue
		}
		key := canonical(urls[0])
		if r.seen[key] {
			r.tally.add(func(s *Summary) { s.Duplicates++ })
			continue
		}
		for _, u := range urls {
			r.seen[canonical(u)] = true
		}
		s.URLs = urls
		out = append(out, item{seed: s, key: key})
	}
	return out
}

func containsCanonical(urls []string, u string) bool {
	c := canonical(u)
	for _, v := range urls {
		if canonical(v) == c {
			return true
		}
	}
	return false
}

// runLevel processes one link depth with a few workers and returns the
// next depth's items.
func (r *run) runLevel(ctx context.Context, items []item) ([]item, error) {
	r.prog.grow(len(items))
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	queue := make(chan item)
	var wg sync.WaitGroup
	var next []item
	for range max(1, min(r.c.tune.workers, len(items))) {
		wg.Go(func() {
			for it := range queue {
				links, err := r.process(ctx, it)
				if err != nil {
					cancel(err)
					continue
				}
				r.enqueueLinks(&next, links, it.depth+1)
			}
		})
	}
	for _, it := range items {
		if ctx.Err() != nil {
			break
		}
		queue <- it
	}
	close(queue)
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return nil, err
	}
	return next, nil
}

func (r *run) enqueueLinks(next *[]item, links []string, depth int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, l := range links {
		if !r.seen[l] {
			r.seen[l] = true
			*next = append(*next, item{seed: Seed{URLs: []string{l}}, depth: depth, key: l})
		}
	}
}

// process fetches (or reads back) a seed's URLs, extracts and merges them,
// and hands the Document to the sink unless nothing changed, it was
// already handed on in this run, or its body is a duplicate. It returns
// the report links found, if the depth allows following them.
func (r *run) process(ctx context.Context, it item) (links []string, err error) {
	first := it.seed.URLs[0]
	var parts []extracted
	unchanged := true
	for _, u := range it.seed.URLs {
		g, err := r.get(ctx, u)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			continue
		}
		unchanged = unchanged && g.notModified
		doc, err := r.c.extract(ctx, g.payload, g.prov.ContentType, g.url)
		if err != nil {
			r.c.opts.Logger.Warn("extraction failed", "url", u, "err", err)
			r.tally.fail(u, fmt.Errorf("extract: %w", err))
			continue
		}
		parts = append(parts, extracted{doc: doc, url: g.url, pdf: isPDF(g.prov.ContentType), prov: g.prov})
		if it.depth < r.c.opts.Depth && isHTML(g.prov.ContentType) {
			links = append(links, reportLinks(g.payload, g.url)...)
		}
	}
	outcome, err := r.deliver(ctx, it, parts, unchanged)
	r.prog.step(first, outcome)
	return links, err
}

// deliver merges parts and hands the result to the sink; the returned
// string says what happened, for progress lines.
func (r *run) deliver(ctx context.Context, it item, parts []extracted, unchanged bool) (string, error) {
	switch {
	case len(parts) == 0:
		return "failed", nil
	case unchanged:
		return "not modified", nil
	case r.fr.isDone(it.key):
		return "already done", nil
	}
	doc := merge(it.seed.Base, it.seed.URLs[0], parts)
	if err := doc.Normalize(); err != nil {
		r.tally.fail(it.seed.URLs[0], err)
		return "failed", nil
	}
	r.mu.Lock()
	dup := r.sent[doc.Provenance.SHA256]
	r.sent[doc.Provenance.SHA256] = true
	r.mu.Unlock()
	if dup {
		r.tally.add(func(s *Summary) { s.Duplicates++ })
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
	return "ok", nil
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
// and counts the outcome.
func (r *run) get(ctx context.Context, raw string) (*got, error) {
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
	resp, err := r.f.fetch(ctx, raw, cond)
	switch {
	case errors.Is(err, ErrDisallowed):
		r.c.opts.Logger.Info("disallowed by robots.txt", "url", raw)
		r.tally.add(func(s *Summary) {
			s.Robots++
			s.Failures = append(s.Failures, Failure{URL: raw, Reason: ErrDisallowed.Error()})
		})
		return nil, err
	case err != nil:
		if ctx.Err() == nil {
			r.c.opts.Logger.Warn("fetch failed", "url", raw, "err", err)
			r.tally.fail(raw, err)
		}
		return nil, err
	case resp.Status == 304:
		prev.Kind, prev.NotModified = kindFetch, true
		if err := r.fr.append(prev); err != nil {
			return nil, err
		}
		r.tally.add(func(s *Summary) { s.NotModified++ })
		g, err := r.readBack(ctx, prev)
		if err != nil {
			r.tally.fail(raw, err)
		}
		return g, err
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
