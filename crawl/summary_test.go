package crawl

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestSummaryString(t *testing.T) {
	s := Summary{Fetched: 12, NotModified: 3, Robots: 1, Failed: 2, Duplicates: 1, Indexed: 8, Failures: []Failure{
		{URL: "https://citizenlab.ca/x/", Reason: "robots.txt: dial tcp: lookup citizenlab.ca: no such host"},
		{URL: "https://example.org/y", Reason: "HTTP 503 Service Unavailable\n(gave up after 4 retries)"},
	}}
	want := "crawl: 12 fetched, 3 not modified, 1 disallowed by robots.txt, 2 failed, 1 duplicates\n" +
		"  https://citizenlab.ca/x/: robots.txt: dial tcp: lookup citizenlab.ca: no such host\n" +
		"  https://example.org/y: HTTP 503 Service Unavailable (gave up after 4 retries)\n" +
		"8 indexed, 0 kept out of the index"
	if got := s.String(); got != want {
		t.Errorf("String() =\n%s\nwant\n%s", got, want)
	}
}

// The per-URL list: counts derived from it, off-scope URLs left to --json.
func TestSummaryURLs(t *testing.T) {
	var tl tally
	for _, r := range []URLResult{
		{URL: "https://lab.example/", Via: ViaSeed, Outcome: OutcomeKeptOut, Reason: "no main text: listing or navigation page (40 words, 80% link text)"},
		{URL: "https://lab.example/moved", Depth: 1, Via: ViaLink, Outcome: OutcomeIndexed, RedirectedTo: "https://lab.example/p/1"},
		{URL: "https://lab.example/flaky", Depth: 1, Via: ViaSitemap, Outcome: OutcomeIndexed, Retries: 1},
		{URL: "https://elsewhere.example/", Depth: 1, Via: ViaLink, Outcome: OutcomeExcluded, Reason: "off scope (host)"},
		{URL: "https://lab.example/admin", Depth: 1, Via: ViaLink, Outcome: OutcomeExcluded, Reason: "excluded by --exclude /admin"},
	} {
		tl.note(r)
	}
	s := tl.snapshot()
	if s.KeptOut != 1 || s.KeptOutReasons["no main text: listing or navigation page"] != 1 || s.OffScope != 1 ||
		s.Excluded != 1 || s.FromSitemaps != 1 || s.Redirected != 1 || s.Retried != 1 || len(s.URLs) != 5 {
		t.Errorf("counts: %+v", s)
	}
	text := s.String()
	for _, want := range []string{
		"1 kept out of the index (1 no main text: listing or navigation page)",
		"not requested: 1 off scope, 1 excluded by --exclude, 0 past --max-pages; 1 found in sitemaps, 1 redirected, 1 retried",
		"  kept out   https://lab.example/: no main text",
		"  indexed    https://lab.example/moved → https://lab.example/p/1",
		"  indexed    https://lab.example/flaky (retried 1×)",
		"  excluded   https://lab.example/admin: excluded by --exclude /admin",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("summary lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "elsewhere.example") {
		t.Errorf("off-scope URL in the text summary:\n%s", text)
	}
	b, err := json.Marshal(s)
	if err != nil || !strings.Contains(string(b), `"url":"https://elsewhere.example/","depth":1,"via":"link","outcome":"excluded","reason":"off scope (host)"`) {
		t.Errorf("JSON: %s, %v", b, err)
	}
}
