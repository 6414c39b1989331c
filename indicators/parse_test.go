package indicators

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	rightsearch "github.com/rightsearch/rightsearch"
)

const (
	fixtureSHA256 = "3f7a1b2c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8"
	fixtureMD5    = "9e107d9d372bb6826bd81d3542a419d6"
	paperKite     = "https://fixture.example/reports/paper-kite"
)

// want is one entry a list must have, as a user reads it.
type want struct {
	value, typ, campaign, malware, date, report string
}

// TestParseFixtures: each fixture becomes the indicators it publishes,
// with its list's facts, and says what it skipped.
func TestParseFixtures(t *testing.T) {
	for _, tc := range []struct {
		file, format, id, name, publisher, published, report string
		count, skipped                                       int
		entries                                              []want
		absent                                               []string
	}{
		{file: "stix/paper_kite.stix2", format: FormatSTIX, id: "bundle--5e1f0c2a-9d3b-4c1e-8f00-000000000001",
			name: "Paper Kite: a fixture report", publisher: "Fixture Tech Lab", published: "2024-05-06", report: paperKite,
			count: 7, skipped: 1, entries: []want{
				{"example.com", TypeDomain, "Operation Paper Kite", "Bluewhistle", "2024-05-01", paperKite},
				{"bluewhistled", TypeProcess, "Operation Paper Kite", "Bluewhistle", "2024-05-01", paperKite},
				// indicates the campaign only; the bundle has two malware
				{"lure@example.org", TypeEmail, "Operation Paper Kite", "", "2024-04-20", paperKite},
				{fixtureSHA256, TypeSHA256, "Operation Paper Kite", "Bluewhistle", "2024-05-01", paperKite},
				// one pattern, two comparisons
				{"sync.example.net", TypeDomain, "Operation Paper Kite", "Bluewhistle", "2024-05-01", paperKite},
				{"198.51.100.7", TypeIP, "Operation Paper Kite", "Bluewhistle", "2024-05-01", paperKite},
				{"com.example.paperkite", TypeApp, "Operation Paper Kite", "Bluewhistle", "2024-05-01", paperKite},
			}},
		{file: "misp/mayfly.json", format: FormatMISPJSON, id: "misp-5f0c0a00-1111-4222-8333-944455556666",
			name: "Fixture Mayfly", publisher: "Citizen Lab", published: "2019-05-14", report: "https://fixture.example/reports/mayfly",
			count: 9, skipped: 1, absent: []string{"gone.example.com", "https://fixture.example/reports/mayfly"}, entries: []want{
				{"example.com", TypeDomain, "Fixture Mayfly", "FixtureRAT", "2019-05-14", "https://fixture.example/reports/mayfly"},
				{"http://files.example.net/a.apk", TypeURL, "Fixture Mayfly", "FixtureRAT", "2019-05-14", "https://fixture.example/reports/mayfly"},
				{"mail.example.net", TypeDomain, "Fixture Mayfly", "FixtureRAT", "2019-05-14", "https://fixture.example/reports/mayfly"},
				{"203.0.113.10", TypeIP, "Fixture Mayfly", "FixtureRAT", "2019-05-14", "https://fixture.example/reports/mayfly"},
				{"payload.apk", TypeFile, "Fixture Mayfly", "FixtureRAT", "2019-05-14", "https://fixture.example/reports/mayfly"},
				{fixtureMD5, TypeMD5, "Fixture Mayfly", "FixtureRAT", "2019-05-14", "https://fixture.example/reports/mayfly"},
			}},
		{file: "misp/iocs.csv", format: FormatMISPCSV, id: "list-misp-iocs-csv", name: "iocs.csv",
			published: "2018-10-02", report: "https://fixture.example/reports/kingdom", count: 5, skipped: 1,
			absent: []string{"operator handle"}, entries: []want{
				{"news.example.net", TypeDomain, "", "", "2018-10-01", "https://fixture.example/reports/kingdom"},
				{fixtureMD5, TypeMD5, "", "", "2018-10-02", "https://fixture.example/reports/kingdom"},
				{"cdn.example.org", TypeDomain, "", "", "2018-10-01", "https://fixture.example/reports/kingdom"},
				{"192.0.2.44", TypeIP, "", "", "2018-10-01", "https://fixture.example/reports/kingdom"},
			}},
		{file: "mvt/indicators.yaml", format: FormatMVT, id: "list-mvt-indicators-yaml",
			name: "Paper Kite Indicators of Compromise", publisher: "Fixture Tech Lab", published: "2024-06-01",
			count: 2, skipped: 1, entries: []want{
				{"relay.example.net", TypeDomain, "Paper Kite Indicators of Compromise", "Bluewhistle", "2024-06-01", paperKite},
				{"kitehelper", TypeProcess, "Paper Kite Indicators of Compromise", "Bluewhistle", "2024-06-01", paperKite},
			}},
		{file: "lists/paperkite/domains.txt", format: FormatText, id: "list-paperkite-domains-txt", name: "domains.txt",
			count: 3, skipped: 1, entries: []want{
				{value: "example.com", typ: TypeDomain}, {value: "sync.example.net", typ: TypeDomain},
				{value: "https://lure.example.org/login", typ: TypeURL},
			}},
		{file: "lists/paperkite/ips.txt", format: FormatText, id: "list-paperkite-ips-txt", name: "ips.txt", count: 2,
			entries: []want{{value: "198.51.100.7", typ: TypeIP}, {value: "2001:db8::1", typ: TypeIP}}},
		{file: "lists/paperkite/sha256.txt", format: FormatText, id: "list-paperkite-sha256-txt", name: "sha256.txt", count: 1,
			entries: []want{{value: fixtureSHA256, typ: TypeSHA256}}},
		{file: "lists/paperkite/emails.txt", format: FormatText, id: "list-paperkite-emails-txt", name: "emails.txt", count: 2,
			entries: []want{{value: "lure@example.org", typ: TypeEmail}, {value: "sender@example.org", typ: TypeEmail}}},
		{file: "lists/paperkite/iocs.txt", format: FormatText, id: "list-paperkite-iocs-txt", name: "iocs.txt", count: 3,
			entries: []want{{value: "example.com", typ: TypeDomain}, {value: "203.0.113.9", typ: TypeIP}, {value: fixtureMD5, typ: TypeMD5}}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			p := parseFixture(t, tc.file)
			l := p.List
			if l.Format != tc.format || l.ID != tc.id || l.Name != tc.name || p.Publisher != tc.publisher ||
				l.Report != tc.report || l.Published.String() != tc.published && !(tc.published == "" && l.Published.IsZero()) {
				t.Errorf("list = format %q id %q name %q publisher %q report %q published %q,\nwant %q %q %q %q %q %q",
					l.Format, l.ID, l.Name, p.Publisher, l.Report, l.Published, tc.format, tc.id, tc.name, tc.publisher, tc.report, tc.published)
			}
			if len(l.Indicators) != tc.count || len(p.Skipped) != tc.skipped {
				t.Errorf("%d indicators, %d skipped (%q); want %d, %d", len(l.Indicators), len(p.Skipped), p.Skipped, tc.count, tc.skipped)
			}
			for _, w := range tc.entries {
				in, ok := entry(l, w.value)
				if !ok {
					t.Errorf("no entry %s in %+v", w.value, l.Indicators)
					continue
				}
				got := want{in.Value, in.Type, in.Campaign, in.Malware, in.Date.String(), in.Report}
				if in.Date.IsZero() {
					got.date = ""
				}
				if got != w {
					t.Errorf("entry %s = %+v, want %+v", w.value, got, w)
				}
			}
			for _, v := range tc.absent {
				if _, ok := entry(l, v); ok {
					t.Errorf("%s should not be an indicator", v)
				}
			}
		})
	}
}

func parseFixture(t *testing.T, file string) Parsed {
	t.Helper()
	name := filepath.Join("testdata", filepath.FromSlash(file))
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := ParseFile(name, b)
	if err != nil {
		t.Fatalf("parse %s: %v", file, err)
	}
	return p
}

func entry(l rightsearch.IndicatorList, value string) (rightsearch.Indicator, bool) {
	for _, in := range l.Indicators {
		if in.Value == value {
			return in, true
		}
	}
	return rightsearch.Indicator{}, false
}

// TestDetectForAdd: add takes only what is clearly a list; a prose text
// or a JSON document that is neither STIX nor MISP stays a document.
func TestDetectForAdd(t *testing.T) {
	for _, tc := range []struct {
		name, body, want string
	}{
		{"notes.txt", "Meeting notes\nThe lawyer called twice.\nexample.com was mentioned.\n", ""},
		{"files.txt", "one line of prose about files\nanother line\n", ""},
		{"processes.txt", "bh\nmsgacntd\nroleaccountd\n", FormatText},
		{"list.txt", "example[.]com\nsync.example.net\n198.51.100.7\n", FormatText},
		{"two.txt", "example[.]com\nsync.example.net\n", ""}, // too short to tell without a typed name
		{"data.json", `{"type": "report", "objects": []}`, ""},
		{"domains.txt", "example[.]com\n", FormatText},
		{"iocs.csv", "uuid,event_id,category,type,value,comment,to_ids,date\n", FormatMISPCSV},
	} {
		if got := Detect(tc.name, []byte(tc.body), false); got != tc.want {
			t.Errorf("Detect(%s) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestParseRejects: what is not a list, or a list of nothing readable,
// is a clear error.
func TestParseRejects(t *testing.T) {
	for _, tc := range []struct{ name, body, why string }{
		{"a.json", `{"hello": "world"}`, "not an indicator list"},
		{"b.stix2", `{"type": "bundle", "id": "bundle--1", "objects": [{"type": "indicator", "id": "indicator--1", "pattern": "[x509-certificate:serial_number = '1']"}]}`, "no indicator"},
		{"c.stix2", `{"type": "bundle", "objects": [`, "STIX bundle"},
	} {
		_, err := Parse(tc.name, []byte(tc.body))
		if err == nil || !strings.Contains(err.Error(), tc.why) {
			t.Errorf("Parse(%s) = %v, want an error saying %q", tc.name, err, tc.why)
		}
		if tc.why == "not an indicator list" && !errors.Is(err, ErrNotList) {
			t.Errorf("Parse(%s): %v is not ErrNotList", tc.name, err)
		}
	}
}

// TestDocument: the list's document carries every value as an indicator
// and lists them readably, under the list's id.
func TestDocument(t *testing.T) {
	p := parseFixture(t, "stix/paper_kite.stix2")
	d := Document(p)
	if d.ID != p.List.ID || d.Type != DocType || d.Organization != "Fixture Tech Lab" || d.Published.String() != "2024-05-06" {
		t.Errorf("document = id %q type %q org %q published %s", d.ID, d.Type, d.Organization, d.Published)
	}
	if len(d.Indicators) != 7 || !strings.Contains(d.Body, "bluewhistled — process — campaign: Operation Paper Kite — malware: Bluewhistle") {
		t.Errorf("indicators %q, body:\n%s", d.Indicators, d.Body)
	}
	if err := d.Normalize(); err != nil {
		t.Errorf("the list's document does not normalize: %v", err)
	}
}

// TestMISPPublisher: a MISP instance's default organisation name is no
// publisher; a SOURCE: tag names one.
func TestMISPPublisher(t *testing.T) {
	for _, tc := range []struct{ event, want string }{
		{`{"Orgc": {"name": "MAIN"}, "Tag": [{"name": "SOURCE:CITIZENLAB"}]}`, "Citizen Lab"},
		{`{"Orgc": {"name": "MAIN"}}`, ""},
		{`{"Orgc": {"name": "Fixture CERT"}}`, "Fixture CERT"},
	} {
		body := `{"Event": {"uuid": "5cd56458-0000-4000-8000-000000000001", "info": "x", "Attribute": [{"type": "domain", "value": "example.com"}],` +
			strings.TrimPrefix(tc.event, "{") + `}`
		p, err := ParseFile("misp.json", []byte(body))
		if err != nil || p.Publisher != tc.want {
			t.Errorf("%s: publisher %q (%v), want %q", tc.event, p.Publisher, err, tc.want)
		}
	}
}
