package crawl

import "errors"

// Outcomes a caller may branch on; they are wrapped with the URL at hand.
var (
	// ErrDisallowed: robots.txt forbids the URL for our user agent.
	ErrDisallowed = errors.New("disallowed by robots.txt")
	// ErrPrivateAddress: the connection would reach a loopback, private,
	// link-local, multicast or otherwise non-public address.
	ErrPrivateAddress = errors.New("refusing to connect to a non-public address")
	// ErrTooLarge: the body (or its decompressed form) exceeds Options.MaxBytes.
	ErrTooLarge = errors.New("response too large")
	// ErrTooManyRedirects: more than Options.MaxRedirects redirects.
	ErrTooManyRedirects = errors.New("too many redirects")
	// ErrLocked: another crawl holds the data directory's crawl lock.
	ErrLocked = errors.New("another crawl is using this data directory")
)
