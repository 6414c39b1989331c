package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 13: import takes the ids users give, and exits 1 when it skipped
// a line, having imported the rest.
func TestImportExitStatusAndIDs(t *testing.T) {
	data := t.TempDir()
	file := filepath.Join(t.TempDir(), "in.jsonl")
	lines := strings.Join([]string{
		`{"id":"CL_2016_001","title":"Wyvernquill upper-case id"}`,
		`{"id":"sotu-1888_grover_cleveland_d","title":"Wyvernquill speech"}`,
		`{"id":"bad\u0001id","title":"control character"}`,
		`{broken`,
	}, "\n")
	if err := os.WriteFile(file, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := runCmd(t, "import", "--data", data, file)
	if exitCode(err) != 1 || !strings.Contains(err.Error(), "skipped 2 of 4 lines") || !strings.Contains(out, "imported 2 documents") {
		t.Fatalf("import: exit %d (%v)\n%s%s", exitCode(err), err, out, errOut)
	}
	for _, want := range []string{"line 3: invalid document: id \"bad\\x01id\" has a control character", "line 4: invalid JSON"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	out, _, err = runCmd(t, "search", "--data", data, "--json", "wyvernquill")
	if err != nil || !strings.Contains(out, `"CL_2016_001"`) || !strings.Contains(out, `"sotu-1888_grover_cleveland_d"`) {
		t.Errorf("search: %v\n%s", err, out)
	}
	// Nothing skipped: exit status 0.
	good := filepath.Join(t.TempDir(), "good.jsonl")
	if err := os.WriteFile(good, []byte(`{"id":"Ünïcode id ✓","title":"Wyvernquill"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, errOut, err := runCmd(t, "import", "--data", data, good); err != nil || !strings.Contains(out, "skipped 0 bad lines") {
		t.Errorf("import good: %v\n%s%s", err, out, errOut)
	}
}
