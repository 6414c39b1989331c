package bench

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"strings"
)

// maxMIMEDepth bounds how deeply multiparts nest before a part is kept as
// its raw bytes.
const maxMIMEDepth = 10

// partSep joins the text of a message's parts.
const partSep = "\n\n"

// mimeText returns the text a mail reader shows for one MIME entity, given
// its Content-Type and Content-Transfer-Encoding headers and its body;
// ok is false for an entity with no text (an image, an application/*
// attachment). Text parts are returned as decoded bytes, in their own
// charset, uncleaned; HTML loses its tags but keeps its entities. A part
// that cannot be decoded keeps its raw bytes.
func mimeText(contentType, encoding string, body []byte, depth int) (text string, ok bool) {
	mt, params, err := mime.ParseMediaType(contentType)
	if strings.TrimSpace(contentType) == "" || err != nil && mt == "" {
		mt = "text/plain" // RFC 2045's default, and what a reader assumes
	}
	switch {
	case strings.HasPrefix(mt, "multipart/"):
		if params["boundary"] == "" || depth >= maxMIMEDepth {
			return string(body), true
		}
		return multipartText(mt, params["boundary"], body, depth)
	case strings.HasPrefix(mt, "text/"):
		b := decodeTransfer(encoding, body)
		if mt == "text/html" {
			b = stripTags(b)
		}
		return string(b), true
	}
	return "", false
}

// multipartText walks the parts of a multipart body. Of a
// multipart/alternative it keeps one part, as a reader shows one: the
// first text/plain part with text, else the last part with text. Of any
// other multipart it keeps every part with text, joined by a blank line.
// A body in which no part can be read (its boundary never occurs, or
// occurs spelled otherwise) is kept raw; a body cut short keeps the parts
// read before the cut.
func multipartText(mt, boundary string, body []byte, depth int) (string, bool) {
	type part struct {
		mt, text string
	}
	var parts []part
	seen := 0
	mr := multipart.NewReader(bytes.NewReader(body), boundary)
	for {
		p, err := mr.NextRawPart() // raw: quoted-printable is decoded here, with a fallback
		if err != nil {
			if seen == 0 { // no boundary found, or a broken first part
				return string(body), true
			}
			break
		}
		seen++
		b, rerr := io.ReadAll(p) // a part cut short keeps what it had
		ct := p.Header.Get("Content-Type")
		if text, ok := mimeText(ct, p.Header.Get("Content-Transfer-Encoding"), b, depth+1); ok && strings.TrimSpace(text) != "" {
			pmt, _, _ := mime.ParseMediaType(ct)
			parts = append(parts, part{pmt, text})
		}
		if rerr != nil {
			break
		}
	}
	if len(parts) == 0 {
		return "", false
	}
	if mt == "multipart/alternative" {
		for _, p := range parts {
			if p.mt == "text/plain" || p.mt == "" {
				return p.text, true
			}
		}
		return parts[len(parts)-1].text, true
	}
	texts := make([]string, len(parts))
	for i, p := range parts {
		texts[i] = p.text
	}
	return strings.Join(texts, partSep), true
}

// decodeTransfer undoes a Content-Transfer-Encoding. Identity encodings
// (7bit, 8bit, binary) and unknown ones return body as it is, and so does
// a body that does not decode.
func decodeTransfer(encoding string, body []byte) []byte {
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "quoted-printable":
		if b, err := io.ReadAll(quotedprintable.NewReader(bytes.NewReader(body))); err == nil {
			return b
		}
	case "base64":
		clean := make([]byte, 0, len(body))
		for _, c := range body {
			if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
				clean = append(clean, c)
			}
		}
		b := make([]byte, base64.StdEncoding.DecodedLen(len(clean)))
		if n, err := base64.StdEncoding.Decode(b, clean); err == nil {
			return b[:n]
		}
	}
	return body
}

// blockTags are the elements whose tags become a line break, so that the
// words of two paragraphs or table cells stay apart; every other tag is
// removed without a trace, as a browser joins "wo<b>rd</b>".
var blockTags = map[string]bool{
	"br": true, "p": true, "div": true, "tr": true, "td": true, "th": true, "li": true,
	"ul": true, "ol": true, "table": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "blockquote": true, "hr": true, "pre": true, "title": true,
}

// stripTags removes HTML tags and comments and the contents of script
// and style elements. It is a tag stripper, not a parser: entities stay
// as written (&nbsp; is the text "&nbsp;"), bytes outside tags are copied
// unchanged, and a '<' that does not start a tag (not followed by a
// letter, '/', '!' or '?', or never closed by '>') is text.
func stripTags(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		if b[i] != '<' || i+1 == len(b) || !tagStart(b[i+1]) {
			out = append(out, b[i])
			i++
			continue
		}
		if bytes.HasPrefix(b[i:], []byte("<!--")) {
			if end := bytes.Index(b[i+4:], []byte("-->")); end >= 0 {
				i += 4 + end + 3
				continue
			}
		}
		end := bytes.IndexByte(b[i:], '>')
		if end < 0 {
			out = append(out, b[i:]...)
			break
		}
		name := tagName(b[i+1 : i+end])
		i += end + 1
		if name == "script" || name == "style" {
			close := indexFold(b[i:], "</"+name)
			if close < 0 {
				break // an unclosed script runs to the end
			}
			i += close
			if gt := bytes.IndexByte(b[i:], '>'); gt >= 0 {
				i += gt + 1
			} else {
				i = len(b)
			}
			continue
		}
		if blockTags[strings.TrimPrefix(name, "/")] {
			out = append(out, '\n')
		}
	}
	return out
}

func tagStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '/' || c == '!' || c == '?'
}

// tagName returns the lower-case name of the tag whose text (between '<'
// and '>') is t, with a leading '/' for a closing tag.
func tagName(t []byte) string {
	var sb strings.Builder
	for i, c := range t {
		switch {
		case c == '/' && i == 0:
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
		default:
			return sb.String()
		}
		sb.WriteByte(c)
	}
	return sb.String()
}

// indexFold is bytes.Index ignoring ASCII case, for an ASCII sep; b may
// hold any bytes.
func indexFold(b []byte, sep string) int {
	for i := 0; i+len(sep) <= len(b); i++ {
		match := true
		for j := 0; j < len(sep); j++ {
			c := b[i+j]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sep[j] {
				match = false
				break
			}
		}
		if match {
			return i
		}
	}
	return -1
}
