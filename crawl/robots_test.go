package crawl

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// Crawl-delay in robots.txt slows the host down below Options.Rate.
func TestCrawlDelayLowersRate(t *testing.T) {
	var mu sync.Mutex
	var at []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			_, _ = w.Write([]byte("User-agent: rightsearch\nCrawl-delay: 0.2\nDisallow: /nothing-here/\n"))
			return
		}
		mu.Lock()
		at = append(at, time.Now())
		mu.Unlock()
		_, _ = w.Write([]byte("<html><title>t</title><body><p>page " + r.URL.Path + "</p></body></html>"))
	}))
	defer srv.Close()
	c, err := New(Options{DataDir: t.TempDir(), Rate: 1000, AllowHosts: []string{srv.Listener.Addr().String()}})
	if err != nil {
		t.Fatal(err)
	}
	urls := []string{srv.URL + "/a/1", srv.URL + "/a/2", srv.URL + "/a/3"}
	if _, err := c.Run(context.Background(), URLSeeds(urls), (&collect{}).sink); err != nil {
		t.Fatal(err)
	}
	if len(at) != 3 {
		t.Fatalf("%d page requests", len(at))
	}
	if span := at[2].Sub(at[0]); span < 380*time.Millisecond {
		t.Errorf("3 requests in %v despite Crawl-delay 0.2s", span)
	}
}
