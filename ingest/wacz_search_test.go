package ingest_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/nlnwa/gowarc/v3"
	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/indexer"
	"github.com/rightsearch/rightsearch/ingest"
	"github.com/rightsearch/rightsearch/internal/testenv"
	"github.com/rightsearch/rightsearch/search"
	"github.com/rightsearch/rightsearch/web"
)

// A Browsertrix-style WACZ of a report page becomes that report in a
// real index: a word of its captured text finds it over HTTP, and its
// provenance gives the capture time as fetched and the archive record.
// The capture of a page the catalog cites becomes the catalog's entry,
// its facts kept.
func TestWACZReportIsSearchable(t *testing.T) {
	const citedURL = "https://citizenlab.ca/2016/08/million-dollar-dissident-iphone-zero-day-nso-group-uae/"
	recs, _, _, _, _ := waczCapture(t)
	recs = append(recs, warcRec{typ: gowarc.Response, url: citedURL, at: earlier,
		head: response(200, "text/html"), body: reportPage("The Million Dollar Dissident", "The Million Dollar Dissident", "lapwing")})
	warc, offsets := buildWARC(t, warcFile{version: gowarc.V1_1, digest: "sha256", gzip: true}, recs)
	f := fileFor(t, t.TempDir(), "capture.wacz", buildWACZ(t, warc, 0, false))
	items, err := readAll(t, ingest.ReadWACZ, f)
	if err != nil {
		t.Fatal(err)
	}
	var jsonl bytes.Buffer
	for _, it := range items {
		b, err := json.Marshal(it.Doc)
		if err != nil {
			t.Fatal(err)
		}
		jsonl.Write(append(b, '\n'))
	}
	e, err := testenv.Open(t.TempDir(), jsonl.Bytes(), func(ix *indexer.Index) http.Handler {
		return web.NewServer(web.Config{Engine: search.New(ix, search.Options{})})
	})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	for _, tc := range []struct {
		word, id string
		rec      int
		target   string // a catalog fact the document keeps
	}{
		{"quillwort", rightsearch.IDForURL(finalURL), 2, ""},
		{"lapwing", "cl-2016-million-dollar-dissident", len(recs) - 1, "Ahmed Mansoor"},
	} {
		r := e.Search(t, url.Values{"q": {tc.word}})
		if ids := testenv.HitIDs(r); !slices.Contains(ids, tc.id) {
			t.Errorf("q=%s: hits %v, want %s", tc.word, ids, tc.id)
			continue
		}
		var d rightsearch.Document
		if st := e.Get(t, "/api/documents/"+tc.id, &d); st != http.StatusOK {
			t.Fatalf("document %s: status %d", tc.id, st)
		}
		p := d.Provenance
		if p == nil || p.Source != rightsearch.SourceArchive || !p.FetchedAt.Equal(recs[tc.rec].at) ||
			p.Archive != "capture.wacz#archive/data.warc.gz" || p.WARCOffset != offsets[tc.rec] || p.PayloadDigest == "" {
			t.Errorf("%s: provenance %+v, want the archive record at %d fetched %s", tc.id, p, offsets[tc.rec], recs[tc.rec].at)
		}
		if tc.target != "" && !slices.Contains(d.Targets, tc.target) {
			t.Errorf("%s: targets %v lost the catalog's %s", tc.id, d.Targets, tc.target)
		}
	}
}
