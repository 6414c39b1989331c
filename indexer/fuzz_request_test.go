package indexer

import (
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/rightsearch/rightsearch/query"

	bquery "github.com/blevesearch/bleve/v2/search/query"
	"github.com/rightsearch/rightsearch/indexer/entity"
)

// FuzzParseRequest feeds hostile URL parameters to ParseRequest, as
// /api/search receives them. The fuzz input is a raw query string, so the
// fuzzer also explores repeated and unknown parameters. A request either
// fails with ErrInvalid or is within every limit the API promises, writes
// itself back to the same request, and translates to a Bleve query
// without panicking.
func FuzzParseRequest(f *testing.F) {
	for _, s := range []string{
		"q=pegasus",
		"q=%22soda+tax%22+%2BPegasus+-Android&org=Citizen+Lab&org=Amnesty+International",
		"target=Ahmed+Mansoor&from=2016&to=2018-12-31&sort=-date&page=3&size=50",
		"q=indicator:hxxps://example[.]com&lang=en&country=Mexico",
		"page=1000&size=10",
		"page=1001&size=10",
		"page=922337203685477581&size=10", // page*size overflowed past the window check
		"page=-1&size=0",
		"from=2019-02-30&to=2018",
		"q=%22&sort=oldest",
		"q=org:&type=report&type=",
		"size=%2B5&page=+2",
		"q=%FF%FE&org=%00",
	} {
		f.Add(s)
	}
	m, err := NewMapping()
	if err != nil {
		f.Fatal(err)
	}
	tr := &translator{m: m, indicator: entity.NormalizeIndicator,
		canonical: func(_, v string) string { return v }, expand: func(string) []string { return nil }}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return // net/http would answer 400 before query.ParseRequest
		}
		r, err := query.ParseRequest(v)
		if err != nil {
			if !errors.Is(err, query.ErrInvalid) {
				t.Fatalf("ParseRequest(%q): error %v does not wrap ErrInvalid", raw, err)
			}
			return
		}
		checkLimits(t, raw, &r)
		r2, err := query.ParseRequest(r.Values())
		if err != nil {
			t.Fatalf("ParseRequest(%q) ok, but its Values %q fail: %v", raw, r.Values().Encode(), err)
		}
		if a, b := r.Values().Encode(), r2.Values().Encode(); a != b {
			t.Fatalf("round trip of %q: %q → %q", raw, a, b)
		}
		q := tr.textQuery(r.Query)
		if vq, ok := q.(bquery.ValidatableQuery); ok {
			_ = vq.Validate() // may refuse; must not panic
		}
		if _, err := json.Marshal(q); err != nil {
			t.Fatalf("query for %q does not marshal: %v", raw, err)
		}
	})
}

// checkLimits asserts the limits the API documents for a valid request.
func checkLimits(t *testing.T, raw string, r *query.Request) {
	t.Helper()
	if len(r.Q) > query.MaxQueryLen {
		t.Fatalf("%q: accepted a %d-byte query", raw, len(r.Q))
	}
	if r.Size < 1 || r.Size > query.MaxSize || r.Page < 1 {
		t.Fatalf("%q: accepted page %d size %d", raw, r.Page, r.Size)
	}
	// Compare by division: page*size may overflow int, and an overflowed
	// product must not slip under the window.
	if r.Page > query.MaxWindow/r.Size {
		t.Fatalf("%q: accepted page %d × size %d, past the %d-hit window", raw, r.Page, r.Size, query.MaxWindow)
	}
	switch r.Sort {
	case query.SortRelevance, query.SortDate, query.SortDateDesc:
	default:
		t.Fatalf("%q: accepted sort %q", raw, r.Sort)
	}
	for facet, vals := range r.Filters() {
		if len(vals) > query.MaxValues {
			t.Fatalf("%q: accepted %d %s values", raw, len(vals), facet)
		}
		for _, s := range vals {
			if s == "" || s != strings.TrimSpace(s) || len(s) > 200 {
				t.Fatalf("%q: accepted %s value %q", raw, facet, s)
			}
		}
	}
	if !r.From.IsZero() && !r.To.IsZero() && r.From.Start().After(r.To.End()) {
		t.Fatalf("%q: accepted from %s after to %s", raw, r.From, r.To)
	}
}
