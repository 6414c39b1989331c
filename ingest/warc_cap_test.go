package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"strings"
	"testing"
)

// plainRecord writes a WARC/1.1 response record by hand.
func plainRecord(url, httpHead string, body []byte) []byte {
	return rawRecord(url, "Content-Type: application/http;msgtype=response\r\n", httpHead, body)
}

// rawRecord is a response record with the WARC header lines given
// (besides type, target, date and length).
func rawRecord(url, warcLines, httpHead string, body []byte) []byte {
	block := append([]byte(httpHead+"\r\n\r\n"), body...)
	return fmt.Appendf(nil, "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\nWARC-Date: 2025-03-14T09:26:53Z\r\n"+
		"%sContent-Length: %d\r\n\r\n%s\r\n\r\n", url, warcLines, len(block), block)
}

// What browser-based tools write and net/http does not take as it is:
// an "HTTP/2 200" status line, a response record without a WARC
// Content-Type. A capture its tool cut short (WARC-Truncated) is no
// document.
func TestLenientRecords(t *testing.T) {
	var warc bytes.Buffer
	warc.Write(rawRecord("https://example.org/h2", "Content-Type: application/http; msgtype=response\r\n", "HTTP/2 200\r\ncontent-type: text/html", page("whimbrel")))
	warc.Write(rawRecord("https://example.org/untyped", "", "HTTP/1.1 200 OK\r\nContent-Type: text/html", page("turnstone")))
	warc.Write(rawRecord("https://example.org/cut", "Content-Type: application/http\r\nWARC-Truncated: length\r\n", "HTTP/1.1 200 OK\r\nContent-Type: text/html", page("knot")))
	var got []string
	a := newArchiveReader(func(it Item) error { got = append(got, it.Doc.URL+" "+it.Doc.Title); return nil }, nil)
	if err := a.readWARC(context.Background(), &warc, "lenient.warc"); err != nil {
		t.Fatal(err)
	}
	if want := []string{"https://example.org/h2 whimbrel", "https://example.org/untyped turnstone"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("documents %q, want %q", got, want)
	}
}

func page(word string) []byte {
	return []byte("<!doctype html><html><head><title>" + word + "</title></head><body><p>" +
		strings.Repeat("The "+word+" appears in this paragraph of our own. ", 20) + "</p></body></html>")
}

// A record over the payload cap, and a gzip body that inflates past it,
// are skipped; the records around them are read, memory stays bounded.
func TestRecordCap(t *testing.T) {
	defer func(c int64) { recordCap = c }(recordCap)
	recordCap = 4 << 10
	var bomb bytes.Buffer
	zw := gzip.NewWriter(&bomb)
	zw.Write([]byte("<!doctype html><html><body>"))
	zw.Write(bytes.Repeat([]byte("<p>again</p>"), 10<<10)) // 120 KiB from a few hundred bytes
	zw.Close()
	var warc bytes.Buffer
	warc.Write(plainRecord("https://example.org/first", "HTTP/1.1 200 OK\r\nContent-Type: text/html", page("avocet")))
	warc.Write(plainRecord("https://example.org/huge", "HTTP/1.1 200 OK\r\nContent-Type: text/html", page(strings.Repeat("godwit ", 200))))
	warc.Write(plainRecord("https://example.org/bomb", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip", bomb.Bytes()))
	warc.Write(plainRecord("https://example.org/last", "HTTP/1.1 200 OK\r\nContent-Type: text/html", page("dunlin")))
	var got []string
	a := newArchiveReader(func(it Item) error { got = append(got, it.Doc.URL); return nil }, nil)
	if err := a.readWARC(context.Background(), &warc, "cap.warc"); err != nil {
		t.Fatal(err)
	}
	if want := []string{"https://example.org/first", "https://example.org/last"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("documents %v, want %v", got, want)
	}
	if a.stats.Oversized != 1 || a.stats.Failed != 1 {
		t.Errorf("stats %+v, want 1 oversized and 1 failed (the bomb)", a.stats)
	}
}
