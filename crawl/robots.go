package crawl

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
	"golang.org/x/time/rate"
)

// robotsAgent is the token matched against User-agent lines.
const robotsAgent = "rightsearch"

// robotsCache fetches each host's robots.txt once per crawl.
type robotsCache struct {
	f  *fetcher
	mu sync.Mutex
	m  map[string]*robotsEntry // by scheme://host:port
}

type robotsEntry struct {
	once     sync.Once
	group    *robotstxt.Group
	sitemaps []string // the file's Sitemap: lines
	err      error
}

func newRobotsCache(f *fetcher) *robotsCache {
	return &robotsCache{f: f, m: map[string]*robotsEntry{}}
}

// allowed returns nil when robots.txt lets us fetch u, ErrDisallowed when
// it does not, and the fetch error when robots.txt itself could not be read
// (per RFC 9309 an unreachable robots.txt means "do not crawl").
func (c *robotsCache) allowed(ctx context.Context, u *url.URL) error {
	e := c.entry(ctx, u)
	if e.err != nil {
		return fmt.Errorf("robots.txt: %w", e.err)
	}
	p := u.EscapedPath()
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	if !e.group.Test(p) {
		return ErrDisallowed
	}
	return nil
}

// sitemaps lists the Sitemap: lines of u's host's robots.txt.
func (c *robotsCache) sitemaps(ctx context.Context, u *url.URL) ([]string, error) {
	e := c.entry(ctx, u)
	if e.err != nil {
		return nil, fmt.Errorf("robots.txt: %w", e.err)
	}
	return e.sitemaps, nil
}

// entry is u's host's robots.txt, read on first use.
func (c *robotsCache) entry(ctx context.Context, u *url.URL) *robotsEntry {
	key := u.Scheme + "://" + u.Host
	c.mu.Lock()
	e, ok := c.m[key]
	if !ok {
		e = &robotsEntry{}
		c.m[key] = e
	}
	c.mu.Unlock()
	e.once.Do(func() { e.group, e.sitemaps, e.err = c.load(ctx, u) })
	return e
}

func (c *robotsCache) load(ctx context.Context, u *url.URL) (*robotstxt.Group, []string, error) {
	ru := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
	var status int
	var body []byte
	for hops := 0; ; hops++ {
		r, err := c.f.fetchHop(ctx, ru, validators{}, nil)
		var se *StatusError
		switch {
		case errors.As(err, &se):
			status = se.Code // 5xx after retries: robotstxt treats it as "disallow all"
		case err != nil:
			return nil, nil, err
		case isRedirect(r.Status) && r.Header.Get("Location") != "" && hops < c.f.opts.MaxRedirects:
			if ru, err = ru.Parse(r.Header.Get("Location")); err != nil {
				return nil, nil, err
			}
			continue
		default:
			status, body = r.Status, r.Payload
		}
		break
	}
	data, err := robotstxt.FromStatusAndBytes(status, body)
	if err != nil {
		return nil, nil, err
	}
	g := data.FindGroup(robotsAgent)
	if g.CrawlDelay > 0 {
		// Crawl-delay can only slow us down, never speed us up.
		l := c.f.limiter(u.Host)
		if lim := rate.Every(g.CrawlDelay); lim < l.Limit() {
			l.SetLimit(lim)
		}
		c.f.opts.Logger.Debug("robots.txt crawl-delay", "host", u.Host, "delay", g.CrawlDelay.Round(time.Millisecond))
	}
	return g, data.Sitemaps, nil
}
