package ingest_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nlnwa/gowarc/v3"
	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/ingest"
)

// Archives written by other tools (testdata/warc/README.md says which
// and how) give the report and its PDF annex, and nothing else: not the
// redirect, the stylesheet, the 404, the widget's iframe, the revisit,
// the tools' own metadata. Each document's offset is checked by reading
// the record found there with gowarc, independently of our reader.
func TestArchivesFromOtherTools(t *testing.T) {
	type doc struct{ url, title, word, ct string }
	for _, tc := range []struct {
		file, warc string // warc: the entry inside a WACZ
		at         time.Time
		docs       []doc
	}{
		{file: "wget-tidewater.warc.gz", at: time.Date(2026, 12, 2, 18, 13, 56, 0, time.UTC), docs: []doc{
			{"http://127.0.0.1:8931/reports/tidewater", "Tidewater: spyware on the coast", "saltmarsh", "text/html; charset=utf-8"},
			{"http://127.0.0.1:8931/reports/tidewater-annex.pdf", "Tidewater technical annex", "cordgrass", "application/pdf"},
		}},
		{file: "tidewater.wacz", warc: "archive/data.warc.gz", at: time.Date(2025, 6, 2, 14, 3, 11, 0, time.UTC), docs: []doc{
			{"https://tidewater.example.org/reports/tidewater", "Tidewater: spyware on the coast", "saltmarsh", "text/html; charset=utf-8"},
			{"https://tidewater.example.org/reports/tidewater-annex.pdf", "Tidewater technical annex", "cordgrass", "application/pdf"},
		}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", "warc", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			f := fileFor(t, t.TempDir(), tc.file, b)
			kind, archive, warc := ingest.WARCKind, tc.file, b
			if tc.warc != "" {
				kind, archive, warc = ingest.WACZKind, tc.file+"#"+tc.warc, zipEntry(t, b, tc.warc)
			}
			if !kind.Match(f) {
				t.Fatalf("%s does not match %s", kind.Name, tc.file)
			}
			items, err := readAll(t, kind.Read, f)
			if err != nil {
				t.Fatal(err)
			}
			if len(items) != len(tc.docs) {
				t.Fatalf("got %d documents, want %d: %v", len(items), len(tc.docs), urls(items))
			}
			for i, w := range tc.docs {
				d, p := items[i].Doc, items[i].Doc.Provenance
				if d.ID != rightsearch.IDForURL(w.url) || d.URL != w.url || d.Title != w.title || !strings.Contains(d.Body, w.word) {
					t.Errorf("document %d: %s %s %q, want %s %q with %q in its text", i, d.ID, d.URL, d.Title, w.url, w.title, w.word)
				}
				if p.Source != rightsearch.SourceArchive || p.Archive != archive || p.Status != 200 || p.ContentType != w.ct ||
					!p.FetchedAt.Equal(tc.at) || p.SHA256 != sha256Hex(items[i].Raw) || !bytes.Contains(items[i].Raw, []byte(w.word)) {
					t.Errorf("%s: provenance %+v", w.url, *p)
				}
				checkRecordAt(t, warc, p.WARCOffset, p.PayloadDigest)
			}
		})
	}
}

// checkRecordAt reads the record at offset with gowarc: a response
// whose WARC-Payload-Digest is the one provenance gives.
func checkRecordAt(t *testing.T, warc []byte, offset int64, digest string) {
	t.Helper()
	rd, err := gowarc.NewWarcFileReaderFromStream(bytes.NewReader(warc[offset:]), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	rec, err := rd.Next()
	if err != nil {
		t.Fatalf("no record at byte %d: %v", offset, err)
	}
	defer rec.Close()
	if rec.Offset != 0 || rec.WarcRecord.Type() != gowarc.Response || rec.WarcRecord.WarcHeader().Get(gowarc.WarcPayloadDigest) != digest || digest == "" {
		t.Errorf("at byte %d: %s record with digest %q, want a response with %q", offset,
			rec.WarcRecord.Type(), rec.WarcRecord.WarcHeader().Get(gowarc.WarcPayloadDigest), digest)
	}
}

func zipEntry(t *testing.T, b []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	out, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// rightsearch add's kinds send the archives to these readers: the first
// kind that matches is warc or wacz, not text (an uncompressed WARC is
// text) nor a zip format.
func TestDefaultKindsPickArchives(t *testing.T) {
	plain, _ := buildWARC(t, warcFile{version: gowarc.V1_0, digest: "sha1"}, []warcRec{
		{typ: gowarc.Warcinfo, at: captured},
		{typ: gowarc.Response, url: reportURL, at: captured, head: response(200, "text/html"), body: reportPage("Report", "Report", "quillwort")},
	})
	files := map[string][]byte{"capture.warc": plain}
	for _, name := range []string{"wget-tidewater.warc.gz", "tidewater.wacz"} {
		b, err := os.ReadFile(filepath.Join("testdata", "warc", name))
		if err != nil {
			t.Fatal(err)
		}
		files[name] = b
	}
	want := map[string]string{"capture.warc": "warc", "wget-tidewater.warc.gz": "warc", "tidewater.wacz": "wacz"}
	dir := t.TempDir()
	for name, b := range files {
		f := fileFor(t, dir, name, b)
		got := ""
		for _, k := range ingest.DefaultKinds() {
			if k.Match(f) {
				got = k.Name
				break
			}
		}
		if got != want[name] {
			t.Errorf("%s is read as %q, want %q", name, got, want[name])
		}
	}
}
