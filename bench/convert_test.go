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
	if d.Title != "Café meeting moved" || d.Published.String() != "2002-08-23" || !strings.HasPrefix(d.Body, "The meeting") ||
		d.Type != "email" || d.Organization != SpamOrganization {
		t.Errorf("parsed mail: %+v (want decoded subject, UTC date 2002-08-23, body without headers)", d)
	}
	if b := byID["email-spam-2-00007"]; b.Body != broken || b.Title == "" {
		t.Errorf("unparsable mail: %+v, want kept whole with a title", b)
	}
	if u := byID["email-spam-2-00008"]; !u.Published.IsZero() || u.Title != "hello" {
		t.Errorf("bad Date header: %+v, want undated", u)
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
