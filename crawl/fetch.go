package crawl

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// response is one HTTP exchange as the crawler keeps it.
type response struct {
	URL         string // the URL requested (after redirects: the last hop)
	Status      int
	StatusLine  string // "HTTP/1.1 200 OK"
	StatusText  string // "200 OK"
	Header      http.Header
	Raw         []byte // body as transferred (Content-Encoding kept)
	Payload     []byte // body with Content-Encoding removed
	ContentType string // declared, or sniffed when the header lies or is missing
	Request     []byte // the request as sent on the wire
	RemoteIP    string
	FetchedAt   time.Time
}

// validators are what a conditional GET sends back to the server.
type validators struct {
	URL          string // the URL they belong to
	ETag         string
	LastModified string
}

// StatusError is an HTTP status the crawler does not accept.
type StatusError struct {
	Code   int
	Status string
}

func (e *StatusError) Error() string { return "HTTP " + e.Status }

// fetcher performs polite, guarded GETs.
type fetcher struct {
	opts   Options
	tune   tuning
	client *http.Client
	robots *robotsCache

	mu       sync.Mutex
	limiters map[string]*rate.Limiter // by host:port
}

func newFetcher(opts Options, tune tuning) *fetcher {
	d := guardedDialer{allowPrivate: opts.AllowPrivate, allowHosts: opts.AllowHosts, timeout: opts.Timeout}
	tr := &http.Transport{
		Proxy:                 nil, // a proxy would be dialled instead of the real host and defeat the guard
		DialContext:           d.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       30 * time.Second,
		TLSHandshakeTimeout:   opts.Timeout,
		ResponseHeaderTimeout: opts.Timeout,
	}
	f := &fetcher{opts: opts, tune: tune, limiters: map[string]*rate.Limiter{},
		client: &http.Client{Transport: tr,
			// Redirects are followed by fetch itself: each hop is rate
			// limited, checked against robots.txt and counted.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	f.robots = newRobotsCache(f)
	return f
}

func (f *fetcher) close() { f.client.CloseIdleConnections() }

func (f *fetcher) limiter(host string) *rate.Limiter {
	f.mu.Lock()
	defer f.mu.Unlock()
	l, ok := f.limiters[host]
	if !ok {
		l = rate.NewLimiter(rate.Limit(f.opts.Rate), 1)
		f.limiters[host] = l
	}
	return l
}

// fetchTrace is what the crawler learns from, and asks of, one fetch: it
// counts the retries, and allow (when set) may refuse a redirect target
// before it is requested (scope, or a URL another item fetches).
type fetchTrace struct {
	retries int
	allow   func(next *url.URL) error
}

// fetch GETs raw, following redirects, honouring robots.txt on every hop.
// A 304 comes back as a response with Status 304 and no body. tr may be
// nil.
func (f *fetcher) fetch(ctx context.Context, raw string, cond validators, tr *fetchTrace) (*response, error) {
	cur, err := parseHTTPURL(raw)
	if err != nil {
		return nil, err
	}
	for hops := 0; ; hops++ {
		if err := f.robots.allowed(ctx, cur); err != nil {
			return nil, err
		}
		c := validators{}
		if cond.URL == cur.String() {
			c = cond
		}
		r, err := f.fetchHop(ctx, cur, c, tr)
		if err != nil {
			return nil, err
		}
		loc := r.Header.Get("Location")
		if !isRedirect(r.Status) || loc == "" {
			if r.Status == http.StatusNotModified || r.Status >= 200 && r.Status < 300 {
				return r, nil
			}
			return nil, r.statusError()
		}
		if hops >= f.opts.MaxRedirects {
			return nil, fmt.Errorf("%w: stopped after %d", ErrTooManyRedirects, hops)
		}
		next, err := cur.Parse(loc)
		if err != nil || (next.Scheme != "http" && next.Scheme != "https") {
			return nil, fmt.Errorf("redirect to %q: not an http(s) URL", loc)
		}
		next.Fragment = ""
		if tr != nil && tr.allow != nil {
			if err := tr.allow(next); err != nil {
				return nil, err
			}
		}
		cur = next
	}
}

func (r *response) statusError() error {
	return &StatusError{Code: r.Status, Status: r.StatusText}
}

func isRedirect(code int) bool {
	switch code {
	case 301, 302, 303, 307, 308:
		return true
	}
	return false
}

func parseHTTPURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, err
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("not an http(s) URL")
	}
	u.Fragment = ""
	return u, nil
}

// fetchHop requests one URL, retrying 429, 5xx and passing network errors
// with exponential backoff, or as long as Retry-After asks.
func (f *fetcher) fetchHop(ctx context.Context, u *url.URL, cond validators, tr *fetchTrace) (*response, error) {
	for attempt := 0; ; attempt++ {
		r, err := f.attempt(ctx, u, cond)
		if err == nil && !retryableStatus(r.Status) {
			return r, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if err == nil {
			err = r.statusError()
		}
		if !retryableError(err) {
			return nil, err
		}
		if attempt >= f.opts.MaxRetries {
			return nil, fmt.Errorf("%w (gave up after %d retries)", err, attempt)
		}
		wait := backoff(attempt, f.tune.backoffBase, f.tune.backoffMax)
		if r != nil {
			if ra, ok := parseRetryAfter(r.Header.Get("Retry-After"), time.Now()); ok {
				if ra > f.tune.retryAfterMax {
					return nil, fmt.Errorf("%w (Retry-After %s is too long to wait)", err, ra)
				}
				wait = ra
			}
		}
		f.opts.Logger.Debug("retrying", "url", u.String(), "attempt", attempt+1, "wait", wait, "err", err)
		if tr != nil {
			tr.retries++
		}
		if err := sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// attempt is one rate-limited request, its body read within the timeout
// and the size cap.
func (f *fetcher) attempt(ctx context.Context, u *url.URL, cond validators) (*response, error) {
	if err := f.limiter(u.Host).Wait(ctx); err != nil {
		return nil, err
	}
	actx, cancel := context.WithTimeout(ctx, f.opts.Timeout)
	defer cancel()
	var remote string
	trace := &httptrace.ClientTrace{GotConn: func(ci httptrace.GotConnInfo) {
		remote = ci.Conn.RemoteAddr().String()
	}}
	req, err := http.NewRequestWithContext(actx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", f.opts.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8")
	// Asking for gzip ourselves stops net/http from decoding it silently:
	// the archive keeps the bytes as sent and we decode under the cap.
	req.Header.Set("Accept-Encoding", "gzip")
	if cond.ETag != "" {
		req.Header.Set("If-None-Match", cond.ETag)
	}
	if cond.LastModified != "" {
		req.Header.Set("If-Modified-Since", cond.LastModified)
	}
	dump, err := httputil.DumpRequestOut(req, false)
	if err != nil {
		return nil, err
	}
	req = req.WithContext(httptrace.WithClientTrace(actx, trace))
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, unwrapURLError(err)
	}
	defer resp.Body.Close()
	r := &response{URL: u.String(), Status: resp.StatusCode, Header: resp.Header,
		StatusLine: fmt.Sprintf("HTTP/%d.%d %s", resp.ProtoMajor, resp.ProtoMinor, resp.Status),
		StatusText: resp.Status, Request: dump, RemoteIP: remote, FetchedAt: time.Now().UTC()}
	if resp.StatusCode < 200 || resp.StatusCode >= 300 {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // lets the connection be reused
		return r, nil
	}
	if r.Raw, err = readCapped(resp.Body, resp.ContentLength, f.opts.MaxBytes); err != nil {
		return nil, err
	}
	if r.Payload, err = decode(r.Raw, resp.Header.Get("Content-Encoding"), f.opts.MaxBytes); err != nil {
		return nil, err
	}
	r.ContentType = sniffContentType(resp.Header.Get("Content-Type"), r.Payload)
	return r, nil
}

// unwrapURLError drops net/http's `Get "url": ` prefix; callers add the URL
// once themselves.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// readCapped reads a body, failing with ErrTooLarge as soon as it is known
// to be longer than limit, without reading the rest.
func readCapped(body io.Reader, declared, limit int64) ([]byte, error) {
	if declared > limit {
		return nil, fmt.Errorf("%w: Content-Length %d exceeds the %d-byte cap", ErrTooLarge, declared, limit)
	}
	b, err := io.ReadAll(io.LimitReader(body, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%w: body exceeds the %d-byte cap", ErrTooLarge, limit)
	}
	return b, nil
}

// decode removes a gzip Content-Encoding, stopping at the cap so that a
// small "decompression bomb" cannot fill memory.
func decode(raw []byte, encoding string, limit int64) ([]byte, error) {
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "", "identity":
		return raw, nil
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil, fmt.Errorf("gzip body: %w", err)
		}
		b, err := io.ReadAll(io.LimitReader(zr, limit+1))
		if err != nil {
			return nil, fmt.Errorf("gzip body: %w", err)
		}
		if int64(len(b)) > limit {
			return nil, fmt.Errorf("%w: gzip body decodes past the %d-byte cap", ErrTooLarge, limit)
		}
		return b, nil
	}
	return nil, fmt.Errorf("unsupported Content-Encoding %q", encoding)
}
