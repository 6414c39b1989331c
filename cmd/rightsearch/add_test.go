package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/indexer"
	"github.com/rightsearch/rightsearch/ingest/fixture"
	"github.com/rightsearch/rightsearch/internal/testutil"
	"github.com/rightsearch/rightsearch/seeds"
)

// evidenceDir writes the fixture folder ingest's tests read (its text
// files and the binaries fixture makes) to a new folder named evidence.
func evidenceDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "evidence")
	files := fixture.Binaries()
	src := filepath.Join("..", "..", "ingest", "testdata", "evidence")
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		files[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err == nil {
		err = fixture.Write(dir, files)
	}
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// searchIDs runs `search --json` and returns the hits' ids.
func searchIDs(t *testing.T, data string, words ...string) []string {
	t.Helper()
	out, _, err := runCmd(t, append([]string{"search", "--data", data, "--json"}, words...)...)
	if err != nil {
		t.Fatalf("search %q: %v", words, err)
	}
	var resp rightsearch.Response
	if err := json.Unmarshal([]byte(out), &resp); err != nil {
		t.Fatalf("search %q: %v\n%s", words, err, out)
	}
	var ids []string
	for _, h := range resp.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

func TestAddFixtureFolder(t *testing.T) {
	dir, data := evidenceDir(t), t.TempDir()
	out, _, err := runCmd(t, "add", "--data", data, dir)
	if err != nil || !strings.Contains(out, "added 10 files (13 documents, indexed)") || !strings.Contains(out, "skipped 0") {
		t.Fatalf("add: %v\n%s", err, out)
	}
	// Each format is found by a word only its text has.
	for _, w := range []string{"postponed", "Rapporteur", "month", "strikes", "fortnight", "identity", "hosting", "handover", "consent", "embassies"} {
		if ids := searchIDs(t, data, w); len(ids) == 0 {
			t.Errorf("search %q finds nothing", w)
		}
	}
	out, _, err = runCmd(t, "add", "--data", data, dir)
	if err != nil || !strings.Contains(out, "added 0 files (0 documents") || !strings.Contains(out, "unchanged 10") {
		t.Errorf("second add: %v\n%s", err, out)
	}
	// An mbox that lost its last message: the message's document goes.
	mbox := filepath.Join(dir, "mail", "archive.mbox")
	b, _ := os.ReadFile(mbox)
	if err := os.WriteFile(mbox, b[:bytes.LastIndex(b, []byte("\nFrom legal@"))+1], 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err = runCmd(t, "add", "--data", data, dir)
	if err != nil || !strings.Contains(out, "replaced 1") || !strings.Contains(out, "removed 1 documents") {
		t.Errorf("add after the mbox changed: %v\n%s", err, out)
	}
	if ids := searchIDs(t, data, "consent"); len(ids) != 0 {
		t.Errorf("the lost message is still found: %q", ids)
	}
	out, _, err = runCmd(t, "add", "--data", data, "--json", filepath.Join(dir, "notes.txt"))
	var sum struct{ Added, Unchanged int }
	if err != nil || json.Unmarshal([]byte(out), &sum) != nil || sum.Unchanged != 1 || sum.Added != 0 {
		t.Errorf("add of one file of the folder: %v\n%s", err, out)
	}
}

func TestAddFlags(t *testing.T) {
	dir, data := evidenceDir(t), t.TempDir()
	if _, _, err := runCmd(t, "add", "--data", data, "--type", "memoir", dir); exitCode(err) != 2 {
		t.Errorf("--type memoir: %v, want a usage error", err)
	}
	if _, _, err := runCmd(t, "add", "--data", data); exitCode(err) != 2 {
		t.Errorf("no PATH: %v, want a usage error", err)
	}
	out, _, err := runCmd(t, "add", "--data", data, "--org", "Osprey Legal Clinic", "--type", "submission",
		"--published", "2021-09", filepath.Join(dir, "reports", "drafts"))
	if err != nil || !strings.Contains(out, "added 3 files") {
		t.Fatalf("add: %v\n%s", err, out)
	}
	ids := searchIDs(t, data, "--org", "Osprey Legal Clinic", "--type", "submission", "--from", "2021-09", "--to", "2021-09")
	if len(ids) != 3 {
		t.Errorf("search by the facts given finds %q, want the 3 drafts", ids)
	}
}

// TestAddWhileServing: with serve running, add queues the documents and
// the server indexes them; the raw route serves the bytes added.
func TestAddWhileServing(t *testing.T) {
	dir, data := evidenceDir(t), t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	urlc, done := make(chan string, 1), make(chan error, 1)
	var logs testutil.SyncBuffer
	e := env{stdout: io.Discard, stderr: &logs, log: slog.New(slog.NewTextHandler(&logs, nil))}
	go func() { done <- serve(ctx, e, data, "127.0.0.1:0", false, func(u string) { urlc <- u }) }()
	var base string
	select {
	case base = <-urlc:
	case err := <-done:
		t.Fatal(err)
	}
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	}()
	pdf := filepath.Join(dir, "reports", "2021", "kestrel-report.pdf")
	start := time.Now()
	out, _, err := runCmd(t, "add", "--data", data, pdf)
	if err != nil || !strings.Contains(out, "stored and queued for the running server") {
		t.Fatalf("add: %v\n%s", err, out)
	}
	added := time.Now()
	var resp rightsearch.Response
	for deadline := time.Now().Add(10 * time.Second); len(resp.Hits) == 0; {
		if time.Now().After(deadline) {
			t.Fatal("the added PDF never became searchable")
		}
		time.Sleep(20 * time.Millisecond)
		getJSON(t, base+"/api/search?"+url.Values{"q": {"mercenary"}}.Encode(), &resp)
	}
	t.Logf("searchable %s after add started, %s after it returned", time.Since(start).Round(time.Millisecond),
		time.Since(added).Round(time.Millisecond))

	id := resp.Hits[0].ID
	res, err := http.Get(base + "/api/documents/" + id + "/raw")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	want, _ := os.ReadFile(pdf)
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/pdf" || !bytes.Equal(body, want) {
		t.Errorf("raw: %d %s, %d bytes; want the PDF's %d bytes", res.StatusCode, res.Header.Get("Content-Type"), len(body), len(want))
	}
	var d rightsearch.Document
	getJSON(t, base+"/api/documents/"+id, &d)
	if p := d.Provenance; p == nil || p.Path != "kestrel-report.pdf" || p.Size != int64(len(want)) || p.Raw == "" || p.SHA256 != p.Raw {
		t.Errorf("provenance %+v", d.Provenance)
	}
	// A damaged copy is refused, not served.
	copyPath := filepath.Join(data, "raw", d.Provenance.Raw[:2], d.Provenance.Raw)
	if err := os.WriteFile(copyPath, append(want, '!'), 0o644); err != nil {
		t.Fatal(err)
	}
	if res, err := http.Get(base + "/api/documents/" + id + "/raw"); err != nil || res.StatusCode == 200 {
		t.Errorf("damaged raw copy served: %v %v", err, res.Status)
	} else {
		res.Body.Close()
	}
}

// buildBinary builds the rightsearch command into a temporary folder: the
// product as shipped (no -race), so that a kill is a real process's.
func buildBinary(t *testing.T) string {
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

// TestAddHostileFolderBinary runs the real command on a folder of files
// that must each be skipped with their reason: the rest goes in, the
// command ends, its memory stays bounded, and it exits 1.
func TestAddHostileFolderBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	base := t.TempDir()
	dir := filepath.Join(base, "hostile")
	err := fixture.Write(dir, map[string][]byte{
		"good/notes.txt":  []byte("Interview notes: the source described the checkpoint in detail."),
		"good/report.pdf": fixture.PDF("A good report", "", "D:2022", []string{"This report goes in whatever else is in the folder."}),
		"bomb.docx":       fixture.ZipBomb(200 << 20),
		"hangs.pdf":       fixture.PDF("", "", "D:2022", []string{"HANG-THE-EXTRACTOR"}),
	})
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(err)
	must(os.WriteFile(filepath.Join(base, "secret.txt"), []byte("outside"), 0o644))
	must(os.Symlink(filepath.Join(base, "secret.txt"), filepath.Join(dir, "outside-link")))
	must(os.Symlink(".", filepath.Join(dir, "good", "loop")))
	sparse, err := os.Create(filepath.Join(dir, "disk.img"))
	must(err)
	must(sparse.Truncate(2 << 30))
	must(sparse.Close())
	must(syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o644))
	want := map[string]string{
		"outside-link": "outside the folder given", "good/loop": "symlink loop", "disk.img": "over the size limit",
		"bomb.docx": "zip bomb", "pipe": "named pipe",
	}
	if os.Geteuid() != 0 {
		must(os.WriteFile(filepath.Join(dir, "locked.txt"), []byte("no one may read this"), 0o000))
		want["locked.txt"] = "permission denied"
	}
	// A pdftotext that hangs on one PDF (and runs the real one on the
	// others) stands for a PDF that hangs the extractor.
	path := os.Getenv("PATH")
	if real, err := exec.LookPath("pdftotext"); err == nil {
		fake := t.TempDir()
		script := "#!/bin/sh\nif grep -q HANG-THE-EXTRACTOR \"$5\"; then exec sleep 600; fi\nexec " + real + " \"$@\"\n"
		must(os.WriteFile(filepath.Join(fake, "pdftotext"), []byte(script), 0o755))
		path = fake + string(os.PathListSeparator) + path
		want["hangs.pdf"] = "gave nothing for 2s"
	} else {
		t.Log("no pdftotext: the hanging PDF is not tried")
		os.Remove(filepath.Join(dir, "hangs.pdf"))
	}

	data := t.TempDir()
	cmd := exec.Command(bin, "add", "--data", data, "--timeout", "2s", "--json", dir)
	// PDFium reads the PDF before pdftotext would: name pdftotext alone so
	// the hanging one is tried.
	cmd.Env = append(os.Environ(), "PATH="+path, "RIGHTSEARCH_PDF_ENGINES=pdftotext")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	must(cmd.Start())
	waited := make(chan error, 1)
	go func() { waited <- cmd.Wait() }()
	select {
	case err = <-waited:
	case <-time.After(2 * time.Minute):
		cmd.Process.Kill()
		t.Fatalf("add hung\n%s", stderr.String())
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Fatalf("exit: %v, want status 1\n%s", err, stderr.String())
	}
	var sum struct {
		Added   int
		Skipped []struct{ Path, Reason string }
	}
	if err := json.Unmarshal(stdout.Bytes(), &sum); err != nil {
		t.Fatalf("%v\n%s", err, stdout.String())
	}
	got := map[string]string{}
	for _, s := range sum.Skipped {
		rel, _ := filepath.Rel(dir, s.Path)
		got[filepath.ToSlash(rel)] = s.Reason
	}
	for p, reason := range want {
		if !strings.Contains(got[p], reason) {
			t.Errorf("%s: skipped for %q, want %q", p, got[p], reason)
		}
	}
	if sum.Added != 2 || len(got) != len(want) {
		t.Errorf("added %d (want the 2 good files), skipped %v", sum.Added, got)
	}
	rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss // KiB on Linux
	t.Logf("hostile folder: %s, peak RSS %d MiB, skipped: %v", time.Since(start).Round(time.Millisecond), rss>>10, got)
	if rss > 1<<20 {
		t.Errorf("peak RSS %d MiB: memory is not bounded", rss>>10)
	}
}

// TestAddKilled kills an add of a few thousand files with SIGKILL midway,
// adds again, and checks that every file's document is in the store and
// the index exactly once.
func TestAddKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	const n = 3000
	dir, data := filepath.Join(t.TempDir(), "many"), t.TempDir()
	files := map[string][]byte{}
	for i := range n {
		files[fmt.Sprintf("batch-%02d/note-%04d.txt", i%30, i)] = fmt.Appendf(nil, "Note %d\n\nWitness statement number %d, taken in the field.", i, i)
	}
	if err := fixture.Write(dir, files); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "add", "--data", data, dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill once part of the folder is in: some ledger entries written.
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(5 * time.Millisecond) {
		entries, _ := os.ReadDir(filepath.Join(data, "added"))
		if len(entries) >= n/5 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("add made no progress\n%s", stderr.String())
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	entries, _ := os.ReadDir(filepath.Join(data, "added"))
	t.Logf("killed with %d of %d files in the ledger", len(entries), n)
	if len(entries) >= n {
		t.Fatal("add finished before the kill: nothing tested")
	}
	out, err := exec.Command(bin, "add", "--data", data, dir).CombinedOutput()
	if err != nil {
		t.Fatalf("second add: %v\n%s", err, out)
	}
	t.Logf("second add: %s", lineWith(string(out), "added "))

	// The store: one document per file, each file once.
	store, err := indexer.NewStore(filepath.Join(data, "docs"))
	if err != nil {
		t.Fatal(err)
	}
	ids, err := store.IDs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	perPath := map[string]int{}
	for _, id := range ids {
		d, err := store.Get(id)
		if err != nil {
			t.Fatal(err)
		}
		perPath[d.Provenance.Path]++
	}
	for p := range files {
		if perPath[p] != 1 {
			t.Errorf("%s: %d documents in the store, want 1", p, perPath[p])
		}
	}
	if len(ids) != n {
		t.Errorf("store holds %d documents, want %d", len(ids), n)
	}
	// The index: the store and the seeds, each once.
	ix, err := indexer.Open(context.Background(), indexer.Options{DataDir: data, Seeds: seeds.MustLoad()})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	total := int(ix.Count())
	res, err := ix.Search(context.Background(), bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), total+1, 0, false))
	if err != nil {
		t.Fatal(err)
	}
	inIndex := map[string]int{}
	for _, h := range res.Hits {
		inIndex[h.ID]++
	}
	for _, id := range ids {
		if inIndex[id] != 1 {
			t.Errorf("%s: %d times in the index, want 1", id, inIndex[id])
		}
	}
	if want := n + len(seeds.MustLoad().All()); total != want || len(res.Hits) != want {
		t.Errorf("index: count %d, %d hits; want %d (files and seeds)", total, len(res.Hits), want)
	}
}

func lineWith(s, prefix string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}
