package crawl

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gofrs/flock"
	rightsearch "github.com/rightsearch/rightsearch"

	"github.com/rightsearch/rightsearch/internal/testutil"
)

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// A catalog entry with a page and a PDF becomes one Document: the PDF's
// fuller text is the body, the page gives the title, the catalog's facts
// win, and the provenance points at the archived PDF.
func TestRunMergesPageAndPDF(t *testing.T) {
	s := newSite(t)
	data := t.TempDir()
	page, pdf := s.URL+"/research/2016/08/implant-report/", s.URL+"/reports/annex.pdf"
	base := rightsearch.Document{ID: "example-implant-2016", Organization: "Example Lab", Type: "report",
		Targets: []string{"A Defender"}}
	seeds := []Seed{{URLs: []string{page, pdf}, Base: base}, {URLs: []string{s.URL + "/en/latest/2018/11/halt-exports/"}}}
	var got collect
	sum, err := testCrawler(t, s, data, nil).Run(context.Background(), seeds, got.sink)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Fetched != 3 || sum.Failed != 0 || len(got.docs) != 2 {
		t.Fatalf("summary %s; docs %v", sum, got.ids())
	}
	d, ok := got.byURL(page)
	if !ok {
		t.Fatalf("no document for %s in %v", page, got.ids())
	}
	if d.ID != "example-implant-2016" || d.Organization != "Example Lab" || d.PDFURL != pdf ||
		!slices.Equal(d.Targets, []string{"A Defender"}) {
		t.Errorf("catalog facts lost: %+v", d)
	}
	if !strings.Contains(d.Title, "Tracing a Phone Implant") {
		t.Errorf("title %q not from the page", d.Title)
	}
	if !strings.Contains(d.Body, "persists across reboots") || !strings.ContainsRune(d.Body, rightsearch.PageBreak) {
		t.Errorf("body is not the PDF's text: %q", d.Body)
	}
	p := d.Provenance
	if p == nil || p.Source != "crawl" || p.Status != 200 || p.ContentType != "application/pdf" ||
		p.SHA256 != sha(s.pdf) || p.FetchedAt.IsZero() || p.WARC == "" {
		t.Fatalf("provenance %+v", p)
	}
	ct, payload, err := ReadPayload(context.Background(), filepath.Join(data, "archive"), p.WARC, p.WARCOffset)
	if err != nil || ct != "application/pdf" || string(payload) != string(s.pdf) {
		t.Errorf("ReadPayload = %q, %d bytes, %v; want the served PDF", ct, len(payload), err)
	}
	news, ok := got.byURL(s.URL + "/en/latest/2018/11/halt-exports/")
	if !ok || news.ID != rightsearch.IDForURL(s.URL+"/en/latest/2018/11/halt-exports/") {
		t.Errorf("seed without id: got %+v", news.ID)
	}
	if strings.Contains(news.Body, "cookies") || !strings.Contains(news.Body, "export of surveillance software") {
		t.Errorf("news body is not the main text: %q", news.Body)
	}
}

func TestRobotsHonouredAndFetchedOnce(t *testing.T) {
	s := newSite(t)
	var got collect
	seeds := seedsFor(s, "/private/draft/", "/research/2016/08/implant-report/", "/en/latest/2018/11/halt-exports/")
	sum, err := testCrawler(t, s, t.TempDir(), nil).Run(context.Background(), seeds, got.sink)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(s.hitsFor("/private/draft/")); n != 0 {
		t.Errorf("disallowed page fetched %d times", n)
	}
	if n := len(s.hitsFor("/robots.txt")); n != 1 {
		t.Errorf("robots.txt fetched %d times, want once", n)
	}
	if sum.Robots != 1 || sum.Fetched != 2 || len(got.docs) != 2 {
		t.Errorf("summary %s, %d docs", sum, len(got.docs))
	}
}

func TestRateLimitSpacesRequests(t *testing.T) {
	s := newSite(t)
	const rate = 10
	interval := time.Second / rate
	// The limiter spaces sends exactly; arrival at the server jitters by
	// the time a new connection takes (a few ms, more under -race).
	const jitter = 20 * time.Millisecond
	seeds := seedsFor(s, "/research/2016/08/implant-report/", "/en/latest/2018/11/halt-exports/",
		"/reports/annex.pdf", "/about/", "/untyped/page", "/etag/page")
	_, err := testCrawler(t, s, t.TempDir(), func(o *Options) { o.Rate = rate }).Run(context.Background(), seeds, (&collect{}).sink)
	if err != nil {
		t.Fatal(err)
	}
	h := s.hits()
	if len(h) != 7 {
		t.Fatalf("%d requests, want 7 (robots.txt + 6)", len(h))
	}
	// A server goroutine scheduled late on a loaded machine can bunch two
	// arrivals; one short gap is tolerated, a broken limiter makes all short.
	var short []string
	for i := 1; i < len(h); i++ {
		if gap := h[i].At.Sub(h[i-1].At); gap < interval-jitter {
			short = append(short, fmt.Sprintf("%s→%s %v", h[i-1].Path, h[i].Path, gap))
		}
	}
	if len(short) > 1 {
		t.Errorf("requests closer than %v: %v", interval, short)
	}
	if total := h[len(h)-1].At.Sub(h[0].At); total < 6*interval-jitter {
		t.Errorf("7 requests took %v, want ≥ %v", total, 6*interval)
	}
}

func TestRetryAfterIsWaitedOut(t *testing.T) {
	s := newSite(t)
	var got collect
	sum, err := testCrawler(t, s, t.TempDir(), nil).Run(context.Background(), seedsFor(s, "/busy"), got.sink)
	if err != nil {
		t.Fatal(err)
	}
	h := s.hitsFor("/busy")
	if len(h) != 2 || sum.Fetched != 1 || len(got.docs) != 1 {
		t.Fatalf("%d requests, summary %s", len(h), sum)
	}
	if gap := h[1].At.Sub(h[0].At); gap < 950*time.Millisecond {
		t.Errorf("retried after %v, Retry-After asked for 1s", gap)
	}
}

func TestPermanent503GivesUpAndCrawlGoesOn(t *testing.T) {
	s := newSite(t)
	var got collect
	c := testCrawler(t, s, t.TempDir(), func(o *Options) { o.MaxRetries = 3 })
	sum, err := c.Run(context.Background(), seedsFor(s, "/down", "/about/"), got.sink)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(s.hitsFor("/down")); n != 4 {
		t.Errorf("/down requested %d times, want 1 + 3 retries", n)
	}
	if sum.Failed != 1 || len(sum.Failures) != 1 || !strings.Contains(sum.Failures[0].Reason, "503") ||
		sum.Failures[0].URL != s.URL+"/down" {
		t.Errorf("summary %s", sum)
	}
	if len(got.docs) != 1 {
		t.Errorf("the rest of the crawl stopped: %v", got.ids())
	}
	if !strings.Contains(sum.String(), s.URL+"/down: HTTP 503 Service Unavailable (gave up after 3 retries)") {
		t.Errorf("summary text:\n%s", sum)
	}
}

func TestRecrawlIsConditional(t *testing.T) {
	s := newSite(t)
	data := t.TempDir()
	seeds := seedsFor(s, "/etag/page")
	var first, second collect
	if _, err := testCrawler(t, s, data, nil).Run(context.Background(), seeds, first.sink); err != nil {
		t.Fatal(err)
	}
	before := archiveRecords(t, filepath.Join(data, "archive"))
	sum, err := testCrawler(t, s, data, nil).Run(context.Background(), seeds, second.sink)
	if err != nil {
		t.Fatal(err)
	}
	if sum.NotModified != 1 || sum.Fetched != 0 || len(second.docs) != 0 || len(first.docs) != 1 {
		t.Errorf("re-crawl: %s, %d docs", sum, len(second.docs))
	}
	if after := archiveRecords(t, filepath.Join(data, "archive")); after != before {
		t.Errorf("archive grew from %d to %d records on a 304", before, after)
	}
	if h := s.hitsFor("/etag/page"); len(h) != 2 {
		t.Errorf("%d requests", len(h))
	}
}

func TestDuplicatesReachTheSinkOnce(t *testing.T) {
	s := newSite(t)
	var got collect
	seeds := seedsFor(s, "/research/2016/08/implant-report/", "/research/2016/08/implant-report/#top",
		"/research/2016/08/implant-copy/")
	sum, err := testCrawler(t, s, t.TempDir(), nil).Run(context.Background(), seeds, got.sink)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.docs) != 1 || sum.Duplicates != 2 {
		t.Errorf("summary %s, docs %v", sum, got.ids())
	}
}

// With Depth every same-host link is followed once, whatever its path
// says (before issue 11 only paths with report words were, and navigation
// links never); --exclude keeps the navigation out instead.
func TestDepthFollowsInScopeLinks(t *testing.T) {
	linked := []string{"/", "/research/", "/category/news/", "/about/", "/tag/mobile/", "/share",
		"/reports/annex.pdf", "/research/2015/10/earlier-study/", "/privacy/", "/feed/"}
	nav := []string{"/category/news/", "/tag/mobile/", "/share", "/feed/"}
	for _, tt := range []struct {
		depth   int
		exclude []string
	}{{0, nil}, {1, nil}, {1, []string{`/(tag|category|share|feed)\b`}}} {
		s := newSite(t)
		var got collect
		c := testCrawler(t, s, t.TempDir(), func(o *Options) { o.Depth, o.Exclude = tt.depth, tt.exclude })
		if _, err := c.Run(context.Background(), seedsFor(s, "/research/2016/08/implant-report/"), got.sink); err != nil {
			t.Fatal(err)
		}
		for _, p := range linked {
			want := tt.depth
			if p == "/share" {
				want *= 2 // two links, ?to=mastodon and ?to=mail
			}
			if tt.exclude != nil && slices.Contains(nav, p) {
				want = 0
			}
			if n := len(s.hitsFor(p)); n != want {
				t.Errorf("depth %d, exclude %q: %s requested %d times, want %d", tt.depth, tt.exclude, p, n, want)
			}
		}
		// The report, its PDF annex, the earlier study and /about/ are documents;
		// the other links are 404s on this fixture site.
		if want := 1 + 3*tt.depth; len(got.docs) != want {
			t.Errorf("depth %d: %d documents %v, want %d", tt.depth, len(got.docs), got.ids(), want)
		}
	}
}

func TestBrokenDocumentIsCountedAndCrawlGoesOn(t *testing.T) {
	s := newSite(t)
	var got collect
	// /huge is plain text: neither HTML nor PDF, so extraction refuses it.
	c := testCrawler(t, s, t.TempDir(), func(o *Options) { o.MaxBytes = 4 << 20 })
	sum, err := c.Run(context.Background(), seedsFor(s, "/huge", "/about/"), got.sink)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failed != 1 || !strings.HasPrefix(sum.Failures[0].Reason, "extract:") || len(got.docs) != 1 {
		t.Errorf("summary %s", sum)
	}
}

func TestSinkErrorStopsTheCrawl(t *testing.T) {
	s := newSite(t)
	boom := errors.New("disk full")
	_, err := testCrawler(t, s, t.TempDir(), nil).Run(context.Background(), seedsFor(s, "/about/"),
		func(context.Context, rightsearch.Document) error { return boom })
	if !errors.Is(err, boom) {
		t.Errorf("Run = %v, want the sink's error", err)
	}
}

func TestSecondCrawlOfSameDataDirIsRefused(t *testing.T) {
	s := newSite(t)
	data := t.TempDir()
	if err := os.MkdirAll(filepath.Join(data, "crawl"), 0o755); err != nil {
		t.Fatal(err)
	}
	l := flock.New(filepath.Join(data, "crawl", "lock"))
	if err := l.Lock(); err != nil {
		t.Fatal(err)
	}
	defer l.Unlock()
	_, err := testCrawler(t, s, data, nil).Run(context.Background(), seedsFor(s, "/about/"), (&collect{}).sink)
	if !errors.Is(err, ErrLocked) {
		t.Errorf("Run = %v, want ErrLocked", err)
	}
}

func TestProgressLinesWhenNotATerminal(t *testing.T) {
	s := newSite(t)
	var out testutil.SyncBuffer
	c := testCrawler(t, s, t.TempDir(), func(o *Options) { o.Progress = &out })
	if _, err := c.Run(context.Background(), seedsFor(s, "/about/", "/down"), (&collect{}).sink); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	if !strings.Contains(text, "done=2 total=2") || !strings.Contains(text, "outcome=failed") {
		t.Errorf("progress output:\n%s", text)
	}
}
