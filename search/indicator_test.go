package search

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/indexer"
	"github.com/rightsearch/rightsearch/indicators"
	"github.com/rightsearch/rightsearch/internal/testenv"
	"github.com/rightsearch/rightsearch/web"
)

// reportDoc mentions the fixture lists' indicators defanged, as a report does.
const reportDoc = `{"id": "fx-paper-kite-report", "title": "Paper Kite targets lawyers (fixture)", "organization": "Fixture Lab", "type": "report", "published": "2024-05-07", "language": "en", "body": "The lure pointed at example[.]com and later at hxxps://sync[.]example[.]net/a. On the phone the implant ran as bluewhistled."}
{"id": "fx-unrelated", "title": "An unrelated note (fixture)", "organization": "Fixture Lab", "type": "other", "language": "en", "body": "Nothing to see at all."}
`

// listFixtures are the indicators package's fixtures, imported as
// `rightsearch indicators import` does.
var listFixtures = []string{"stix/paper_kite.stix2", "misp/mayfly.json", "misp/iocs.csv",
	"mvt/indicators.yaml", "lists/paperkite/domains.txt", "lists/paperkite/iocs.txt"}

// openIndicatorEnv stores the fixture lists in a new data directory and
// indexes their documents with reportDoc, served by the web face.
func openIndicatorEnv(t *testing.T) *testenv.Env {
	t.Helper()
	dir := t.TempDir()
	var docs bytes.Buffer
	docs.WriteString(reportDoc)
	for _, f := range listFixtures {
		name := filepath.Join("..", "indicators", "testdata", filepath.FromSlash(f))
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		p, err := indicators.ParseFile(name, b)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := indicators.Save(dir, p.List); err != nil {
			t.Fatal(err)
		}
		line, _ := json.Marshal(indicators.Document(p))
		docs.Write(append(line, '\n'))
	}
	env, err := testenv.OpenWith(dir, docs.Bytes(), nil, func(ix *indexer.Index) http.Handler {
		return web.NewServer(web.Config{Engine: New(ix, Options{})})
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(env.Close)
	return env
}

func listsOf(p rightsearch.IndicatorPage) map[string]rightsearch.Indicator {
	out := map[string]rightsearch.Indicator{}
	for _, e := range p.Lists {
		out[e.List.ID] = e.Entry
	}
	return out
}

func reportIDs(p rightsearch.IndicatorPage) []string {
	var ids []string
	for _, r := range p.Reports {
		ids = append(ids, r.ID)
	}
	return ids
}

// TestIndicatorPageAPI: /api/indicators/{value} lists the report that
// mentions the value defanged and every list carrying it, with the
// malware the STIX bundle's indicates relationship names; any spelling of
// the value answers the same.
func TestIndicatorPageAPI(t *testing.T) {
	e := openIndicatorEnv(t)
	const stixID = "bundle--5e1f0c2a-9d3b-4c1e-8f00-000000000001"
	for _, path := range []string{"/api/indicators/example.com", "/api/indicators/" + url.PathEscape("example[.]com"),
		"/api/indicators/EXAMPLE.COM"} {
		var p rightsearch.IndicatorPage
		if st := e.Get(t, path, &p); st != http.StatusOK {
			t.Fatalf("GET %s: %d", path, st)
		}
		if p.Value != "example.com" || p.Type != "domain" || !slices.Equal(reportIDs(p), []string{"fx-paper-kite-report"}) {
			t.Errorf("GET %s: value %q type %q reports %v", path, p.Value, p.Type, reportIDs(p))
		}
		lists := listsOf(p)
		for _, id := range []string{stixID, "misp-5f0c0a00-1111-4222-8333-944455556666", "list-misp-iocs-csv",
			"list-paperkite-domains-txt", "list-paperkite-iocs-txt"} {
			if _, ok := lists[id]; !ok {
				t.Errorf("GET %s: list %s missing from %v", path, id, lists)
			}
		}
		if got := lists[stixID]; got.Malware != "Bluewhistle" || got.Campaign != "Operation Paper Kite" || got.Date.String() != "2024-05-01" ||
			got.Report != "https://fixture.example/reports/paper-kite" {
			t.Errorf("GET %s: the STIX entry is %+v", path, got)
		}
	}

	// A process name: the list's entry, and the report naming it in its text.
	var proc rightsearch.IndicatorPage
	if st := e.Get(t, "/api/indicators/bluewhistled", &proc); st != http.StatusOK {
		t.Fatalf("process: %d", st)
	}
	if got := listsOf(proc)[stixID]; got.Type != "process" || got.Malware != "Bluewhistle" ||
		!slices.Contains(reportIDs(proc), "fx-paper-kite-report") {
		t.Errorf("bluewhistled: entry %+v, reports %v", got, reportIDs(proc))
	}
	// A URL is one escaped segment.
	var u rightsearch.IndicatorPage
	if st := e.Get(t, "/api/indicators/"+url.PathEscape("https://lure.example.org/login"), &u); st != http.StatusOK ||
		u.Value != "https://lure.example.org/login" || len(u.Lists) != 1 {
		t.Errorf("URL indicator: %d %+v", st, u)
	}
	if st := e.Get(t, "/api/indicators/nothing.example.org", nil); st != http.StatusNotFound {
		t.Errorf("an unknown indicator: %d, want 404", st)
	}
}

// TestIndicatorSearch: indicator: finds the lists carrying a value,
// written as the list or as a report writes it.
func TestIndicatorSearch(t *testing.T) {
	e := openIndicatorEnv(t)
	for q, want := range map[string][]string{
		`indicator:"lure[@]example[.]org"`:           {"bundle--5e1f0c2a-9d3b-4c1e-8f00-000000000001"},
		`indicator:bluewhistled`:                     {"bundle--5e1f0c2a-9d3b-4c1e-8f00-000000000001"},
		`indicator:kitehelper`:                       {"list-mvt-indicators-yaml"},
		`indicator:9E107D9D372BB6826BD81D3542A419D6`: {"list-misp-iocs-csv", "list-paperkite-iocs-txt", "misp-5f0c0a00-1111-4222-8333-944455556666"},
		`indicator:sync.example.net`:                 {"bundle--5e1f0c2a-9d3b-4c1e-8f00-000000000001", "fx-paper-kite-report", "list-paperkite-domains-txt"},
	} {
		got := testenv.HitIDs(e.Search(t, url.Values{"q": {q}}))
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("q=%s: %v, want %v", q, got, want)
		}
	}
	r := e.Search(t, url.Values{"type": {"indicator-list"}})
	if r.Total != uint64(len(listFixtures)) {
		t.Errorf("type=indicator-list: %d documents, want %d", r.Total, len(listFixtures))
	}
}

// TestIndicatorPages: the document page names the published lists that
// carry its indicators, linking to the indicator's page, which shows the
// lists' entries and the report.
func TestIndicatorPages(t *testing.T) {
	e := openIndicatorEnv(t)
	st, _, body := e.Fetch(t, "/documents/fx-paper-kite-report")
	page := string(body)
	if st != http.StatusOK || !strings.Contains(page, "Published indicator lists") ||
		!strings.Contains(page, `href="/indicators/example.com"`) || !strings.Contains(page, "Paper Kite: a fixture report") {
		t.Errorf("document page %d lacks the lists section:\n%s", st, page)
	}
	st, _, body = e.Fetch(t, "/indicators/example.com")
	page = string(body)
	for _, want := range []string{"Bluewhistle", "Operation Paper Kite", "Fixture Mayfly", "Paper Kite targets lawyers (fixture)", "2024-05-01"} {
		if st != http.StatusOK || !strings.Contains(page, want) {
			t.Errorf("indicator page %d lacks %q", st, want)
		}
	}
	if st, _, _ := e.Fetch(t, "/indicators/"+url.PathEscape("https://lure.example.org/login")); st != http.StatusOK {
		t.Errorf("a URL's indicator page: %d", st)
	}
	if st, _, _ := e.Fetch(t, "/indicators/nothing.example.org"); st != http.StatusNotFound {
		t.Errorf("an unknown indicator's page: %d, want 404", st)
	}
}

// TestIndicatorReimport: a changed list replaces the old one in the store
// and the index; its removed values are found in it no more.
func TestIndicatorReimport(t *testing.T) {
	e := openIndicatorEnv(t)
	dir := e.Ix.DataDir()
	name := filepath.Join(t.TempDir(), "paperkite", "domains.txt")
	body := []byte("example[.]com\nnew.example.org\n")
	p, err := indicators.ParseFile(name, body)
	if err != nil {
		t.Fatal(err)
	}
	ch, err := indicators.Save(dir, p.List)
	if err != nil {
		t.Fatal(err)
	}
	if ch.New || !slices.Equal(ch.Added, []string{"domain new.example.org"}) ||
		!slices.Equal(ch.Removed, []string{"domain sync.example.net", "url https://lure.example.org/login"}) {
		t.Fatalf("re-import: %+v", ch)
	}
	if err := e.Ix.Put(context.Background(), []rightsearch.Document{indicators.Document(p)}); err != nil {
		t.Fatal(err)
	}
	var sync rightsearch.IndicatorPage
	e.Get(t, "/api/indicators/sync.example.net", &sync)
	if _, ok := listsOf(sync)["list-paperkite-domains-txt"]; ok {
		t.Errorf("sync.example.net is still on the re-imported list: %+v", sync.Lists)
	}
	got := testenv.HitIDs(e.Search(t, url.Values{"q": {"indicator:sync.example.net"}}))
	if slices.Contains(got, "list-paperkite-domains-txt") {
		t.Errorf("the index still finds the old list for sync.example.net: %v", got)
	}
	got = testenv.HitIDs(e.Search(t, url.Values{"q": {"indicator:new.example.org"}}))
	if !slices.Equal(got, []string{"list-paperkite-domains-txt"}) {
		t.Errorf("indicator:new.example.org = %v", got)
	}
}
