package ingest_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nlnwa/gowarc/v3"
	"github.com/rightsearch/rightsearch/ingest"
	"github.com/rightsearch/rightsearch/ingest/fixture"
)

// The fixtures below are archives written in the test with gowarc, the
// WARC library crawl/archive.go writes with; their pages and PDFs are ours.

// warcRec is one record of a fixture archive.
type warcRec struct {
	typ    gowarc.RecordType
	url    string
	at     time.Time
	head   string // a response's status line and headers, "\r\n"-separated
	body   []byte // the payload as stored
	ctype  string // a resource's Content-Type
	refers string // a revisit's WARC-Payload-Digest: the payload it repeats
	// corrupt writes a WARC-Payload-Digest the payload does not match.
	corrupt bool
}

// warcFile is how a fixture archive is written.
type warcFile struct {
	version *gowarc.WarcVersion
	digest  string // sha1 (base32) or sha256 (hex)
	gzip    bool   // one gzip member per record
	whole   bool   // one gzip member for the whole file
	cut     int    // bytes cut off the end: a truncated tail
}

// buildWARC writes recs and returns the file's bytes and each record's
// offset in them.
func buildWARC(t testing.TB, wf warcFile, recs []warcRec) ([]byte, []int64) {
	t.Helper()
	var file bytes.Buffer
	offsets := make([]int64, len(recs))
	for i, r := range recs {
		offsets[i] = int64(file.Len())
		rec := marshalRecord(t, wf, r)
		if !wf.gzip {
			file.Write(rec)
			continue
		}
		zw := gzip.NewWriter(&file)
		if _, err := zw.Write(rec); err != nil {
			t.Fatal(err)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
	}
	b := file.Bytes()
	if wf.whole {
		// A record's offset is its member's: the one at byte 0.
		b, offsets = gzipped(t, b), make([]int64, len(recs))
	}
	return b[:len(b)-wf.cut], offsets
}

func marshalRecord(t testing.TB, wf warcFile, r warcRec) []byte {
	t.Helper()
	b := gowarc.NewRecordBuilder(r.typ, gowarc.WithVersion(wf.version), gowarc.WithAddMissingDigest(true),
		gowarc.WithDefaultDigestAlgorithm(wf.digest), gowarc.WithAddMissingRecordId(true))
	defer b.Close()
	b.AddWarcHeaderTime(gowarc.WarcDate, r.at)
	if r.url != "" {
		b.AddWarcHeader(gowarc.WarcTargetURI, r.url)
	}
	var block []byte
	switch r.typ {
	case gowarc.Warcinfo:
		b.AddWarcHeader(gowarc.ContentType, "application/warc-fields")
		block = []byte("software: rightsearch ingest test\r\nformat: WARC File Format\r\n")
	case gowarc.Request:
		b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=request")
		block = []byte("GET / HTTP/1.1\r\nHost: example.org\r\n\r\n")
	case gowarc.Response:
		b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
		block = append([]byte(r.head+"\r\n\r\n"), r.body...)
	case gowarc.Resource:
		b.AddWarcHeader(gowarc.ContentType, r.ctype)
		block = r.body
	case gowarc.Revisit:
		b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
		b.AddWarcHeader(gowarc.WarcProfile, "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest")
		b.AddWarcHeader(gowarc.WarcRefersToTargetURI, r.url)
		b.AddWarcHeader(gowarc.WarcPayloadDigest, r.refers)
		block = []byte(r.head + "\r\n\r\n")
	}
	if _, err := b.Write(block); err != nil {
		t.Fatal(err)
	}
	rec, _, err := b.Build()
	if err != nil {
		t.Fatalf("build %s record: %v", r.typ, err)
	}
	defer rec.Close()
	var out bytes.Buffer
	if _, _, err := gowarc.NewMarshaler().Marshal(&out, rec, 0); err != nil {
		t.Fatal(err)
	}
	if !r.corrupt {
		return out.Bytes()
	}
	want := rec.WarcHeader().Get(gowarc.WarcPayloadDigest)
	wrong := payloadDigest(wf.digest, []byte("not these bytes"))
	if want == "" || len(wrong) != len(want) {
		t.Fatalf("cannot corrupt digest %q", want)
	}
	return bytes.Replace(out.Bytes(), []byte(want), []byte(wrong), 1)
}

// payloadDigest is a WARC-Payload-Digest as gowarc writes it.
func payloadDigest(alg string, b []byte) string {
	if alg == "sha1" {
		s := sha1.Sum(b)
		return "sha1:" + base32.StdEncoding.EncodeToString(s[:])
	}
	s := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(s[:])
}

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// response is the head of a 2xx answer of content type ct.
func response(status int, ct string, extra ...string) string {
	h := fmt.Sprintf("HTTP/1.1 %d %s\r\nContent-Type: %s", status, statusText[status], ct)
	for _, e := range extra {
		h += "\r\n" + e
	}
	return h
}

var statusText = map[int]string{200: "OK", 301: "Moved Permanently", 404: "Not Found"}

// reportPage is an HTML report page of ours, with word in its text.
func reportPage(title, heading, word string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>%s</title></head>\n<body><main><article>\n", title)
	if heading != "" {
		fmt.Fprintf(&b, "<h1>%s</h1>\n", heading)
	}
	for _, p := range []string{
		"Researchers examined the phones of eleven reporters who had noticed their devices growing warm and silent at night.",
		"Each phone carried traces of a commercial implant that arrived through a message the owner never opened, a pattern we call " + word + ".",
		"The operators rotated their servers every few days, yet the certificates they reused tie the campaign to a single customer.",
		"We shared our findings with the vendor, which did not answer, and with the reporters, who agreed to this publication.",
	} {
		fmt.Fprintf(&b, "<p>%s</p>\n", p)
	}
	b.WriteString("</article></main></body></html>\n")
	return []byte(b.String())
}

// makePDF is a one-page PDF of lines of ASCII text.
func makePDF(title string, lines ...string) []byte {
	return fixture.PDF(title, "", "", lines)
}

// gzipped is b in one gzip member (a Content-Encoding: gzip body).
func gzipped(t testing.TB, b []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	zw.Write(b)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// chunk writes b in HTTP/1.1 chunks of n bytes.
func chunk(b []byte, n int) []byte {
	var out bytes.Buffer
	for len(b) > 0 {
		k := min(n, len(b))
		fmt.Fprintf(&out, "%x\r\n%s\r\n", k, b[:k])
		b = b[k:]
	}
	out.WriteString("0\r\n\r\n")
	return out.Bytes()
}

// fileFor writes b to dir/name and describes it as the walker would.
func fileFor(t testing.TB, dir, name string, b []byte) ingest.File {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	head := b[:min(len(b), ingest.HeadSize)]
	return ingest.File{Path: name, Abs: p, Size: int64(len(b)), ModTime: time.Now(), Head: head}
}

// readAll runs a reader and collects what it emits.
func readAll(t *testing.T, read ingest.Reader, f ingest.File) ([]ingest.Item, error) {
	t.Helper()
	var items []ingest.Item
	err := read(context.Background(), f, func(it ingest.Item) error {
		items = append(items, it)
		return nil
	})
	return items, err
}
