package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/ingest/fixture"
)

// evidence writes the fixture folder (ingest/testdata/evidence and the
// binaries fixture makes) to a new folder named evidence and returns it.
func evidence(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "evidence")
	files := fixture.Binaries()
	err := filepath.WalkDir("testdata/evidence", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel("testdata/evidence", p)
		files[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	files[".DS_Store"] = []byte("\x00\x00\x00\x01Bud1")
	files["reports/2021/saved-page_files/style.css"] = []byte("body { font-family: serif; }")
	if err := fixture.Write(dir, files); err != nil {
		t.Fatal(err)
	}
	return dir
}

// collect is a Put that keeps what it is given, by id.
type collect struct {
	docs map[string]rightsearch.Document
}

func (c *collect) put(_ context.Context, docs []rightsearch.Document) error {
	for _, d := range docs {
		c.docs[d.ID] = d
	}
	return nil
}

func addTo(t *testing.T, data string, c *collect, roots ...string) Summary {
	t.Helper()
	sum, err := Add(context.Background(), roots, Options{DataDir: data, Put: c.put, Timeout: 20 * time.Second})
	if err != nil {
		t.Fatalf("Add: %v", err)
	}
	return sum
}

// byPath finds the documents whose provenance names path.
func byPath(c *collect, path string) []rightsearch.Document {
	var out []rightsearch.Document
	for _, d := range c.docs {
		if d.Provenance != nil && d.Provenance.Path == path {
			out = append(out, d)
		}
	}
	return out
}

func TestAddFolder(t *testing.T) {
	dir, data := evidence(t), t.TempDir()
	c := &collect{docs: map[string]rightsearch.Document{}}
	sum := addTo(t, data, c, dir)
	if len(sum.Skipped) > 0 {
		t.Errorf("skipped: %+v", sum.Skipped)
	}
	tests := []struct {
		path, title, typ, body string
		docs                   int
	}{
		{"notes.txt", "Field notes, Tbilisi workshop", "other", "Osprey Legal Clinic", 1},
		{"reports/2021/kestrel-report.pdf", "Kestrel: a mercenary spyware campaign in Lumeria", "other", "courier-track.example", 1},
		{"reports/2021/scan-notes.txt", "Handwritten notes transcribed: the hearing was postponed twice.", "other", "postponed", 1},
		{"reports/2021/saved-page.html", "Journalists in Lumeria targeted with Kestrel spyware", "other", "port strikes", 1},
		{"reports/drafts/submission.docx", "Submission to the Special Rapporteur", "other", "request information from the vendor", 1},
		{"reports/drafts/letter.odt", "Letter to the vendor", "other", "end of the month", 1},
		{"reports/drafts/briefing.md", "Briefing: the Kestrel spyware campaign", "other", "imitated a courier service", 1},
		{"mail/tip.eml", "Kestrel memo attached", "email", "To: Research Desk <desk@osprey.example>", 2},
		{"captures/kestrel-page.warc", "Statement on the Kestrel findings", "other", "independent inquiry", 1},
		{"mail/archive.mbox", "Kestrel samples received", "email", "Cc: Legal <legal@osprey.example>", 3},
	}
	total := 0
	for _, tt := range tests {
		docs := byPath(c, tt.path)
		total += len(docs)
		if len(docs) != tt.docs {
			t.Errorf("%s: %d documents, want %d", tt.path, len(docs), tt.docs)
			continue
		}
		var titles, bodies []string
		for _, d := range docs {
			titles = append(titles, d.Title)
			bodies = append(bodies, d.Body)
		}
		if !contains(titles, tt.title) {
			t.Errorf("%s: titles %q, want %q", tt.path, titles, tt.title)
		}
		if !strings.Contains(strings.Join(bodies, "\n"), tt.body) {
			t.Errorf("%s: no %q in the text", tt.path, tt.body)
		}
		checkProvenance(t, dir, data, docs)
	}
	if total != len(c.docs) || sum.Documents != total || sum.Added != len(tests) || sum.Files != len(tests) {
		t.Errorf("summary %+v, %d documents given to Put; want %d files, %d documents", sum, len(c.docs), len(tests), total)
	}
	if sum.Hidden != 1 || sum.Assets != 1 {
		t.Errorf("hidden = %d, assets = %d, want 1 (.DS_Store) and 1 (saved-page_files)", sum.Hidden, sum.Assets)
	}

	again := addTo(t, data, c, dir)
	if again.Added != 0 || again.Documents != 0 || again.Unchanged != len(tests) {
		t.Errorf("second add: %+v, want everything unchanged", again)
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// checkProvenance: each document names its file's path, size, mtime and
// sha256, and its raw copy holds the bytes it came from.
func checkProvenance(t *testing.T, dir, data string, docs []rightsearch.Document) {
	t.Helper()
	raw := NewRawStore(data)
	for _, d := range docs {
		p := d.Provenance
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p.Path)))
		if err != nil {
			t.Fatal(err)
		}
		info, _ := os.Stat(filepath.Join(dir, filepath.FromSlash(p.Path)))
		sum := sha256.Sum256(b)
		want := hex.EncodeToString(sum[:])
		if p.Source == rightsearch.SourceArchive { // a WARC record's sha256 is its payload's
			want = p.Raw
		}
		if p.Source != rightsearch.SourceFile && p.Source != rightsearch.SourceArchive || p.SHA256 != want || p.Size != int64(len(b)) || !p.ModTime.Equal(info.ModTime()) {
			t.Errorf("%s: provenance %+v does not describe its file", d.ID, p)
		}
		kept, err := raw.Get(p.Raw)
		if err != nil {
			t.Errorf("%s: raw copy: %v", d.ID, err)
			continue
		}
		if p.Parent == "" && !bytes.Contains(b, kept) {
			t.Errorf("%s: the raw copy is not the file's bytes", d.ID)
		}
	}
}

func TestAttachmentNamesItsMessage(t *testing.T) {
	dir, data := evidence(t), t.TempDir()
	c := &collect{docs: map[string]rightsearch.Document{}}
	addTo(t, data, c, filepath.Join(dir, "mail", "tip.eml"))
	docs := byPath(c, "tip.eml")
	var msg, att rightsearch.Document
	for _, d := range docs {
		if d.Provenance.Parent == "" {
			msg = d
		} else {
			att = d
		}
	}
	if msg.Type != "email" || len(msg.Authors) != 1 || msg.Authors[0] != "Anonymous Source <source@mail.example>" ||
		msg.Published != (rightsearch.Date{Year: 2021, Month: 4, Day: 12}) {
		t.Errorf("message: type %q authors %q published %v", msg.Type, msg.Authors, msg.Published)
	}
	if att.Provenance == nil || att.Provenance.Parent != msg.ID || att.Title != "Memo on the Kestrel infrastructure" ||
		!strings.Contains(att.Body, "two hosting providers") || att.Provenance.ContentType != "application/pdf" {
		t.Errorf("attachment %+v (provenance %+v), want the memo with parent %s", att, att.Provenance, msg.ID)
	}
	// The file's id does not depend on how it was named: alone or in its folder.
	c2 := &collect{docs: map[string]rightsearch.Document{}}
	addTo(t, t.TempDir(), c2, dir)
	if _, ok := c2.docs[msg.ID]; !ok {
		t.Errorf("adding the folder gave the message another id than %s", msg.ID)
	}
}

func TestChangedFileReplacesItsDocument(t *testing.T) {
	dir, data := evidence(t), t.TempDir()
	c := &collect{docs: map[string]rightsearch.Document{}}
	addTo(t, data, c, dir)
	notes := filepath.Join(dir, "notes.txt")
	before := byPath(c, "notes.txt")[0]
	old, err := os.ReadFile(notes)
	if err != nil {
		t.Fatal(err)
	}
	// The old bytes under another name are a duplicate; the new ones replace.
	if err := os.WriteFile(filepath.Join(dir, "copy-of-notes.txt"), old, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(notes, []byte("Field notes, revised\n\nThe hearing took place in June."), 0o644); err != nil {
		t.Fatal(err)
	}
	sum := addTo(t, data, c, dir)
	after := c.docs[before.ID]
	if sum.Replaced != 1 || sum.Added != 0 || after.Title != "Field notes, revised" {
		t.Errorf("summary %+v, document %q; want notes.txt replaced in place", sum, after.Title)
	}
	if len(sum.Duplicates) != 1 || !strings.HasSuffix(sum.Duplicates[0].Path, "copy-of-notes.txt") || !strings.HasSuffix(sum.Duplicates[0].Of, string(filepath.Separator)+"notes.txt") {
		t.Errorf("duplicates %+v, want copy-of-notes.txt as a duplicate of notes.txt", sum.Duplicates)
	}
}

func TestFactsGivenWin(t *testing.T) {
	dir, data := evidence(t), t.TempDir()
	c := &collect{docs: map[string]rightsearch.Document{}}
	pub := rightsearch.Date{Year: 2021, Month: 7}
	_, err := Add(context.Background(), []string{filepath.Join(dir, "reports")}, Options{DataDir: data, Put: c.put,
		Organization: "Osprey Legal Clinic", Type: "report", Published: pub})
	if err != nil {
		t.Fatal(err)
	}
	for id, d := range c.docs {
		if d.Organization != "Osprey Legal Clinic" || d.Type != "report" || d.Published != pub {
			t.Errorf("%s: org %q type %q published %v", id, d.Organization, d.Type, d.Published)
		}
	}
	if len(c.docs) != 6 {
		t.Errorf("%d documents under reports/, want 6", len(c.docs))
	}
}

// TestReplacedMboxDropsGoneMessages: an mbox that lost a message is
// replaced, and the lost message's document is deleted through
// Options.Delete.
func TestReplacedMboxDropsGoneMessages(t *testing.T) {
	dir, data := evidence(t), t.TempDir()
	c := &collect{docs: map[string]rightsearch.Document{}}
	var deleted []string
	opts := Options{DataDir: data, Put: c.put, Delete: func(_ context.Context, ids []string) error {
		deleted = append(deleted, ids...)
		for _, id := range ids {
			delete(c.docs, id)
		}
		return nil
	}}
	mbox := filepath.Join(dir, "mail", "archive.mbox")
	if _, err := Add(context.Background(), []string{mbox}, opts); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(mbox)
	cut := bytes.LastIndex(b, []byte("\nFrom legal@"))
	if err := os.WriteFile(mbox, b[:cut+1], 0o644); err != nil {
		t.Fatal(err)
	}
	sum, err := Add(context.Background(), []string{mbox}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Replaced != 1 || sum.Documents != 2 || len(deleted) != 1 || len(sum.Removed) != 1 || len(c.docs) != 2 {
		t.Fatalf("summary %+v, deleted %q, %d documents left; want the third message deleted", sum, deleted, len(c.docs))
	}
	for _, d := range c.docs {
		if strings.Contains(d.Title, "Consent") {
			t.Errorf("the lost message %s is still there", d.ID)
		}
	}
}

// TestDataDirInsideFolder: `add .` where the data directory is reads
// the evidence, not rightsearch's own store and raw copies.
func TestDataDirInsideFolder(t *testing.T) {
	dir := evidence(t)
	data := filepath.Join(dir, "data")
	c := &collect{docs: map[string]rightsearch.Document{}}
	first := addTo(t, data, c, dir)
	again := addTo(t, data, c, dir)
	if first.Files != 10 || again.Files != 10 || again.Unchanged != 10 || len(again.Skipped) > 0 {
		t.Errorf("first %+v, again %+v: want the 10 evidence files only", first, again)
	}
	sum, err := Add(context.Background(), []string{filepath.Join(data, "raw")}, Options{DataDir: data, Put: c.put})
	if err != nil || len(sum.Skipped) != 1 || !strings.Contains(sum.Skipped[0].Reason, "inside the data directory") {
		t.Errorf("adding data/raw: %v %+v", err, sum)
	}
}
