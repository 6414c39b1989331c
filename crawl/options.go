package crawl

import (
	"fmt"
	"io"
	"log/slog"
	"time"
)

// DefaultUserAgent names the crawler and where to read about it.
const DefaultUserAgent = "rightsearch/0.1 (+https://github.com/rightsearch/rightsearch)"

// Options configures a Crawler. Zero values take the documented defaults.
type Options struct {
	DataDir      string        // archive in DataDir/archive/*.warc.gz, frontier in DataDir/crawl/
	Rate         float64       // requests per second per host, default 1
	Depth        int           // follow in-scope links this many levels (0 = only seeds)
	Scope        Scope         // which discovered URLs are followed when Depth > 0; default ScopeHost
	Include      []string      // regexps: a discovered URL that matches is in scope whatever Scope says
	Exclude      []string      // regexps: a URL that matches is never requested, seeds included; wins over Include
	MaxPages     int           // at most this many pages queued, seeds included (0 = no limit)
	NoSitemaps   bool          // with Depth > 0, do not read the seed hosts' sitemaps for URLs
	AllowPrivate bool          // --allow-private: relax the SSRF guard
	AllowHosts   []string      // exact "host:port" allowed even if private/loopback (for tests)
	UserAgent    string        // default DefaultUserAgent
	MaxBytes     int64         // response cap, default 100 MB
	Timeout      time.Duration // per request, default 60 s
	MaxRetries   int           // default 4
	MaxRedirects int           // default 5
	Logger       *slog.Logger
	Progress     io.Writer // a terminal gets a progress bar; anything else plain log lines
}

// tuning holds knobs that are not part of the public contract; tests
// shrink them so that retries take milliseconds.
type tuning struct {
	backoffBase   time.Duration // first retry waits about this long
	backoffMax    time.Duration // no single wait is longer
	retryAfterMax time.Duration // a longer Retry-After gives up instead of waiting
	workers       int           // seeds processed at once (hosts still get Rate each)
}

func defaultTuning() tuning {
	return tuning{backoffBase: time.Second, backoffMax: time.Minute,
		retryAfterMax: 10 * time.Minute, workers: 4}
}

func (o Options) withDefaults() (Options, error) {
	if o.DataDir == "" {
		return o, fmt.Errorf("crawl options: DataDir is required")
	}
	if o.Rate < 0 || o.Depth < 0 || o.MaxBytes < 0 || o.Timeout < 0 || o.MaxRetries < 0 || o.MaxRedirects < 0 || o.MaxPages < 0 {
		return o, fmt.Errorf("crawl options: negative value in %+v", o)
	}
	if o.Scope == "" {
		o.Scope = ScopeHost
	}
	if _, err := ParseScope(string(o.Scope)); err != nil {
		return o, fmt.Errorf("crawl options: %w", err)
	}
	if _, err := newScope(o.Scope, nil, o.Include, o.Exclude); err != nil {
		return o, err
	}
	if o.Rate == 0 {
		o.Rate = 1
	}
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.MaxBytes == 0 {
		o.MaxBytes = 100 << 20
	}
	if o.Timeout == 0 {
		o.Timeout = 60 * time.Second
	}
	if o.MaxRetries == 0 {
		o.MaxRetries = 4
	}
	if o.MaxRedirects == 0 {
		o.MaxRedirects = 5
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o, nil
}
