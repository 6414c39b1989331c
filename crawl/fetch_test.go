package crawl

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func testFetcher(t *testing.T, s *site, edit func(*Options)) *fetcher {
	t.Helper()
	c := testCrawler(t, s, t.TempDir(), edit)
	f := newFetcher(c.opts, c.tune)
	t.Cleanup(f.close)
	return f
}

func TestFetchOutcomes(t *testing.T) {
	s := newSite(t)
	f := testFetcher(t, s, func(o *Options) { o.MaxBytes = 1 << 20; o.Timeout = 300 * time.Millisecond; o.MaxRetries = 1 })
	tests := []struct {
		path    string
		wantErr error  // sentinel, or nil
		errText string // for outcomes without a sentinel
		wantCT  string
		wantURL string
	}{
		{path: "/research/2016/08/implant-report/", wantCT: "text/html; charset=utf-8"},
		{path: "/go/report", wantCT: "text/html; charset=utf-8", wantURL: "/research/2016/08/implant-report/"},
		{path: "/loop", wantErr: ErrTooManyRedirects},
		{path: "/private/draft/", wantErr: ErrDisallowed},
		{path: "/huge", wantErr: ErrTooLarge},
		{path: "/bomb", wantErr: ErrTooLarge},
		{path: "/slow", wantErr: context.DeadlineExceeded},
		{path: "/nowhere", errText: "HTTP 404 Not Found"},
		{path: "/lying/annex", wantCT: "application/pdf"},
		{path: "/untyped/page", wantCT: "text/html; charset=utf-8"},
		{path: "/gzipped/page", wantCT: "text/html; charset=utf-8"},
	}
	for _, tt := range tests {
		t.Run(strings.Trim(tt.path, "/"), func(t *testing.T) {
			r, err := f.fetch(context.Background(), s.URL+tt.path, validators{}, nil)
			switch {
			case tt.wantErr != nil:
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			case tt.errText != "":
				if err == nil || err.Error() != tt.errText {
					t.Fatalf("err = %v, want %q", err, tt.errText)
				}
				return
			case err != nil:
				t.Fatal(err)
			}
			if r.ContentType != tt.wantCT {
				t.Errorf("content type %q, want %q", r.ContentType, tt.wantCT)
			}
			if tt.wantURL != "" && r.URL != s.URL+tt.wantURL {
				t.Errorf("final URL %s, want %s", r.URL, s.URL+tt.wantURL)
			}
		})
	}
}

func TestLoopStopsAtMaxRedirects(t *testing.T) {
	s := newSite(t)
	f := testFetcher(t, s, func(o *Options) { o.MaxRedirects = 3 })
	if _, err := f.fetch(context.Background(), s.URL+"/loop", validators{}, nil); !errors.Is(err, ErrTooManyRedirects) {
		t.Fatal(err)
	}
	if n := len(s.hitsFor("/loop")); n != 4 {
		t.Errorf("%d requests to /loop, want 1 + 3 redirects", n)
	}
}

// A gzip body is archived as sent and handed on decoded.
func TestGzipBodyIsDecodedButKeptRaw(t *testing.T) {
	s := newSite(t)
	f := testFetcher(t, s, nil)
	r, err := f.fetch(context.Background(), s.URL+"/gzipped/page", validators{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	news := readFixture(t, "news.html")
	if string(r.Payload) != string(news) || string(r.Raw) != string(gzipBytes(news)) {
		t.Errorf("payload %d bytes, raw %d bytes", len(r.Payload), len(r.Raw))
	}
	if !strings.Contains(string(r.Request), "Accept-Encoding: gzip") || !strings.HasPrefix(string(r.Request), "GET /gzipped/page HTTP/1.1") {
		t.Errorf("request as sent:\n%s", r.Request)
	}
}

func TestSniffContentType(t *testing.T) {
	pdf := []byte("%PDF-1.4\n...")
	html := []byte("<!DOCTYPE html><html><body>x</body></html>")
	tests := []struct {
		declared string
		body     []byte
		want     string
	}{
		{"text/html; charset=utf-8", html, "text/html; charset=utf-8"},
		{"", html, "text/html; charset=utf-8"},
		{"application/octet-stream", pdf, "application/pdf"},
		{"text/html", pdf, "application/pdf"},
		{"application/pdf", html, "text/html; charset=utf-8"},
		{"garbage;;", html, "text/html; charset=utf-8"},
		{"text/plain", []byte("hello"), "text/plain"},
	}
	for _, tt := range tests {
		if got := sniffContentType(tt.declared, tt.body); got != tt.want {
			t.Errorf("sniffContentType(%q, %.10q) = %q, want %q", tt.declared, tt.body, got, tt.want)
		}
	}
}
