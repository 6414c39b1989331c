package crawl

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
)

// Summary counts what a crawl did, by URL (Duplicates, Indexed: by
// document), and says what became of each URL.
type Summary struct {
	Fetched     int       `json:"fetched"`      // responses downloaded and archived
	NotModified int       `json:"not_modified"` // 304 answers to a conditional GET: nothing re-archived
	Robots      int       `json:"robots"`       // URLs robots.txt disallowed
	Failed      int       `json:"failed"`       // URLs that could not be fetched or extracted
	Duplicates  int       `json:"duplicates"`   // documents already handed on under another URL or identical bytes
	Failures    []Failure `json:"failures"`

	Indexed        int            `json:"indexed"`          // documents handed to the sink
	KeptOut        int            `json:"kept_out"`         // pages fetched and archived (links followed) but not indexed
	KeptOutReasons map[string]int `json:"kept_out_reasons"` // why, by kind of reason
	OffScope       int            `json:"off_scope"`        // discovered URLs not requested: outside --scope
	Excluded       int            `json:"excluded"`         // URLs not requested: an --exclude pattern matched
	OverLimit      int            `json:"over_limit"`       // in-scope URLs not queued: --max-pages was reached
	FromSitemaps   int            `json:"from_sitemaps"`    // URLs first found in a sitemap
	Retried        int            `json:"retried"`          // URLs that needed at least one retry
	Redirected     int            `json:"redirected"`       // URLs that answered with a redirect
	URLs           []URLResult    `json:"urls"`             // every URL met, by depth then URL
}

// Failure is one URL that failed, with a one-line reason.
type Failure struct {
	URL    string `json:"url"`
	Reason string `json:"reason"`
}

// URLResult is what became of one URL the crawl met.
type URLResult struct {
	URL          string `json:"url"`
	Depth        int    `json:"depth"`
	Via          string `json:"via"`                // ViaSeed, ViaLink, ViaSitemap or ViaDiscovery
	FoundOn      string `json:"found_on,omitempty"` // the page or sitemap that first named it
	Outcome      string `json:"outcome"`            // one of the Outcome constants
	Reason       string `json:"reason,omitempty"`
	RedirectedTo string `json:"redirected_to,omitempty"`
	Retries      int    `json:"retries,omitempty"`
}

// How a URL came to be met.
const (
	ViaSeed      = "seed"
	ViaLink      = "link"
	ViaSitemap   = "sitemap"   // listed in a sitemap
	ViaDiscovery = "discovery" // a sitemap file itself, read for its URLs
)

// What became of a URL.
const (
	OutcomeIndexed    = "indexed"   // its document went to the index
	OutcomeUnchanged  = "unchanged" // 304, or already indexed in this run
	OutcomeDuplicate  = "duplicate" // same bytes or document as another URL
	OutcomeKeptOut    = "kept out"  // fetched and archived, not indexed (Reason says why)
	OutcomeExcluded   = "excluded"  // never requested (Reason says why)
	OutcomeFailed     = "failed"
	OutcomeSitemap    = "sitemap"    // a sitemap file, read for its URLs
	OutcomeFetched    = "fetched"    // fetched; its document's fate is not known yet
	OutcomeQueued     = "queued"     // not reached: the crawl stopped first
	OutcomeRedirected = "redirected" // its redirect target is met under its own URL
)

// Reasons a URL was not requested, as their Reason starts.
const (
	reasonOffScope  = "off scope"
	reasonExclude   = "excluded by --exclude"
	reasonMaxPages  = "past --max-pages"
	reasonRedirect  = "redirect to"
	reasonNotADoc   = "not HTML or PDF"
	reasonNoMainTxt = "no main text"
)

// String is the end-of-crawl report a user reads: the counts, the
// failures, then every URL but the off-scope ones (those are in --json).
func (s Summary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "crawl: %d fetched, %d not modified, %d disallowed by robots.txt, %d failed, %d duplicates",
		s.Fetched, s.NotModified, s.Robots, s.Failed, s.Duplicates)
	for _, f := range s.Failures {
		fmt.Fprintf(&b, "\n  %s: %s", f.URL, oneLine(f.Reason))
	}
	fmt.Fprintf(&b, "\n%d indexed, %d kept out of the index", s.Indexed, s.KeptOut)
	if s.KeptOut > 0 {
		var why []string
		for _, k := range slices.Sorted(maps.Keys(s.KeptOutReasons)) {
			why = append(why, fmt.Sprintf("%d %s", s.KeptOutReasons[k], k))
		}
		fmt.Fprintf(&b, " (%s)", strings.Join(why, "; "))
	}
	if s.OffScope+s.Excluded+s.OverLimit+s.FromSitemaps+s.Redirected+s.Retried > 0 {
		fmt.Fprintf(&b, "\nnot requested: %d off scope, %d excluded by --exclude, %d past --max-pages; %d found in sitemaps, %d redirected, %d retried",
			s.OffScope, s.Excluded, s.OverLimit, s.FromSitemaps, s.Redirected, s.Retried)
	}
	if len(s.URLs) > 0 {
		b.WriteString("\nurls (off-scope ones are listed by --json):")
	}
	for _, u := range s.URLs {
		if u.Outcome == OutcomeExcluded && strings.HasPrefix(u.Reason, reasonOffScope) {
			continue
		}
		fmt.Fprintf(&b, "\n  %-10s %s", u.Outcome, u.URL)
		if u.RedirectedTo != "" {
			fmt.Fprintf(&b, " → %s", u.RedirectedTo)
		}
		if u.Retries > 0 {
			fmt.Fprintf(&b, " (retried %d×)", u.Retries)
		}
		if u.Reason != "" {
			fmt.Fprintf(&b, ": %s", oneLine(u.Reason))
		}
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
	mu   sync.Mutex
	s    Summary
	urls map[string]*URLResult
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

// note records what happened to a URL. The first note of a URL fixes how
// it was met (Depth, Via, FoundOn); later ones update its outcome.
func (t *tally) note(r URLResult) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.urls == nil {
		t.urls = map[string]*URLResult{}
	}
	cur, ok := t.urls[r.URL]
	if !ok {
		t.urls[r.URL] = &r
		return
	}
	if r.Outcome != "" {
		cur.Outcome, cur.Reason = r.Outcome, r.Reason
	}
	if r.RedirectedTo != "" {
		cur.RedirectedTo = r.RedirectedTo
	}
	cur.Retries = max(cur.Retries, r.Retries)
}

func (t *tally) snapshot() Summary {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := t.s
	s.Failures = append([]Failure(nil), t.s.Failures...)
	s.KeptOutReasons = map[string]int{}
	s.URLs = make([]URLResult, 0, len(t.urls))
	for _, u := range t.urls {
		s.URLs = append(s.URLs, *u)
		s.count(*u)
	}
	slices.SortFunc(s.URLs, func(a, b URLResult) int {
		return cmp.Or(cmp.Compare(a.Depth, b.Depth), cmp.Compare(a.URL, b.URL))
	})
	return s
}

// count adds one URL's outcome to the counts derived from the URL list.
func (s *Summary) count(u URLResult) {
	switch {
	case u.Outcome == OutcomeKeptOut:
		s.KeptOut++
		s.KeptOutReasons[reasonKind(u.Reason)]++
	case u.Outcome != OutcomeExcluded:
	case strings.HasPrefix(u.Reason, reasonOffScope):
		s.OffScope++
	case strings.HasPrefix(u.Reason, reasonExclude):
		s.Excluded++
	case strings.HasPrefix(u.Reason, reasonMaxPages):
		s.OverLimit++
	}
	if u.Via == ViaSitemap {
		s.FromSitemaps++
	}
	if u.Retries > 0 {
		s.Retried++
	}
	if u.RedirectedTo != "" {
		s.Redirected++
	}
}

// reasonKind is a reason without its particulars: "no main text: listing
// or navigation page (12 words, 80% link text)" → "no main text: listing
// or navigation page".
func reasonKind(r string) string {
	if i := strings.Index(r, " ("); i > 0 {
		return r[:i]
	}
	return r
}
