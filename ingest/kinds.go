package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"strings"
	"unicode/utf8"

	rightsearch "github.com/rightsearch/rightsearch"
)

// A format is one of the built-in single-document formats. They work on
// bytes, so that an e-mail's attachment is read exactly as a file is.
type format struct {
	name      string
	mediaType string
	match     func(data []byte) bool // data may be only the head
	extract   func(ctx context.Context, data []byte) (rightsearch.Document, error)
}

// formats are tried in order: the most specific signatures first, plain
// text last because almost anything textual passes it.
var formats = []format{
	{"pdf", "application/pdf", isPDF, extractPDF},
	{"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", isDOCX, extractDOCX},
	{"odt", "application/vnd.oasis.opendocument.text", isODT, extractODT},
	{"html", "text/html", isHTML, extractHTML},
	{"markdown", "text/markdown", isMarkdown, extractMarkdown},
	{"text", "text/plain", isText, extractText},
}

// formatOf is the format data is in, or nil.
func formatOf(data []byte) *format {
	for i := range formats {
		if formats[i].match(data) {
			return &formats[i]
		}
	}
	return nil
}

// DefaultKinds are the formats rightsearch add reads out of the box, most
// specific first: e-mail and mbox, then the single-document formats.
func DefaultKinds() []Kind {
	kinds := []Kind{
		{Name: "mbox", Match: func(f File) bool { return isMbox(f.Head) }, Read: readMbox},
		{Name: "email", Match: func(f File) bool { return isEmail(f.Head) }, Read: readEmail},
	}
	// WARC and WACZ (ingest/warc.go, ingest/wacz.go) go here, before the
	// text formats: an uncompressed WARC is text.
	kinds = append(kinds, archiveKinds()...)
	for i := range formats {
		fm := &formats[i]
		kinds = append(kinds, Kind{Name: fm.name, Match: fileMatch(fm), Read: fileReader(fm)})
	}
	return kinds
}

// fileMatch matches a file by its head; the zip formats look at the
// archive's directory, which the head may not reach.
func fileMatch(fm *format) func(File) bool {
	switch fm.name {
	case "docx", "odt":
		return func(f File) bool {
			if !isZip(f.Head) {
				return false
			}
			zr, err := zip.OpenReader(f.Abs)
			if err != nil {
				return false
			}
			defer zr.Close()
			return officeKind(&zr.Reader) == fm.name
		}
	}
	return func(f File) bool { return fm.match(f.Head) }
}

// fileReader reads the whole file and extracts its one document.
func fileReader(fm *format) Reader {
	return func(ctx context.Context, f File, emit func(Item) error) error {
		data, err := os.ReadFile(f.Abs)
		if err != nil {
			return fmt.Errorf("read %s: %w", f.Path, err)
		}
		d, err := fm.extract(ctx, data)
		if err != nil {
			return fmt.Errorf("%s: %w", fm.name, err)
		}
		d.ID = f.ID
		return emit(Item{Doc: d, Raw: data, RawType: fm.mediaType})
	}
}

// describe names what http.DetectContentType makes of an unknown file,
// for the skip reason.
func describe(head []byte) string {
	return http.DetectContentType(head)
}

func isPDF(data []byte) bool {
	return bytes.Contains(data[:min(len(data), 1024)], []byte("%PDF-"))
}

func isZip(data []byte) bool { return bytes.HasPrefix(data, []byte("PK\x03\x04")) }

// isHTML finds markup at the start of the file (after a BOM, an XML
// prolog, comments or a doctype): a text that merely mentions a tag
// later on stays text.
func isHTML(data []byte) bool {
	head := bytes.TrimPrefix(data[:min(len(data), 1024)], []byte("\xef\xbb\xbf"))
	head = bytes.TrimLeft(head, " \t\r\n")
	if ct := http.DetectContentType(head); strings.HasPrefix(ct, "text/html") {
		return true
	}
	if !bytes.HasPrefix(head, []byte("<")) {
		return false
	}
	l := bytes.ToLower(head)
	for _, tag := range []string{"<html", "<!doctype html", "<head", "<body"} {
		if bytes.Contains(l, []byte(tag)) {
			return true
		}
	}
	return false
}

// isText accepts UTF-8 (or single-byte text) without NUL bytes or runs
// of control characters.
func isText(data []byte) bool {
	if len(data) == 0 {
		return false
	}
	control := 0
	for _, c := range data {
		switch {
		case c == 0:
			return false
		case c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f':
			control++
		}
	}
	return control*100 < len(data)
}

// validHead reports whether data is UTF-8, allowing a rune cut at the end
// of a head.
func validHead(data []byte) bool {
	if utf8.Valid(data) {
		return true
	}
	for cut := 1; cut < utf8.UTFMax && cut < len(data); cut++ {
		if utf8.Valid(data[:len(data)-cut]) {
			return true
		}
	}
	return false
}
