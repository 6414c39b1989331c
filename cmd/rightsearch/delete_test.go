package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/internal/testutil"
)

// deleteBinary builds the rightsearch command, as shipped, for the tests
// that run it as a user does.
func deleteBinary(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	bin := filepath.Join(t.TempDir(), "rightsearch")
	if out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// runBin runs the binary and returns its output and exit status.
func runBin(t *testing.T, bin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		t.Fatalf("%s: %v", args, err)
	}
	return out.String(), errb.String(), code
}

// views is what a user sees of the deleted documents over HTTP.
type views struct {
	base string
	t    *testing.T
}

func (v views) get(path string) (int, string) {
	v.t.Helper()
	resp, err := http.Get(v.base + path)
	if err != nil {
		v.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		v.t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

func (v views) timeline(target string) []string {
	v.t.Helper()
	_, b := v.get("/api/targets/" + url.PathEscape(target))
	var tl rightsearch.TargetTimeline
	if err := json.Unmarshal([]byte(b), &tl); err != nil {
		v.t.Fatalf("timeline: %v in %s", err, b)
	}
	var ids []string
	for _, e := range tl.Timeline {
		ids = append(ids, e.ID)
	}
	return ids
}

func (v views) search(q url.Values) rightsearch.Response {
	v.t.Helper()
	_, b := v.get("/api/search?" + q.Encode())
	var r rightsearch.Response
	if err := json.Unmarshal([]byte(b), &r); err != nil {
		v.t.Fatalf("search: %v in %s", err, b)
	}
	return r
}

func (v views) count(facet, value string) int {
	for _, f := range v.search(url.Values{"size": {"1"}}).Facets[facet] {
		if f.Value == value {
			return f.Count
		}
	}
	return 0
}

// checkGone checks every place a user would look for a deleted seed.
func (v views) checkGone(stage, seed, target string, orgWant int) {
	v.t.Helper()
	if st, _ := v.get("/api/documents/" + url.PathEscape(seed)); st != http.StatusNotFound {
		v.t.Errorf("%s: GET %s: %d, want 404", stage, seed, st)
	}
	if slices.Contains(v.timeline(target), seed) {
		v.t.Errorf("%s: %s still on %s's timeline", stage, seed, target)
	}
	if _, csv := v.get("/api/search.csv?size=100&target=" + url.QueryEscape(target)); strings.Contains(csv, seed) {
		v.t.Errorf("%s: %s still in the CSV", stage, seed)
	}
	if r := v.search(url.Values{"q": {"Kingdom Came to Canada"}, "size": {"100"}}); slices.ContainsFunc(r.Hits, func(h rightsearch.Hit) bool { return h.ID == seed }) {
		v.t.Errorf("%s: %s still found", stage, seed)
	}
	if n := v.count("organization", "Citizen Lab"); n != orgWant {
		v.t.Errorf("%s: Citizen Lab facet %d, want %d", stage, n, orgWant)
	}
}

// Must-show 4 of issue 13: `rightsearch delete` beside a running serve,
// then offline; gone from search, facets, a target's timeline and the
// CSV, and still gone after `rightsearch index`; a re-add brings one back.
func TestDeleteCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := deleteBinary(t)
	data := t.TempDir()
	const seed, target = "cl-2018-kingdom-came-to-canada", "Omar Abdulaziz"
	file := filepath.Join(t.TempDir(), "in.jsonl")
	if err := os.WriteFile(file, []byte(`{"id":"CL_2016_001","title":"Quillwhistle memo","organization":"Citizen Lab"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, errOut, code := runBin(t, bin, "import", "--data", data, file); code != 0 {
		t.Fatalf("import: %d\n%s%s", code, out, errOut)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	urlc, done := make(chan string, 1), make(chan error, 1)
	var logs testutil.SyncBuffer
	e := env{stdout: &bytes.Buffer{}, stderr: &logs, log: slog.New(slog.NewTextHandler(&logs, nil))}
	go func() { done <- serve(ctx, e, data, "127.0.0.1:0", false, func(u string) { urlc <- u }) }()
	var v views
	select {
	case u := <-urlc:
		v = views{u, t}
	case err := <-done:
		t.Fatal(err)
	}
	if !slices.Contains(v.timeline(target), seed) {
		t.Fatalf("%s is not on %s's timeline to begin with", seed, target)
	}
	lab := v.count("organization", "Citizen Lab")

	out, errOut, code := runBin(t, bin, "delete", "--data", data, seed, "CL_2016_001")
	if code != 0 || !strings.Contains(out, "deleted 2 documents (queued for the running server") {
		t.Fatalf("delete: exit %d\n%s%s", code, out, errOut)
	}
	start := time.Now()
	for st, _ := v.get("/api/documents/" + seed); st != http.StatusNotFound; st, _ = v.get("/api/documents/" + seed) {
		if time.Since(start) > 5*time.Second {
			t.Fatalf("%s still served 5 s after delete", seed)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("the running server removed them %s after the command returned", time.Since(start).Round(10*time.Millisecond))
	v.checkGone("after delete", seed, target, lab-2)
	if r := v.search(url.Values{"q": {"quillwhistle"}}); r.Total != 0 {
		t.Errorf("quillwhistle still found: %v", r.Hits)
	}

	// Unknown id: exit 1, named.
	if _, errOut, code := runBin(t, bin, "delete", "--data", data, "no-such-doc"); code != 1 || !strings.Contains(errOut, `"no-such-doc"`) {
		t.Errorf("delete unknown: exit %d, stderr %s", code, errOut)
	}

	// A re-index does not bring them back.
	if out, errOut, code := runBin(t, bin, "index", "--data", data); code != 0 {
		t.Fatalf("index: %d\n%s%s", code, out, errOut)
	}
	waitFor(t, v.base+"/healthz", `"gen-000002"`)
	v.checkGone("after index", seed, target, lab-2)

	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}
	// Offline, after another rebuild: still gone; importing the id again
	// is a re-add, and says so.
	if _, _, code := runBin(t, bin, "index", "--data", data); code != 0 {
		t.Fatal("offline index failed")
	}
	if out, _, _ := runBin(t, bin, "search", "--data", data, "--json", "--size", "100", "Kingdom Came to Canada"); strings.Contains(out, `"`+seed+`"`) {
		t.Errorf("offline search finds %s", seed)
	}
	out, errOut, code = runBin(t, bin, "import", "--data", data, file)
	if code != 0 || !strings.Contains(errOut, "re-added deleted documents") {
		t.Errorf("re-add: exit %d\n%s%s", code, out, errOut)
	}
	if out, _, _ := runBin(t, bin, "search", "--data", data, "--json", "quillwhistle"); !strings.Contains(out, `"CL_2016_001"`) {
		t.Errorf("re-added document not found:\n%s", out)
	}
	// Offline delete: from the index at once.
	if out, _, code := runBin(t, bin, "delete", "--data", data, "CL_2016_001"); code != 0 || !strings.Contains(out, "(from the index)") {
		t.Errorf("offline delete: %d %s", code, out)
	}
	if out, _, _ := runBin(t, bin, "search", "--data", data, "--json", "quillwhistle"); strings.Contains(out, `"CL_2016_001"`) {
		t.Errorf("offline delete left it searchable:\n%s", out)
	}
}
