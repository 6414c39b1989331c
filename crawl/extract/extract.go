package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strings"

	rightsearch "github.com/rightsearch/rightsearch"
)

// Outcomes a caller may branch on (errors.Is).
var (
	// ErrUnsupported is returned for content that is neither HTML nor PDF.
	ErrUnsupported = errors.New("unsupported content type")
	// ErrEncrypted is returned for a PDF that cannot be opened without a password.
	ErrEncrypted = errors.New("encrypted PDF")
	// ErrMalformed is returned for bytes that claim a format but cannot be parsed
	// (a truncated or broken PDF).
	ErrMalformed = errors.New("malformed document")
	// ErrNoText is returned when a document parses but holds no text, such as
	// a scanned PDF without a text layer.
	ErrNoText = errors.New("no text")
)

// kind is the format Document decided to extract.
type kind int

const (
	kindUnknown kind = iota
	kindHTML
	kindPDF
)

// Document extracts a Document from body. contentType may be empty or
// wrong (servers send PDFs as application/octet-stream or text/html), so
// the bytes are sniffed and win over the header. pageURL becomes the
// Document's URL.
func Document(ctx context.Context, body []byte, contentType, pageURL string) (rightsearch.Document, error) {
	var (
		doc rightsearch.Document
		err error
	)
	switch sniff(body, contentType) {
	case kindPDF:
		doc, err = PDF(ctx, body)
	case kindHTML:
		doc, err = HTML(body, pageURL)
	default:
		mt, _, _ := mime.ParseMediaType(contentType)
		return rightsearch.Document{}, fmt.Errorf("extract %s (%s): %w", pageURL, mt, ErrUnsupported)
	}
	if err != nil {
		return rightsearch.Document{}, fmt.Errorf("extract %s: %w", pageURL, err)
	}
	doc.URL = pageURL
	return doc, nil
}

// sniff decides the format from the magic bytes first, then the declared
// type, then http.DetectContentType.
func sniff(body []byte, contentType string) kind {
	head := body[:min(len(body), 1024)]
	if bytes.Contains(head, []byte("%PDF-")) {
		return kindPDF
	}
	declared, _, _ := mime.ParseMediaType(contentType)
	switch declared {
	case "application/pdf", "application/x-pdf":
		// A PDF without its magic in the first KiB is not a PDF we can read,
		// but the PDF path reports that more clearly than "unsupported".
		return kindPDF
	case "text/html", "application/xhtml+xml":
		return kindHTML
	}
	// A byte-order mark makes DetectContentType say text/plain before it
	// looks for markup.
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")), " \t\r\n")
	detected, _, _ := mime.ParseMediaType(http.DetectContentType(trimmed))
	switch {
	case detected == "text/html":
		return kindHTML
	case detected == "application/pdf":
		return kindPDF
	case detected == "text/plain" && looksLikeHTML(head):
		return kindHTML
	case detected == "text/xml" && looksLikeHTML(head):
		return kindHTML // XHTML served with an XML prolog
	}
	return kindUnknown
}

// looksLikeHTML catches markup that DetectContentType misses because of a
// long preamble (BOM, comments, whitespace) before the first tag.
func looksLikeHTML(head []byte) bool {
	l := strings.ToLower(string(head))
	for _, tag := range []string{"<html", "<!doctype html", "<head", "<body", "<article", "<p>", "<div"} {
		if strings.Contains(l, tag) {
			return true
		}
	}
	return false
}
