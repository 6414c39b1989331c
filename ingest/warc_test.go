package ingest_test

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nlnwa/gowarc/v3"
	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/ingest"
	"github.com/rightsearch/rightsearch/seeds"
)

var (
	captured = time.Date(2025, 3, 14, 9, 26, 53, 0, time.UTC)
	earlier  = captured.Add(-48 * time.Hour)
)

const (
	reportURL = "https://example.org/reports/silent-phones"
	pdfURL    = "https://example.org/reports/silent-phones-annex.pdf"
)

// wantDoc is a document a fixture should give: the record it comes from
// and what a researcher would check of it.
type wantDoc struct {
	rec     int    // index of its record in the fixture
	url     string // and so its id, rightsearch.IDForURL(url)
	title   string // contained in the title
	word    string // contained in the body
	ct      string
	raw     []byte // the payload as a browser sees it
	catalog string // the seed id, when the URL is a catalog entry's
}

type warcCase struct {
	name    string
	file    warcFile
	recs    []warcRec
	want    []wantDoc
	wantErr string // in the error returned, "" for none
}

func warcCases(t *testing.T) []warcCase {
	report := reportPage("Silent Phones: an investigation", "Silent Phones", "quillwort")
	pdf := makePDF("Silent Phones technical annex", "Silent Phones technical annex",
		"Indicators of the implant, listed by the marshwren campaign.")
	encoded := reportPage("Night traffic", "Night traffic", "bellflower")
	tampered := reportPage("Tampered", "Tampered", "foxglove")
	notes := reportPage("Field notes", "Field notes", "sandpiper")
	resourcePDF := makePDF("Annex B", "Annex B lists the heronry servers.")
	full := []warcRec{
		{typ: gowarc.Warcinfo, at: captured},
		{typ: gowarc.Request, url: reportURL, at: captured},
		{typ: gowarc.Response, url: reportURL, at: captured, head: response(200, "text/html; charset=utf-8"), body: report},
		// a PDF served as octet-stream: the bytes say what it is
		{typ: gowarc.Response, url: pdfURL, at: captured, head: response(200, "application/octet-stream"), body: pdf},
		{typ: gowarc.Response, url: "https://example.org/style.css", at: captured, head: response(200, "text/css"), body: []byte("body{color:#111}")},
		{typ: gowarc.Response, url: "https://example.org/missing", at: captured, head: response(404, "text/html"), body: reportPage("Not found", "Not found", "nettle")},
		{typ: gowarc.Revisit, url: reportURL, at: captured.Add(time.Hour), head: response(200, "text/html; charset=utf-8"), refers: payloadDigest("sha256", report)},
		// the same bytes under another URL: a duplicate
		{typ: gowarc.Response, url: reportURL + "?utm_source=feed", at: captured, head: response(200, "text/html"), body: report},
		{typ: gowarc.Response, url: "https://example.org/tampered", at: captured, head: response(200, "text/html"), body: tampered, corrupt: true},
		{typ: gowarc.Response, url: "https://example.org/night", at: captured,
			head: response(200, "text/html", "Content-Encoding: gzip", "Transfer-Encoding: chunked"), body: chunk(gzipped(t, encoded), 100)},
		// an older capture of the report, read after the newer one
		{typ: gowarc.Response, url: reportURL, at: earlier, head: response(200, "text/html"), body: reportPage("Silent Phones (draft)", "Draft", "quillwort")},
	}
	short := []warcRec{
		{typ: gowarc.Warcinfo, at: captured},
		{typ: gowarc.Response, url: reportURL, at: captured, head: response(200, "text/html"), body: report},
		{typ: gowarc.Response, url: "https://example.org/notes", at: captured, head: response(200, "text/html"), body: notes},
	}
	reportDoc := wantDoc{rec: 2, url: reportURL, title: "Silent Phones", word: "quillwort", ct: "text/html; charset=utf-8", raw: report}
	return []warcCase{
		{name: "WARC/1.1, gzip per record", file: warcFile{version: gowarc.V1_1, digest: "sha256", gzip: true}, recs: full,
			want: []wantDoc{reportDoc,
				{rec: 3, url: pdfURL, title: "Silent Phones technical annex", word: "marshwren", ct: "application/pdf", raw: pdf},
				{rec: 9, url: "https://example.org/night", title: "Night traffic", word: "bellflower", ct: "text/html", raw: encoded},
			}},
		{name: "WARC/1.0, uncompressed, sha1", file: warcFile{version: gowarc.V1_0, digest: "sha1"}, recs: []warcRec{
			{typ: gowarc.Warcinfo, at: captured},
			{typ: gowarc.Response, url: "https://example.org/notes", at: captured, head: response(200, "text/html"), body: notes},
			{typ: gowarc.Resource, url: "https://example.org/files/annex-b.pdf", at: captured, ctype: "application/pdf", body: resourcePDF},
		}, want: []wantDoc{
			{rec: 1, url: "https://example.org/notes", title: "Field notes", word: "sandpiper", ct: "text/html", raw: notes},
			{rec: 2, url: "https://example.org/files/annex-b.pdf", title: "Annex B", word: "heronry", ct: "application/pdf", raw: resourcePDF},
		}},
		{name: "WARC/1.1, gzipped whole", file: warcFile{version: gowarc.V1_1, digest: "sha256", whole: true}, recs: short,
			want: []wantDoc{{rec: 1, url: reportURL, title: "Silent Phones", word: "quillwort", ct: "text/html", raw: report},
				{rec: 2, url: "https://example.org/notes", title: "Field notes", word: "sandpiper", ct: "text/html", raw: notes}}},
		{name: "gzip, truncated tail", file: warcFile{version: gowarc.V1_1, digest: "sha256", gzip: true, cut: 60}, recs: short,
			want: []wantDoc{{rec: 1, url: reportURL, title: "Silent Phones", word: "quillwort", ct: "text/html", raw: report}}, wantErr: "record at byte"},
		{name: "uncompressed, truncated tail", file: warcFile{version: gowarc.V1_1, digest: "sha256", cut: 300}, recs: short,
			want: []wantDoc{{rec: 1, url: reportURL, title: "Silent Phones", word: "quillwort", ct: "text/html", raw: report}}, wantErr: "cut short"},
	}
}

// Each fixture archive gives the documents it should, with the
// provenance a researcher checks against the archive; revisits,
// duplicates, a tampered payload, an older capture, subresources and a
// 404 give none; a damaged tail keeps what came before it.
func TestReadWARC(t *testing.T) {
	for _, tc := range warcCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			b, offsets := buildWARC(t, tc.file, tc.recs)
			name := "capture.warc"
			if tc.file.gzip || tc.file.whole {
				name += ".gz"
			}
			f := fileFor(t, t.TempDir(), name, b)
			if !ingest.WARCKind.Match(f) {
				t.Fatalf("WARCKind does not match %s", name)
			}
			items, err := readAll(t, ingest.ReadWARC, f)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatalf("ReadWARC: %v", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Fatalf("ReadWARC error = %v, want one saying %q", err, tc.wantErr)
			}
			if len(items) != len(tc.want) {
				t.Fatalf("got %d documents, want %d: %v", len(items), len(tc.want), urls(items))
			}
			for i, w := range tc.want {
				checkDoc(t, items[i], w, f.Path, offsets[w.rec], tc.recs[w.rec], tc.file.digest)
			}
		})
	}
}

func urls(items []ingest.Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Doc.URL)
	}
	return out
}

func checkDoc(t *testing.T, it ingest.Item, w wantDoc, archive string, offset int64, rec warcRec, alg string) {
	t.Helper()
	d := it.Doc
	id := rightsearch.IDForURL(w.url)
	if w.catalog != "" {
		id = w.catalog
	}
	if d.ID != id || d.URL != w.url {
		t.Errorf("document %s (%s), want %s (%s)", d.ID, d.URL, id, w.url)
	}
	if !strings.Contains(d.Title, w.title) || !strings.Contains(d.Body, w.word) {
		t.Errorf("%s: title %q, want %q in it; body has %q: %v", w.url, d.Title, w.title, w.word, strings.Contains(d.Body, w.word))
	}
	if err := d.Normalize(); err != nil {
		t.Errorf("%s: %v", w.url, err)
	}
	if !bytes.Equal(it.Raw, w.raw) || it.RawType != w.ct {
		t.Errorf("%s: raw %d bytes of %q, want %d bytes of %q", w.url, len(it.Raw), it.RawType, len(w.raw), w.ct)
	}
	p := d.Provenance
	if p == nil {
		t.Fatalf("%s: no provenance", w.url)
	}
	status := 200
	if rec.typ == gowarc.Resource {
		status = 0
	}
	want := rightsearch.Provenance{Source: rightsearch.SourceArchive, Archive: archive, WARCOffset: offset,
		PayloadDigest: payloadDigest(alg, rec.body), FetchedAt: rec.at, Status: status, ContentType: w.ct,
		SHA256: sha256Hex(w.raw)}
	if *p != want {
		t.Errorf("%s: provenance\n got %+v\nwant %+v", w.url, *p, want)
	}
}

// A capture of a page and the PDF a catalog entry cites becomes that
// entry: its id and facts, the captured text (the fuller one, the PDF's,
// with that record's provenance), its page and PDF URLs.
func TestWARCCaptureOfCatalogEntry(t *testing.T) {
	const (
		page = "http://blog.lookout.com/trident-pegasus/" // the catalog says https, no slash
		pdf  = "https://info.lookout.com/rs/051-ESQ-475/images/lookout-pegasus-technical-analysis.pdf"
	)
	entry, ok := seeds.MustLoad().Get("lookout-2016-pegasus-technical-analysis")
	if !ok || entry.PDFURL != pdf {
		t.Fatalf("the catalog entry this test captures changed: %+v", entry)
	}
	pageBody := reportPage("Trident and Pegasus", "Trident and Pegasus", "plover")
	var lines []string
	for i := range 40 {
		lines = append(lines, fmt.Sprintf("Section %d of the annex describes the curlew stage of the exploit chain.", i+1))
	}
	pdfBody := makePDF("Technical analysis", lines...)
	recs := []warcRec{
		{typ: gowarc.Warcinfo, at: captured},
		{typ: gowarc.Response, url: page, at: captured, head: response(200, "text/html"), body: pageBody},
		{typ: gowarc.Response, url: pdf, at: captured.Add(time.Minute), head: response(200, "application/pdf"), body: pdfBody},
	}
	b, offsets := buildWARC(t, warcFile{version: gowarc.V1_1, digest: "sha256", gzip: true}, recs)
	items, err := readAll(t, ingest.ReadWARC, fileFor(t, t.TempDir(), "lookout.warc.gz", b))
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 {
		t.Fatalf("got %d documents, want the one catalog entry: %v", len(items), urls(items))
	}
	d := items[0].Doc
	if d.ID != entry.ID || d.Title != entry.Title || !slices.Equal(d.Spyware, entry.Spyware) || d.Summary != entry.Summary {
		t.Errorf("got %s %q %v, want the catalog's %s %q %v", d.ID, d.Title, d.Spyware, entry.ID, entry.Title, entry.Spyware)
	}
	if d.URL != entry.URL || d.PDFURL != pdf || !strings.Contains(d.Body, "curlew") {
		t.Errorf("url %s pdf %s, body has the PDF's text: %v", d.URL, d.PDFURL, strings.Contains(d.Body, "curlew"))
	}
	p := d.Provenance
	if p.Source != rightsearch.SourceArchive || p.WARCOffset != offsets[2] || !p.FetchedAt.Equal(recs[2].at) ||
		!bytes.Equal(items[0].Raw, pdfBody) || p.ContentType != "application/pdf" {
		t.Errorf("provenance %+v, want the PDF record's at %d", *p, offsets[2])
	}
}
