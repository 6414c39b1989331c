package main

import (
	"bytes"
	"compress/zlib"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// pdfCorpus holds real PDFs from pdf.js's test suite (read in place).
const pdfCorpus = "../../../shared/corpora/pdf"

// withoutPoppler hides pdftotext the way a machine set up with `make run`
// lacks it: PATH names an empty directory, and the default engine order
// has only PDFium left.
func withoutPoppler(t *testing.T) {
	t.Helper()
	t.Setenv("PATH", t.TempDir())
	t.Setenv("RIGHTSEARCH_PDF_ENGINES", "")
	if _, err := exec.LookPath("pdftotext"); err == nil {
		t.Fatal("pdftotext still on PATH")
	}
}

// pdfSite serves files by path on 127.0.0.1, as application/pdf.
func pdfSite(t *testing.T, files map[string][]byte) *httptest.Server {
	t.Helper()
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			io.WriteString(w, "User-agent: *\nAllow: /\n")
			return
		}
		b, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/pdf")
		w.Write(b)
	}))
	t.Cleanup(site.Close)
	return site
}

// searchJSON runs `rightsearch search --json` on data.
func searchJSON(t *testing.T, data, q string) []struct {
	Title    string
	URL      string
	Snippets []string
	Pages    []int
} {
	t.Helper()
	out, errOut, err := runCmd(t, "search", "--data", data, "--json", q)
	if err != nil {
		t.Fatalf("search %q: %v\n%s", q, err, errOut)
	}
	var res struct {
		Hits []struct {
			Title    string
			URL      string
			Snippets []string
			Pages    []int
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("search %q: %v\n%s", q, err, out)
	}
	return res.Hits
}

// TestCrawlPDFsWithoutPoppler: real PDFs, among them a 352-page book the
// old pure-Go reader refused, crawled from a loopback site with no poppler
// installed, are searchable, and their snippets name their pages.
func TestCrawlPDFsWithoutPoppler(t *testing.T) {
	files := map[string][]byte{}
	for _, name := range []string{"tracemonkey.pdf", "freeculture.pdf"} {
		b, err := os.ReadFile(filepath.Join(pdfCorpus, name))
		if err != nil {
			t.Skipf("../shared/corpora/pdf (the pdf.js test PDFs) is absent: %v", err)
		}
		files["/papers/"+name] = b
	}
	withoutPoppler(t)
	site := pdfSite(t, files)
	data := t.TempDir()
	out, errOut, err := runCmd(t, "crawl", "--data", data, "--allow-private", "--rate", "50",
		site.URL+"/papers/tracemonkey.pdf", site.URL+"/papers/freeculture.pdf")
	if err != nil || !strings.Contains(out, "2 fetched") || !strings.Contains(out, "0 failed") {
		t.Fatalf("crawl: %v\n%s\n%s", err, out, errOut)
	}
	for _, c := range []struct{ q, url string }{
		{`"trace trees"`, "/papers/tracemonkey.pdf"},
		{`"Jack Valenti"`, "/papers/freeculture.pdf"},
	} {
		hits := searchJSON(t, data, c.q)
		if len(hits) != 1 || !strings.HasSuffix(hits[0].URL, c.url) {
			t.Fatalf("search %s: %+v", c.q, hits)
		}
		h := hits[0]
		if len(h.Snippets) == 0 || len(h.Pages) != len(h.Snippets) {
			t.Fatalf("search %s: snippets %q with pages %v", c.q, h.Snippets, h.Pages)
		}
		for _, p := range h.Pages {
			if p < 1 {
				t.Errorf("search %s: page %d in %v", c.q, p, h.Pages)
			}
		}
		t.Logf("%s: %q on pages %v", c.q, h.Title, h.Pages)
	}
	// The book's later chapters are found on their own pages, not page 1.
	if hits := searchJSON(t, data, `"Jack Valenti"`); hits[0].Pages[0] <= 10 {
		t.Errorf(`"Jack Valenti" on page %v of Free Culture, want a page of its later chapters`, hits[0].Pages)
	}
}

// TestCrawlGoesOnPastHostilePDFs: a PDF that needs more memory than the
// limit and one that would take longer than the limit are reported with
// their reason, and the good PDF served beside them is indexed.
func TestCrawlGoesOnPastHostilePDFs(t *testing.T) {
	withoutPoppler(t)
	t.Setenv("RIGHTSEARCH_PDF_MEMORY", "64MiB")
	site := pdfSite(t, map[string][]byte{
		"/good.pdf": onePagePDF(func(w io.Writer) {
			io.WriteString(w, "BT /F1 12 Tf 72 720 Td (The qwzxv operators used 36 domains.) Tj ET\n")
		}),
		// Inflates to 128 MiB.
		"/bomb.pdf": onePagePDF(func(w io.Writer) {
			io.WriteString(w, "BT /F1 12 Tf 72 720 Td (boom) Tj ET\n")
			spaces := bytes.Repeat([]byte(" "), 1<<20)
			for range 128 {
				w.Write(spaces)
			}
		}),
	})
	data := t.TempDir()
	out, errOut, err := runCmd(t, "crawl", "--data", data, "--allow-private", "--rate", "50",
		site.URL+"/bomb.pdf", site.URL+"/good.pdf")
	if err != nil || !strings.Contains(out, "2 fetched") || !strings.Contains(out, "1 failed") {
		t.Fatalf("crawl: %v\n%s\n%s", err, out, errOut)
	}
	if !strings.Contains(out, "/bomb.pdf") || !strings.Contains(out, "memory limit") {
		t.Errorf("crawl summary does not name the bomb and its reason:\n%s", out)
	}
	if hits := searchJSON(t, data, "qwzxv"); len(hits) != 1 {
		t.Errorf("the good PDF beside the bomb: %+v", hits)
	}

	// Time: a page of a million text objects, under a 1.5 s limit (PDFium
	// takes several seconds on it).
	t.Setenv("RIGHTSEARCH_PDF_MEMORY", "")
	t.Setenv("RIGHTSEARCH_PDF_TIMEOUT", "1500ms")
	site = pdfSite(t, map[string][]byte{
		"/slow.pdf": onePagePDF(func(w io.Writer) {
			io.WriteString(w, "BT /F1 12 Tf 72 720 Td\n")
			for range 1_000_000 {
				io.WriteString(w, "(crowded text ) Tj 0.01 0 Td\n")
			}
			io.WriteString(w, "ET\n")
		}),
		"/good.pdf": onePagePDF(func(w io.Writer) {
			io.WriteString(w, "BT /F1 12 Tf 72 720 Td (A second report on vbnmq implants.) Tj ET\n")
		}),
	})
	out, errOut, err = runCmd(t, "crawl", "--data", data, "--allow-private", "--rate", "50",
		site.URL+"/slow.pdf", site.URL+"/good.pdf")
	if err != nil || !strings.Contains(out, "2 fetched") || !strings.Contains(out, "1 failed") {
		t.Fatalf("crawl: %v\n%s\n%s", err, out, errOut)
	}
	if !strings.Contains(out, "/slow.pdf") || !strings.Contains(out, "time limit") {
		t.Errorf("crawl summary does not name the slow PDF and its reason:\n%s", out)
	}
	if hits := searchJSON(t, data, "vbnmq"); len(hits) != 1 {
		t.Errorf("the good PDF beside the slow one: %+v", hits)
	}
}

// onePagePDF writes a one-page PDF around a Flate-compressed content
// stream (Helvetica as /F1).
func onePagePDF(content func(w io.Writer)) []byte {
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	content(zw)
	zw.Close()
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		fmt.Sprintf("<< /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", z.Len(), z.Bytes()),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}
