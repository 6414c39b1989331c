package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

const reportPage = `<!doctype html><html lang="en"><head><title>Fixture report on zyxwvut implants</title>
<meta name="author" content="Fixture Researcher"><meta property="article:published_time" content="2021-04-05T10:00:00Z"></head>
<body><nav>Home | About | Donate</nav><article><h1>Fixture report on zyxwvut implants</h1>
<p>Researchers found the zyxwvut implant on the phones of two journalists in Mexico. The implant reported to a server
that the researchers mapped over several months, and the messages that delivered it imitated a parcel service.</p>
<p>The report describes the method, the infrastructure and the people targeted, and it recommends that vendors
disclose their customers.</p></article><footer>Copyright Fixture Lab. Share on social media.</footer></body></html>`

// TestCrawlThenServe: crawl a loopback fixture site (allowed with
// --allow-private), then serve: the page is searchable and its archived
// bytes come back from /raw exactly, sandboxed.
func TestCrawlThenServe(t *testing.T) {
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			io.WriteString(w, "User-agent: *\nAllow: /\n")
		case "/reports/zyxwvut":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, reportPage)
		default:
			http.NotFound(w, r)
		}
	}))
	defer site.Close()
	data := t.TempDir()
	out, errOut, err := runCmd(t, "crawl", "--data", data, "--allow-private", "--rate", "50", site.URL+"/reports/zyxwvut")
	if err != nil || !strings.Contains(out, "1 fetched") {
		t.Fatalf("crawl: %v\n%s\n%s", err, out, errOut)
	}
	// Without --allow-private the loopback site is refused at dial time.
	out, _, _ = runCmd(t, "crawl", "--data", t.TempDir(), "--rate", "50", site.URL+"/reports/zyxwvut")
	if !strings.Contains(out, "1 failed") || !strings.Contains(out, "non-public address") {
		t.Errorf("crawl of a loopback URL without --allow-private:\n%s", out)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	urlc, done := make(chan string, 1), make(chan error, 1)
	e := env{stdout: io.Discard, stderr: io.Discard, log: slog.New(slog.DiscardHandler)}
	go func() { done <- serve(ctx, e, data, "127.0.0.1:0", false, func(u string) { urlc <- u }) }()
	base := <-urlc

	var res struct {
		Hits []struct{ ID, Title, Published string }
	}
	getJSON(t, base+"/api/search?q=zyxwvut", &res)
	if len(res.Hits) != 1 || res.Hits[0].Title != "Fixture report on zyxwvut implants" || res.Hits[0].Published != "2021-04-05" {
		t.Fatalf("search after crawl: %+v", res)
	}
	id := res.Hits[0].ID
	var d struct {
		Body       string
		Provenance struct{ Source, SHA256, WARC string }
	}
	getJSON(t, base+"/api/documents/"+id, &d)
	if d.Provenance.Source != "crawl" || d.Provenance.WARC == "" || strings.Contains(d.Body, "Donate") {
		t.Errorf("document %s: provenance %+v, body %q", id, d.Provenance, d.Body)
	}
	resp, err := http.Get(base + "/api/documents/" + id + "/raw")
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.Equal(raw, []byte(reportPage)) {
		t.Errorf("raw bytes differ from what the site served (%d vs %d bytes)", len(raw), len(reportPage))
	}
	for h, want := range map[string]string{"Content-Security-Policy": "sandbox", "X-Content-Type-Options": "nosniff"} {
		if resp.Header.Get(h) != want {
			t.Errorf("%s = %q", h, resp.Header.Get(h))
		}
	}
	if !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Errorf("raw HTML not sent as an attachment")
	}
	metrics, _ := http.Get(base + "/metrics")
	mb, _ := io.ReadAll(metrics.Body)
	metrics.Body.Close()
	if !strings.Contains(string(mb), "rightsearch_crawl_fetched 1") {
		t.Error("/metrics lacks the crawl counters")
	}
	cancel()
	<-done
}

func getJSON(t *testing.T, url string, out any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
}

// crawl --depth 1 --exclude … --json on a loopback lab site: the report
// whose path holds no report word is indexed, the listing seed is kept
// out, the excluded page is never requested, and the JSON lists each URL
// with its outcome.
func TestCrawlDepthScopeJSON(t *testing.T) {
	var mu sync.Mutex
	hits := map[string]int{}
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch r.URL.Path {
		case "/robots.txt":
			io.WriteString(w, "User-agent: *\nAllow: /\n")
		case "/index.html":
			io.WriteString(w, `<html><head><title>Publications</title></head><body><ul>
<li><a href="/p/8831">Fixture report on zyxwvut implants</a></li><li><a href="/admin/export">Export the list</a></li>
<li><a href="/p/ghost">A report that was withdrawn</a></li></ul></body></html>`)
		case "/p/8831":
			io.WriteString(w, reportPage)
		default:
			http.NotFound(w, r)
		}
	}))
	defer site.Close()
	out, errOut, err := runCmd(t, "crawl", "--data", t.TempDir(), "--allow-private", "--rate", "100", "--depth", "1",
		"--exclude", "/admin/", "--json", site.URL+"/index.html")
	if err != nil {
		t.Fatalf("crawl: %v\n%s\n%s", err, out, errOut)
	}
	var sum struct {
		URLs []struct{ URL, Outcome, Reason string }
	}
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("--json output: %v\n%s", err, out)
	}
	outcome := map[string]string{}
	for _, u := range sum.URLs {
		outcome[strings.TrimPrefix(u.URL, site.URL)] = u.Outcome + ": " + u.Reason
	}
	for path, want := range map[string]string{"/index.html": "kept out: no main text", "/p/8831": "indexed: ",
		"/admin/export": "excluded: excluded by --exclude /admin/", "/p/ghost": "failed: HTTP 404"} {
		if !strings.HasPrefix(outcome[path], want) {
			t.Errorf("%s: %q, want %q", path, outcome[path], want)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if hits["/admin/export"] != 0 || hits["/p/8831"] != 1 {
		t.Errorf("requests: %v", hits)
	}
	if _, _, err := runCmd(t, "crawl", "--data", t.TempDir(), "--scope", "site", site.URL); err == nil {
		t.Error("--scope site accepted")
	}
}
