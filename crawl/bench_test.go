package crawl

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkCrawlLoopback measures the crawler's own overhead per document
// (fetch, WARC write with fsync, journal fsync, extraction) against a
// loopback server with no rate limit to speak of.
func BenchmarkCrawlLoopback(b *testing.B) {
	page := readFixture(b, "report.html")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(page)
		fmt.Fprintf(w, "<!-- %s -->", r.URL.Path) // distinct bytes: no duplicates
	}))
	defer srv.Close()
	const pages = 50
	var urls []string
	for i := range pages {
		urls = append(urls, fmt.Sprintf("%s/research/2020/01/r%d/", srv.URL, i))
	}
	b.ResetTimer()
	for range b.N {
		c, err := New(Options{DataDir: b.TempDir(), Rate: 1e6, AllowHosts: []string{srv.Listener.Addr().String()}})
		if err != nil {
			b.Fatal(err)
		}
		sum, err := c.Run(context.Background(), URLSeeds(urls), (&collect{}).sink)
		if err != nil || sum.Fetched != pages {
			b.Fatalf("%s, %v", sum, err)
		}
	}
	b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "docs/s")
}
