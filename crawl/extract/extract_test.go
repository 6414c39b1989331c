package extract

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestDocumentSniffs(t *testing.T) {
	page := []byte(`<!DOCTYPE html><html lang="en"><head><title>A page</title></head><body><article><p>` +
		strings.Repeat("Plain words about a report. ", 30) + `</p></article></body></html>`)
	pdf := makePDF(reportPDF)
	cases := []struct {
		name        string
		body        []byte
		contentType string
		wantTitle   string
		wantErr     error
	}{
		{"html declared", page, "text/html; charset=utf-8", "A page", nil},
		{"html undeclared", page, "", "A page", nil},
		{"pdf declared", pdf, "application/pdf", reportPDF.title, nil},
		{"pdf as octet-stream", pdf, "application/octet-stream", reportPDF.title, nil},
		{"pdf sent as html", pdf, "text/html", reportPDF.title, nil},
		{"html with a long preamble", append([]byte("\ufeff"+strings.Repeat("<!-- x -->\n", 100)), page...), "", "A page", nil},
		{"image", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "image/png", "", ErrUnsupported},
		{"json", []byte(`{"a": 1}`), "application/json", "", ErrUnsupported},
		{"broken pdf", []byte("%PDF-1.5\nnothing else"), "application/pdf", "", ErrMalformed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := Document(context.Background(), c.body, c.contentType, "https://example.org/x")
			if !errors.Is(err, c.wantErr) {
				t.Fatalf("err = %v, want %v", err, c.wantErr)
			}
			if err != nil {
				if !strings.Contains(err.Error(), "https://example.org/x") {
					t.Errorf("error %q does not name the URL", err)
				}
				return
			}
			if d.Title != c.wantTitle || d.URL != "https://example.org/x" {
				t.Errorf("title %q url %q, want %q", d.Title, d.URL, c.wantTitle)
			}
		})
	}
}
