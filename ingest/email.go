package ingest

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"os"
	"regexp"
	"strings"

	rightsearch "github.com/rightsearch/rightsearch"
	"golang.org/x/net/html/charset"
)

// Limits on one message's structure: a crafted message of nested
// multiparts must not recurse or fan out without end.
const (
	maxMIMEDepth = 8
	maxMIMEParts = 500
)

var headerLine = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9-]*:`)

// isEmail wants a header block at the very start that has a From and one
// of the headers every mail client writes.
func isEmail(head []byte) bool {
	hdr, _, _ := bytes.Cut(bytes.ReplaceAll(head, []byte("\r\n"), []byte("\n")), []byte("\n\n"))
	lines := strings.Split(string(hdr), "\n")
	if len(lines) < 2 || !headerLine.MatchString(lines[0]) {
		return false
	}
	has := map[string]bool{}
	for _, l := range lines {
		if name, _, ok := strings.Cut(l, ":"); ok && headerLine.MatchString(l) {
			has[strings.ToLower(name)] = true
		}
	}
	return has["from"] && (has["date"] || has["subject"] || has["message-id"] || has["received"] || has["mime-version"])
}

// isMbox wants a "From " separator line followed by a message.
func isMbox(head []byte) bool {
	if !bytes.HasPrefix(head, []byte("From ")) {
		return false
	}
	_, rest, ok := bytes.Cut(head, []byte("\n"))
	return ok && isEmail(rest)
}

// readEmail reads one message (.eml): the message, then each attachment.
func readEmail(ctx context.Context, f File, emit func(Item) error) error {
	data, err := os.ReadFile(f.Abs)
	if err != nil {
		return fmt.Errorf("read %s: %w", f.Path, err)
	}
	return emitMessage(ctx, f, data, f.ID, "", emit)
}

// readMbox splits an mbox on its "From " lines; message n is member "mN".
func readMbox(ctx context.Context, f File, emit func(Item) error) error {
	data, err := os.ReadFile(f.Abs)
	if err != nil {
		return fmt.Errorf("read %s: %w", f.Path, err)
	}
	for n, raw := range splitMbox(data) {
		if err := ctx.Err(); err != nil {
			return err
		}
		member := fmt.Sprintf("m%d", n+1)
		err := emitMessage(ctx, f, unquoteMbox(raw), MemberID(f, member), member+"-", func(it Item) error {
			if it.Doc.Provenance == nil { // the message itself: its bytes as the mbox holds them
				it.Raw = raw
			}
			return emit(it)
		})
		if err != nil {
			return fmt.Errorf("message %d: %w", n+1, err)
		}
	}
	return nil
}

// splitMbox cuts at each line that starts with "From " at the start or
// after a blank line, and returns each message's bytes as the mbox holds
// them, without the separator line.
func splitMbox(data []byte) [][]byte {
	var msgs [][]byte
	start, prevBlank := -1, true
	for off := 0; off < len(data); {
		end := bytes.IndexByte(data[off:], '\n')
		next := len(data)
		if end >= 0 {
			next = off + end + 1
		}
		line := data[off:next]
		if prevBlank && bytes.HasPrefix(line, []byte("From ")) {
			if start >= 0 {
				msgs = append(msgs, data[start:off])
			}
			start = next
		}
		prevBlank = len(bytes.TrimSpace(line)) == 0
		off = next
	}
	if start >= 0 && start < len(data) {
		msgs = append(msgs, data[start:])
	}
	return msgs
}

// unquoteMbox undoes the ">From " quoting of lines inside a message
// (mboxrd: one ">" less on every ">…>From " line).
func unquoteMbox(msg []byte) []byte {
	lines := bytes.SplitAfter(msg, []byte("\n"))
	for i, l := range lines {
		if q := bytes.TrimLeft(l, ">"); len(q) < len(l) && bytes.HasPrefix(q, []byte("From ")) {
			lines[i] = l[1:]
		}
	}
	return bytes.Join(lines, nil)
}

// emitMessage emits the message as a document (type email; the sender as
// author; the recipients, date and subject at the head of its body), then
// each attachment as a document whose Parent is the message. prefix is
// put before the attachments' member names ("m3-").
func emitMessage(ctx context.Context, f File, data []byte, id, prefix string, emit func(Item) error) error {
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("e-mail: %w", err)
	}
	m := &message{}
	if err := m.part(msg.Header, msg.Body, 0); err != nil {
		return fmt.Errorf("e-mail: %w", err)
	}
	m.finish(ctx)
	d := messageDoc(msg.Header, m.text)
	d.ID = id
	if err := emit(Item{Doc: d, Raw: data, RawType: "message/rfc822"}); err != nil {
		return err
	}
	for i, a := range m.attachments {
		ad := attachmentDoc(ctx, a)
		ad.ID = MemberID(f, fmt.Sprintf("%sa%d", prefix, i+1))
		ad.Provenance = &rightsearch.Provenance{Source: rightsearch.SourceFile, Parent: id}
		if err := emit(Item{Doc: ad, Raw: a.data, RawType: a.mediaType}); err != nil {
			return err
		}
	}
	return nil
}

var wordDecoder = &mime.WordDecoder{CharsetReader: charset.NewReaderLabel}

// decodeHeader undoes RFC 2047 encoded words (=?utf-8?q?…?=).
func decodeHeader(s string) string {
	if d, err := wordDecoder.DecodeHeader(s); err == nil {
		return strings.TrimSpace(d)
	}
	return strings.TrimSpace(s)
}

// messageDoc is the message's document. The recipients have no field of
// their own: they head the body, where a search finds them.
func messageDoc(h mail.Header, text string) rightsearch.Document {
	d := rightsearch.Document{Type: "email", Title: decodeHeader(h.Get("Subject"))}
	var head strings.Builder
	for _, name := range []string{"From", "To", "Cc", "Date", "Subject"} {
		if v := decodeHeader(h.Get(name)); v != "" {
			fmt.Fprintf(&head, "%s: %s\n", name, v)
		}
	}
	if from := decodeHeader(h.Get("From")); from != "" {
		d.Authors = []string{from}
	}
	if t, err := h.Date(); err == nil {
		t = t.UTC()
		d.Published = rightsearch.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
	}
	if d.Title == "" {
		d.Title = "(no subject)"
	}
	d.Body = strings.TrimSpace(head.String() + "\n" + text)
	return d
}

// attachment is one attached file, decoded.
type attachment struct {
	name, mediaType string
	data            []byte
}

// attachmentDoc extracts an attachment like a file of its own; one whose
// format has no text (an image) is still a document, titled by its name,
// so that its message lists it and its bytes can be fetched.
func attachmentDoc(ctx context.Context, a attachment) rightsearch.Document {
	var d rightsearch.Document
	if fm := formatOf(a.data); fm != nil {
		if x, err := fm.extract(ctx, a.data); err == nil {
			d = x
		}
	}
	if d.Title == "" {
		d.Title = a.name
	}
	if d.Title == "" {
		d.Title = "attachment (" + a.mediaType + ")"
	}
	return d
}

// message gathers a message's text and attachments while its MIME tree
// is walked.
type message struct {
	text        string
	html        string
	parts       int
	attachments []attachment
}

// header is a message's or a part's header.
type header interface{ Get(string) string }

// part reads one MIME part: a multipart's children in turn, the first
// text/plain (else text/html) inline part as the text, any other part
// as an attachment.
func (m *message) part(h header, body io.Reader, depth int) error {
	if m.parts++; m.parts > maxMIMEParts || depth > maxMIMEDepth {
		return fmt.Errorf("more than %d parts or %d levels of nesting", maxMIMEParts, maxMIMEDepth)
	}
	mt, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil {
		mt, params = "text/plain", map[string]string{}
	}
	if strings.HasPrefix(mt, "multipart/") && params["boundary"] != "" {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				return err
			}
			if err := m.part(p.Header, p, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	data, err := io.ReadAll(decoded(h.Get("Content-Transfer-Encoding"), body))
	if err != nil {
		return fmt.Errorf("%s part: %w", mt, err)
	}
	disp, dparams, _ := mime.ParseMediaType(h.Get("Content-Disposition"))
	name := decodeHeader(firstNonEmpty(dparams["filename"], params["name"]))
	inline := disp != "attachment" && name == ""
	switch {
	case inline && mt == "text/plain" && m.text == "":
		m.text = inCharset(data, params["charset"])
	case inline && mt == "text/html" && m.html == "":
		m.html = inCharset(data, params["charset"])
	default:
		m.attachments = append(m.attachments, attachment{name: name, mediaType: mt, data: data})
	}
	return nil
}

// finish falls back to the HTML part's text when there is no plain one.
func (m *message) finish(ctx context.Context) {
	if m.text == "" && m.html != "" {
		if d, err := extractHTML(ctx, []byte(m.html)); err == nil {
			m.text = d.Body
		}
	}
}

// decoded undoes a part's transfer encoding.
func decoded(cte string, r io.Reader) io.Reader {
	switch strings.ToLower(strings.TrimSpace(cte)) {
	case "base64":
		return base64.NewDecoder(base64.StdEncoding, r)
	case "quoted-printable":
		return quotedprintable.NewReader(r)
	}
	return r
}

// inCharset decodes text in the part's declared charset.
func inCharset(data []byte, label string) string {
	if label != "" && !strings.EqualFold(label, "utf-8") && !strings.EqualFold(label, "us-ascii") {
		if r, err := charset.NewReaderLabel(label, bytes.NewReader(data)); err == nil {
			if b, err := io.ReadAll(r); err == nil {
				return string(b)
			}
		}
	}
	return decodeText(data)
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
