package ingest

import (
	"bytes"
	"errors"
	"io"
	"os"
	"testing"
)

// FuzzWARCScanner: no input makes the record scanner or the payload
// decoding panic or loop, and every record it gives starts inside the
// input. (Extraction, which has fuzz tests of its own in crawl/extract,
// is left out: it would make each run slow.)
func FuzzWARCScanner(f *testing.F) {
	if b, err := os.ReadFile("testdata/warc/wget-tidewater.warc.gz"); err == nil {
		f.Add(b)
	}
	f.Add(plainRecord("https://example.org/a", "HTTP/1.1 200 OK\r\nContent-Type: text/html", page("avocet")))
	f.Add(rawRecord("https://example.org/b", "", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip", []byte("5\r\nhello\r\n0\r\n\r\n")))
	f.Fuzz(func(t *testing.T, data []byte) {
		defer func(c int64) { recordCap = c }(recordCap)
		recordCap = 1 << 20
		sc := newWARCScanner(bytes.NewReader(data))
		var rec *warcRecord
		for range 10000 {
			var err error
			if rec, err = sc.next(rec); err != nil {
				if errors.Is(err, io.EOF) {
					return
				}
				return // damage, reported
			}
			if rec.offset < 0 || rec.offset >= int64(len(data)) {
				t.Fatalf("record at %d of a %d-byte input", rec.offset, len(data))
			}
			block, _ := io.ReadAll(io.LimitReader(rec.block, recordCap+1))
			head, payload := splitHTTP(block)
			resp, err := readHTTPHead(head)
			if err != nil {
				continue
			}
			c := chunked(head)
			digestMatches(rec.header.Get("Warc-Payload-Digest"), payload, c)
			if b, err := decodeBody(payload, resp.Header, c); err == nil {
				payloadKind(b, resp.Header.Get("Content-Type"))
			}
		}
		t.Fatal("10000 records from one input")
	})
}
