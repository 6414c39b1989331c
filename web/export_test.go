package web

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/query"
)

func (e *testEnv) csvRows(tb testing.TB, params url.Values) [][]string {
	tb.Helper()
	resp, err := http.Get(e.srv.URL + "/api/search.csv?" + params.Encode())
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/csv; charset=utf-8" {
		tb.Fatalf("csv %s: status %d, %s", params.Encode(), resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if cd := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment") {
		tb.Errorf("Content-Disposition %q", cd)
	}
	rows, err := csv.NewReader(resp.Body).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	if len(rows) == 0 || !reflect.DeepEqual(rows[0], CSVHeader(rightsearch.DefaultFacets())) {
		tb.Fatalf("header %v", rows)
	}
	return rows[1:]
}

// TestCSVExport checks that the CSV has one row per hit of the whole
// search, whatever page and size the link carried, in the search's order.
func TestCSVExport(t *testing.T) {
	e := mustEnv(t)
	tests := []url.Values{
		{"sort": {"date"}},
		{"sort": {"date"}, "page": {"2"}, "size": {"3"}},
		{"q": {"pegasus"}, "org": {"Citizen Lab"}, "sort": {"-date"}},
		{"target": {"Ahmed Mansoor"}, "sort": {"date"}},
		{"q": {"zzzznotaword"}},
	}
	for _, params := range tests {
		t.Run(params.Encode(), func(t *testing.T) {
			rows := e.csvRows(t, params)
			all := url.Values{}
			for k, v := range params {
				all[k] = v
			}
			all.Del("page")
			all.Set("size", "100")
			api := e.search(t, all)
			if len(rows) != int(api.Total) || len(rows) != len(api.Hits) {
				t.Fatalf("%d rows, %d hits", len(rows), api.Total)
			}
			for i, h := range api.Hits {
				want := []string{h.ID, h.Title, h.Organization, h.Type, h.Published, h.URL,
					strings.Join(h.Targets, "; "), strings.Join(h.Countries, "; "),
					strings.Join(h.Values["spyware"], "; ")} // a facet without a hit field of its own
				for j := range want {
					want[j] = cell(want[j])
				}
				if !reflect.DeepEqual(rows[i], want) {
					t.Errorf("row %d = %q\nwant %q", i, rows[i], want)
				}
			}
		})
	}
}

// TestEachHitPages pages through with small pages and checks nothing is
// lost or repeated at page boundaries, and that limit holds.
func TestEachHitPages(t *testing.T) {
	e := mustEnv(t)
	s := &Server{cfg: Config{Engine: e.s}}
	req, err := query.ParseRequest(url.Values{"sort": {"date"}})
	if err != nil {
		t.Fatal(err)
	}
	collect := func(pageLen, limit int) []string {
		var ids []string
		if err := s.eachHit(t.Context(), req, pageLen, limit, func(h rightsearch.Hit) error {
			ids = append(ids, h.ID)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return ids
	}
	whole := collect(100, MaxCSVRows)
	if len(whole) < 30 {
		t.Fatalf("only %d documents", len(whole))
	}
	for _, n := range []int{1, 7, 10} {
		if got := collect(n, MaxCSVRows); !reflect.DeepEqual(got, whole) {
			t.Errorf("pages of %d: %d ids, differ from one page", n, len(got))
		}
	}
	if got := collect(7, 12); !reflect.DeepEqual(got, whole[:12]) {
		t.Errorf("limit 12 gave %d", len(got))
	}
}

func TestCSVCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Citizen Lab", "Citizen Lab"},
		{"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{"+1", "'+1"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"a=b", "a=b"},
		{"2019-02", "2019-02"},
	}
	for _, tt := range tests {
		if got := cell(tt.in); got != tt.want {
			t.Errorf("cell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCSVHostile(t *testing.T) {
	e := mustEnv(t)
	rows := e.csvRows(t, url.Values{"q": {"quarantined"}})
	if len(rows) != 1 || rows[0][0] != "fx-hostile-markup" || rows[0][1] != hostileTitle {
		t.Errorf("rows %q", rows)
	}
}

func TestExportBadParams(t *testing.T) {
	e := mustEnv(t)
	for _, path := range []string{"/api/search.csv?page=0", "/api/search.csv?q=%22open",
		"/api/search.atom?from=never", "/api/search.atom?sort=sideways"} {
		var body struct{ Error apiError }
		if st := e.get(t, path, &body); st != 400 || body.Error.Code != "bad_request" || body.Error.Message == "" {
			t.Errorf("%s: %d %+v", path, st, body)
		}
	}
}

// feed is the test's own reading of Atom 1.0, independent of the
// server's structs.
type feed struct {
	XMLName xml.Name
	ID      string `xml:"http://www.w3.org/2005/Atom id"`
	Title   string `xml:"http://www.w3.org/2005/Atom title"`
	Updated string `xml:"http://www.w3.org/2005/Atom updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"http://www.w3.org/2005/Atom link"`
	Entries []struct {
		ID      string `xml:"http://www.w3.org/2005/Atom id"`
		Title   string `xml:"http://www.w3.org/2005/Atom title"`
		Updated string `xml:"http://www.w3.org/2005/Atom updated"`
		Summary string `xml:"http://www.w3.org/2005/Atom summary"`
		Author  string `xml:"http://www.w3.org/2005/Atom author>name"`
		Link    struct {
			Href string `xml:"href,attr"`
		} `xml:"http://www.w3.org/2005/Atom link"`
	} `xml:"http://www.w3.org/2005/Atom entry"`
}

func (e *testEnv) atom(tb testing.TB, params url.Values) (feed, []byte) {
	tb.Helper()
	st, ct, b := e.fetch(tb, "/api/search.atom?"+params.Encode())
	if st != 200 || ct != "application/atom+xml; charset=utf-8" {
		tb.Fatalf("atom %s: %d %s", params.Encode(), st, ct)
	}
	var f feed
	if err := xml.Unmarshal(b, &f); err != nil {
		tb.Fatalf("atom does not parse: %v\n%s", err, b)
	}
	return f, b
}

func TestAtomFeed(t *testing.T) {
	e := mustEnv(t)
	f, _ := e.atom(t, url.Values{"target": {"Ahmed Mansoor"}, "page": {"3"}})
	if f.XMLName.Space != AtomNS || f.XMLName.Local != "feed" {
		t.Fatalf("root %v", f.XMLName)
	}
	if f.ID == "" || f.Title == "" || !strings.Contains(f.Title, "Ahmed Mansoor") {
		t.Errorf("feed id %q title %q", f.ID, f.Title)
	}
	updated, err := time.Parse(time.RFC3339, f.Updated)
	if err != nil {
		t.Errorf("feed updated %q: %v", f.Updated, err)
	}
	rels := map[string]string{}
	for _, l := range f.Links {
		rels[l.Rel] = l.Href
	}
	if u, err := url.Parse(rels["self"]); err != nil || u.Path != "/api/search.atom" || u.Query().Get("target") != "Ahmed Mansoor" {
		t.Errorf("self link %q", rels["self"])
	}
	if u, err := url.Parse(rels["alternate"]); err != nil || u.Path != "/" || u.Query().Get("target") != "Ahmed Mansoor" {
		t.Errorf("alternate link %q", rels["alternate"])
	}
	tl, err := e.s.Timeline(t.Context(), "Ahmed Mansoor")
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Entries) != len(tl.Timeline) {
		t.Fatalf("%d entries, target has %d documents (the page parameter must not matter)", len(f.Entries), len(tl.Timeline))
	}
	var prev time.Time
	for i, en := range f.Entries {
		if en.ID == "" || en.Title == "" || en.Updated == "" || en.Summary == "" {
			t.Errorf("entry %d lacks id/title/updated/summary: %+v", i, en)
		}
		up, err := time.Parse(time.RFC3339, en.Updated)
		if err != nil {
			t.Errorf("entry %d updated %q", i, en.Updated)
		}
		if i > 0 && up.After(prev) {
			t.Errorf("entry %d (%s) is newer than the one before it", i, en.Updated)
		}
		if up.After(updated) {
			t.Errorf("entry %d updated after the feed", i)
		}
		if !strings.Contains(en.Link.Href, "/documents/") {
			t.Errorf("entry %d links to %q", i, en.Link.Href)
		}
		prev = up
	}
	// The newest is the first.
	if newest := f.Entries[0].Updated; newest != f.Updated {
		t.Errorf("feed updated %s, newest entry %s", f.Updated, newest)
	}
}

func TestAtomLimitAndUndated(t *testing.T) {
	e := mustEnv(t)
	f, _ := e.atom(t, url.Values{})
	api := e.search(t, url.Values{"sort": {"-date"}, "size": {"100"}})
	if len(f.Entries) != min(int(api.Total), MaxFeedItems) {
		t.Fatalf("%d entries, %d documents", len(f.Entries), api.Total)
	}
	for i, h := range api.Hits {
		title := f.Entries[i].Title
		if title != h.Title {
			t.Errorf("entry %d is %q, search says %q", i, title, h.Title)
		}
		if h.Published == "" {
			if _, err := time.Parse(time.RFC3339, f.Entries[i].Updated); err != nil {
				t.Errorf("undated entry %d: updated %q", i, f.Entries[i].Updated)
			}
		} else if !strings.HasPrefix(f.Entries[i].Updated, h.Published) {
			t.Errorf("entry %d updated %s, published %s", i, f.Entries[i].Updated, h.Published)
		}
	}
}

// TestAtomHostile checks that the markup in the hostile fixture stays
// text: no element of the feed is script or img, and the title reads back
// exactly.
func TestAtomHostile(t *testing.T) {
	e := mustEnv(t)
	f, raw := e.atom(t, url.Values{"q": {"quarantined"}})
	if len(f.Entries) != 1 || f.Entries[0].Title != hostileTitle {
		t.Fatalf("entries %+v", f.Entries)
	}
	if !strings.Contains(f.Entries[0].Summary, "<script>alert(3)</script>") {
		t.Errorf("summary %q", f.Entries[0].Summary)
	}
	dec := xml.NewDecoder(bytes.NewReader(raw))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			if se.Name.Local == "script" || se.Name.Local == "img" || se.Name.Space != AtomNS {
				t.Errorf("element %v in the feed", se.Name)
			}
		}
	}
}

// BenchmarkCSVExport exports every document (paging through the index).
func BenchmarkCSVExport(b *testing.B) {
	e := mustEnv(b)
	for b.Loop() {
		resp, err := http.Get(e.srv.URL + "/api/search.csv")
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}

// BenchmarkAtomFeed renders the newest documents as a feed.
func BenchmarkAtomFeed(b *testing.B) {
	e := mustEnv(b)
	for b.Loop() {
		resp, err := http.Get(e.srv.URL + "/api/search.atom")
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}
