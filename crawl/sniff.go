package crawl

import (
	"bytes"
	"mime"
	"net/http"
	"strings"
)

// sniffContentType decides what a payload is. The declared header is kept when
// the bytes agree with it (it carries the charset); it is replaced by what
// the bytes say when it is missing, generic, or claims a PDF that does not
// start with the PDF magic — servers mislabel files often enough.
func sniffContentType(declared string, payload []byte) string {
	if bytes.HasPrefix(payload, []byte("%PDF-")) {
		return "application/pdf"
	}
	sniffed := http.DetectContentType(payload)
	media, _, err := mime.ParseMediaType(declared)
	switch {
	case err != nil, media == "", media == "application/octet-stream",
		media == "application/pdf", media == "binary/octet-stream":
		return sniffed
	}
	return declared
}

// isPDF reports whether a content type names a PDF.
func isPDF(ct string) bool {
	media, _, _ := mime.ParseMediaType(ct)
	return media == "application/pdf"
}

// isHTML reports whether a content type names an HTML (or XHTML) page.
func isHTML(ct string) bool {
	media, _, _ := mime.ParseMediaType(ct)
	return media == "text/html" || media == "application/xhtml+xml" || strings.HasSuffix(media, "+html")
}
