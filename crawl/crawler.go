package crawl

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
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

// Run crawls seeds (and, with Depth, the in-scope links and sitemap
// entries they lead to) and calls sink once per new or changed Document,
// never concurrently. It resumes an interrupted crawl of the same DataDir.
// Failures of single URLs are counted in the Summary and do not stop the
// crawl; an error from sink, the archive or the frontier does, as does ctx.
func (c *Crawler) Run(ctx context.Context, seeds []Seed, sink func(context.Context, rightsearch.Document) error) (Summary, error) {
	var seedURLs []string
	for _, s := range seeds {
		seedURLs = append(seedURLs, s.URLs...)
	}
	sc, err := newScope(c.opts.Scope, seedURLs, c.opts.Include, c.opts.Exclude)
	if err != nil {
		return Summary{}, err
	}
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
	r := &run{c: c, f: f, fr: fr, ar: ar, sink: sink, prog: newProgress(c.opts.Progress), scope: sc,
		seen: map[string]bool{}, sent: map[string]bool{}}
	if fr.resuming {
		c.opts.Logger.Info("resuming an interrupted crawl", "data", c.opts.DataDir)
	}
	level := r.claimSeeds(seeds)
	if c.opts.Depth > 0 && sc.follows() && !c.opts.NoSitemaps {
		level = append(level, sitemapItems(level)...)
	}
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
	scope *scope

	mu     sync.Mutex
	seen   map[string]bool // canonical URLs already queued, refused, or fetched through a redirect
	queued int             // page items queued, for MaxPages
	sent   map[string]bool // sha256 of bodies already handed to the sink
	sinkMu sync.Mutex
}

// item is a seed queued at a link depth; key names its document in the
// frontier (the canonical first URL). An item with sitemap set reads that
// host's sitemaps instead.
type item struct {
	seed    Seed
	depth   int
	key     string
	via     string // ViaSeed, ViaLink or ViaSitemap
	sitemap *url.URL
}

// found is a URL discovered on a page or in a sitemap (from).
type found struct{ url, from string }

// claimSeeds queues each seed whose first URL no earlier seed claimed,
// without the URLs an --exclude pattern matches, up to MaxPages.
func (r *run) claimSeeds(seeds []Seed) []item {
	var out []item
	for _, s := range seeds {
		var urls []string
		for _, u := range s.URLs {
			if u = strings.TrimSpace(u); u == "" || containsCanonical(urls, u) {
				continue
			}
			if why, ex := r.scope.excluded(canonical(u)); ex {
				r.tally.note(URLResult{URL: canonical(u), Via: ViaSeed, Outcome: OutcomeExcluded, Reason: why})
				continue
			}
			urls = append(urls, u)
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
		if r.full() {
			r.tally.note(URLResult{URL: key, Via: ViaSeed, Outcome: OutcomeExcluded, Reason: r.overLimit()})
			continue
		}
		r.queued++
		for _, u := range urls {
			r.tally.note(URLResult{URL: canonical(u), Via: ViaSeed, Outcome: OutcomeQueued})
		}
		s.URLs = urls
		out = append(out, item{seed: s, key: key, via: ViaSeed})
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

// sitemapItems is one sitemap reading per scheme and host of the seeds.
func sitemapItems(seeds []item) []item {
	seen := map[string]bool{}
	var out []item
	for _, it := range seeds {
		for _, raw := range it.seed.URLs {
			u, err := url.Parse(canonical(raw))
			if err != nil || u.Host == "" {
				continue
			}
			root := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/"}
			if !seen[root.String()] {
				seen[root.String()] = true
				out = append(out, item{key: root.String() + " (sitemaps)", sitemap: root})
			}
		}
	}
	return out
}

func (r *run) full() bool { return r.c.opts.MaxPages > 0 && r.queued >= r.c.opts.MaxPages }

func (r *run) overLimit() string { return fmt.Sprintf("%s %d", reasonMaxPages, r.c.opts.MaxPages) }

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
				via := ViaLink
				if it.sitemap != nil {
					via = ViaSitemap
				}
				r.enqueue(&next, links, it.depth+1, via)
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

// enqueue decides each URL met for the first time: off scope or excluded
// (noted, never requested), past MaxPages (noted), or queued.
func (r *run) enqueue(next *[]item, links []found, depth int, via string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, l := range links {
		if r.seen[l.url] {
			continue
		}
		r.seen[l.url] = true
		res := URLResult{URL: l.url, Depth: depth, Via: via, FoundOn: l.from, Outcome: OutcomeQueued}
		switch v := r.scope.decide(l.url); {
		case !v.in:
			res.Outcome, res.Reason = OutcomeExcluded, v.reason
		case r.full():
			res.Outcome, res.Reason = OutcomeExcluded, r.overLimit()
		default:
			r.queued++
			*next = append(*next, item{seed: Seed{URLs: []string{l.url}}, depth: depth, key: l.url, via: via})
		}
		r.tally.note(res)
	}
}
