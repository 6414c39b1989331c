package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestKindsByContent: each file of the fixture folder is read as its
// content says, whatever its name (scan-notes.txt is a PDF).
func TestKindsByContent(t *testing.T) {
	dir := evidence(t)
	want := map[string]string{
		"notes.txt":                       "text",
		"reports/2021/kestrel-report.pdf": "pdf",
		"reports/2021/scan-notes.txt":     "pdf",
		"reports/2021/saved-page.html":    "html",
		"reports/drafts/submission.docx":  "docx",
		"reports/drafts/letter.odt":       "odt",
		"reports/drafts/briefing.md":      "markdown",
		"mail/tip.eml":                    "email",
		"mail/archive.mbox":               "mbox",
		"captures/kestrel-page.warc":      "warc",
	}
	a := &adder{opts: Options{Kinds: DefaultKinds()}}
	for rel, kind := range want {
		f := File{Path: rel, Abs: filepath.Join(dir, filepath.FromSlash(rel))}
		if _, err := hashHead(&f); err != nil {
			t.Fatal(err)
		}
		if k := a.kindOf(f); k == nil || k.Name != kind {
			t.Errorf("%s: kind %v, want %s", rel, k, kind)
		}
	}
}

func TestSniffText(t *testing.T) {
	tests := []struct {
		name, head string
		kind       string // "" for none
	}{
		{"letter with a dash list", "Dear colleagues,\n\n- the hearing is on Monday\n\nRegards", "text"},
		{"tag mentioned late", "Notes on the page\n\nThe page used a <div> to hide the form.", "text"},
		{"markdown by heading", "# Findings\n\nSome text.", "markdown"},
		{"markdown by list and link", "Findings\n\n* see [the report](https://x.example)\n", "markdown"},
		{"html fragment", "<p>A paragraph saved alone.</p>", "html"},
		{"xhtml", `<?xml version="1.0"?>` + "\n" + `<html xmlns="http://www.w3.org/1999/xhtml"><body><p>x</p></body></html>`, "html"},
		{"header-like text", "From: the field team\nWe met the witnesses today.", "text"},
		{"e-mail", "From: a@x.example\nTo: b@x.example\nSubject: hello\n\nbody", "email"},
		{"mbox", "From a@x.example Mon Mar  1 09:00:00 2021\nFrom: a@x.example\nSubject: hello\n\nbody", "mbox"},
		{"latin-1 text", "Caf\xe9 notes: the witness met us at the caf\xe9.", "text"},
		{"binary", "\x00\x01\x02\x03binary", ""},
	}
	a := &adder{opts: Options{Kinds: DefaultKinds()}}
	for _, tt := range tests {
		f := File{Path: "x", Abs: "/nonexistent", Head: []byte(tt.head)}
		got := ""
		if k := a.kindOf(f); k != nil {
			got = k.Name
		}
		if got != tt.kind {
			t.Errorf("%s: kind %q, want %q", tt.name, got, tt.kind)
		}
	}
}

func TestMboxSplitAndUnquote(t *testing.T) {
	b, err := os.ReadFile("testdata/evidence/mail/archive.mbox")
	if err != nil {
		t.Fatal(err)
	}
	msgs := splitMbox(b)
	if len(msgs) != 3 {
		t.Fatalf("%d messages, want 3", len(msgs))
	}
	first := string(unquoteMbox(msgs[0]))
	if !strings.Contains(first, "\nFrom osprey.example's point of view") || strings.Contains(first, ">From") {
		t.Errorf("first message not unquoted:\n%s", first)
	}
	if !strings.HasPrefix(string(msgs[1]), "From: Field Team") {
		t.Errorf("second message starts %.40q, want its headers (the separator line dropped)", msgs[1])
	}
}
