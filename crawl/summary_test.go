package crawl

import "testing"

func TestSummaryString(t *testing.T) {
	s := Summary{Fetched: 12, NotModified: 3, Robots: 1, Failed: 2, Duplicates: 1, Failures: []Failure{
		{URL: "https://citizenlab.ca/x/", Reason: "robots.txt: dial tcp: lookup citizenlab.ca: no such host"},
		{URL: "https://example.org/y", Reason: "HTTP 503 Service Unavailable\n(gave up after 4 retries)"},
	}}
	want := "crawl: 12 fetched, 3 not modified, 1 disallowed by robots.txt, 2 failed, 1 duplicates\n" +
		"  https://citizenlab.ca/x/: robots.txt: dial tcp: lookup citizenlab.ca: no such host\n" +
		"  https://example.org/y: HTTP 503 Service Unavailable (gave up after 4 retries)"
	if got := s.String(); got != want {
		t.Errorf("String() =\n%s\nwant\n%s", got, want)
	}
}
