package rightsearch

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Document is one piece of evidence: a report, a letter, a filing. It is
// what crawl produces, what the store keeps as JSON and what search returns.
type Document struct {
	ID           string   `json:"id"`
	URL          string   `json:"url,omitempty"`
	PDFURL       string   `json:"pdf_url,omitempty"`
	Title        string   `json:"title"`
	Summary      string   `json:"summary,omitempty"`
	Body         string   `json:"body,omitempty"`
	Authors      []string `json:"authors,omitempty"`
	Language     string   `json:"language,omitempty"`
	Organization string   `json:"organization,omitempty"`
	Type         string   `json:"type,omitempty"`
	Published    Date     `json:"published,omitzero"`
	Targets      []string `json:"targets,omitempty"`
	Countries    []string `json:"countries,omitempty"`
	Spyware      []string `json:"spyware,omitempty"`
	Indicators   []string `json:"indicators,omitempty"`
	Cites        []string `json:"cites,omitempty"`
	CitedBy      []string `json:"cited_by,omitempty"`
	Relation     string   `json:"relation,omitempty"`
	Uncertain    []string `json:"uncertain,omitempty"`
	// LetterMentions is how the seed letter refers to this document.
	LetterMentions string      `json:"letter_mentions,omitempty"`
	Provenance     *Provenance `json:"provenance,omitempty"`
}

// Provenance says where a Document's text came from, so that a researcher
// can check it against the archived bytes.
type Provenance struct {
	Source      string    `json:"source"` // seed, crawl, import
	FetchedAt   time.Time `json:"fetched_at,omitzero"`
	Status      int       `json:"status,omitempty"`
	ContentType string    `json:"content_type,omitempty"`
	SHA256      string    `json:"sha256,omitempty"`
	WARC        string    `json:"warc,omitempty"`
	WARCOffset  int64     `json:"warc_offset,omitempty"`
	// Path, Size and ModTime name a file given to `rightsearch add`,
	// relative to the folder or file given; an attachment or a WARC record
	// keeps its container's.
	Path    string    `json:"path,omitempty"`
	Size    int64     `json:"size,omitempty"`
	ModTime time.Time `json:"mtime,omitzero"`
	// Archive is a web archive (WARC or WACZ) the bytes were read from, and
	// PayloadDigest its record's WARC-Payload-Digest, checked on read.
	Archive       string `json:"archive,omitempty"`
	PayloadDigest string `json:"payload_digest,omitempty"`
	// Parent is the id of the document this one was attached to (an
	// e-mail's attachment names its message).
	Parent string `json:"parent,omitempty"`
	// Raw is the sha256 of the original bytes kept in the data directory's
	// raw store, which /api/documents/{id}/raw serves.
	Raw string `json:"raw,omitempty"`
}

// Provenance sources.
const (
	SourceSeed   = "seed"
	SourceCrawl  = "crawl"
	SourceImport = "import"
	// SourceFile is a file or folder given to `rightsearch add`;
	// SourceArchive a record of a WARC or WACZ given to it.
	SourceFile    = "file"
	SourceArchive = "archive"
)

// Types lists the document types a Document may carry.
var Types = []string{"report", "letter", "submission", "press-release",
	"technical-analysis", "court-filing", "investigation", "news", "speech",
	"email", "indicator-list", "other"}

// ErrInvalid marks a Document (or a part of one) that cannot be accepted.
var ErrInvalid = errors.New("invalid document")

// PageBreak separates the pages of a PDF's text in Body, so that a hit can
// name its page.
const PageBreak = '\f'

// Normalize fills what can be derived (an id from the URL or body, a
// lowercase type) and checks the rest. It reports what is wrong with
// ErrInvalid wrapped.
func (d *Document) Normalize() error {
	d.validText()
	d.ID = strings.TrimSpace(d.ID)
	if d.ID == "" {
		switch {
		case d.URL != "":
			d.ID = IDForURL(d.URL)
		case d.Body != "" || d.Title != "":
			d.ID = IDForContent(d.Title + "\n" + d.Body)
		default:
			return fmt.Errorf("%w: no id, url or body", ErrInvalid)
		}
	}
	if err := CheckID(d.ID); err != nil {
		return err
	}
	d.Type = strings.ToLower(strings.TrimSpace(d.Type))
	if d.Type == "" {
		d.Type = "other"
	}
	if !validType(d.Type) {
		return fmt.Errorf("%w: type %q is not one of %s", ErrInvalid, d.Type, strings.Join(Types, ", "))
	}
	d.Language = strings.ToLower(strings.TrimSpace(d.Language))
	if d.Language != "" && !validLanguage(d.Language) {
		return fmt.Errorf("%w: language %q is not an ISO 639-1 code", ErrInvalid, d.Language)
	}
	if strings.TrimSpace(d.Title) == "" && strings.TrimSpace(d.Body) == "" && strings.TrimSpace(d.Summary) == "" {
		return fmt.Errorf("%w: %s has no title, summary or body", ErrInvalid, d.ID)
	}
	return nil
}

// validText replaces invalid UTF-8 in the text fields with U+FFFD. The
// store writes JSON, which would make that replacement on its own: done
// here, the text the index saw, the byte offsets of its matches and the
// text a re-index reads back are the same bytes.
func (d *Document) validText() {
	for _, p := range []*string{&d.Title, &d.Summary, &d.Body, &d.URL, &d.Organization, &d.Type, &d.Language} {
		*p = strings.ToValidUTF8(*p, "\uFFFD")
	}
	for _, ss := range [][]string{d.Authors, d.Targets, d.Countries, d.Spyware, d.Indicators} {
		for i := range ss {
			ss[i] = strings.ToValidUTF8(ss[i], "\uFFFD")
		}
	}
}

func validType(t string) bool {
	for _, v := range Types {
		if v == t {
			return true
		}
	}
	return false
}

func validLanguage(l string) bool {
	if len(l) != 2 {
		return false
	}
	return l[0] >= 'a' && l[0] <= 'z' && l[1] >= 'a' && l[1] <= 'z'
}

// PageAt returns the 1-based page of the byte offset off in a body whose
// pages are separated by PageBreak, or 0 when the body has no page breaks.
func PageAt(body string, off int) int {
	if strings.IndexByte(body, PageBreak) < 0 {
		return 0
	}
	if off > len(body) {
		off = len(body)
	}
	return strings.Count(body[:off], string(rune(PageBreak))) + 1
}
