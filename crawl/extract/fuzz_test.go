package extract

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzHTML checks that no page, however broken, panics the extractor.
// Seeds: testdata/fuzz/FuzzHTML and the evaluation pages.
func FuzzHTML(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "eval", "dev", "*.html"))
	for _, name := range files[:min(4, len(files))] {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b, "https://citizenlab.ca/x")
		}
	}
	f.Fuzz(func(t *testing.T, body []byte, pageURL string) {
		d, err := HTML(body, pageURL)
		if err == nil && d.URL != pageURL {
			t.Errorf("URL = %q, want %q", d.URL, pageURL)
		}
	})
}

// FuzzPDF checks the pure-Go PDF path: an error is fine, a panic or a hang
// is not. Seeds: testdata/fuzz/FuzzPDF and a fixture PDF.
func FuzzPDF(f *testing.F) {
	f.Add(makePDF(reportPDF))
	f.Add(makePDF(testPDF{pages: [][]string{{"x"}}, encrypted: true}))
	f.Fuzz(func(t *testing.T, body []byte) {
		// A runaway allocation can freeze the whole worker, so the fuzzer
		// never reports it; FUZZ_LAST_INPUT=file keeps the input in flight.
		if dbg := os.Getenv("FUZZ_LAST_INPUT"); dbg != "" {
			os.WriteFile(dbg, body, 0o644)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		text, _, err := goExtract(ctx, body)
		if errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("pure-Go reader hung: %v", err)
		}
		if err != nil && text != "" {
			t.Errorf("text returned with error %v", err)
		}
	})
}
