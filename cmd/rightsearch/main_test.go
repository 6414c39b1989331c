package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rightsearch/rightsearch/internal/testutil"
)

func runCmd(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, &out, &errb)
	return out.String(), errb.String(), err
}

// TestEndToEnd drives the CLI as a user would: serve, then search, import
// and index against the running server, then shut it down.
func TestEndToEnd(t *testing.T) {
	data := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	urlc := make(chan string, 1)
	done := make(chan error, 1)
	var logs testutil.SyncBuffer
	e := env{stdout: &bytes.Buffer{}, stderr: &logs, log: slog.New(slog.NewTextHandler(&logs, nil))}
	go func() { done <- serve(ctx, e, data, "127.0.0.1:0", false, func(u string) { urlc <- u }) }()
	var base string
	select {
	case base = <-urlc:
	case err := <-done:
		t.Fatal(err)
	}

	out, _, err := runCmd(t, "search", "--data", data, "Mansoor")
	if err != nil || !strings.Contains(out, "[Mansoor]") || !strings.Contains(out, "letter-deibert-jefferies") {
		t.Fatalf("search through server: %v\n%s", err, out)
	}
	// Flags before or after the query words filter alike.
	for _, args := range [][]string{
		{"search", "--data", data, "--json", "--org", "Lookout", "Pegasus"},
		{"search", "Pegasus", "--data", data, "--json", "--org", "Lookout"},
	} {
		out, _, err = runCmd(t, args...)
		var resp struct{ Total int }
		if err != nil || json.Unmarshal([]byte(out), &resp) != nil || resp.Total != 2 {
			t.Errorf("%q: %v total %d", args, err, resp.Total)
		}
	}
	if _, _, err := runCmd(t, "search", "--data", data, "--sort", "sideways", "x"); err == nil {
		t.Error("bad --sort accepted")
	}

	file := filepath.Join(t.TempDir(), "new.jsonl")
	os.WriteFile(file, []byte(`{"id":"imported-while-serving","title":"Quetzalcoatl memo","type":"email"}`+"\n"+"{broken\n"), 0o644)
	// A skipped line makes the exit status 1; the good line is imported.
	out, errOut, err := runCmd(t, "import", "--data", data, file)
	if exitCode(err) != 1 || !strings.Contains(err.Error(), "skipped 1 of 2 lines") ||
		!strings.Contains(out, "imported 1 documents (stored and queued") || !strings.Contains(errOut, "line 2:") {
		t.Fatalf("import: %v\n%s\n%s", err, out, errOut)
	}
	waitFor(t, base+"/api/search?q=Quetzalcoatl", `"imported-while-serving"`)

	out, _, err = runCmd(t, "index", "--data", data)
	if err != nil || !strings.Contains(out, "gen-000002") {
		t.Fatalf("index: %v %s", err, out)
	}
	waitFor(t, base+"/healthz", `"gen-000002"`)
	waitFor(t, base+"/api/search?q=Quetzalcoatl", `"imported-while-serving"`)

	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}
	if _, err := os.Stat(filepath.Join(data, "serve.json")); !os.IsNotExist(err) {
		t.Error("serve.json left after shutdown")
	}
	// Without a server, search opens the index itself.
	out, _, err = runCmd(t, "search", "--data", data, "Quetzalcoatl")
	if err != nil || !strings.Contains(out, "1 results") {
		t.Errorf("offline search: %v %s", err, out)
	}
	if strings.Contains(logs.String(), "Quetzalcoatl") {
		t.Error("access log recorded a query string without --log-queries")
	}
}

func TestUnknownCommand(t *testing.T) {
	if _, errOut, err := runCmd(t, "frobnicate"); err == nil || !strings.Contains(errOut, "usage") {
		t.Errorf("err %v, stderr %q", err, errOut)
	}
}

func waitFor(t *testing.T, url, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err := http.Get(url)
		if err == nil {
			var b bytes.Buffer
			b.ReadFrom(resp.Body)
			resp.Body.Close()
			if strings.Contains(b.String(), want) {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s never contained %s", url, want)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
