package crawl

import (
	"context"
	"strings"
	"testing"

	"github.com/rightsearch/rightsearch/crawl/extract"
)

// The fixture PDF must be one that extraction reads, or the crawl tests
// built on it prove nothing.
func TestFixturePDFExtracts(t *testing.T) {
	doc, err := extract.Document(context.Background(), makePDF(annexPages), "application/pdf", "http://x.test/a.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc.Body, "FALCONWATCH") || !strings.Contains(doc.Body, "example-sms.test") {
		t.Errorf("body %q lacks the text of both pages", doc.Body)
	}
	if n := strings.Count(doc.Body, "\f"); n != 1 {
		t.Errorf("body has %d page breaks, want 1: %q", n, doc.Body)
	}
}
