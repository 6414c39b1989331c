// Package extract turns fetched bytes (HTML or PDF) into a Document's text
// and metadata. It is the last step of crawl in the pipeline seeds → crawl →
// indexer → search.
package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/PuerkitoBio/goquery"
	rightsearch "github.com/rightsearch/rightsearch"
)

// ErrUnsupported is returned for content that is neither HTML nor PDF.
var ErrUnsupported = errors.New("unsupported content type")

// Document extracts a Document from body; contentType may be empty, in
// which case the bytes are sniffed. pageURL becomes the Document's URL.
// PLACEHOLDER: replaced by the extraction work (issue 3).
func Document(ctx context.Context, body []byte, contentType, pageURL string) (rightsearch.Document, error) {
	if bytes.HasPrefix(body, []byte("%PDF-")) || strings.Contains(contentType, "pdf") {
		return rightsearch.Document{}, fmt.Errorf("extract %s: %w", pageURL, ErrUnsupported)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return rightsearch.Document{}, fmt.Errorf("extract %s: %w", pageURL, err)
	}
	return rightsearch.Document{URL: pageURL, Title: strings.TrimSpace(doc.Find("title").Text()),
		Body: strings.TrimSpace(doc.Find("body").Text())}, nil
}
