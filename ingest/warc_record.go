package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/nlnwa/gowarc/v3"
	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/crawl/extract"
)

// MaxRecordPayload bounds the payload of one archive record: a larger one
// is skipped, so that one huge capture cannot exhaust memory.
const MaxRecordPayload = 256 << 20

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

// record turns one record into a document, or counts why not. Only a
// cut-short record, the context or emit stop the archive.
func (a *archiveReader) record(ctx context.Context, name string, rec gowarc.Record) error {
	a.stats.Records++
	for _, v := range rec.Validation {
		var cl *gowarc.ContentLengthError
		if errors.As(v, &cl) && cl.Actual < cl.Expected {
			return fmt.Errorf("warc %s: record at byte %d is cut short (%d of %d bytes): %w",
				name, rec.Offset, cl.Actual, cl.Expected, io.ErrUnexpectedEOF)
		}
	}
	wr := rec.WarcRecord
	switch wr.Type() {
	case gowarc.Revisit:
		a.stats.Revisits++
		return nil
	case gowarc.Response, gowarc.Resource:
	default:
		return nil
	}
	c, ok := a.captureOf(name, rec)
	if !ok {
		return nil
	}
	if c.digest != "" && !digestMatches(c.digest, c.payload, c.chunked) {
		a.stats.BadDigest++
		a.skip(name, rec.Offset, c.url, "payload does not match WARC-Payload-Digest "+c.digest, nil)
		return nil
	}
	body, err := decodeBody(c.payload, c.header, c.chunked)
	if err != nil {
		a.stats.Failed++
		a.skip(name, rec.Offset, c.url, "payload cannot be decoded", err)
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
		a.skip(name, rec.Offset, c.url, "no text extracted", err)
		return nil
	}
	doc.URL = c.url
	if kind == kindPDFDoc {
		doc.PDFURL = c.url
	}
	doc.ID = rightsearch.IDForURL(c.url)
	doc.Title = betterTitle(doc.Title, a.pages.title(c.url), c.url)
	doc.Provenance = &rightsearch.Provenance{Source: rightsearch.SourceArchive, Archive: name,
		WARCOffset: rec.Offset, PayloadDigest: c.digest, FetchedAt: c.at, Status: c.status,
		ContentType: ct, SHA256: key}
	return a.add(Item{Doc: doc, Raw: body, RawType: ct}, kind == kindPDFDoc)
}

// captureOf reads a response's HTTP status and payload, or a resource's
// block. Redirects are noted for the page set; records that are not a
// whole 2xx answer, or too big, are counted and left.
func (a *archiveReader) captureOf(name string, rec gowarc.Record) (capture, bool) {
	wr := rec.WarcRecord
	h := wr.WarcHeader()
	c := capture{url: strings.Trim(h.Get(gowarc.WarcTargetURI), "<> "), digest: h.Get(gowarc.WarcPayloadDigest)}
	c.at, _ = wr.Date()
	c.at = c.at.UTC()
	var r io.Reader
	var err error
	if block, ok := wr.Block().(gowarc.HttpResponseBlock); ok && block.HttpHeader() != nil {
		c.status, c.header = block.HttpStatusCode(), *block.HttpHeader()
		c.contentType = c.header.Get("Content-Type")
		c.chunked = chunked(block.ProtocolHeaderBytes())
		if c.status >= 300 && c.status < 400 {
			a.pages.redirect(c.url, c.header.Get("Location"))
		}
		// 206 is a part of the payload only: not the document.
		if c.status < 200 || c.status > 299 || c.status == http.StatusPartialContent {
			a.stats.NotOK++
			return c, false
		}
		r, err = block.PayloadBytes()
	} else if wr.Type() == gowarc.Resource {
		c.contentType = h.Get(gowarc.ContentType)
		r, err = wr.Block().RawBytes()
	} else {
		return c, false // a response that is not HTTP (dns:, ftp:)
	}
	if n, lerr := wr.ContentLength(); lerr == nil && n > MaxRecordPayload+64<<10 {
		a.stats.Oversized++
		a.skip(name, rec.Offset, c.url, fmt.Sprintf("record of %d bytes is over the %d-byte cap", n, MaxRecordPayload), nil)
		return c, false
	}
	if err == nil {
		c.payload, err = io.ReadAll(io.LimitReader(r, MaxRecordPayload+1))
	}
	if err != nil {
		a.stats.Failed++
		a.skip(name, rec.Offset, c.url, "payload cannot be read", err)
		return c, false
	}
	if len(c.payload) > MaxRecordPayload {
		a.stats.Oversized++
		a.skip(name, rec.Offset, c.url, fmt.Sprintf("payload is over the %d-byte cap", MaxRecordPayload), nil)
		return c, false
	}
	return c, true
}
