package extract

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	rightsearch "github.com/rightsearch/rightsearch"
)

// withEngines runs f once per PDF engine available: PDFium, pdftotext
// (when installed) and the pure-Go reader, each forced alone.
func withEngines(t *testing.T, f func(t *testing.T)) {
	t.Helper()
	names := []string{"pdfium", "pure-go"}
	if _, ok := popplerPath(); ok {
		names = append(names, "pdftotext")
	} else {
		t.Log("pdftotext not on PATH (Debian: poppler-utils); testing PDFium and the pure-Go reader")
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			t.Setenv("RIGHTSEARCH_PDF_ENGINES", name)
			f(t)
		})
	}
}

var reportPDF = testPDF{
	pages: [][]string{
		{"Hide and Seek: Tracking a Fictional Spyware Operator", "A report in three pages"},
		{"Section 2. We found 36 operators of the spyware.", "Operators in 45 countries (estimate)."},
		{"Section 3. Appendix: domains and indicators.", "Mansoor-like targets, café owners, and others."},
	},
	title:   "Hide and Seek: Tracking a Fictional Spyware Operator",
	author:  "Bill Example; Jane Sample",
	created: "D:20180918013000+02'00'",
}

func TestPDFPages(t *testing.T) {
	withEngines(t, func(t *testing.T) {
		d, err := PDF(context.Background(), makePDF(reportPDF))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Count(d.Body, string(rightsearch.PageBreak)); got != 2 {
			t.Fatalf("page breaks = %d, want 2 in %q", got, d.Body)
		}
		for page, word := range map[int]string{1: "Tracking", 2: "36 operators", 3: "café owners"} {
			off := strings.Index(d.Body, word)
			if off < 0 {
				t.Fatalf("%q missing from body %q", word, d.Body)
			}
			if got := rightsearch.PageAt(d.Body, off); got != page {
				t.Errorf("%q on page %d, want %d", word, got, page)
			}
		}
		if d.Title != reportPDF.title {
			t.Errorf("title = %q", d.Title)
		}
		// 01:30 at +02:00 is the previous day in UTC.
		if d.Published != rightsearch.MustDate("2018-09-17") {
			t.Errorf("published = %v, want 2018-09-17", d.Published)
		}
		if strings.Join(d.Authors, "|") != "Bill Example|Jane Sample" {
			t.Errorf("authors = %q", d.Authors)
		}
	})
}

func TestPDFTitleFallsBackToFirstLine(t *testing.T) {
	withEngines(t, func(t *testing.T) {
		p := reportPDF
		p.title = "Microsoft Word - draft7.docx"
		d, err := PDF(context.Background(), makePDF(p))
		if err != nil {
			t.Fatal(err)
		}
		if d.Title != reportPDF.pages[0][0] {
			t.Errorf("title = %q, want the first line", d.Title)
		}
	})
}

func TestPDFErrors(t *testing.T) {
	good := makePDF(reportPDF)
	cases := []struct {
		name string
		body []byte
		want error
	}{
		{"encrypted", makePDF(testPDF{pages: [][]string{{"secret"}}, encrypted: true}), ErrEncrypted},
		{"truncated", good[:len(good)/2], ErrMalformed},
		{"header only", []byte("%PDF-1.4\n"), ErrMalformed},
		{"not a pdf", []byte("<html>hello</html>"), ErrMalformed},
		{"garbage after header", append([]byte("%PDF-1.7\n"), strings.Repeat("\x00\xff junk ", 500)...), ErrMalformed},
		{"no text", makePDF(testPDF{pages: [][]string{{}}}), ErrNoText},
	}
	withEngines(t, func(t *testing.T) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				_, err := PDF(context.Background(), c.body)
				if !errors.Is(err, c.want) {
					t.Errorf("err = %v, want %v", err, c.want)
				}
			})
		}
	})
}

func TestPDFCanceled(t *testing.T) {
	withEngines(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := PDF(ctx, makePDF(reportPDF))
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	})
}

// TestPopplerHangIsCut puts a pdftotext that never ends on PATH: the
// timeout must end the run with an error instead of a hang.
func TestPopplerHangIsCut(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs a shell script")
	}
	sleep, err := exec.LookPath("sleep")
	if err != nil {
		t.Skip("no sleep command")
	}
	dir := t.TempDir()
	script := "#!/bin/sh\nexec " + sleep + " 30\n"
	if err = os.WriteFile(filepath.Join(dir, "pdftotext"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	t.Setenv("RIGHTSEARCH_PDF_ENGINES", "pdftotext")
	t.Setenv("RIGHTSEARCH_PDF_TIMEOUT", "200ms")
	start := time.Now()
	_, err = PDF(context.Background(), makePDF(reportPDF))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want a deadline error", err)
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("took %v: the hung pdftotext was not stopped", took)
	}
}

func TestPDFDate(t *testing.T) {
	cases := []struct{ in, want string }{
		{"D:20160824", "2016-08-24"},
		{"D:201608", "2016-08"},
		{"D:2016", "2016"},
		{"D:20160824093000Z", "2016-08-24"},
		{"D:20160824233000-05'00'", "2016-08-25"},
		{"20160824120000+01'00'", "2016-08-24"},
		{"D:2016x", "2016"},
		{"D:1", ""},
		{"", ""},
	}
	for _, c := range cases {
		d, _ := pdfDate(c.in)
		if d.String() != c.want {
			t.Errorf("pdfDate(%q) = %q, want %q", c.in, d, c.want)
		}
	}
}
