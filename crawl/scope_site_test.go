package crawl

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	rightsearch "github.com/rightsearch/rightsearch"
)

// labSite is a research lab's web site whose report URLs hold none of
// the words the crawler once looked for (/p/8831, /moved, /flaky.html),
// with a sitemap index in robots.txt, a gzipped sitemap, a page only the
// sitemap names, listing pages, an admin area to exclude and a disallowed
// one; other is another host that off-scope links point to. Both record
// every request.
type labSite struct {
	*httptest.Server
	other *httptest.Server

	mu   sync.Mutex
	hits map[string]int // by path, on the lab's host
	away int            // requests to the other host
}

// labRoutes maps paths to fixture files in testdata/scope.
var labRoutes = map[string]string{
	"/index.html": "index.html", "/p/8831": "p-8831.html", "/p/2207": "p-2207.html", "/p/5120": "p-5120.html",
	"/flaky.html": "flaky.html", "/statement": "short-note.html", "/people/": "people.html",
	"/topics/surveillance/": "tag.html", "/pubs/index.html": "pubs-index.html", "/pubs/2019/a.html": "pubs-a.html",
	"/pubs/2020/b.html": "pubs-b.html", "/pubs/2021/c.html": "pubs-c.html",
	"/sitemaps/index.xml": "sitemap-index.xml", "/sitemaps/pages.xml.gz": "sitemap-pages.xml", "/sitemaps/pubs.xml": "sitemap-pubs.xml",
}

func newLabSite(t *testing.T) *labSite {
	t.Helper()
	l := &labSite{hits: map[string]int{}}
	l.other = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		l.away++
		l.mu.Unlock()
		_, _ = io.WriteString(w, "<html><body><p>another host</p></body></html>")
	}))
	t.Cleanup(l.other.Close)
	brief := makePDF([]string{"Policy brief. Export controls for intrusion software should cover resellers, " +
		"brokers and the services that help customers infect targets, and licences should be published."})
	l.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		l.hits[r.URL.Path]++
		n := l.hits[r.URL.Path]
		l.mu.Unlock()
		fill := strings.NewReplacer("{{BASE}}", l.URL, "{{OTHER}}", l.other.URL)
		switch p := r.URL.Path; {
		case p == "/robots.txt":
			_, _ = io.WriteString(w, fill.Replace(string(readLab(t, "robots.txt"))))
		case p == "/moved":
			http.Redirect(w, r, "/p/2207", http.StatusMovedPermanently)
		case p == "/old/8831":
			http.Redirect(w, r, "/p/8831", http.StatusFound)
		case p == "/flaky.html" && n == 1:
			http.Error(w, "try again", http.StatusServiceUnavailable)
		case p == "/files/brief.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			_, _ = w.Write(brief)
		case p == "/about.html" || p == "/privacy.html" || p == "/contact.html":
			_, _ = io.WriteString(w, "<html><title>"+p+"</title><body><p>The lab's "+strings.Trim(p, "/.html")+" page.</p></body></html>")
		case labRoutes[p] != "":
			body := []byte(fill.Replace(string(readLab(t, labRoutes[p]))))
			switch {
			case strings.HasSuffix(p, ".gz"):
				w.Header().Set("Content-Type", "application/gzip")
				body = gzipBytes(body)
			case strings.HasSuffix(p, ".xml"):
				w.Header().Set("Content-Type", "application/xml")
			default:
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
			}
			_, _ = w.Write(body)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(l.Server.Close)
	return l
}

func readLab(t *testing.T, name string) []byte {
	b, err := os.ReadFile(filepath.Join("testdata", "scope", name))
	if err != nil {
		t.Error(err)
	}
	return b
}

func (l *labSite) requests() (map[string]int, int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return maps.Clone(l.hits), l.away
}

func (l *labSite) crawl(t *testing.T, seed string, edit func(*Options)) (Summary, *collect) {
	t.Helper()
	o := Options{DataDir: t.TempDir(), Rate: 1000, Depth: 1, MaxRetries: 2, Timeout: 5 * time.Second,
		AllowHosts: []string{l.Listener.Addr().String(), l.other.Listener.Addr().String()},
		Logger:     slog.New(slog.DiscardHandler)}
	if edit != nil {
		edit(&o)
	}
	c, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	c.tune.backoffBase, c.tune.backoffMax = 5*time.Millisecond, 50*time.Millisecond
	var got collect
	sum, err := c.Run(context.Background(), URLSeeds([]string{l.URL + seed}), got.sink)
	if err != nil {
		t.Fatal(err)
	}
	return sum, &got
}

func byURL(s Summary) map[string]URLResult {
	m := map[string]URLResult{}
	for _, u := range s.URLs {
		m[u.URL] = u
	}
	return m
}

// Issue 11: with --depth 1 every in-scope page of the lab is fetched
// exactly once whatever its path, the redirect is followed, the 503
// retried, the sitemap's page found, and the excluded, disallowed and
// off-host URLs are never requested.
func TestCrawlScopeHost(t *testing.T) {
	l := newLabSite(t)
	sum, got := l.crawl(t, "/index.html", func(o *Options) { o.Exclude = []string{`/admin/`} })
	hits, away := l.requests()
	want := map[string]int{"/robots.txt": 1, "/sitemaps/index.xml": 1, "/sitemaps/pages.xml.gz": 1,
		"/sitemaps/pubs.xml": 1, "/sitemap.xml": 1, "/index.html": 1, "/p/8831": 1, "/moved": 1, "/p/2207": 1,
		"/flaky.html": 2, "/files/brief.pdf": 1, "/statement": 1, "/people/": 1, "/topics/surveillance/": 1,
		"/missing": 1, "/pubs/index.html": 1, "/about.html": 1, "/privacy.html": 1, "/contact.html": 1,
		"/p/5120": 1, "/pubs/2021/c.html": 1, "/pubs/2019/a.html": 1, "/old/8831": 1}
	if !maps.Equal(hits, want) {
		for _, p := range slices.Sorted(maps.Keys(hits)) {
			if hits[p] != want[p] {
				t.Errorf("%s requested %d times, want %d", p, hits[p], want[p])
			}
		}
		for p := range want {
			if hits[p] == 0 {
				t.Errorf("%s never requested", p)
			}
		}
	}
	if away != 0 {
		t.Errorf("the other host got %d requests", away)
	}
	u := byURL(sum)
	at := func(p string) URLResult { return u[l.URL+p] }
	checks := []struct {
		path, outcome, reason string
	}{
		{"/index.html", OutcomeKeptOut, "no main text: listing or navigation page"},
		{"/people/", OutcomeKeptOut, "no main text: listing or navigation page"},
		{"/pubs/index.html", OutcomeKeptOut, "no main text: listing or navigation page"},
		{"/p/8831", OutcomeIndexed, ""},
		{"/moved", OutcomeIndexed, ""},
		{"/flaky.html", OutcomeIndexed, ""},
		{"/files/brief.pdf", OutcomeIndexed, ""},
		{"/statement", OutcomeIndexed, ""},
		{"/p/5120", OutcomeIndexed, ""},
		{"/old/8831", OutcomeRedirected, "its target is fetched under its own URL"},
		{"/admin/export", OutcomeExcluded, "excluded by --exclude /admin/"},
		{"/admin/hidden", OutcomeExcluded, "excluded by --exclude /admin/"},
		{"/private/notes", OutcomeExcluded, "disallowed by robots.txt"},
		{"/missing", OutcomeFailed, "HTTP 404 Not Found"},
		{"/sitemap.xml", OutcomeSitemap, "no sitemap"},
		{"/sitemaps/pages.xml.gz", OutcomeSitemap, "lists 5 pages"},
	}
	for _, c := range checks {
		r := at(c.path)
		if r.Outcome != c.outcome || !strings.HasPrefix(r.Reason, c.reason) {
			t.Errorf("%s: %s %q, want %s %q", c.path, r.Outcome, r.Reason, c.outcome, c.reason)
		}
	}
	if r := at("/moved"); r.RedirectedTo != l.URL+"/p/2207" {
		t.Errorf("/moved: redirected to %q", r.RedirectedTo)
	}
	if r := at("/flaky.html"); r.Retries != 1 {
		t.Errorf("/flaky.html: %d retries, want 1", r.Retries)
	}
	if r := at("/p/5120"); r.Via != ViaSitemap || r.FoundOn != l.URL+"/sitemaps/pages.xml.gz" || r.Depth != 1 {
		t.Errorf("/p/5120: %+v, want found in the gzipped sitemap at depth 1", r)
	}
	for _, off := range []string{l.other.URL + "/elsewhere.html", l.other.URL + "/from-sitemap.html"} {
		if r := u[off]; r.Outcome != OutcomeExcluded || r.Reason != "off scope (host)" {
			t.Errorf("%s: %+v", off, r)
		}
	}
	if d, ok := got.byURL(l.URL + "/p/2207"); !ok || !strings.Contains(d.Title, "Invoices") {
		t.Errorf("the redirect's target is not indexed under its URL: %v", got.ids())
	}
	if sum.Failed != 1 || sum.KeptOut != 3 || sum.Excluded != 2 || sum.OffScope != 2 || sum.Robots != 1 ||
		sum.Redirected != 2 || sum.Retried != 1 || sum.Indexed != len(got.docs) {
		t.Errorf("summary:\n%s", sum)
	}
	if !strings.Contains(sum.String(), "3 kept out of the index (3 no main text: listing or navigation page)") {
		t.Errorf("summary does not say why pages were kept out:\n%s", sum)
	}
	t.Logf("summary:\n%s", sum)
}

// --scope prefix stays under the seed's directory, for links and sitemap
// entries alike; --scope page requests the seed alone; --max-pages stops
// queueing.
func TestCrawlScopePrefixPageAndLimit(t *testing.T) {
	pages := func(hits map[string]int) []string {
		var out []string
		for p := range hits {
			if p != "/robots.txt" && p != "/sitemap.xml" && !strings.HasPrefix(p, "/sitemaps/") {
				out = append(out, p)
			}
		}
		slices.Sort(out)
		return out
	}
	l := newLabSite(t)
	sum, _ := l.crawl(t, "/pubs/index.html", func(o *Options) { o.Scope = ScopePrefix })
	hits, away := l.requests()
	want := []string{"/pubs/2019/a.html", "/pubs/2020/b.html", "/pubs/2021/c.html", "/pubs/index.html"}
	if got := pages(hits); !slices.Equal(got, want) || away != 0 {
		t.Errorf("prefix scope requested %q (and %d off host), want %q", got, away, want)
	}
	if r := byURL(sum)[l.URL+"/p/8831"]; r.Outcome != OutcomeExcluded || r.Reason != "off scope (prefix)" {
		t.Errorf("/p/8831 under prefix scope: %+v", r)
	}

	l = newLabSite(t)
	l.crawl(t, "/index.html", func(o *Options) { o.Scope = ScopePage })
	if hits, _ := l.requests(); !maps.Equal(hits, map[string]int{"/robots.txt": 1, "/index.html": 1}) {
		t.Errorf("page scope requested %v", hits)
	}

	l = newLabSite(t)
	sum, _ = l.crawl(t, "/index.html", func(o *Options) { o.MaxPages = 3; o.NoSitemaps = true })
	hits, _ = l.requests()
	n := 0
	for _, p := range pages(hits) {
		if p != "/p/2207" { // fetched through /moved, one page
			n++
		}
	}
	if n != 3 || sum.OverLimit == 0 || hits["/sitemaps/index.xml"] != 0 {
		t.Errorf("--max-pages 3: %d pages requested %v, %d over the limit", n, hits, sum.OverLimit)
	}
}

// A depth crawl stopped half-way (here by its sink failing) resumes on the
// same data directory without requesting again anything it archived,
// sitemaps included, and ends with every page indexed once.
func TestCrawlScopeResumes(t *testing.T) {
	l := newLabSite(t)
	data := t.TempDir()
	newC := func() *Crawler {
		c, err := New(Options{DataDir: data, Rate: 1000, Depth: 1, MaxRetries: 2, Timeout: 5 * time.Second,
			AllowHosts: []string{l.Listener.Addr().String()}, Logger: slog.New(slog.DiscardHandler)})
		if err != nil {
			t.Fatal(err)
		}
		c.tune.backoffBase, c.tune.backoffMax = 5*time.Millisecond, 50*time.Millisecond
		return c
	}
	seeds := URLSeeds([]string{l.URL + "/index.html"})
	var first collect
	boom := errors.New("disk full")
	_, err := newC().Run(context.Background(), seeds, func(ctx context.Context, d rightsearch.Document) error {
		if len(first.docs) == 3 {
			return boom
		}
		return first.sink(ctx, d)
	})
	if !errors.Is(err, boom) {
		t.Fatalf("first run: %v", err)
	}
	before, _ := l.requests()
	fr, err := openFrontier(filepath.Join(data, "crawl"))
	if err != nil {
		t.Fatal(err)
	}
	archived := maps.Clone(fr.fetched)
	fr.close()
	var second collect
	sum, err := newC().Run(context.Background(), seeds, second.sink)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := l.requests()
	if len(archived) < 5 {
		t.Fatalf("the first run archived only %d URLs", len(archived))
	}
	for u := range archived {
		p := strings.TrimPrefix(u, l.URL)
		if after[p] != before[p] {
			t.Errorf("%s was archived, yet requested again on resume (%d times before, %d after)", p, before[p], after[p])
		}
	}
	if n := len(first.docs) + len(second.docs); n != 12 || sum.KeptOut != 3 {
		t.Errorf("%d documents indexed over both runs, want 12; second run:\n%s", n, sum)
	}
}
