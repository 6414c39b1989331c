package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/rightsearch/rightsearch/query"
)

const knownList = "known: q, org, type, target, country, spyware, lang, from, to, sort, page, size"

// TestUnknownParametersAre400 asks each strict route with a parameter it
// does not take: the answer is a 400 naming the parameter, what to use
// instead when there is an obvious substitute, and what the route takes.
func TestUnknownParametersAre400(t *testing.T) {
	e := mustEnv(t)
	for _, tc := range []struct {
		path string
		want []string
	}{
		{"/api/search?organization=Citizen+Lab", []string{`unknown parameter "organization" (use org); ` + knownList}},
		{"/api/search?q=pegasus&year=2018", []string{`unknown parameter "year" (use from and to); ` + knownList}},
		{"/api/search?language=es", []string{`"language" (use lang)`}},
		{"/api/search?Q=pegasus", []string{`"Q" (use q)`}},
		{"/api/search?query=pegasus&limit=5", []string{`unknown parameters "limit" (use size), "query" (use q); `}},
		{"/api/search?debug", []string{`unknown parameter "debug"; ` + knownList}},
		{"/api/search?year=2018&page=0", []string{`"year"`}}, // the unknown name first, not page's complaint
		{"/api/search.csv?organization=Citizen+Lab", []string{`unknown parameter "organization" (use org); ` + knownList}},
		{"/api/search.atom?year=2018", []string{`unknown parameter "year" (use from and to); ` + knownList}},
		{"/api/targets?sort=count", []string{`unknown parameter "sort"; this route takes no parameters`}},
		{"/api/targets/Omar%20Abdulaziz?org=Citizen+Lab", []string{`unknown parameter "org"; this route takes no parameters`}},
		{"/api/documents/letter-deibert-jefferies?format=pdf", []string{`unknown parameter "format"; this route takes no parameters`}},
		{"/api/documents/letter-deibert-jefferies/raw?download=1", []string{`unknown parameter "download"`}},
	} {
		var body struct{ Error apiError }
		st := e.get(t, tc.path, &body)
		if st != http.StatusBadRequest || body.Error.Code != "bad_request" {
			t.Errorf("%s: %d %+v, want 400 bad_request", tc.path, st, body.Error)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(body.Error.Message, w) {
				t.Errorf("%s: message %q lacks %q", tc.path, body.Error.Message, w)
			}
		}
	}
}

// TestKnownParametersAccepted: every parameter the API documents is
// still answered, alone and all together, by the search and its exports.
func TestKnownParametersAccepted(t *testing.T) {
	e := mustEnv(t)
	values := map[string]string{
		"q": "pegasus", "org": "Citizen Lab", "type": "report", "target": "Ahmed Mansoor", "country": "Mexico",
		"spyware": "Pegasus", "lang": "en", "from": "2016", "to": "2020", "sort": "date", "page": "1", "size": "5",
	}
	all := url.Values{}
	var cases []url.Values
	for _, name := range query.SearchParams() {
		val, ok := values[name]
		if !ok {
			t.Fatalf("no test value for parameter %s", name)
		}
		cases = append(cases, url.Values{name: {val}})
		all.Set(name, val)
	}
	cases = append(cases, all)
	for _, route := range []string{"/api/search", "/api/search.csv", "/api/search.atom"} {
		for _, v := range cases {
			if st, _, b := e.fetch(t, route+"?"+v.Encode()); st != http.StatusOK {
				t.Errorf("%s?%s: %d %s", route, v.Encode(), st, b)
			}
		}
	}
	if r := e.search(t, all); r.Total == 0 {
		t.Errorf("every parameter together: no hits (%s)", all.Encode())
	}
}

// TestSearchPageStaysLenient: the HTML page is not strict; a stray
// parameter (a tracker's utm_source, an old bookmark) still shows results.
func TestSearchPageStaysLenient(t *testing.T) {
	e := mustEnv(t)
	for _, path := range []string{"/?q=pegasus&utm_source=mail", "/?organization=Citizen+Lab"} {
		if st, _, b := e.fetch(t, path); st != http.StatusOK {
			t.Errorf("%s: %d %.200s", path, st, b)
		}
	}
}
