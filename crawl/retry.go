package crawl

import (
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// backoff is how long to wait before retry number attempt (0-based):
// exponential from base, capped at max, with "equal jitter" (half fixed,
// half random) so that many clients do not retry in lockstep.
func backoff(attempt int, base, max time.Duration) time.Duration {
	d := base << min(attempt, 30)
	if d <= 0 || d > max {
		d = max
	}
	half := d / 2
	return half + rand.N(half+1)
}

// parseRetryAfter reads a Retry-After header: delay-seconds or an
// HTTP-date. ok is false when the header is absent or unreadable.
func parseRetryAfter(v string, now time.Time) (d time.Duration, ok bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.Atoi(v); err == nil {
		return time.Duration(max(secs, 0)) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(t.Sub(now), 0), true
}

// retryableStatus: the server asks us to come back later or failed for
// reasons that may pass.
func retryableStatus(code int) bool {
	return code == http.StatusTooManyRequests || code >= 500 && code != http.StatusNotImplemented
}

// retryableError: network trouble that may pass. Refusals by our own guard,
// caps and a host that does not exist will not.
func retryableError(err error) bool {
	var dnsErr *net.DNSError
	switch {
	case errors.Is(err, ErrPrivateAddress), errors.Is(err, ErrTooLarge),
		errors.Is(err, context.Canceled):
		return false
	case errors.As(err, &dnsErr):
		return !dnsErr.IsNotFound
	}
	return true
}

// sleep waits d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
