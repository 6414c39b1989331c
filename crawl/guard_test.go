package crawl

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
)

// CheckAddr is tested on addresses only: no traffic goes to any of them.
func TestCheckAddr(t *testing.T) {
	tests := []struct {
		addr   string
		public bool
	}{
		{"127.0.0.1", false},
		{"127.8.9.10", false},
		{"::1", false},
		{"10.0.0.7", false},
		{"172.16.5.4", false},
		{"192.168.1.1", false},
		{"169.254.169.254", false}, // cloud metadata
		{"fe80::1", false},
		{"fe80::1%eth0", false},
		{"fc00::5", false},
		{"fd12:3456::1", false},
		{"224.0.0.1", false},
		{"239.255.255.250", false},
		{"ff02::1", false},
		{"0.0.0.0", false},
		{"::", false},
		{"255.255.255.255", false},
		{"100.64.0.1", false},
		{"::ffff:127.0.0.1", false}, // IPv4-mapped loopback
		{"::ffff:10.1.2.3", false},
		{"::ffff:169.254.169.254", false},
		{"::127.0.0.1", false},        // IPv4-compatible
		{"64:ff9b::a9fe:a9fe", false}, // NAT64 of 169.254.169.254
		{"2002:7f00:1::1", false},     // 6to4 of 127.0.0.1
		{"8.8.8.8", true},
		{"1.1.1.1", true},
		{"2606:4700:4700::1111", true},
		{"::ffff:8.8.8.8", true},
		{"64:ff9b::808:808", true}, // NAT64 of 8.8.8.8
	}
	for _, tt := range tests {
		ip := netip.MustParseAddr(tt.addr)
		err := CheckAddr(ip, false)
		if tt.public && err != nil {
			t.Errorf("CheckAddr(%s) = %v, want nil", tt.addr, err)
		}
		if !tt.public && !errors.Is(err, ErrPrivateAddress) {
			t.Errorf("CheckAddr(%s) = %v, want ErrPrivateAddress", tt.addr, err)
		}
		if err := CheckAddr(ip, true); err != nil {
			t.Errorf("CheckAddr(%s, allowPrivate) = %v", tt.addr, err)
		}
	}
	if err := CheckAddr(netip.Addr{}, true); !errors.Is(err, ErrPrivateAddress) {
		t.Errorf("zero Addr accepted: %v", err)
	}
}

// The fixture is allowed by its exact host:port; it redirects to another
// loopback port that is not, and the dial is refused.
func TestRedirectToUnlistedLoopbackIsRefused(t *testing.T) {
	var innerHits atomic.Int32
	inner := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		innerHits.Add(1)
		_, _ = w.Write([]byte("<html><title>internal</title><body>secret</body></html>"))
	}))
	defer inner.Close()
	outer := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		http.Redirect(w, r, inner.URL+"/admin", http.StatusFound)
	}))
	defer outer.Close()
	o, _ := Options{DataDir: t.TempDir(), Rate: 100, AllowHosts: []string{outer.Listener.Addr().String()}}.withDefaults()
	f := newFetcher(o, defaultTuning())
	defer f.close()
	_, err := f.fetch(context.Background(), outer.URL+"/go", validators{}, nil)
	// The first connection to the new host (for its robots.txt) is refused.
	if !errors.Is(err, ErrPrivateAddress) || !strings.Contains(err.Error(), inner.Listener.Addr().String()) {
		t.Fatalf("fetch = %v, want ErrPrivateAddress for %s", err, inner.URL)
	}
	if n := innerHits.Load(); n != 0 {
		t.Errorf("the unlisted server got %d requests", n)
	}
}

func TestFixtureRefusedWithoutAllowHosts(t *testing.T) {
	s := newSite(t)
	c := testCrawler(t, s, t.TempDir(), func(o *Options) { o.AllowHosts = nil })
	sum, err := c.Run(context.Background(), seedsFor(s, "/about/"), (&collect{}).sink)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.hits()) != 0 {
		t.Errorf("the guard let %d requests through", len(s.hits()))
	}
	if sum.Failed != 1 || !strings.Contains(sum.Failures[0].Reason, "loopback") {
		t.Errorf("summary %s", sum)
	}
	// --allow-private lets it through.
	c = testCrawler(t, s, t.TempDir(), func(o *Options) { o.AllowHosts, o.AllowPrivate = nil, true })
	if sum, err := c.Run(context.Background(), seedsFor(s, "/about/"), (&collect{}).sink); err != nil || sum.Fetched != 1 {
		t.Errorf("with AllowPrivate: %s, %v", sum, err)
	}
}

func TestNewRejectsBadAllowHosts(t *testing.T) {
	if _, err := New(Options{DataDir: t.TempDir(), AllowHosts: []string{"127.0.0.1"}}); err == nil {
		t.Error("AllowHosts without a port accepted")
	}
	if _, err := New(Options{}); err == nil {
		t.Error("missing DataDir accepted")
	}
}
