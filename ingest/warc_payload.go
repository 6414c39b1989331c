package ingest

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base32"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"mime"
	"net/http"
	"net/http/httputil"
	"strings"
)

// What an archived payload is, decided from its bytes.
const (
	kindHTMLPage = "html"
	kindPDFDoc   = "pdf"
)

// payloadKind sniffs a payload: a PDF by its magic, an HTML page by its
// markup (a header saying text/html over a script or an image is not
// believed). "" is anything else.
func payloadKind(body []byte, declared string) string {
	head := body[:min(len(body), 4096)]
	if bytes.Contains(head[:min(len(head), 1024)], []byte("%PDF-")) {
		return kindPDFDoc
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	detected, _, _ := mime.ParseMediaType(http.DetectContentType(trimmed))
	media, _, _ := mime.ParseMediaType(declared)
	switch {
	case detected == "text/html":
		return kindHTMLPage
	case (detected == "text/plain" || detected == "text/xml") && (isHTMLType(media) || media == "") && hasMarkup(head):
		return kindHTMLPage
	}
	return ""
}

func isHTMLType(media string) bool {
	return media == "text/html" || media == "application/xhtml+xml"
}

// hasMarkup catches pages whose first tag comes after a long preamble.
func hasMarkup(head []byte) bool {
	l := bytes.ToLower(head)
	for _, tag := range []string{"<html", "<!doctype html", "<head", "<body"} {
		if bytes.Contains(l, []byte(tag)) {
			return true
		}
	}
	return false
}

// documentType is the content type a document is extracted and kept
// under: the declared one when the bytes agree (it carries the charset).
func documentType(kind, declared string) string {
	media, _, _ := mime.ParseMediaType(declared)
	switch {
	case kind == kindPDFDoc:
		return "application/pdf"
	case isHTMLType(media):
		return declared
	}
	return "text/html"
}

// decodeBody gives the payload as a browser would see it: de-chunked and
// with its Content-Encoding undone. Tools that capture through a browser
// store the decoded bytes under the original headers, so a coding is only
// undone when the bytes are in it.
func decodeBody(payload []byte, h http.Header, isChunked bool) ([]byte, error) {
	if h == nil {
		return payload, nil
	}
	b := payload
	if isChunked {
		if d, err := dechunk(b); err == nil {
			b = d
		}
	}
	codings := strings.Split(h.Get("Content-Encoding"), ",")
	for i := len(codings) - 1; i >= 0; i-- {
		c := strings.ToLower(strings.TrimSpace(codings[i]))
		var d []byte
		var err error
		switch c {
		case "", "identity":
			continue
		case "gzip", "x-gzip":
			if !bytes.HasPrefix(b, []byte{0x1f, 0x8b}) {
				return b, nil // stored decoded
			}
			d, err = inflate(gzip.NewReader(bytes.NewReader(b)))
		case "deflate":
			if d, err = inflate(zlib.NewReader(bytes.NewReader(b))); err != nil {
				d, err = inflate(flate.NewReader(bytes.NewReader(b)), nil)
			}
		default:
			err = fmt.Errorf("unsupported Content-Encoding %q", c)
		}
		if err != nil {
			if payloadKind(b, h.Get("Content-Type")) != "" {
				return b, nil // the bytes are already the document
			}
			return nil, fmt.Errorf("%s body: %w", c, err)
		}
		b = d
	}
	return b, nil
}

// chunked reads the HTTP head as stored: does it say Transfer-Encoding:
// chunked?
func chunked(head []byte) bool {
	for _, line := range bytes.Split(head, []byte("\n")) {
		name, value, ok := bytes.Cut(line, []byte(":"))
		if ok && strings.EqualFold(string(bytes.TrimSpace(name)), "Transfer-Encoding") &&
			bytes.Contains(bytes.ToLower(value), []byte("chunked")) {
			return true
		}
	}
	return false
}

func dechunk(b []byte) ([]byte, error) {
	return inflate(httputil.NewChunkedReader(bytes.NewReader(b)), nil)
}

// errTooBig: a coding decodes past the record cap.
var errTooBig = errors.New("decodes past the record payload cap")

func inflate[R io.Reader](r R, err error) ([]byte, error) {
	if err != nil {
		return nil, err
	}
	b, err := io.ReadAll(io.LimitReader(r, recordCap+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > recordCap {
		return nil, errTooBig
	}
	return b, nil
}

// digestMatches checks a WARC-Payload-Digest ("sha1:BASE32", "sha256:hex",
// ...) against the payload as stored, or de-chunked: tools differ on which
// bytes they digest. An algorithm it does not know is not held against the
// record.
func digestMatches(declared string, payload []byte, isChunked bool) bool {
	alg, value, ok := strings.Cut(strings.TrimSpace(declared), ":")
	if !ok {
		return false
	}
	newHash := hashes[strings.ReplaceAll(strings.ToLower(alg), "-", "")]
	if newHash == nil {
		return true
	}
	want, err := decodeDigest(value, newHash().Size())
	if err != nil {
		return false
	}
	if sum(newHash, payload, want) {
		return true
	}
	if isChunked {
		if d, err := dechunk(payload); err == nil {
			return sum(newHash, d, want)
		}
	}
	return false
}

var hashes = map[string]func() hash.Hash{"sha1": sha1.New, "sha256": sha256.New, "sha512": sha512.New, "md5": md5.New}

func sum(newHash func() hash.Hash, b, want []byte) bool {
	h := newHash()
	h.Write(b)
	return bytes.Equal(h.Sum(nil), want)
}

// decodeDigest reads a digest in base16, base32 or base64, with or
// without padding, from its length.
func decodeDigest(v string, size int) ([]byte, error) {
	var b []byte
	var err error
	switch {
	case len(v) == 2*size:
		b, err = hex.DecodeString(v)
	case len(v) == base32.StdEncoding.EncodedLen(size) || len(v) == base32.StdEncoding.WithPadding(base32.NoPadding).EncodedLen(size):
		b, err = base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(strings.ToUpper(strings.TrimRight(v, "=")))
	default:
		b, err = base64.StdEncoding.WithPadding(base64.NoPadding).DecodeString(strings.TrimRight(v, "="))
	}
	if err == nil && len(b) != size {
		err = errors.New("wrong length")
	}
	return b, err
}
