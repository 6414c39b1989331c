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
	block := append([]byte(httpHead+"\r\n\r\n"), body...)
	return fmt.Appendf(nil, "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\nWARC-Date: 2025-03-14T09:26:53Z\r\n"+
		"Content-Type: application/http;msgtype=response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", url, len(block), block)
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
