package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	rightsearch "github.com/rightsearch/rightsearch"
)

// MaxUnzipped bounds the bytes a DOCX or ODT may decompress to: a zip
// bomb of a few kilobytes that unpacks to gigabytes stops here.
const MaxUnzipped = 64 << 20

// errZipBomb marks an office file that unpacks to more than MaxUnzipped.
var errZipBomb = errors.New("unpacks to more than 64 MiB (a zip bomb?)")

const odtType = "application/vnd.oasis.opendocument.text"

// officeKind tells a DOCX ("docx") or an ODT ("odt") by the archive's
// entries, "" for any other zip.
func officeKind(zr *zip.Reader) string {
	for _, f := range zr.File {
		switch f.Name {
		case "word/document.xml":
			return "docx"
		case "mimetype":
			if b, err := readEntry(f, &budget{left: 256}); err == nil && strings.TrimSpace(string(b)) == odtType {
				return "odt"
			}
		}
	}
	return ""
}

func zipOf(data []byte) (*zip.Reader, bool) {
	if !isZip(data) {
		return nil, false
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	return zr, err == nil
}

func isDOCX(data []byte) bool { zr, ok := zipOf(data); return ok && officeKind(zr) == "docx" }
func isODT(data []byte) bool  { zr, ok := zipOf(data); return ok && officeKind(zr) == "odt" }

// budget is what is left of MaxUnzipped for one file, shared by its
// entries.
type budget struct{ left int64 }

// readEntry decompresses one entry within the budget. The header's
// declared size is not trusted: the reader is cut at the budget.
func readEntry(f *zip.File, b *budget) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, b.left+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name, err)
	}
	if int64(len(data)) > b.left {
		return nil, errZipBomb
	}
	b.left -= int64(len(data))
	return data, nil
}

// openEntry opens an entry for streaming within the budget: reading past
// it fails with errZipBomb.
func openEntry(f *zip.File, b *budget) (io.ReadCloser, error) {
	if f.UncompressedSize64 > uint64(b.left) {
		return nil, errZipBomb // as declared; archive/zip fails an entry that inflates past that
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name, err)
	}
	return struct {
		io.Reader
		io.Closer
	}{&budgetReader{r: rc, b: b}, rc}, nil
}

// budgetReader counts what it reads against the budget.
type budgetReader struct {
	r io.Reader
	b *budget
}

func (br *budgetReader) Read(p []byte) (int, error) {
	if br.b.left <= 0 {
		return 0, errZipBomb
	}
	n, err := br.r.Read(p[:min(int64(len(p)), br.b.left+1)])
	br.b.left -= int64(n)
	if br.b.left < 0 {
		return n, errZipBomb
	}
	return n, err
}

// zipEntry reads the named entry, nil when the archive has none.
func zipEntry(zr *zip.Reader, name string, b *budget) ([]byte, error) {
	for _, f := range zr.File {
		if f.Name == name {
			return readEntry(f, b)
		}
	}
	return nil, nil
}

// officeText reads the document's XML: the text of its paragraphs, one a
// line. para names the paragraph (and heading) elements, tab and brk the
// tab and line-break elements, text the elements whose character data is
// text, space an element standing for spaces (ODT's text:s).
type officeXML struct {
	para, text      map[string]bool
	tab, brk, space string
}

var docxXML = officeXML{para: set("p"), text: set("t"), tab: "tab", brk: "br"}
var odtXML = officeXML{para: set("p", "h"), text: set("p", "h", "span", "a", "list-item"), tab: "tab", brk: "line-break", space: "s"}

func set(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

// read walks the XML tokens; it keeps only text, so a document's size in
// memory is about its text's.
func (ox officeXML) read(r io.Reader) (string, error) {
	dec := xml.NewDecoder(r)
	var b strings.Builder
	depth := 0 // inside how many text elements
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return strings.TrimSpace(b.String()), nil
		}
		if errors.Is(err, errZipBomb) {
			return "", errZipBomb
		}
		if err != nil {
			return "", fmt.Errorf("document xml: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch n := t.Name.Local; {
			case n == ox.tab:
				b.WriteByte('\t')
			case n == ox.brk:
				b.WriteByte('\n')
			case n == ox.space && ox.space != "":
				b.WriteByte(' ')
			case ox.text[n]:
				depth++
			}
		case xml.EndElement:
			if ox.text[t.Name.Local] {
				depth--
			}
			if ox.para[t.Name.Local] {
				b.WriteByte('\n')
			}
		case xml.CharData:
			if depth > 0 {
				b.Write(t)
			}
		}
	}
}

// coreMeta is what DOCX's docProps/core.xml and ODT's meta.xml say: the
// same Dublin Core names in both.
type coreMeta struct {
	Title    string `xml:"title"`
	Creator  string `xml:"creator"`
	Initial  string `xml:"initial-creator"`
	Created  string `xml:"created"`
	Creation string `xml:"creation-date"`
	Meta     *struct {
		Title    string `xml:"title"`
		Creator  string `xml:"creator"`
		Initial  string `xml:"initial-creator"`
		Creation string `xml:"creation-date"`
	} `xml:"meta"`
}

// apply sets the title, author and date the metadata gives.
func (m coreMeta) apply(d *rightsearch.Document) {
	if m.Meta != nil { // ODT nests it in office:meta
		m.Title, m.Creator, m.Initial, m.Creation = m.Meta.Title, m.Meta.Creator, m.Meta.Initial, m.Meta.Creation
	}
	if t := strings.TrimSpace(m.Title); t != "" {
		d.Title = t
	}
	for _, a := range []string{m.Creator, m.Initial} {
		if a = strings.TrimSpace(a); a != "" {
			d.Authors = []string{a}
			break
		}
	}
	for _, c := range []string{m.Created, m.Creation} {
		if t, err := time.Parse(time.RFC3339, strings.TrimSpace(c)); err == nil {
			d.Published = rightsearch.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
			break
		}
		if len(c) >= 10 {
			if dt, err := rightsearch.ParseDate(c[:10]); err == nil {
				d.Published = dt
				break
			}
		}
	}
}

func extractDOCX(_ context.Context, data []byte) (rightsearch.Document, error) {
	return extractOffice(data, "word/document.xml", "docProps/core.xml", docxXML)
}

func extractODT(_ context.Context, data []byte) (rightsearch.Document, error) {
	return extractOffice(data, "content.xml", "meta.xml", odtXML)
}

func extractOffice(data []byte, content, meta string, ox officeXML) (rightsearch.Document, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return rightsearch.Document{}, fmt.Errorf("zip: %w", err)
	}
	b := &budget{left: MaxUnzipped}
	i := slices.IndexFunc(zr.File, func(f *zip.File) bool { return f.Name == content })
	if i < 0 {
		return rightsearch.Document{}, fmt.Errorf("no %s in the archive", content)
	}
	rc, err := openEntry(zr.File[i], b)
	if err != nil {
		return rightsearch.Document{}, err
	}
	text, err := ox.read(rc)
	rc.Close()
	if err != nil {
		return rightsearch.Document{}, err
	}
	d := rightsearch.Document{Body: text, Title: firstLine(text)}
	if mb, err := zipEntry(zr, meta, b); err == nil && mb != nil {
		var m coreMeta
		if xml.Unmarshal(mb, &m) == nil {
			m.apply(&d)
		}
	}
	if strings.TrimSpace(d.Body) == "" {
		return rightsearch.Document{}, errors.New("no text")
	}
	return d, nil
}
