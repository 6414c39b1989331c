package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	rightsearch "github.com/rightsearch/rightsearch"
)

func TestSearchFindsLetterAndMansoorReportWithMarks(t *testing.T) {
	e := mustEnv(t)
	r := e.search(t, url.Values{"q": {"Mansoor"}})
	for _, id := range []string{"letter-deibert-jefferies", "cl-2016-million-dollar-dissident"} {
		i := slices.Index(hitIDs(r), id)
		if i < 0 {
			t.Fatalf("q=Mansoor: %s missing from %v", id, hitIDs(r))
		}
		if !strings.Contains(strings.Join(r.Hits[i].Snippets, " "), "<mark>Mansoor</mark>") {
			t.Errorf("%s snippets lack <mark>Mansoor</mark>: %q", id, r.Hits[i].Snippets)
		}
	}
}

func TestTargetFilterReturnsExactlyTheTargetsDocuments(t *testing.T) {
	e := mustEnv(t)
	r := e.search(t, url.Values{"target": {"Omar Abdulaziz"}, "size": {"100"}})
	var want []string
	for _, d := range allDocs(t) {
		var full struct{ Targets []string }
		e.get(t, "/api/documents/"+d.ID, &full)
		if slices.Contains(full.Targets, "Omar Abdulaziz") {
			want = append(want, d.ID)
		}
	}
	got := hitIDs(r)
	slices.Sort(got)
	slices.Sort(want)
	if len(want) < 4 || !slices.Equal(got, want) {
		t.Errorf("target=Omar Abdulaziz\n got %v\nwant %v", got, want)
	}
	// An alias and another case find the same documents.
	r2 := e.search(t, url.Values{"target": {"omar abdul aziz"}, "size": {"100"}})
	if r2.Total != r.Total {
		t.Errorf("alias filter total %d, canonical %d", r2.Total, r.Total)
	}
}

func TestOrganizationAndYearFilter(t *testing.T) {
	e := mustEnv(t)
	r := e.search(t, url.Values{"org": {"Amnesty International"}, "from": {"2018"}, "to": {"2018"}, "size": {"100"}})
	var want []string
	for _, d := range allDocs(t) {
		if d.Organization == "Amnesty International" && d.Published.Year == 2018 {
			want = append(want, d.ID)
		}
	}
	got := hitIDs(r)
	slices.Sort(got)
	slices.Sort(want)
	if len(want) < 2 || !slices.Equal(got, want) {
		t.Errorf("Amnesty 2018: got %v, want %v", got, want)
	}
}

func TestFacetsAreDisjunctive(t *testing.T) {
	e := mustEnv(t)
	all := e.search(t, url.Values{})
	cl := e.search(t, url.Values{"org": {"Citizen Lab"}})
	if cl.Total == 0 || cl.Total >= all.Total {
		t.Fatalf("org=Citizen Lab total %d of %d", cl.Total, all.Total)
	}
	for _, f := range all.Facets["organization"] {
		if got := facetCount(cl.Facets["organization"], f.Value); got != f.Count {
			t.Errorf("organization facet %q = %d with org filter, %d without", f.Value, got, f.Count)
		}
	}
	// Every other facet is narrowed to Citizen Lab's documents.
	sum := 0
	for _, f := range cl.Facets["type"] {
		sum += f.Count
	}
	if uint64(sum) != cl.Total {
		t.Errorf("type facet sums to %d, want %d (the filtered total)", sum, cl.Total)
	}
	if facetCount(cl.Facets["type"], "technical-analysis") != 0 {
		t.Errorf("type facet counts other organizations' technical analyses: %v", cl.Facets["type"])
	}
	// Two values of one filter are ORed; two filters are ANDed.
	two := e.search(t, url.Values{"org": {"Citizen Lab", "Lookout"}})
	if want := uint64(facetCount(all.Facets["organization"], "Citizen Lab") + facetCount(all.Facets["organization"], "Lookout")); two.Total != want {
		t.Errorf("org=Citizen Lab|Lookout total %d, want %d", two.Total, want)
	}
	and := e.search(t, url.Values{"org": {"Citizen Lab"}, "type": {"letter"}, "size": {"100"}})
	for _, h := range and.Hits {
		if h.Organization != "Citizen Lab" || h.Type != "letter" {
			t.Errorf("org AND type: hit %s is %s/%s", h.ID, h.Organization, h.Type)
		}
	}
	if and.Total == 0 {
		t.Error("org=Citizen Lab&type=letter found nothing")
	}
}

func TestFacetOrder(t *testing.T) {
	e := mustEnv(t)
	r := e.search(t, url.Values{"q": {"spyware"}})
	for _, name := range rightsearch.DefaultFacets().Names() {
		fs, ok := r.Facets[name]
		if !ok {
			t.Errorf("facet %s missing", name)
		}
		for i := 1; i < len(fs); i++ {
			a, b := fs[i-1], fs[i]
			if name == "year" && a.Value >= b.Value {
				t.Errorf("year facet not oldest first: %v", fs)
			}
			if name != "year" && (a.Count < b.Count || a.Count == b.Count && a.Value > b.Value) {
				t.Errorf("%s facet not by count then value: %v", name, fs)
			}
		}
	}
	if len(r.Facets["year"]) < 4 {
		t.Errorf("year facet %v: want every year with hits", r.Facets["year"])
	}
}

func TestQuerySyntax(t *testing.T) {
	e := mustEnv(t)
	tests := []struct {
		q       string
		must    []string // ids that must be hits
		mustNot []string // ids that must not be hits
		all     func(rightsearch.Hit) bool
	}{
		{q: `Riodoce`, must: []string{"fx-es-periodistas"}},               // diacritics fold
		{q: `RÍODOCE`, must: []string{"fx-es-periodistas"}},               // case folds
		{q: `Masārīr`, must: []string{"masarir-2018-targeted"}},           // and the other way
		{q: `"sentinel artifact"`, must: []string{"fx-pdf-forensics"}},    // phrase
		{q: `"artifact sentinel"`, mustNot: []string{"fx-pdf-forensics"}}, // order matters
		{q: `"artifact called"`, must: []string{"fx-pdf-forensics"}},
		{q: `"sentinel called"`, mustNot: []string{"fx-pdf-forensics"}}, // not adjacent
		{q: `"called bluewhistle left"`, must: []string{"fx-pdf-forensics"}},
		{q: `"behind by the implant"`, must: []string{"fx-pdf-forensics"}}, // stop words keep their place
		{q: `"behind the implant"`, mustNot: []string{"fx-pdf-forensics"}},
		{q: `"the bluewhistle"`, must: []string{"fx-pdf-forensics"}},  // one word left: that word
		{q: `bluewhist*`, must: []string{"fx-pdf-forensics"}},         // prefix
		{q: `smishing -parcel`, mustNot: []string{"fx-undated-note"}}, // exclusion
		{q: `+phishing +campaigners`, must: []string{"fx-amnesty-briefing"},
			all: func(h rightsearch.Hit) bool { return h.ID == "fx-amnesty-briefing" }},
		{q: `organization:"amnesty international"`, all: func(h rightsearch.Hit) bool { return h.Organization == "Amnesty International" }},
		{q: `type:letter`, all: func(h rightsearch.Hit) bool { return h.Type == "letter" }},
		{q: `lang:es`, must: []string{"fx-es-periodistas", "r3d-2017-gobierno-espia"}, all: func(h rightsearch.Hit) bool { return h.Language == "es" }},
		{q: `country:canada`, must: []string{"cl-2018-kingdom-came-to-canada"}},
		{q: `spyware:trident`, must: []string{"cl-2016-million-dollar-dissident"}},
		{q: `target:"Ahmed Mansour"`, must: []string{"cl-2016-million-dollar-dissident"}}, // alias → canonical
		{q: `-Pegasus`, mustNot: []string{"cl-2016-million-dollar-dissident"}, must: []string{"fx-undated-note"}},
		{q: `periodistas`, must: []string{"fx-es-periodistas"}},
		{q: `Mexican`, must: []string{"mx-2017-pgr-investigation"}},   // a demonym finds its country
		{q: `Canada`, must: []string{"lawsuit-2018-abdulaziz-v-nso"}}, // and a country its demonym
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			r := e.search(t, url.Values{"q": {tt.q}, "size": {"100"}})
			ids := hitIDs(r)
			for _, id := range tt.must {
				if !slices.Contains(ids, id) {
					t.Errorf("missing %s in %v", id, ids)
				}
			}
			for _, id := range tt.mustNot {
				if slices.Contains(ids, id) {
					t.Errorf("unexpected %s", id)
				}
			}
			for _, h := range r.Hits {
				if tt.all != nil && !tt.all(h) {
					t.Errorf("hit %s does not belong: %+v", h.ID, h)
				}
			}
			if len(r.Hits) == 0 && len(tt.must) > 0 {
				t.Error("no hits")
			}
		})
	}
}

func TestRankingMoreWordsAndTitleFirst(t *testing.T) {
	e := mustEnv(t)
	r := e.search(t, url.Values{"q": {"Bitter Sweet"}})
	if len(r.Hits) == 0 || r.Hits[0].ID != "cl-2017-bitter-sweet" {
		t.Errorf("q=Bitter Sweet: first hit %v, want the report titled so", hitIDs(r))
	}
}

func TestSortByDate(t *testing.T) {
	e := mustEnv(t)
	for _, sort := range []string{"date", "-date"} {
		r := e.search(t, url.Values{"sort": {sort}, "size": {"100"}})
		last := r.Hits[len(r.Hits)-1]
		if last.Published != "" {
			t.Errorf("sort=%s: undated documents must sort last, last is %s %q", sort, last.ID, last.Published)
		}
		var dates []string
		for _, h := range r.Hits {
			if h.Published != "" {
				dates = append(dates, h.Published)
			}
		}
		sorted := slices.IsSorted(dates)
		if sort == "-date" {
			slices.Reverse(dates)
			sorted = slices.IsSorted(dates)
		}
		if !sorted {
			t.Errorf("sort=%s: dates out of order: %v", sort, dates)
		}
	}
}

func TestDateRangeMatchesOverlappingPeriods(t *testing.T) {
	e := mustEnv(t)
	tests := []struct {
		from, to string
		in, out  []string
	}{
		// A month-precision date (2018-11) overlaps a day range inside it.
		{"2018-11-10", "2018-11-12", []string{"masarir-2018-targeted"}, []string{"cl-2018-reckless-vi"}},
		{"2018-11", "", []string{"masarir-2018-targeted", "cl-2018-reckless-vi"}, []string{"cl-2018-kingdom-came-to-canada"}},
		{"", "2016", []string{"cl-2016-million-dollar-dissident"}, []string{"cl-2017-bitter-sweet", "fx-undated-note"}},
		{"2019-02-16", "2019-02-16", []string{"letter-deibert-jefferies"}, []string{"cl-2019-unsr-submission"}},
		// Years Bleve cannot index as dates (found by FuzzAPISearch): an
		// open-ended bound, or nothing.
		{"0002", "", []string{"cl-2016-million-dollar-dissident"}, []string{"fx-undated-note"}},
		{"", "0002", nil, []string{"cl-2016-million-dollar-dissident", "fx-undated-note"}},
		{"9999", "", nil, []string{"cl-2016-million-dollar-dissident"}},
		{"", "9999-12-31", []string{"cl-2016-million-dollar-dissident"}, []string{"fx-undated-note"}},
	}
	for _, tt := range tests {
		r := e.search(t, url.Values{"from": {tt.from}, "to": {tt.to}, "size": {"100"}})
		ids := hitIDs(r)
		for _, id := range tt.in {
			if !slices.Contains(ids, id) {
				t.Errorf("from=%s to=%s: missing %s", tt.from, tt.to, id)
			}
		}
		for _, id := range tt.out {
			if slices.Contains(ids, id) {
				t.Errorf("from=%s to=%s: unexpected %s", tt.from, tt.to, id)
			}
		}
		// The year facet ignores from/to (it is their facet) for the histogram.
		if len(r.Facets["year"]) < 5 {
			t.Errorf("from=%s to=%s: year facet narrowed to %v", tt.from, tt.to, r.Facets["year"])
		}
	}
}

func TestPagination(t *testing.T) {
	e := mustEnv(t)
	p1 := e.search(t, url.Values{"size": {"5"}})
	p2 := e.search(t, url.Values{"size": {"5"}, "page": {"2"}})
	if p1.Total != p2.Total || len(p1.Hits) != 5 || len(p2.Hits) != 5 || p2.Page != 2 || p2.Size != 5 {
		t.Fatalf("page 1: %d hits of %d; page 2: %d hits of %d", len(p1.Hits), p1.Total, len(p2.Hits), p2.Total)
	}
	for _, id := range hitIDs(p2) {
		if slices.Contains(hitIDs(p1), id) {
			t.Errorf("%s on both pages", id)
		}
	}
	far := e.search(t, url.Values{"page": {"100"}})
	if far.Hits == nil || len(far.Hits) != 0 {
		t.Errorf("page past the end: hits %v, want []", far.Hits)
	}
}

func TestSnippetsAreEscapedAndNamePages(t *testing.T) {
	e := mustEnv(t)
	r := e.search(t, url.Values{"q": {"quarantined markup"}})
	if len(r.Hits) == 0 || r.Hits[0].ID != "fx-hostile-markup" {
		t.Fatalf("hits %v", hitIDs(r))
	}
	s := strings.Join(r.Hits[0].Snippets, " ")
	stripped := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(s)
	if strings.ContainsAny(stripped, "<>") || !strings.Contains(s, "&lt;script&gt;") {
		t.Errorf("snippet not escaped: %q", s)
	}
	r = e.search(t, url.Values{"q": {"bluewhistle"}})
	if len(r.Hits) != 1 || !slices.Equal(r.Hits[0].Pages, []int{3}) {
		t.Fatalf("bluewhistle: hits %v pages %v, want page 3", hitIDs(r), r.Hits)
	}
	if !strings.Contains(r.Hits[0].Snippets[0], "<mark>bluewhistle</mark>") || strings.Contains(r.Hits[0].Snippets[0], "Page two") {
		t.Errorf("snippet %q: want the match, within its page", r.Hits[0].Snippets[0])
	}
	// A phrase's words are marked where they stand together.
	r = e.search(t, url.Values{"q": {`"sentinel artifact"`}})
	if len(r.Hits) != 1 || !slices.Equal(r.Hits[0].Pages, []int{3}) ||
		!strings.Contains(r.Hits[0].Snippets[0], "<mark>sentinel</mark> <mark>artifact</mark>") {
		t.Errorf("phrase: hits %v, want its words marked on page 3", r.Hits)
	}
}

func TestBadParametersAre400(t *testing.T) {
	e := mustEnv(t)
	long := strings.Repeat("a", 1001)
	many := ""
	for i := range 33 {
		many += fmt.Sprintf("+w%d", i)
	}
	for _, q := range []string{
		"sort=newest", "size=0", "size=101", "size=x", "page=0", "page=101&size=100", "page=1001", "page=922337203685477581&size=10",
		"from=2018-13", "from=18", "to=2018-02-30", "from=2019&to=2018", "from=2018-06-02&to=2018-06-01",
		"q=%22unbalanced", "q=target:", "q=a*", "q=ab*+cd*+ef*+gh*+ij*", "q=" + many, `q=org:%22%22`, "q=" + long, "q=%2B",
	} {
		var body struct {
			Error struct{ Code, Message string }
		}
		if st := e.get(t, "/api/search?"+q, &body); st != http.StatusBadRequest || body.Error.Code != "bad_request" || body.Error.Message == "" {
			t.Errorf("%.60s: status %d, error %+v", q, st, body.Error)
		}
	}
}

func TestNotFoundAndMethodErrorsAreJSON(t *testing.T) {
	e := mustEnv(t)
	var body struct{ Error struct{ Code string } }
	if st := e.get(t, "/api/documents/no-such-doc", &body); st != 404 || body.Error.Code != "not_found" {
		t.Errorf("unknown document: %d %+v", st, body)
	}
	if st := e.get(t, "/api/nothing", &body); st != 404 || body.Error.Code != "not_found" {
		t.Errorf("unknown route: %d %+v", st, body)
	}
	resp, err := http.Post(e.srv.URL+"/api/search", "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /api/search: %d", resp.StatusCode)
	}
}

func TestDocumentEndpoint(t *testing.T) {
	e := mustEnv(t)
	var d struct {
		ID, Title, Published string
		CitedBy              []string `json:"cited_by"`
		Cites                []string
	}
	if st := e.get(t, "/api/documents/cl-2018-kingdom-came-to-canada", &d); st != 200 {
		t.Fatalf("status %d", st)
	}
	if d.Published != "2018-10-01" || !slices.Contains(d.CitedBy, "letter-deibert-jefferies") {
		t.Errorf("document %+v", d)
	}
	e.get(t, "/api/documents/letter-deibert-jefferies", &d)
	if len(d.Cites) != 21 {
		t.Errorf("letter cites %d", len(d.Cites))
	}
}
