package crawl

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	rightsearch "github.com/rightsearch/rightsearch"
)

// site is the fixture web site every crawl test talks to, on loopback.
type site struct {
	*httptest.Server
	pdf []byte

	mu   sync.Mutex
	log  []hit
	seen map[string]int // per-path request count, for handlers that change over time
}

type hit struct {
	Path string
	At   time.Time
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "site", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// annexPages is the text of the fixture PDF, page by page.
var annexPages = []string{
	"Technical annex. The implant FALCONWATCH persists across reboots by abusing a signed helper. " +
		"This annex was written for a test fixture and describes an invented infection in enough detail " +
		"to be longer than the web page that links to it. The first stage is a web page that fingerprints " +
		"the browser, the second a memory corruption in the layout engine, the third a kernel bug that " +
		"disables code signing, after which the implant copies itself to a system folder and starts " +
		"collecting messages, contacts, calendars, locations and recordings from the microphone.",
	"Indicators. The operator used the domains example-update.test and example-sms.test in 2016. " +
		"Each domain answered only to links that carried a one-time token, returned a harmless page " +
		"otherwise, and was retired within a week. Certificates shared an unusual validity period and " +
		"the same organisation field, which is how the servers were linked to one another. Defenders " +
		"who received similar messages should keep them and contact a digital security helpline.",
}

func newSite(t testing.TB) *site {
	t.Helper()
	s := &site{pdf: makePDF(annexPages), seen: map[string]int{}}
	report, news, robots := readFixture(t, "report.html"), readFixture(t, "news.html"), readFixture(t, "robots.txt")
	mux := http.NewServeMux()
	serve := func(ct string, body []byte) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ct)
			_, _ = w.Write(body)
		}
	}
	html := "text/html; charset=utf-8"
	mux.HandleFunc("/robots.txt", serve("text/plain", robots))
	mux.HandleFunc("/research/2016/08/implant-report/", serve(html, report))
	mux.HandleFunc("/research/2016/08/implant-copy/", serve(html, report)) // same bytes, other URL
	mux.HandleFunc("/research/2015/10/earlier-study/", serve(html, bytes.Replace(news, []byte("Halt to Spyware Exports"), []byte("Earlier Study of Intercept Vendors"), -1)))
	mux.HandleFunc("/en/latest/2018/11/halt-exports/", serve(html, news))
	mux.HandleFunc("/reports/annex.pdf", serve("application/pdf", s.pdf))
	mux.HandleFunc("/private/draft/", serve(html, report))
	mux.HandleFunc("/about/", serve(html, []byte("<html><title>About</title><body><p>About the example lab.</p></body></html>")))
	mux.HandleFunc("/lying/annex", serve("text/html", s.pdf)) // a PDF labelled as HTML
	mux.HandleFunc("/untyped/page", func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Content-Type"] = nil // stop net/http from sniffing on the server side
		_, _ = w.Write(news)
	})
	mux.HandleFunc("/go/report", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/research/2016/08/implant-report/", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/busy", func(w http.ResponseWriter, r *http.Request) {
		if s.count(r.URL.Path) == 1 {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		serve(html, news)(w, r)
	})
	mux.HandleFunc("/down", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "maintenance", http.StatusServiceUnavailable)
	})
	mux.HandleFunc("/etag/page", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Mon, 05 Nov 2018 10:00:00 GMT")
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		serve(html, news)(w, r)
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		chunk := bytes.Repeat([]byte("x"), 32<<10)
		for range 64 { // 2 MB, streamed without Content-Length
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		_, _ = w.Write(gzipBomb)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte("<html><body><p>first part"))
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	mux.HandleFunc("/gzipped/page", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", html)
		w.Header().Set("Content-Encoding", "gzip")
		_, _ = w.Write(gzipBytes(news))
	})
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.log = append(s.log, hit{Path: r.URL.Path, At: time.Now()})
		s.seen[r.URL.Path]++
		s.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// count is how many requests path has had, this one included.
func (s *site) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.seen[path]
}

func (s *site) hits() []hit {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]hit(nil), s.log...)
}

func (s *site) hitsFor(path string) []hit {
	var out []hit
	for _, h := range s.hits() {
		if h.Path == path {
			out = append(out, h)
		}
	}
	return out
}

func (s *site) addr() string { return s.Listener.Addr().String() }

var gzipBomb = gzipBytes(bytes.Repeat([]byte{0}, 8<<20)) // 8 MB of zeros in ~8 KB

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, _ = zw.Write(b)
	_ = zw.Close()
	return buf.Bytes()
}

// makePDF writes a minimal valid PDF with one page of text per string.
func makePDF(pages []string) []byte {
	var b bytes.Buffer
	var offsets []int
	obj := func(body string) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offsets), body)
	}
	b.WriteString("%PDF-1.4\n")
	n := len(pages)
	kids := make([]string, n)
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", 4+2*i)
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n))
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	for i, text := range pages {
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", 5+2*i))
		var lines strings.Builder
		lines.WriteString("BT /F1 11 Tf 72 720 Td 14 TL\n")
		for _, l := range wrap(text, 80) {
			fmt.Fprintf(&lines, "(%s) '\n", l)
		}
		lines.WriteString("ET")
		obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", lines.Len(), lines.String()))
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.Bytes()
}

func wrap(s string, width int) []string {
	var out []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && len(line)+1+len(w) > width {
			out = append(out, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return append(out, line)
}

// testCrawler is a Crawler for the fixture site: fast rate, millisecond
// backoff, the site's exact address allowed through the SSRF guard.
func testCrawler(t testing.TB, s *site, dataDir string, edit func(*Options)) *Crawler {
	t.Helper()
	o := Options{DataDir: dataDir, Rate: 1000, AllowHosts: []string{s.addr()}, MaxRetries: 2,
		Timeout: 5 * time.Second, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if testing.Verbose() {
		o.Logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	if edit != nil {
		edit(&o)
	}
	c, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	c.tune.backoffBase, c.tune.backoffMax = 5*time.Millisecond, 50*time.Millisecond
	return c
}

// collect is a sink that keeps what it is given.
type collect struct {
	mu   sync.Mutex
	docs []rightsearch.Document
}

func (c *collect) sink(_ context.Context, d rightsearch.Document) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.docs = append(c.docs, d)
	return nil
}

func (c *collect) byURL(u string) (rightsearch.Document, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, d := range c.docs {
		if d.URL == u {
			return d, true
		}
	}
	return rightsearch.Document{}, false
}

func (c *collect) ids() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for _, d := range c.docs {
		out = append(out, d.ID)
	}
	return out
}

func seedsFor(s *site, paths ...string) []Seed {
	var out []Seed
	for _, p := range paths {
		out = append(out, Seed{URLs: []string{s.URL + p}})
	}
	return out
}
