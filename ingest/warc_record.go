package ingest

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/crawl/extract"
)

// MaxRecordPayload bounds the payload of one archive record: a larger one
// is skipped, so that one huge capture cannot exhaust memory.
const MaxRecordPayload = 256 << 20

// recordCap is MaxRecordPayload, lowered by tests.
var recordCap int64 = MaxRecordPayload

// capture is what a response or resource record holds for extraction.
type capture struct {
	url         string
	at          time.Time
	status      int
	contentType string      // as declared
	header      http.Header // nil for a resource record
	chunked     bool        // Transfer-Encoding: chunked (which header parsing drops)
	payload     []byte      // as stored in the record
	digest      string      // WARC-Payload-Digest as written
}

// maxHTTPHead bounds the HTTP head a response record holds before its
// payload.
const maxHTTPHead = 1 << 20

// record turns one record into a document, or counts why not. Only
// damage (a cut-short block), the context or emit stop the archive.
func (a *archiveReader) record(ctx context.Context, name string, rec *warcRecord) error {
	a.stats.Records++
	switch strings.ToLower(rec.header.Get("Warc-Type")) {
	case "revisit":
		a.stats.Revisits++
		return nil
	case "response", "resource":
	default:
		return nil
	}
	c, ok, err := a.captureOf(name, rec)
	if err != nil || !ok {
		return err
	}
	if c.digest != "" && !digestMatches(c.digest, c.payload, c.chunked) {
		a.stats.BadDigest++
		a.skip(name, rec.offset, c.url, "payload does not match WARC-Payload-Digest "+c.digest, nil)
		return nil
	}
	body, err := decodeBody(c.payload, c.header, c.chunked)
	if err != nil {
		a.stats.Failed++
		a.skip(name, rec.offset, c.url, "payload cannot be decoded", err)
		return nil
	}
	kind := payloadKind(body, c.contentType)
	if kind == "" || (kind == kindHTMLPage && !a.pages.has(c.url)) {
		return nil // not a document: a script, an image, a page's subresource
	}
	sum := sha256.Sum256(body)
	key := hex.EncodeToString(sum[:])
	if a.seen[key] {
		a.stats.Duplicates++
		return nil
	}
	a.seen[key] = true
	ct := documentType(kind, c.contentType)
	doc, err := extract.Document(ctx, body, ct, c.url)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		a.stats.Failed++
		a.skip(name, rec.offset, c.url, "no text extracted", err)
		return nil
	}
	doc.URL = c.url
	if kind == kindPDFDoc {
		doc.PDFURL = c.url
	}
	doc.ID = rightsearch.IDForURL(c.url)
	doc.Title = betterTitle(doc.Title, a.pages.title(c.url), c.url)
	doc.Provenance = &rightsearch.Provenance{Source: rightsearch.SourceArchive, Archive: name,
		WARCOffset: rec.offset, PayloadDigest: c.digest, FetchedAt: c.at, Status: c.status,
		ContentType: ct, SHA256: key}
	return a.add(Item{Doc: doc, Raw: body, RawType: ct}, kind == kindPDFDoc)
}

// captureOf reads a response's HTTP status and payload, or a resource's
// block. Redirects are noted for the page set; records that are not a
// whole 2xx answer, or too big, are counted and left. The error is
// damage: a block cut short.
func (a *archiveReader) captureOf(name string, rec *warcRecord) (capture, bool, error) {
	h := rec.header
	c := capture{url: strings.Trim(h.Get("Warc-Target-Uri"), "<> "), digest: h.Get("Warc-Payload-Digest")}
	if c.url == "" {
		return c, false, nil // nothing to name the document by
	}
	if t, err := time.Parse(time.RFC3339Nano, h.Get("Warc-Date")); err == nil {
		c.at = t.UTC()
	}
	if rec.length > recordCap+maxHTTPHead {
		a.stats.Oversized++
		a.skip(name, rec.offset, c.url, fmt.Sprintf("record of %d bytes is over the %d-byte cap", rec.length, recordCap), nil)
		return c, false, nil
	}
	block, err := io.ReadAll(rec.block)
	if err == nil && rec.block.N > 0 {
		err = fmt.Errorf("cut short (%d of %d bytes): %w", rec.length-rec.block.N, rec.length, io.ErrUnexpectedEOF)
	}
	if err != nil {
		return c, false, fmt.Errorf("warc %s: record at byte %d: %w", name, rec.offset, eofIsUnexpected(err))
	}
	if tr := h.Get("Warc-Truncated"); tr != "" {
		// The capturing tool stopped early (length, time): a part of
		// the payload is no document.
		a.stats.Failed++
		a.skip(name, rec.offset, c.url, "capture truncated by its tool (WARC-Truncated: "+tr+")", nil)
		return c, false, nil
	}
	wt, ct := strings.ToLower(h.Get("Warc-Type")), h.Get("Content-Type")
	switch {
	case wt == "response" && (strings.HasPrefix(strings.ToLower(ct), "application/http") || bytes.HasPrefix(block, []byte("HTTP/"))):
		head, payload := splitHTTP(block)
		resp, err := readHTTPHead(head)
		if err != nil {
			a.stats.Failed++
			a.skip(name, rec.offset, c.url, "no HTTP response header", err)
			return c, false, nil
		}
		_ = resp.Body.Close()
		c.status, c.header, c.chunked = resp.StatusCode, resp.Header, chunked(head)
		c.contentType, c.payload = resp.Header.Get("Content-Type"), payload
		if c.status >= 300 && c.status < 400 {
			a.pages.redirect(c.url, resp.Header.Get("Location"))
		}
		// 206 is a part of the payload only: not the document.
		if c.status < 200 || c.status > 299 || c.status == http.StatusPartialContent {
			a.stats.NotOK++
			return c, false, nil
		}
	case wt == "resource":
		c.contentType, c.payload = ct, block
	default:
		return c, false, nil // a response that is not HTTP (dns:, ftp:)
	}
	if int64(len(c.payload)) > recordCap {
		a.stats.Oversized++
		a.skip(name, rec.offset, c.url, fmt.Sprintf("payload is over the %d-byte cap", recordCap), nil)
		return c, false, nil
	}
	return c, true, nil
}

// readHTTPHead parses a stored response head. Browser-based tools write
// "HTTP/2 200" for HTTP/2 exchanges, which net/http reads only as a
// version with a minor number.
func readHTTPHead(head []byte) (*http.Response, error) {
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(head)), nil)
	if err != nil {
		for _, v := range []string{"HTTP/2 ", "HTTP/3 "} {
			if bytes.HasPrefix(head, []byte(v)) {
				fixed := append([]byte("HTTP/1.1 "), head[len(v):]...)
				resp, err = http.ReadResponse(bufio.NewReader(bytes.NewReader(fixed)), nil)
			}
		}
	}
	return resp, err
}

// splitHTTP parts an HTTP message into its head (with the blank line that
// ends it) and its payload.
func splitHTTP(block []byte) (head, payload []byte) {
	if i := bytes.Index(block, []byte("\r\n\r\n")); i >= 0 {
		return block[:i+4], block[i+4:]
	}
	if i := bytes.Index(block, []byte("\n\n")); i >= 0 {
		return block[:i+2], block[i+2:]
	}
	return append(block[:len(block):len(block)], "\r\n\r\n"...), nil
}
