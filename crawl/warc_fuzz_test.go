package crawl

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// FuzzReadPayload feeds ReadPayload archives that are not what the crawler
// wrote (truncated, corrupt, hostile): it must return an error or a
// payload, never panic or hang.
func FuzzReadPayload(f *testing.F) {
	rec := "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n" +
		"WARC-Date: 2026-01-01T00:00:00Z\r\nWARC-Target-URI: http://127.0.0.1/\r\nContent-Type: application/http;msgtype=response\r\n" +
		"Content-Length: 62\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n"
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write([]byte(rec))
	w.Close()
	f.Add([]byte(rec), false, int64(0))
	f.Add(gz.Bytes(), true, int64(0))
	f.Add(gz.Bytes()[:gz.Len()/2], true, int64(0))
	f.Add([]byte("WARC/1.1\r\nContent-Length: 99999999999\r\n\r\n"), false, int64(0))
	f.Add([]byte{}, true, int64(3))
	f.Fuzz(func(t *testing.T, data []byte, gzipped bool, offset int64) {
		if offset < 0 || offset > int64(len(data)) {
			offset = 0
		}
		dir := t.TempDir()
		name := "fuzz.warc"
		if gzipped {
			name += ".gz"
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		ReadPayload(context.Background(), dir, name, offset)
	})
}
