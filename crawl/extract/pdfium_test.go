package extract

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// limitEngines are the engines that run by default and must keep to the
// limits: PDFium always, pdftotext when installed.
func limitEngines(t *testing.T) []string {
	names := []string{"pdfium"}
	if _, ok := popplerPath(); ok {
		names = append(names, "pdftotext")
	} else {
		t.Log("pdftotext not on PATH (Debian: poppler-utils); testing PDFium only")
	}
	return names
}

// TestPDFLimits: a PDF that needs more memory than the limit, and one that
// takes longer than the limit, fail with a reason a user can read (and
// errors.Is can test), and the next PDF is read as usual: the engine that
// hit a limit is not reused in a bad state.
func TestPDFLimits(t *testing.T) {
	hostile := map[string]map[string][]byte{
		// PDFium inflates a content stream whole; poppler streams it but
		// keeps every text object of a page.
		"memory": {"pdfium": bombPDF(128), "pdftotext": crowdedPDF(300_000)},
		"time":   {"pdfium": crowdedPDF(300_000), "pdftotext": crowdedPDF(300_000)},
	}
	good := makePDF(reportPDF)
	for _, engine := range limitEngines(t) {
		t.Run(engine, func(t *testing.T) {
			t.Setenv("RIGHTSEARCH_PDF_ENGINES", engine)
			for _, c := range []struct {
				limit, env, value string
				want              error
				words             string
			}{
				{"memory", "RIGHTSEARCH_PDF_MEMORY", "64MiB", ErrMemoryLimit, "needs more than the 64 MiB"},
				{"time", "RIGHTSEARCH_PDF_TIMEOUT", "300ms", ErrTimeLimit, "not done after 300ms"},
			} {
				t.Run(c.limit, func(t *testing.T) {
					t.Setenv(c.env, c.value)
					_, err := PDF(context.Background(), hostile[c.limit][engine])
					if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.words) {
						t.Fatalf("err = %v, want %v saying %q", err, c.want, c.words)
					}
					if c.want == ErrTimeLimit && !errors.Is(err, context.DeadlineExceeded) {
						t.Errorf("err = %v, want it to match context.DeadlineExceeded too", err)
					}
					d, err := PDF(context.Background(), good)
					if err != nil || !strings.Contains(d.Body, "36 operators") {
						t.Errorf("the PDF after: %v, body %q", err, d.Body)
					}
				})
			}
		})
	}
}

// TestPDFiumCanceled: the caller's context ends PDFium's work, and the
// error says it was the caller, not a limit.
func TestPDFiumCanceled(t *testing.T) {
	t.Setenv("RIGHTSEARCH_PDF_ENGINES", "pdfium")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := PDF(ctx, crowdedPDF(1000))
	if !errors.Is(err, context.Canceled) || errors.Is(err, ErrTimeLimit) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestParseBytes(t *testing.T) {
	for in, want := range map[string]int64{"512MiB": 512 << 20, "1GiB": 1 << 30, "65536KiB": 64 << 20, "1000": 1000, "x": 0, "-1MiB": 0, "": 0} {
		if got, _ := parseBytes(in); got != want {
			t.Errorf("parseBytes(%q) = %d, want %d", in, got, want)
		}
	}
}
