package ingest_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/nlnwa/gowarc/v3"
	"github.com/rightsearch/rightsearch/ingest"
)

const (
	startURL = "https://example.org/r/silent" // what pages.jsonl names
	finalURL = "https://example.org/reports/silent-phones-full"
	aboutURL = "https://example.org/about"
	frameURL = "https://widgets.example.net/share"
)

// waczCapture is a Browsertrix-like capture of a report page: the page
// is reached through a redirect, holds a share-widget iframe, links a PDF.
func waczCapture(t *testing.T) (recs []warcRec, report, pdf, about, frame []byte) {
	report = reportPage("Untitled", "", "quillwort")
	pdf = makePDF("Silent Phones technical annex", "Indicators of the marshwren campaign.")
	about = reportPage("About the lab", "About the lab", "kestrel")
	frame = reportPage("Share this", "Share this", "wagtail")
	recs = []warcRec{
		{typ: gowarc.Warcinfo, at: captured},
		{typ: gowarc.Response, url: startURL, at: captured, head: "HTTP/1.1 301 Moved Permanently\r\nLocation: /reports/silent-phones-full"},
		{typ: gowarc.Response, url: finalURL, at: captured, head: response(200, "text/html"), body: report},
		{typ: gowarc.Response, url: frameURL, at: captured, head: response(200, "text/html"), body: frame},
		{typ: gowarc.Response, url: pdfURL, at: captured, head: response(200, "application/pdf"), body: pdf},
		{typ: gowarc.Response, url: aboutURL, at: captured, head: response(200, "text/html"), body: about},
		// Browsertrix's own records: the page's extracted text, not a document
		{typ: gowarc.Resource, url: "urn:text:" + finalURL, at: captured, ctype: "text/plain", body: []byte("quillwort")},
	}
	return recs, report, pdf, about, frame
}

// buildWACZ zips a WARC with its datapackage.json and, when pages is
// set, pages/pages.jsonl and pages/extraPages.jsonl.
func buildWACZ(t *testing.T, warc []byte, method uint16, pages bool) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	add := func(name string, m uint16, data []byte) {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: m})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	add("archive/data.warc.gz", method, warc)
	res := []map[string]any{{"name": "data.warc.gz", "path": "archive/data.warc.gz", "hash": "sha256:" + sha256Hex(warc), "bytes": len(warc)}}
	if pages {
		header := `{"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}` + "\n"
		add("pages/pages.jsonl", zip.Deflate, []byte(header+fmt.Sprintf(
			`{"id": "p1", "url": %q, "ts": "2025-03-14T09:26:53Z", "title": "Silent Phones: the full report", "text": "quillwort"}`+"\n", startURL)))
		add("pages/extraPages.jsonl", zip.Deflate, []byte(header+fmt.Sprintf(
			`{"id": "p2", "url": %q, "ts": "2025-03-14T09:26:53Z", "title": "About"}`+"\n", aboutURL)))
	}
	pkg, _ := json.Marshal(map[string]any{"profile": "data-package", "wacz_version": "1.1.1", "resources": res})
	add("datapackage.json", zip.Deflate, pkg)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// A WACZ gives the pages that were the capture's point, with the title
// pages.jsonl gives where extraction finds only "Untitled", and its PDFs;
// the share widget's iframe is no document. Without pages files every
// HTML page is one. Provenance names the WARC inside the WACZ.
func TestReadWACZ(t *testing.T) {
	recs, report, pdf, about, frame := waczCapture(t)
	warc, offsets := buildWARC(t, warcFile{version: gowarc.V1_1, digest: "sha256", gzip: true}, recs)
	reportDoc := wantDoc{rec: 2, url: finalURL, title: "Silent Phones: the full report", word: "quillwort", ct: "text/html", raw: report}
	pdfDoc := wantDoc{rec: 4, url: pdfURL, title: "Silent Phones technical annex", word: "marshwren", ct: "application/pdf", raw: pdf}
	aboutDoc := wantDoc{rec: 5, url: aboutURL, title: "About the lab", word: "kestrel", ct: "text/html", raw: about}
	for _, tc := range []struct {
		name   string
		method uint16
		pages  bool
		want   []wantDoc
	}{
		{"stored WARC, pages.jsonl", zip.Store, true, []wantDoc{reportDoc, pdfDoc, aboutDoc}},
		{"deflated WARC, no pages files", zip.Deflate, false, []wantDoc{
			{rec: 2, url: finalURL, title: "Untitled", word: "quillwort", ct: "text/html", raw: report},
			{rec: 3, url: frameURL, title: "Share this", word: "wagtail", ct: "text/html", raw: frame},
			pdfDoc, aboutDoc}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := fileFor(t, t.TempDir(), "capture.wacz", buildWACZ(t, warc, tc.method, tc.pages))
			if !ingest.WACZKind.Match(f) || ingest.WARCKind.Match(f) {
				t.Fatalf("WACZKind.Match = %v, WARCKind.Match = %v", ingest.WACZKind.Match(f), ingest.WARCKind.Match(f))
			}
			items, err := readAll(t, ingest.ReadWACZ, f)
			if err != nil {
				t.Fatalf("ReadWACZ: %v", err)
			}
			if len(items) != len(tc.want) {
				t.Fatalf("got %d documents, want %d: %v", len(items), len(tc.want), urls(items))
			}
			for i, w := range tc.want {
				checkDoc(t, items[i], w, "capture.wacz#archive/data.warc.gz", offsets[w.rec], recs[w.rec], "sha256")
			}
		})
	}
}

// A zip that is not a WACZ (a DOCX's layout) is left to the other kinds.
func TestWACZMatchesOnlyWACZ(t *testing.T) {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte("<w:document/>"))
	w, _ = zw.Create("archive/notes.warc")
	w.Write([]byte("WARC/1.1\r\n"))
	zw.Close()
	f := fileFor(t, t.TempDir(), "letter.docx", b.Bytes())
	if ingest.WACZKind.Match(f) || ingest.WARCKind.Match(f) {
		t.Error("a zip without datapackage.json matched as a web archive")
	}
	pdf := fileFor(t, t.TempDir(), "annex.pdf", makePDF("Annex", "text"))
	text := fileFor(t, t.TempDir(), "notes.txt", []byte(strings.Repeat("WARC files are web archives. ", 10)))
	for _, f := range []ingest.File{pdf, text} {
		if ingest.WARCKind.Match(f) || ingest.WACZKind.Match(f) {
			t.Errorf("%s matched as a web archive", f.Path)
		}
	}
}
