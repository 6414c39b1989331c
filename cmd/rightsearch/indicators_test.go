package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func fixtureList(name string) string {
	return filepath.Join("..", "..", "indicators", "testdata", filepath.FromSlash(name))
}

// TestIndicatorsImport: each fixture format imports as the list it is,
// with its format and count printed, and its indicators are searchable.
func TestIndicatorsImport(t *testing.T) {
	data := t.TempDir()
	files := []string{"stix/paper_kite.stix2", "misp/mayfly.json", "misp/iocs.csv", "mvt/indicators.yaml",
		"lists/paperkite/domains.txt", "lists/paperkite/ips.txt", "lists/paperkite/sha256.txt",
		"lists/paperkite/emails.txt"}
	args := []string{"indicators", "import", "--data", data}
	for _, f := range files {
		args = append(args, fixtureList(f))
	}
	out, errOut, err := runCmd(t, args...)
	if err != nil {
		t.Fatalf("import: %v\n%s%s", err, out, errOut)
	}
	for _, want := range []string{
		"stix list bundle--5e1f0c2a-9d3b-4c1e-8f00-000000000001 (new, indexed), 7 indicators, added 7, removed 0, skipped 1 entries",
		"misp-json list misp-5f0c0a00-1111-4222-8333-944455556666 (new, indexed), 9 indicators",
		"misp-csv list list-misp-iocs-csv (new, indexed), 5 indicators",
		"mvt-yaml list list-mvt-indicators-yaml (new, indexed), 2 indicators, added 2, removed 0, skipped 1 entries",
		`skipped collection "Not Downloaded Indicators": its STIX file is not on disk`,
		"text list list-paperkite-domains-txt (new, indexed), 3 indicators",
		"text list list-paperkite-ips-txt (new, indexed), 2 indicators",
		"text list list-paperkite-sha256-txt (new, indexed), 1 indicators",
		"text list list-paperkite-emails-txt (new, indexed), 2 indicators",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for q, want := range map[string]string{
		"indicator:bluewhistled":              "bundle--5e1f0c2a-9d3b-4c1e-8f00-000000000001",
		`indicator:"sender[at]example[.]org"`: "list-paperkite-emails-txt",
		"indicator:2001:db8::1":               "list-paperkite-ips-txt",
		"indicator:203.0.113.10":              "misp-5f0c0a00-1111-4222-8333-944455556666",
		"indicator:kitehelper":                "list-mvt-indicators-yaml",
		"Bluewhistle type:indicator-list":     "list-mvt-indicators-yaml",
		"indicator:cdn.example.org":           "list-misp-iocs-csv",
	} {
		if ids := searchIDs(t, data, q); !slices.Contains(ids, want) {
			t.Errorf("search %s: %v, want %s among them", q, ids, want)
		}
	}
}

// TestIndicatorsReimport: a changed list replaces the old one; the import
// says what it added and removed, and the removed value is gone from the
// index and the store.
func TestIndicatorsReimport(t *testing.T) {
	data := t.TempDir()
	file := filepath.Join(t.TempDir(), "kite", "domains.txt")
	write := func(body string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("example[.]com\nold.example.net\n")
	if out, errOut, err := runCmd(t, "indicators", "import", "--data", data, "--campaign", "Paper Kite", file); err != nil ||
		!strings.Contains(out, "2 indicators, added 2, removed 0") {
		t.Fatalf("first import: %v\n%s%s", err, out, errOut)
	}
	write("example[.]com\nnew.example.org\n")
	out, errOut, err := runCmd(t, "indicators", "import", "--data", data, file)
	if err != nil {
		t.Fatalf("re-import: %v\n%s", err, errOut)
	}
	for _, want := range []string{"text list list-kite-domains-txt (replaced, indexed), 2 indicators, added 1, removed 1",
		"+ domain new.example.org", "- domain old.example.net"} {
		if !strings.Contains(out, want) {
			t.Errorf("re-import output lacks %q:\n%s", want, out)
		}
	}
	if ids := searchIDs(t, data, "indicator:old.example.net"); len(ids) != 0 {
		t.Errorf("old.example.net still found in %v", ids)
	}
	if ids := searchIDs(t, data, "indicator:new.example.org"); !slices.Equal(ids, []string{"list-kite-domains-txt"}) {
		t.Errorf("new.example.org found in %v", ids)
	}
	b, err := os.ReadFile(filepath.Join(data, "indicators", "list-kite-domains-txt.json"))
	if err != nil || strings.Contains(string(b), "old.example.net") || !strings.Contains(string(b), "new.example.org") {
		t.Errorf("stored list (%v):\n%s", err, b)
	}
}

// TestIndicatorsImportErrors: a file that is no list is named and the
// command exits 1 after importing the others; no file is a usage error.
func TestIndicatorsImportErrors(t *testing.T) {
	data := t.TempDir()
	bad := filepath.Join(t.TempDir(), "notes.json")
	if err := os.WriteFile(bad, []byte(`{"hello": "world"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err := runCmd(t, "indicators", "import", "--data", data, bad, fixtureList("lists/paperkite/ips.txt"))
	if exitCode(err) != 1 || !strings.Contains(out, "notes.json: not imported:") || !strings.Contains(out, "2 indicators, added 2") {
		t.Errorf("exit %d (%v)\n%s", exitCode(err), err, out)
	}
	if _, _, err := runCmd(t, "indicators", "--data", data); exitCode(err) != 2 {
		t.Errorf("no import FILE: exit %d, want 2", exitCode(err))
	}
}

// TestAddIndicatorLists: add recognises published lists among other
// files: each is stored as a list and indexed as one, and a prose text
// beside them stays a document.
func TestAddIndicatorLists(t *testing.T) {
	dir, data := t.TempDir(), t.TempDir()
	for src, dst := range map[string]string{"stix/paper_kite.stix2": "kite/paper_kite.stix2",
		"misp/mayfly.json": "mayfly/misp.json", "lists/paperkite/domains.txt": "kite/domains.txt"} {
		b, err := os.ReadFile(fixtureList(src))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(dst)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, dst), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	note := "Field note on the Paper Kite lure.\nThe message linked to example[.]com.\nWe kept the screenshots.\n"
	if err := os.WriteFile(filepath.Join(dir, "kite", "note.txt"), []byte(note), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := runCmd(t, "add", "--data", data, dir)
	if err != nil || !strings.Contains(out, "added 4 files (4 documents") {
		t.Fatalf("add: %v\n%s%s", err, out, errOut)
	}
	for _, want := range []string{"stix list bundle--5e1f0c2a-9d3b-4c1e-8f00-000000000001, 7 indicators, added 7",
		"misp-json list misp-5f0c0a00-1111-4222-8333-944455556666, 9 indicators", "text list list-kite-domains-txt, 3 indicators"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("add's output lacks %q:\n%s", want, errOut)
		}
	}
	ids := searchIDs(t, data, "indicator:example.com")
	slices.Sort(ids)
	if len(ids) != 4 || !slices.Contains(ids, "list-kite-domains-txt") || !slices.Contains(ids, "bundle--5e1f0c2a-9d3b-4c1e-8f00-000000000001") {
		t.Errorf("indicator:example.com = %v, want the three lists and the note", ids)
	}
	if _, err := os.Stat(filepath.Join(data, "indicators", "list-kite-domains-txt.json")); err != nil {
		t.Errorf("the list is not stored: %v", err)
	}
}
