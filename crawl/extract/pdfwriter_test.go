package extract

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// testPDF describes a fixture PDF written by makePDF: pages of lines in
// Helvetica, an Info dictionary, and optionally an /Encrypt entry whose
// keys match no password (so it cannot be opened).
type testPDF struct {
	pages                  [][]string
	title, author, created string
	encrypted              bool
}

// makePDF writes a small, valid PDF 1.4 file by hand, so that tests need
// no tool and no third-party document.
func makePDF(p testPDF) []byte {
	var objs []string // objs[i] is object i+1
	add := func(s string) int { objs = append(objs, s); return len(objs) }
	catalog := add("") // filled once the page tree is known
	pagesObj := add("")
	font := add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	var kids []string
	for _, lines := range p.pages {
		var c strings.Builder
		c.WriteString("BT /F1 12 Tf 72 720 Td 16 TL\n")
		for i, l := range lines {
			if i > 0 {
				c.WriteString("T* ")
			}
			fmt.Fprintf(&c, "(%s) Tj\n", pdfString(l))
		}
		c.WriteString("ET")
		content := add(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", c.Len(), c.String()))
		page := add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>", pagesObj, font, content))
		kids = append(kids, fmt.Sprintf("%d 0 R", page))
	}
	objs[catalog-1] = fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesObj)
	objs[pagesObj-1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids))
	info := add(fmt.Sprintf("<< /Title (%s) /Author (%s) /CreationDate (%s) /Producer (rightsearch test writer) >>",
		pdfString(p.title), pdfString(p.author), p.created))
	trailerExtra := ""
	if p.encrypted {
		enc := add("<< /Filter /Standard /V 1 /R 2 /O <" + strings.Repeat("4f", 32) + "> /U <" + strings.Repeat("a5", 32) + "> /P -3904 >>")
		trailerExtra = fmt.Sprintf(" /Encrypt %d 0 R /ID [<%s> <%s>]", enc, strings.Repeat("01", 16), strings.Repeat("01", 16))
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, catalog, info, trailerExtra, xref)
	return b.Bytes()
}

// pdfString escapes a literal string and encodes it as WinAnsi.
func pdfString(s string) string {
	enc, err := charmap.Windows1252.NewEncoder().String(s)
	if err != nil {
		enc = s
	}
	r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
	return r.Replace(enc)
}

// rawPDF writes a one-page PDF around a content stream compressed with
// Flate, for fixtures whose cost is in the stream.
func rawPDF(content func(w io.Writer)) []byte {
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	content(zw)
	zw.Close()
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		fmt.Sprintf("<< /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", z.Len(), z.Bytes()),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// bombPDF's content stream inflates to mib MiB: one line of text, then
// spaces. The file is about a thousandth of that.
func bombPDF(mib int) []byte {
	return rawPDF(func(w io.Writer) {
		io.WriteString(w, "BT /F1 12 Tf 72 720 Td (boom) Tj ET\n")
		spaces := bytes.Repeat([]byte(" "), 1<<20)
		for range mib {
			w.Write(spaces)
		}
	})
}

// crowdedPDF draws n separate text objects on one page: each costs the
// reader memory and time, so a few hundred thousand exhaust either.
func crowdedPDF(n int) []byte {
	return rawPDF(func(w io.Writer) {
		io.WriteString(w, "BT /F1 12 Tf 72 720 Td\n")
		for range n {
			io.WriteString(w, "(crowded text ) Tj 0.01 0 Td\n")
		}
		io.WriteString(w, "ET\n")
	})
}
