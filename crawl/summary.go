package crawl

import (
	"fmt"
	"strings"
	"sync"
)

// Summary counts what a crawl did, by URL (Duplicates: by document).
type Summary struct {
	Fetched     int // responses downloaded and archived
	NotModified int // 304 answers to a conditional GET: nothing re-archived
	Robots      int // URLs robots.txt disallowed
	Failed      int // URLs that could not be fetched or extracted
	Duplicates  int // documents already handed on under another URL or identical bytes
	Failures    []Failure
}

// Failure is one URL that failed, with a one-line reason.
type Failure struct {
	URL, Reason string
}

// String is the end-of-crawl report a user reads.
func (s Summary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "crawl: %d fetched, %d not modified, %d disallowed by robots.txt, %d failed, %d duplicates",
		s.Fetched, s.NotModified, s.Robots, s.Failed, s.Duplicates)
	for _, f := range s.Failures {
		fmt.Fprintf(&b, "\n  %s: %s", f.URL, oneLine(f.Reason))
	}
	return b.String()
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 300 {
		s = s[:297] + "..."
	}
	return s
}

// tally is a Summary being filled by concurrent workers.
type tally struct {
	mu sync.Mutex
	s  Summary
}

func (t *tally) add(f func(*Summary)) {
	t.mu.Lock()
	defer t.mu.Unlock()
	f(&t.s)
}

func (t *tally) fail(url string, err error) {
	t.add(func(s *Summary) {
		s.Failed++
		s.Failures = append(s.Failures, Failure{URL: url, Reason: oneLine(err.Error())})
	})
}

func (t *tally) snapshot() Summary {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := t.s
	s.Failures = append([]Failure(nil), t.s.Failures...)
	return s
}
