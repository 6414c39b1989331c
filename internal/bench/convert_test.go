package bench

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	rightsearch "github.com/rightsearch/rightsearch"
)

// writeTGZ writes an npm-pack-like tarball of files (name → content).
func writeTGZ(t *testing.T, files map[string]string) string {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for name, body := range files {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(body)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "pkg.tgz")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadSOTU(t *testing.T) {
	p := writeTGZ(t, map[string]string{
		"package/data/1801_thomas_jefferson_dr.json": `{"year":1801,"name":"Thomas Jefferson","party":"Democratic-Republican","text":"Fellow citizens, the roads are long."}`,
		"package/data/1801_thomas_jefferson_dr.txt":  "the same text as plain text, to be ignored",
		"package/README.md":                          "{}",
	})
	docs, err := ReadSOTU(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 {
		t.Fatalf("got %d documents, want 1 (the .json only)", len(docs))
	}
	d := docs[0]
	want := rightsearch.Document{ID: "sotu-1801-thomas-jefferson-dr", Title: "State of the Union address, 1801 (Thomas Jefferson)",
		Body: "Fellow citizens, the roads are long.", Authors: []string{"Thomas Jefferson"}, Language: "en",
		Organization: "Democratic-Republican", Type: "speech", Published: rightsearch.Date{Year: 1801}}
	if d.ID != want.ID || d.Title != want.Title || d.Body != want.Body || d.Organization != want.Organization ||
		d.Type != want.Type || d.Published != want.Published || d.Language != "en" || len(d.Authors) != 1 {
		t.Errorf("got %+v\nwant %+v", d, want)
	}
	if err := d.Normalize(); err != nil {
		t.Errorf("converted document does not import: %v", err)
	}
}

func TestReadSpam(t *testing.T) {
	msg := "From someone@example.org  Thu Aug 22 12:36:23 2002\n" +
		"From: Someone <someone@example.org>\n" +
		"Subject: =?utf-8?q?Caf=C3=A9_meeting?= moved\n" +
		"Date: Thu, 22 Aug 2002 23:30:00 -0400\n\n" +
		"The meeting moved to Friday.\n"
	broken := "no headers at all, only words"
	undated := "Subject: hello\nDate: sometime soon\n\nbody\n"
	p := writeTGZ(t, map[string]string{
		"package/data/easy-ham-1/00001.abc.txt":  msg,
		"package/data/easy-ham-1/00001.abc.json": `{"id":"00001"}`,
		"package/data/spam-2/00007.def.txt":      broken,
		"package/data/spam-2/00008.fed.txt":      undated,
	})
	docs, err := ReadSpam(p)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]rightsearch.Document{}
	for _, d := range docs {
		byID[d.ID] = d
		if err := d.Normalize(); err != nil {
			t.Errorf("%s does not import: %v", d.ID, err)
		}
	}
	if len(docs) != 3 {
		t.Fatalf("got %d documents, want 3: %v", len(docs), docs)
	}
	d := byID["email-easy-ham-1-00001"]
	if d.Title != "Café meeting moved" || d.Published.String() != "2002-08-23" || d.Body != "The meeting moved to Friday.\n" ||
		d.Type != "email" || d.Organization != "easy-ham-1" {
		t.Errorf("parsed mail: %+v (want decoded subject, UTC date 2002-08-23, body without headers, group easy-ham-1)", d)
	}
	if b := byID["email-spam-2-00007"]; b.Body != broken || b.Title == "" || b.Organization != "spam-2" {
		t.Errorf("unparsable mail: %+v, want kept whole with a title, group spam-2", b)
	}
	if u := byID["email-spam-2-00008"]; !u.Published.IsZero() || u.Title != "hello" {
		t.Errorf("bad Date header: %+v, want undated", u)
	}
}

// TestReadSpamMIME checks that an e-mail's body is its text as a reader
// gets it: parts walked, transfer encodings undone, HTML tags gone with
// entities kept, attachments skipped, and nothing else cleaned.
func TestReadSpamMIME(t *testing.T) {
	head := "From: a@example.org\nSubject: s\nDate: Mon, 1 Jul 2002 10:00:00 +0000\nMIME-Version: 1.0\n"
	for _, c := range []struct {
		name, msg, want string
	}{
		{"quoted-printable",
			head + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n" +
				"Caf=C3=A9 =3D bar, a soft=\nbreak here=20\nend\n",
			"Café = bar, a softbreak here \nend\n"},
		{"base64",
			head + "Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\n" +
				"VGhlIHJlcG9ydCBpcyBh\ndHRhY2hlZC4K\n",
			"The report is attached.\n"},
		{"base64 that does not decode keeps its raw bytes",
			head + "Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\n" + "not base64 at all!\n",
			"not base64 at all!\n"},
		{"html",
			head + "Content-Type: text/html; charset=iso-8859-1\n\n" +
				"<HTML><head><style>p { color: red }</style><script>var x = '<b>';</script></head>" +
				"<body><p>Hello&nbsp;&nbsp;world &amp; <b>fri</b>ends</p><!-- a <comment> -->a < b</body></HTML>\n",
			"\nHello&nbsp;&nbsp;world &amp; friends\na < b\n"},
		{"text/plain stays raw: odd bytes, NULs, invalid UTF-8",
			head + "Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n\n" +
				"caf\xe9 \x00 <b>not html</b> &nbsp;\n",
			"caf\xe9 \x00 <b>not html</b> &nbsp;\n"},
		{"multipart/alternative keeps the plain text",
			head + "Content-Type: multipart/alternative; boundary=\"ALT\"\n\n" +
				"This is a multi-part message in MIME format.\n" +
				"--ALT\nContent-Type: text/plain; charset=us-ascii\n\nPlain words.\n" +
				"--ALT\nContent-Type: text/html\nContent-Transfer-Encoding: quoted-printable\n\n<p>HTML=20words.</p>\n" +
				"--ALT--\n",
			"Plain words."},
		{"multipart/alternative without plain text keeps the last",
			head + "Content-Type: multipart/alternative; boundary=ALT\n\n" +
				"--ALT\nContent-Type: text/enriched\n\nfirst\n" +
				"--ALT\nContent-Type: text/html\n\n<p>second</p>\n" +
				"--ALT--\n",
			"\nsecond\n"},
		{"nested multipart, attachment skipped, parts joined by a blank line",
			head + "Content-Type: multipart/mixed; boundary=\"OUT\"\n\n" +
				"--OUT\nContent-Type: multipart/alternative; boundary=\"IN\"\n\n" +
				"--IN\nContent-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\nFirst=2C part.\n" +
				"--IN\nContent-Type: text/html\n\n<p>First, part.</p>\n" +
				"--IN--\n" +
				"--OUT\nContent-Type: image/gif; name=x.gif\nContent-Transfer-Encoding: base64\n\nR0lGODlhAQABAAAAACw=\n" +
				"--OUT\nContent-Type: text/html\nContent-Transfer-Encoding: base64\n\n" +
				"PHA+U2Vjb25kJm5ic3A7cGFydC48L3A+\n" + // <p>Second&nbsp;part.</p>
				"--OUT--\n",
			"First, part.\n\n\nSecond&nbsp;part.\n"},
		{"multipart whose boundary never occurs is kept raw",
			head + "Content-Type: multipart/alternative; boundary=\"=B 1\"\n\n--= B 1\nContent-Type: text/plain\n\nwords\n",
			"--= B 1\nContent-Type: text/plain\n\nwords\n"},
		{"multipart cut short keeps what it had",
			head + "Content-Type: multipart/mixed; boundary=X\n\n--X\nContent-Type: text/plain\n\none\n--X\n\ntwo, never closed\n",
			"one\n\ntwo, never closed"}, // the last newline could precede a boundary
		{"no Content-Type is plain text",
			"Subject: s\nContent-Transfer-Encoding: quoted-printable\n\n<b>bold</b>=3D\n",
			"<b>bold</b>=\n"},
		{"only an attachment: no text",
			head + "Content-Type: application/pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n",
			""},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := writeTGZ(t, map[string]string{"package/data/spam-2/00001.abc.txt": c.msg})
			docs, err := ReadSpam(p)
			if err != nil {
				t.Fatal(err)
			}
			if len(docs) != 1 {
				t.Fatalf("got %d documents, want 1", len(docs))
			}
			d := docs[0]
			if d.Body != c.want {
				t.Errorf("body:\n got %q\nwant %q", d.Body, c.want)
			}
			if d.Title != "s" || d.Organization != "spam-2" || d.Type != "email" {
				t.Errorf("got title %q, organization %q, type %q; want s, spam-2, email", d.Title, d.Organization, d.Type)
			}
			if err := d.Normalize(); err != nil {
				t.Errorf("converted e-mail does not import: %v", err)
			}
		})
	}
}

func TestReadEmptyDataset(t *testing.T) {
	p := writeTGZ(t, map[string]string{"package/README.md": "nothing"})
	if _, err := ReadSOTU(p); !errors.Is(err, ErrNoDocuments) {
		t.Errorf("ReadSOTU: %v, want ErrNoDocuments", err)
	}
	if _, err := ReadSpam(p); !errors.Is(err, ErrNoDocuments) {
		t.Errorf("ReadSpam: %v, want ErrNoDocuments", err)
	}
}

func TestWriteJSONLRoundTrip(t *testing.T) {
	docs := []rightsearch.Document{{ID: "a-1", Title: "<b>A</b>", Body: "x", Published: rightsearch.Date{Year: 2002, Month: 8}}, {ID: "b-2", Title: "B"}}
	var buf bytes.Buffer
	if err := WriteJSONL(&buf, docs); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], `"<b>A</b>"`) || !strings.Contains(lines[0], `"published":"2002-08"`) {
		t.Errorf("JSONL:\n%s", buf.String())
	}
}
