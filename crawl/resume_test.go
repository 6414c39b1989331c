package crawl

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/nlnwa/gowarc/v3"
	rightsearch "github.com/rightsearch/rightsearch"
)

// Environment of the helper process that TestMain turns into a crawler.
const (
	helperData  = "RIGHTSEARCH_CRAWL_HELPER_DATA"
	helperURLs  = "RIGHTSEARCH_CRAWL_HELPER_URLS"
	helperAllow = "RIGHTSEARCH_CRAWL_HELPER_ALLOW"
)

func TestMain(m *testing.M) {
	if os.Getenv(helperData) != "" {
		os.Exit(helperCrawl())
	}
	os.Exit(m.Run())
}

// helperCrawl runs a crawl in this process until it is killed; each
// document the sink gets is appended to DATA/sunk.txt.
func helperCrawl() int {
	data := os.Getenv(helperData)
	c, err := New(Options{DataDir: data, Rate: 20, AllowHosts: []string{os.Getenv(helperAllow)}})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	var seeds []Seed
	for _, u := range strings.Split(os.Getenv(helperURLs), ",") {
		seeds = append(seeds, Seed{URLs: []string{u}})
	}
	sunk, err := os.OpenFile(filepath.Join(data, "sunk.txt"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	_, err = c.Run(context.Background(), seeds, func(_ context.Context, d rightsearch.Document) error {
		_, err := fmt.Fprintln(sunk, d.URL)
		return err
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// A crawl killed with SIGKILL mid-way resumes without fetching again any
// URL it had archived, and every document reaches a sink in one run or
// the other.
func TestResumeAfterKill(t *testing.T) {
	const pages = 12
	var mu sync.Mutex
	var hits []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits = append(hits, r.URL.Path)
		mu.Unlock()
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		time.Sleep(20 * time.Millisecond)
		fmt.Fprintf(w, "<html><head><title>Page %s</title></head><body><p>Report text of %s, unique.</p></body></html>",
			r.URL.Path, r.URL.Path)
	}))
	defer srv.Close()
	countDocs := func() (n int, paths []string) {
		mu.Lock()
		defer mu.Unlock()
		for _, h := range hits {
			if strings.HasPrefix(h, "/doc/") {
				n++
			}
		}
		return n, append([]string(nil), hits...)
	}
	var urls []string
	for i := range pages {
		urls = append(urls, fmt.Sprintf("%s/doc/%d", srv.URL, i))
	}
	data := t.TempDir()

	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperData+"="+data, helperURLs+"="+strings.Join(urls, ","),
		helperAllow+"="+srv.Listener.Addr().String())
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for n, _ := countDocs(); n < pages/2; n, _ = countDocs() {
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			t.Fatal("helper crawl made no progress")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	_, beforeResume := countDocs()
	archived := archivedURIs(t, filepath.Join(data, "archive"))
	if len(archived) == 0 || len(archived) >= pages {
		t.Fatalf("kill came at a bad time: %d of %d pages archived", len(archived), pages)
	}

	var got collect
	c, err := New(Options{DataDir: data, Rate: 100, AllowHosts: []string{srv.Listener.Addr().String()}})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := c.Run(context.Background(), seedsFromURLs(urls), got.sink)
	if err != nil {
		t.Fatal(err)
	}
	_, all := countDocs()
	refetched := map[string]bool{}
	for _, p := range all[len(beforeResume):] {
		refetched[p] = true
	}
	for u := range archived {
		if p := strings.TrimPrefix(u, srv.URL); refetched[p] {
			t.Errorf("%s was archived before the kill and fetched again", p)
		}
	}
	if sum.Failed != 0 || sum.Fetched > pages-len(archived) {
		t.Errorf("resumed crawl: %s (archived before the kill: %d)", sum, len(archived))
	}
	// Every page reached a sink: the killed process's or this one's.
	sunk := map[string]bool{}
	for _, d := range got.docs {
		sunk[d.URL] = true
	}
	f, _ := os.Open(filepath.Join(data, "sunk.txt"))
	if f != nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			sunk[sc.Text()] = true
		}
		f.Close()
	}
	for _, u := range urls {
		if !sunk[u] {
			t.Errorf("%s never reached a sink", u)
		}
	}
}

func seedsFromURLs(urls []string) []Seed {
	var out []Seed
	for _, u := range urls {
		out = append(out, Seed{URLs: []string{u}})
	}
	return out
}

// archivedURIs lists the target URIs of response records, stopping at a
// record torn by the kill.
func archivedURIs(t *testing.T, dir string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	files, _ := filepath.Glob(filepath.Join(dir, "*.warc.gz"))
	for _, f := range files {
		warcMu.Lock()
		rd, err := gowarc.NewWarcFileReader(f, 0)
		warcMu.Unlock()
		if err != nil {
			t.Fatal(err)
		}
		for rec, err := range rd.Records() {
			if err != nil {
				break
			}
			if rec.WarcRecord.Type() == gowarc.Response {
				out[rec.WarcRecord.WarcHeader().Get(gowarc.WarcTargetURI)] = true
			}
			rec.Close()
		}
		rd.Close()
	}
	return out
}
