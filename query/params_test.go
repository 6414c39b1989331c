package query

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	rightsearch "github.com/rightsearch/rightsearch"
)

// TestSearchParamsAreWhatRequestsHold: SearchParams names exactly the
// parameters a Request writes itself back to, and ParseRequest reads each
// of them back.
func TestSearchParamsAreWhatRequestsHold(t *testing.T) {
	v := url.Values{"q": {"pegasus"}, "from": {"2016"}, "to": {"2020"}, "sort": {"date"}, "page": {"2"}, "size": {"5"}}
	for _, f := range rightsearch.DefaultFacets().Filters() {
		v.Set(f.Param, "x")
	}
	r, err := ParseRequest(v)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for name := range r.Values() {
		got = append(got, name)
	}
	slices.Sort(got)
	want := slices.Sorted(slices.Values(SearchParams()))
	if !slices.Equal(got, want) {
		t.Errorf("a full Request writes %v; SearchParams %v", got, want)
	}
	if a, b := r.Values().Encode(), v.Encode(); a != b {
		t.Errorf("ParseRequest dropped a parameter: %s → %s", b, a)
	}
}

const knownList = "known: q, org, type, target, country, spyware, lang, from, to, sort, page, size"

func TestCheckParams(t *testing.T) {
	for _, tc := range []struct {
		query string
		extra []string
		want  string // "" for no error
	}{
		{"", nil, ""},
		{"q=a&org=b&org=c&type=d&target=e&country=f&spyware=g&lang=h&from=1&to=2&sort=s&page=1&size=1", nil, ""},
		{"q=a&callback=x", []string{"callback"}, ""},
		{"organization=x", nil, `invalid request: unknown parameter "organization" (use org); ` + knownList},
		{"Organization=x", nil, `"Organization" (use org)`},
		{"year=2018", nil, `"year" (use from and to)`},
		{"callback=x", nil, `unknown parameter "callback"; ` + knownList},
		{"b=1&a=2", nil, `unknown parameters "a", "b"; `},
	} {
		v, err := url.ParseQuery(tc.query)
		if err != nil {
			t.Fatal(err)
		}
		err = CheckParams(v, tc.extra...)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%q: %v", tc.query, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%q: error %v, want it to contain %q", tc.query, err, tc.want)
		}
	}
}
