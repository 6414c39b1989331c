package crawl

import (
	"context"
	"errors"
	"fmt"
	"net"
	"testing"
	"time"
)

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 2, 15, 4, 5, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"1", time.Second, true},
		{" 120 ", 2 * time.Minute, true},
		{"0", 0, true},
		{"-5", 0, true},
		{"Fri, 02 Jan 2026 15:04:35 GMT", 30 * time.Second, true},
		{"Fri, 02 Jan 2026 15:00:00 GMT", 0, true}, // in the past: retry now
		{"Friday, 02-Jan-26 15:04:15 GMT", 10 * time.Second, true},
		{"", 0, false},
		{"soon", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseRetryAfter(tt.in, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseRetryAfter(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestBackoffGrowsWithJitterAndCap(t *testing.T) {
	base, limit := 100*time.Millisecond, time.Second
	for attempt, want := range []time.Duration{100, 200, 400, 800, 1000, 1000} {
		want *= time.Millisecond
		for range 50 {
			if d := backoff(attempt, base, limit); d < want/2 || d > want {
				t.Fatalf("backoff(%d) = %v, want in [%v, %v]", attempt, d, want/2, want)
			}
		}
	}
	if d := backoff(200, base, limit); d > limit {
		t.Errorf("backoff overflowed: %v", d)
	}
}

func TestRetryableError(t *testing.T) {
	tests := []struct {
		err  error
		want bool
	}{
		{&net.DNSError{Err: "no such host", Name: "citizenlab.ca", IsNotFound: true}, false},
		{&net.DNSError{Err: "server misbehaving", Name: "citizenlab.ca", IsTemporary: true}, true},
		{fmt.Errorf("dial: %w", ErrPrivateAddress), false},
		{fmt.Errorf("body: %w", ErrTooLarge), false},
		{context.Canceled, false},
		{context.DeadlineExceeded, true}, // one attempt's timeout
		{errors.New("connection reset by peer"), true},
	}
	for _, tt := range tests {
		if got := retryableError(tt.err); got != tt.want {
			t.Errorf("retryableError(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

func TestRetryableStatus(t *testing.T) {
	for code, want := range map[int]bool{429: true, 500: true, 502: true, 503: true, 504: true, 501: false, 404: false, 403: false, 200: false} {
		if got := retryableStatus(code); got != want {
			t.Errorf("retryableStatus(%d) = %v", code, got)
		}
	}
}
