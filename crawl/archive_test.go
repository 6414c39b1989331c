package crawl

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nlnwa/gowarc/v3"
)

// The archive is read back with gowarc under strict validation: every
// digest holds, requests pair with responses, and each response payload is
// exactly what the fixture server sent.
func TestArchiveReadsBackVerbatim(t *testing.T) {
	s := newSite(t)
	data := t.TempDir()
	var got collect
	paths := []string{"/research/2016/08/implant-report/", "/reports/annex.pdf", "/gzipped/page"}
	if _, err := testCrawler(t, s, data, nil).Run(context.Background(), seedsFor(s, paths...), got.sink); err != nil {
		t.Fatal(err)
	}
	news := readFixture(t, "news.html")
	served := map[string][]byte{ // as sent on the wire
		s.URL + paths[0]: readFixture(t, "report.html"),
		s.URL + paths[1]: s.pdf,
		s.URL + paths[2]: gzipBytes(news),
	}
	files, _ := filepath.Glob(filepath.Join(data, "archive", "*"))
	if len(files) != 1 || !isWARCName(filepath.Base(files[0])) {
		t.Fatalf("archive files %q, want one rightsearch-<ts>-<n>.warc.gz", files)
	}
	types := map[string]int{}
	warcMu.Lock()
	rd, err := gowarc.NewWarcFileReader(files[0], 0, gowarc.WithStrictValidation())
	warcMu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	for rec, err := range rd.Records() {
		if err != nil {
			t.Fatalf("record at %d: %v", rec.Offset, err)
		}
		wr := rec.WarcRecord
		types[wr.Type().String()]++
		if wr.Version().String() != "WARC/1.1" {
			t.Errorf("version %s", wr.Version())
		}
		if wr.Type() == gowarc.Response {
			checkResponse(t, wr, served)
		}
		rec.Close()
	}
	if types["warcinfo"] != 1 || types["request"] != 3 || types["response"] != 3 {
		t.Errorf("record types %v", types)
	}
	// ReadPayload gives the decoded bytes, whose sha256 the provenance holds.
	for _, d := range got.docs {
		p := d.Provenance
		_, payload, err := ReadPayload(context.Background(), filepath.Join(data, "archive"), p.WARC, p.WARCOffset)
		if err != nil {
			t.Fatal(err)
		}
		if sum := sha256.Sum256(payload); hex.EncodeToString(sum[:]) != p.SHA256 {
			t.Errorf("%s: archived payload does not hash to provenance sha256", d.URL)
		}
		if d.URL == s.URL+paths[2] && string(payload) != string(news) {
			t.Errorf("gzip page read back as %d bytes, want the decoded page", len(payload))
		}
	}
}

func checkResponse(t *testing.T, wr gowarc.WarcRecord, served map[string][]byte) {
	t.Helper()
	h := wr.WarcHeader()
	uri := h.Get(gowarc.WarcTargetURI)
	want, ok := served[uri]
	if !ok {
		t.Errorf("unexpected response for %s", uri)
		return
	}
	block := wr.Block().(gowarc.HttpResponseBlock)
	r, err := block.PayloadBytes()
	if err != nil {
		t.Fatal(err)
	}
	payload, _ := io.ReadAll(r)
	if string(payload) != string(want) {
		t.Errorf("%s: archived payload differs from the served bytes (%d vs %d bytes)", uri, len(payload), len(want))
	}
	sum := sha256.Sum256(want)
	if d := h.Get(gowarc.WarcPayloadDigest); !strings.EqualFold(d, "sha256:"+hex.EncodeToString(sum[:])) {
		t.Errorf("%s: WARC-Payload-Digest %q", uri, d)
	}
	if h.Get(gowarc.WarcConcurrentTo) == "" || h.Get(gowarc.WarcIPAddress) != "127.0.0.1" {
		t.Errorf("%s: headers %v", uri, h)
	}
	if block.HttpStatusCode() != 200 {
		t.Errorf("%s: status %d", uri, block.HttpStatusCode())
	}
}

func TestReadPayloadRejects(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"../etc/passwd", "sub/x.warc.gz", "", ".hidden.warc.gz", "notes.txt"} {
		if _, _, err := ReadPayload(context.Background(), dir, name, 0); err == nil {
			t.Errorf("ReadPayload(%q) accepted", name)
		}
	}
	s := newSite(t)
	data := t.TempDir()
	var got collect
	if _, err := testCrawler(t, s, data, nil).Run(context.Background(), seedsFor(s, "/about/"), got.sink); err != nil {
		t.Fatal(err)
	}
	// Offset 0 is the warcinfo record, not a response.
	_, _, err := ReadPayload(context.Background(), filepath.Join(data, "archive"), got.docs[0].Provenance.WARC, 0)
	if !errors.Is(err, ErrNotResponse) {
		t.Errorf("ReadPayload at the warcinfo record = %v, want ErrNotResponse", err)
	}
}
