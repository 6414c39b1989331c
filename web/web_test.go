package web

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rightsearch/rightsearch/query"

	"github.com/PuerkitoBio/goquery"
	rightsearch "github.com/rightsearch/rightsearch"
)

// hostileTitle is the title of the fixture fx-hostile-markup.
const hostileTitle = `Markup <script>alert(1)</script> test "><img src=x onerror=alert(2)>`

// page fetches path and parses it as HTML, failing unless the status is
// want and the content type is HTML.
func (e *testEnv) page(tb testing.TB, path string, want int) *goquery.Document {
	tb.Helper()
	resp, err := http.Get(e.srv.URL + path)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != want {
		b, _ := io.ReadAll(resp.Body)
		tb.Fatalf("GET %s: status %d, want %d\n%s", path, resp.StatusCode, want, b)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		tb.Fatalf("GET %s: content type %q", path, ct)
	}
	doc, err := goquery.NewDocumentFromReader(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

func TestPageStatuses(t *testing.T) {
	e := mustEnv(t)
	tests := []struct {
		path   string
		status int
		h1     string // the page's one h1 contains this
		text   string // the page contains this text
	}{
		{"/", 200, "Search human-rights evidence", "Results 1–10 of"},
		{"/?q=mansoor", 200, "Search", "Ahmed Mansoor"},
		{"/?q=zzzznotaword", 200, "Search", "No documents match"},
		{"/?page=0", 400, "Search", "page: must be 1 or more"},
		{"/?q=%22unbalanced", 400, "Search", "cannot be run"},
		{"/?from=2020&to=2019", 400, "Search", "is after to"},
		{"/?size=100&page=101", 400, "Search", "must not exceed 10000"},
		{"/?from=yesterday", 400, "Search", "is not a date"},
		{"/documents/cl-2016-million-dollar-dissident", 200, "Million Dollar Dissident", "Bill Marczak"},
		{"/documents/no-such-document", 404, "Not found", `no document with the id "no-such-document"`},
		{"/documents/Not%20An%20Id", 404, "Not found", "no document"},
		{"/targets/Ahmed%20Mansoor", 200, "Ahmed Mansoor", "Timeline"},
		{"/targets/ahmed%20mansoor", 200, "Ahmed Mansoor", "Timeline"},
		{"/targets/Nobody%20Known", 404, "Not found", `No target is named "Nobody Known"`},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			doc := e.page(t, tt.path, tt.status)
			if n := doc.Find("h1").Length(); n != 1 {
				t.Errorf("%d h1 elements, want 1", n)
			}
			if h1 := doc.Find("h1").Text(); !strings.Contains(h1, tt.h1) {
				t.Errorf("h1 %q does not contain %q", h1, tt.h1)
			}
			if body := doc.Find("body").Text(); !strings.Contains(strings.ToLower(body), strings.ToLower(tt.text)) {
				t.Errorf("page does not say %q", tt.text)
			}
			if doc.Find("main#main").Length() != 1 || doc.Find("a.skip[href='#main']").Length() != 1 {
				t.Error("missing main landmark or skip link")
			}
		})
	}
}

// formValues is what a browser sends when the search form is submitted:
// the controls inside #search or tied to it by form="search".
func formValues(doc *goquery.Document) url.Values {
	v := url.Values{}
	doc.Find("#search input, #search select, [form=search]").Each(func(_ int, s *goquery.Selection) {
		name, ok := s.Attr("name")
		if !ok {
			return
		}
		switch {
		case goquery.NodeName(s) == "select":
			opt := s.Find("option[selected]")
			if opt.Length() == 0 {
				opt = s.Find("option").First()
			}
			v.Add(name, opt.AttrOr("value", opt.Text()))
		case s.AttrOr("type", "text") == "checkbox":
			if _, on := s.Attr("checked"); on {
				v.Add(name, s.AttrOr("value", "on"))
			}
		case s.AttrOr("type", "") == "submit":
		default:
			v.Add(name, s.AttrOr("value", ""))
		}
	})
	return v
}

// TestFacetStateRoundTrips checks that a search page shows its whole
// state (ticked facets, dates, sort, size), that submitting its form asks
// for the same search again, and that its links keep that state.
func TestFacetStateRoundTrips(t *testing.T) {
	e := mustEnv(t)
	tests := []string{
		"q=pegasus&org=Citizen+Lab",
		"q=pegasus&org=Citizen+Lab&org=Amnesty+International&type=report&from=2016&to=2019-06&sort=-date",
		"target=Ahmed+Mansoor&country=Mexico&lang=en&sort=date&size=5",
		"org=No+Such+Organization", // ticked but without hits: still shown, so it can be unticked
		"spyware=Pegasus&page=2&size=3",
	}
	for _, raw := range tests {
		t.Run(raw, func(t *testing.T) {
			in, _ := url.ParseQuery(raw)
			want, err := query.ParseRequest(in)
			if err != nil {
				t.Fatal(err)
			}
			doc := e.page(t, "/?"+raw, 200)
			for _, fp := range rightsearch.DefaultFacets().Filters() {
				var checked []string
				doc.Find("input[type=checkbox][name=" + fp.Param + "][checked]").Each(func(_ int, s *goquery.Selection) {
					checked = append(checked, s.AttrOr("value", ""))
				})
				if w := want.Filters()[fp.Name]; !sameSet(checked, w) {
					t.Errorf("%s ticked %v, want %v", fp.Param, checked, w)
				}
			}
			got, err := query.ParseRequest(formValues(doc))
			if err != nil {
				t.Fatalf("submitting the form: %v", err)
			}
			want.Page = 1 // a new submission starts at the first page
			if !reflect.DeepEqual(got.Values(), want.Values()) {
				t.Errorf("form submits %v, want %v", got.Values(), want.Values())
			}
			// Pager links change only the page.
			doc.Find("nav.pager a").Each(func(_ int, s *goquery.Selection) {
				u, _ := url.Parse(s.AttrOr("href", ""))
				r, err := query.ParseRequest(u.Query())
				if err != nil {
					t.Fatalf("pager link %s: %v", u, err)
				}
				r.Page, r.Query = 1, want.Query
				if !reflect.DeepEqual(r.Values(), want.Values()) {
					t.Errorf("pager link %s loses state %v", u, want.Values())
				}
			})
		})
	}
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		found := false
		for _, y := range b {
			found = found || strings.EqualFold(x, y)
		}
		if !found {
			return false
		}
	}
	return true
}

func TestFacetCountsAndClearLinks(t *testing.T) {
	e := mustEnv(t)
	api := e.search(t, url.Values{"q": {"pegasus"}, "org": {"Citizen Lab"}})
	doc := e.page(t, "/?q=pegasus&org=Citizen+Lab", 200)
	for _, f := range api.Facets["type"] {
		box := doc.Find("input[name=type][value='" + f.Value + "']")
		label := doc.Find("label[for='" + box.AttrOr("id", "?") + "']")
		if n := strings.TrimSpace(label.Find(".n").Text()); n != strconv.Itoa(f.Count) {
			t.Errorf("type %s shows count %q, API says %d", f.Value, n, f.Count)
		}
	}
	clear := doc.Find("#facet-organization a.clear").AttrOr("href", "")
	if u, _ := url.Parse(clear); u.Query().Get("org") != "" || u.Query().Get("q") != "pegasus" {
		t.Errorf("clear link %q should drop org and keep q", clear)
	}
	if got := strings.TrimSpace(doc.Find(".count").Text()); !strings.Contains(got, "of "+strconv.Itoa(int(api.Total))) {
		t.Errorf("count %q, API total %d", got, api.Total)
	}
}

func TestYearHistogram(t *testing.T) {
	e := mustEnv(t)
	api := e.search(t, url.Values{"q": {"spyware"}})
	doc := e.page(t, "/?q=spyware", 200)
	bars := doc.Find("ul.histogram a")
	if bars.Length() != len(api.Facets["year"]) || bars.Length() < 3 {
		t.Fatalf("%d bars for %d years", bars.Length(), len(api.Facets["year"]))
	}
	most := 0
	for _, y := range api.Facets["year"] {
		most = max(most, y.Count)
	}
	bars.Each(func(i int, s *goquery.Selection) {
		y := api.Facets["year"][i]
		u, _ := url.Parse(s.AttrOr("href", ""))
		if q := u.Query(); q.Get("from") != y.Value || q.Get("to") != y.Value || q.Get("q") != "spyware" {
			t.Errorf("bar %s links to %s", y.Value, u)
		}
		if y.Count == most && !s.Find(".bar").HasClass("w20") {
			t.Errorf("the largest year %s is not a full bar", y.Value)
		}
		if !s.Find(".bar").Is("[class*=' w']") {
			t.Errorf("bar %s has no width class", y.Value)
		}
	})
	// Following a bar narrows the hits to that year.
	y := api.Facets["year"][0]
	narrowed := e.search(t, url.Values{"q": {"spyware"}, "from": {y.Value}, "to": {y.Value}})
	if int(narrowed.Total) != y.Count {
		t.Errorf("year %s: %d hits, bar said %d", y.Value, narrowed.Total, y.Count)
	}
}

func TestPager(t *testing.T) {
	e := mustEnv(t)
	doc := e.page(t, "/?size=5&page=3", 200)
	cur := doc.Find("nav.pager a[aria-current=page]")
	if strings.TrimSpace(cur.Text()) != "Page 3" {
		t.Errorf("current page %q", cur.Text())
	}
	for rel, page := range map[string]string{"prev": "2", "next": "4"} {
		u, _ := url.Parse(doc.Find("nav.pager a[rel="+rel+"]").AttrOr("href", ""))
		if u.Query().Get("page") != page || u.Query().Get("size") != "5" {
			t.Errorf("%s links to %s", rel, u)
		}
	}
	if got := doc.Find("ol.hits").AttrOr("start", ""); got != "11" {
		t.Errorf("list starts at %q, want 11", got)
	}
	first := e.page(t, "/?size=5", 200)
	if first.Find("nav.pager a[rel=prev]").Length() != 0 {
		t.Error("first page links to a previous one")
	}
}

// TestHostileMarkupIsText renders the fixture whose title and body hold
// <script> and an <img onerror> and checks that the HTML parser sees text,
// not elements, on the results page and the document page.
func TestHostileMarkupIsText(t *testing.T) {
	e := mustEnv(t)
	for _, path := range []string{"/?q=markup+quarantined", "/documents/fx-hostile-markup"} {
		t.Run(path, func(t *testing.T) {
			doc := e.page(t, path, 200)
			scripts := doc.Find("script")
			if scripts.Length() != 1 || !strings.HasPrefix(scripts.AttrOr("src", ""), "/static/app.js") {
				t.Errorf("script elements: %d, want only app.js", scripts.Length())
			}
			if n := doc.Find("img").Length(); n != 0 {
				t.Errorf("%d img elements", n)
			}
			if n := doc.Find("[onerror]").Length(); n != 0 {
				t.Errorf("%d elements with onerror", n)
			}
			if !strings.Contains(doc.Text(), hostileTitle) {
				t.Errorf("title not shown literally")
			}
			if !strings.Contains(doc.Text(), "<script>alert(3)</script>") {
				t.Errorf("body text not shown literally")
			}
		})
	}
	doc := e.page(t, "/?q=quarantined", 200)
	if m := doc.Find(".snippet mark").Text(); !strings.EqualFold(m, "quarantined") {
		t.Errorf("marked %q, want quarantined", m)
	}
}

func TestPDFPages(t *testing.T) {
	e := mustEnv(t)
	doc := e.page(t, "/?q=bluewhistle", 200)
	p := doc.Find("#hit-fx-pdf-forensics .snippet a.page")
	if strings.TrimSpace(p.Text()) != "p. 3" || p.AttrOr("href", "") != "/documents/fx-pdf-forensics#page-3" {
		t.Errorf("page link %q → %q", p.Text(), p.AttrOr("href", ""))
	}
	d := e.page(t, "/documents/fx-pdf-forensics", 200)
	if d.Find(".page-marker").Length() != 4 {
		t.Errorf("%d page markers, want 4", d.Find(".page-marker").Length())
	}
	if txt := d.Find("#page-3").Next().Text(); !strings.Contains(txt, "bluewhistle") {
		t.Errorf("page 3 starts with %q", txt)
	}
}

func TestDocumentPage(t *testing.T) {
	e := mustEnv(t)
	full, err := e.ix.Get("cl-2016-million-dollar-dissident")
	if err != nil {
		t.Fatal(err)
	}
	doc := e.page(t, "/documents/cl-2016-million-dollar-dissident", 200)
	facts := map[string]*goquery.Selection{}
	doc.Find("dl.facts dt").Each(func(_ int, s *goquery.Selection) { facts[s.Text()] = s.Next() })
	if a := facts["Authors"]; a == nil || !strings.Contains(a.Text(), "(unconfirmed)") {
		t.Error("authors are uncertain in the catalog but not marked unconfirmed")
	}
	if o := facts["Organization"]; o == nil || strings.Contains(o.Text(), "unconfirmed") {
		t.Error("organization wrongly marked unconfirmed")
	}
	for _, tg := range full.Targets {
		if facts["Targets"].Find("a[href='"+targetURL(tg)+"']").Length() != 1 {
			t.Errorf("no link to target %s", tg)
		}
	}
	if doc.Find("a[href='"+full.URL+"']").Length() == 0 {
		t.Error("no link to the original")
	}
	// The letter cites the catalog; each cited document links to its page.
	letter, err := e.ix.Get("letter-deibert-jefferies")
	if err != nil {
		t.Fatal(err)
	}
	ld := e.page(t, "/documents/letter-deibert-jefferies", 200)
	if len(letter.Cites) == 0 {
		t.Skip("the letter cites nothing in this catalog")
	}
	links := ld.Find("ul.links a")
	if links.Length() != len(letter.Cites)+len(letter.CitedBy) {
		t.Errorf("%d citation links, want %d", links.Length(), len(letter.Cites)+len(letter.CitedBy))
	}
	if href := links.First().AttrOr("href", ""); href != docURL(letter.Cites[0]) {
		t.Errorf("first citation links to %s", href)
	}
}

func TestTargetPage(t *testing.T) {
	e := mustEnv(t)
	tt, err := e.s.Timeline(t.Context(), "Ahmed Mansoor")
	if err != nil {
		t.Fatal(err)
	}
	doc := e.page(t, "/targets/Ahmed%20Mansoor", 200)
	items := doc.Find("ol.timeline li a")
	if items.Length() != len(tt.Timeline) {
		t.Fatalf("%d timeline entries, want %d", items.Length(), len(tt.Timeline))
	}
	items.Each(func(i int, s *goquery.Selection) {
		if s.AttrOr("href", "") != docURL(tt.Timeline[i].ID) {
			t.Errorf("entry %d links to %s, want %s", i, s.AttrOr("href", ""), tt.Timeline[i].ID)
		}
	})
	feed := doc.Find("link[rel=alternate][type='application/atom+xml']").AttrOr("href", "")
	if u, _ := url.Parse(feed); u.Path != "/api/search.atom" || u.Query().Get("target") != "Ahmed Mansoor" {
		t.Errorf("feed link %q", feed)
	}
}

func TestStaticFiles(t *testing.T) {
	e := mustEnv(t)
	tests := []struct {
		path, ctype, cache string
		status             int
	}{
		{"/static/style.css?v=" + staticVersion, "text/css; charset=utf-8", "immutable", 200},
		{"/static/app.js?v=" + staticVersion, "text/javascript; charset=utf-8", "immutable", 200},
		{"/static/style.css", "text/css; charset=utf-8", "must-revalidate", 200},
		{"/static/", "", "", 404},
		{"/static/missing.css", "", "", 404},
	}
	for _, tt := range tests {
		resp, err := http.Get(e.srv.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("%s: status %d, want %d", tt.path, resp.StatusCode, tt.status)
			continue
		}
		if tt.status != 200 {
			continue
		}
		if ct := resp.Header.Get("Content-Type"); ct != tt.ctype {
			t.Errorf("%s: content type %q", tt.path, ct)
		}
		if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, tt.cache) {
			t.Errorf("%s: Cache-Control %q, want %s", tt.path, cc, tt.cache)
		}
	}
	req, _ := http.NewRequest(http.MethodGet, e.srv.URL+"/static/style.css", nil)
	req.Header.Set("If-None-Match", `"`+staticVersion+`"`)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation: status %d, want 304", resp.StatusCode)
	}
	// Every page links the current version, so browsers cache it for good.
	doc := e.page(t, "/", 200)
	if href := doc.Find("link[rel=stylesheet]").AttrOr("href", ""); href != "/static/style.css?v="+staticVersion {
		t.Errorf("stylesheet link %q", href)
	}
}

// TestRenderErrorIsClean500 feeds a page data it cannot render: the
// client gets a plain 500, not half a page.
func TestRenderErrorIsClean500(t *testing.T) {
	var logs bytes.Buffer
	s := &Server{cfg: Config{Logger: slog.New(slog.NewTextHandler(&logs, nil))}}
	w := httptest.NewRecorder()
	s.render(w, http.StatusOK, "search.html", struct{ Title string }{"x"})
	if w.Code != http.StatusInternalServerError || strings.Contains(w.Body.String(), "<html") {
		t.Errorf("status %d body %q", w.Code, w.Body.String())
	}
	if !strings.Contains(logs.String(), "render page") {
		t.Errorf("not logged: %s", logs.String())
	}
}

func TestSegments(t *testing.T) {
	tests := []struct {
		in   string
		want []segment
	}{
		{"plain", []segment{{"plain", false}}},
		{"a <mark>b</mark> c", []segment{{"a ", false}, {"b", true}, {" c", false}}},
		{"&lt;script&gt; <mark>x&amp;y</mark>", []segment{{"<script> ", false}, {"x&y", true}}},
		{"&lt;mark&gt;not ours&lt;/mark&gt;", []segment{{"<mark>not ours</mark>", false}}},
		{"<mark>open", []segment{{"open", true}}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := segments(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("segments(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestTextPages(t *testing.T) {
	tests := []struct {
		body string
		want []textPage
	}{
		{"", nil},
		{"one\n\ntwo\nstill two", []textPage{{0, []string{"one", "two\nstill two"}}}},
		{"a\nb", []textPage{{0, []string{"a", "b"}}}},
		{"p1\fp2\n\n\fp3", []textPage{{1, []string{"p1"}}, {2, []string{"p2"}}, {3, []string{"p3"}}}},
	}
	for _, tt := range tests {
		if got := textPages(tt.body); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("textPages(%q) = %v, want %v", tt.body, got, tt.want)
		}
	}
}

// TestPagesAccessible checks what can be checked without a screen reader:
// one h1, no skipped heading level, a label for every control, the
// landmarks, and the page language.
func TestPagesAccessible(t *testing.T) {
	e := mustEnv(t)
	pages := []struct {
		path      string
		status    int
		landmarks []string
	}{
		{"/?q=pegasus&org=Citizen+Lab&size=5", 200, []string{"header", "nav", "main", "aside", "footer"}},
		{"/?page=0", 400, []string{"header", "main", "aside"}},
		{"/documents/fx-pdf-forensics", 200, []string{"header", "nav", "main"}},
		{"/documents/letter-deibert-jefferies", 200, []string{"header", "nav", "main"}},
		{"/targets/Omar%20Abdulaziz", 200, []string{"header", "nav", "main"}},
		{"/documents/none", 404, []string{"header", "main"}},
	}
	for _, p := range pages {
		t.Run(p.path, func(t *testing.T) {
			doc := e.page(t, p.path, p.status)
			if lang, _ := doc.Find("html").Attr("lang"); lang != "en" {
				t.Errorf("html lang %q", lang)
			}
			if n := doc.Find("h1").Length(); n != 1 {
				t.Errorf("%d h1", n)
			}
			level := 0
			doc.Find("h1, h2, h3, h4, h5, h6").Each(func(_ int, s *goquery.Selection) {
				l := int(goquery.NodeName(s)[1] - '0')
				if l > level+1 {
					t.Errorf("heading %q is h%d after h%d", strings.TrimSpace(s.Text()), l, level)
				}
				level = l
			})
			doc.Find("input:not([type=hidden]), select, textarea").Each(func(_ int, s *goquery.Selection) {
				id := s.AttrOr("id", "")
				if id == "" || doc.Find("label[for='"+id+"']").Length() != 1 {
					if _, ok := s.Attr("aria-label"); !ok {
						t.Errorf("control %s %q has no label", goquery.NodeName(s), s.AttrOr("name", ""))
					}
				}
			})
			ids := map[string]bool{}
			doc.Find("[id]").Each(func(_ int, s *goquery.Selection) {
				if id := s.AttrOr("id", ""); ids[id] {
					t.Errorf("duplicate id %q", id)
				} else {
					ids[id] = true
				}
			})
			for _, l := range p.landmarks {
				if doc.Find(l).Length() == 0 {
					t.Errorf("no %s landmark", l)
				}
			}
			if doc.Find("[style]").Length() != 0 || doc.Find("script:not([src])").Length() != 0 {
				t.Error("inline style or script, which the CSP blocks")
			}
		})
	}
}

// BenchmarkSearchPage measures a rendered results page end to end over
// loopback HTTP (search, facets and template).
func BenchmarkSearchPage(b *testing.B) {
	e := mustEnv(b)
	for b.Loop() {
		resp, err := http.Get(e.srv.URL + "/?q=pegasus+mansoor&org=Citizen+Lab")
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}

// BenchmarkRenderSearchPage measures the template alone.
func BenchmarkRenderSearchPage(b *testing.B) {
	e := mustEnv(b)
	req, _ := query.ParseRequest(url.Values{"q": {"pegasus"}})
	resp, err := e.s.Search(b.Context(), req)
	if err != nil {
		b.Fatal(err)
	}
	s := &Server{cfg: Config{Logger: slog.New(slog.DiscardHandler)}}
	data := buildSearchPage(req, resp)
	for b.Loop() {
		w := httptest.NewRecorder()
		s.render(w, http.StatusOK, "search.html", data)
	}
}

// TestDocumentProvenance renders a crawled document (not in the index:
// the page is built from the Document) and checks the provenance block.
func TestDocumentProvenance(t *testing.T) {
	e := mustEnv(t)
	s := &Server{cfg: Config{Engine: e.s, Logger: slog.New(slog.DiscardHandler)}}
	fetched := time.Date(2024, 5, 6, 7, 8, 9, 0, time.FixedZone("x", 3600))
	d := rightsearch.Document{ID: "crawled-doc", Title: "Crawled", URL: "https://example.org/r",
		Body: "Text.", Uncertain: []string{"url"},
		Cites: []string{"cl-2016-million-dollar-dissident", "not-indexed-anywhere"},
		Provenance: &rightsearch.Provenance{Source: rightsearch.SourceCrawl, FetchedAt: fetched,
			Status: 200, ContentType: "text/html", SHA256: strings.Repeat("ab", 32), WARC: "a.warc.gz"}}
	w := httptest.NewRecorder()
	s.render(w, http.StatusOK, "document.html", s.documentPageOf(t.Context(), d))
	doc, err := goquery.NewDocumentFromReader(w.Body)
	if err != nil {
		t.Fatal(err)
	}
	prov := doc.Find("section[aria-labelledby=prov-h]")
	for _, want := range []string{"crawl", "2024-05-06T06:08:09Z", strings.Repeat("ab", 32), "text/html", "200"} {
		if !strings.Contains(prov.Text(), want) {
			t.Errorf("provenance lacks %q", want)
		}
	}
	if prov.Find("a[href='/api/documents/crawled-doc/raw']").Length() != 1 {
		t.Error("no link to the archived copy")
	}
	if !strings.Contains(doc.Find(".original").Text(), "unconfirmed") {
		t.Error("uncertain URL not marked")
	}
	cites := doc.Find("ul.links li")
	if cites.Length() != 2 || !strings.Contains(cites.Eq(0).Text(), "Million Dollar Dissident") ||
		!strings.Contains(cites.Eq(1).Text(), "not in the index") {
		t.Errorf("citations %q", cites.Text())
	}
	// Without a WARC record there is nothing to link.
	d.Provenance.WARC = ""
	w = httptest.NewRecorder()
	s.render(w, http.StatusOK, "document.html", s.documentPageOf(t.Context(), d))
	if strings.Contains(w.Body.String(), "/raw") {
		t.Error("raw link without an archived copy")
	}
}

func TestUnknownPathIsAPage(t *testing.T) {
	e := mustEnv(t)
	doc := e.page(t, "/no/such/page", 404)
	if !strings.Contains(doc.Find("main").Text(), "no page at this address") {
		t.Errorf("404 page says %q", doc.Find("main").Text())
	}
	var body struct{ Error apiError }
	if st := e.get(t, "/api/no-such-endpoint", &body); st != 404 || body.Error.Code != "not_found" {
		t.Errorf("API 404: %d %+v", st, body)
	}
}

func TestSearchPageLinksTheSameResultsAsJSON(t *testing.T) {
	e := mustEnv(t)
	status, _, body := e.fetch(t, "/?q=Mansoor&org=Citizen+Lab")
	if status != 200 || !strings.Contains(string(body), `href="/api/search?org=Citizen&#43;Lab&amp;q=Mansoor"`) {
		t.Errorf("status %d; the page lacks its JSON link", status)
	}
}

// TestFilterChips: every active filter shows above the results as a chip
// whose link drops that one value and keeps everything else.
func TestFilterChips(t *testing.T) {
	e := mustEnv(t)
	raw := "q=pegasus&org=Citizen+Lab&org=Amnesty+International&type=report&target=Ahmed+Mansoor" +
		"&country=Mexico&spyware=Pegasus&lang=en&from=2016&to=2019-06&sort=-date&size=5&page=2"
	in, _ := url.ParseQuery(raw)
	req, err := query.ParseRequest(in)
	if err != nil {
		t.Fatal(err)
	}
	doc := e.page(t, "/?"+raw, 200)
	chips := doc.Find("ul.chips li.chip")
	tests := []struct{ label, value, param string }{
		{"Organization", "Citizen Lab", "org"}, {"Organization", "Amnesty International", "org"},
		{"Type", "report", "type"}, {"Target", "Ahmed Mansoor", "target"}, {"Country", "Mexico", "country"},
		{"Spyware", "Pegasus", "spyware"}, {"Language", "en", "lang"},
		{"From", "2016", "from"}, {"To", "2019-06", "to"},
	}
	if chips.Length() != len(tests) {
		t.Fatalf("%d chips, want %d: %q", chips.Length(), len(tests), chips.Text())
	}
	chips.Each(func(i int, s *goquery.Selection) {
		tt := tests[i]
		if got := strings.TrimSpace(s.Find(".chip-label").Text()); got != tt.label+":" {
			t.Errorf("chip %d label %q, want %q", i, got, tt.label+":")
		}
		if got := s.Find("bdi").Text(); got != tt.value {
			t.Errorf("chip %d value %q, want %q", i, got, tt.value)
		}
		link := s.Find("a.chip-remove")
		if name := link.Find(".vh").Text(); name != "Remove "+tt.label+": "+tt.value {
			t.Errorf("chip %d link says %q to a screen reader", i, name)
		}
		u, err := url.Parse(link.AttrOr("href", ""))
		if err != nil {
			t.Fatal(err)
		}
		// The link is the same search with this one value gone, from page 1.
		want := req.Values()
		want.Del("page")
		vals := slices.DeleteFunc(slices.Clone(want[tt.param]), func(v string) bool { return v == tt.value })
		if want.Del(tt.param); len(vals) > 0 {
			want[tt.param] = vals
		}
		if got := u.Query(); !reflect.DeepEqual(got, want) {
			t.Errorf("chip %s: %s removes to %v, want %v", tt.label, tt.value, got, want)
		}
	})
	clear, _ := url.Parse(doc.Find("ul.chips a.clear").AttrOr("href", ""))
	if got, want := clear.Query(), (url.Values{"q": {"pegasus"}, "sort": {"-date"}, "size": {"5"}}); !reflect.DeepEqual(got, want) {
		t.Errorf("clear all links to %v, want %v", got, want)
	}
	// No filter, no chips; a hostile value is text.
	if n := e.page(t, "/?q=pegasus", 200).Find("ul.chips").Length(); n != 0 {
		t.Errorf("%d chip lists without a filter", n)
	}
	hostile := `<img src=x onerror=alert(1)>`
	doc = e.page(t, "/?org="+url.QueryEscape(hostile), 200)
	if got := doc.Find("li.chip bdi").Text(); got != hostile {
		t.Errorf("hostile chip shows %q", got)
	}
	if n := doc.Find("main img, main [onerror]").Length(); n != 0 {
		t.Errorf("hostile chip made %d elements", n)
	}
}

// TestCorrectionLine: a corrected search says what it searched and links
// to the words as typed, quoted, with the other parameters kept; that
// search is not corrected again.
func TestCorrectionLine(t *testing.T) {
	e := mustEnv(t)
	tests := []struct {
		q, shown, exact string
	}{
		{"Kashoggi", "Khashoggi", `"Kashoggi"`},
		{"Kashoggi pegasus", "Khashoggi pegasus", `"Kashoggi" pegasus`},
		{"+Mansuur -android", "+Mansoor -android", `+"Mansuur" -android`},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			doc := e.page(t, "/?"+url.Values{"q": {tt.q}, "org": {"Citizen Lab"}, "sort": {"date"}}.Encode(), 200)
			line := doc.Find("main p.correction")
			if got := line.Find("strong").Text(); got != tt.shown {
				t.Errorf("shows results for %q, want %q", got, tt.shown)
			}
			link := line.Find("a")
			if got, want := strings.Join(strings.Fields(link.Text()), " "), "Search instead for "+tt.exact; got != want {
				t.Errorf("link says %q, want %q", got, want)
			}
			u, _ := url.Parse(link.AttrOr("href", ""))
			want := url.Values{"q": {tt.exact}, "org": {"Citizen Lab"}, "sort": {"date"}}
			if got := u.Query(); !reflect.DeepEqual(got, want) {
				t.Errorf("link goes to %v, want %v", got, want)
			}
			if n := e.page(t, link.AttrOr("href", ""), 200).Find("p.correction").Length(); n != 0 {
				t.Errorf("the exact search is corrected again")
			}
		})
	}
	if n := e.page(t, "/?q=pegasus", 200).Find("p.correction").Length(); n != 0 {
		t.Error("q=pegasus shows a correction")
	}
}

// TestSyntaxHelp: beside the search box a link leads to the syntax help,
// which lists every operator with an example that runs.
func TestSyntaxHelp(t *testing.T) {
	e := mustEnv(t)
	for _, p := range []struct {
		path   string
		status int
	}{{"/?q=pegasus", 200}, {"/?q=%22unbalanced", 400}} { // on the error page too
		path := p.path
		doc := e.page(t, path, p.status)
		link := doc.Find("header.site a.syntax-link")
		if link.AttrOr("href", "") != "#syntax" {
			t.Fatalf("%s: no syntax link in the header (%q)", path, link.AttrOr("href", ""))
		}
		target := doc.Find("#syntax")
		if target.Length() != 1 || target.ParentsFiltered("details.syntax").Length() != 1 {
			t.Fatalf("%s: #syntax is not inside the help's <details> (opened by following the link)", path)
		}
		help := target.Text()
		for _, s := range []string{"AND", "&&", "OR", "||", "NOT", "!", "( )", "+word", "-word", `"a phrase"`,
			`"a phrase"~N`, "word~", "word~2", "wor*", "w?rd", "field:value", "field:(a OR b)",
			"org", "type", "target", "country", "spyware", "lang", "indicator", "title", "body", "summary", "author", "url",
			"published:[2018 TO 2019-06]", "published:{2018 TO 2020}", "published:>=2019", "word^2", `\`} {
			if !strings.Contains(help, s) {
				t.Errorf("%s: the help does not mention %s", path, s)
			}
		}
		target.Find("tbody tr").Each(func(_ int, s *goquery.Selection) {
			a := s.Find("td a")
			u, err := url.Parse(a.AttrOr("href", ""))
			if err != nil || u.Path != "/" || u.Query().Get("q") != a.Text() {
				t.Errorf("example %q links to %q", a.Text(), a.AttrOr("href", ""))
			}
		})
	}
}
