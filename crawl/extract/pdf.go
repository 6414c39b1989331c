package extract

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode"

	rightsearch "github.com/rightsearch/rightsearch"
)

// usePoppler lets tests force the pure-Go path on a machine with poppler.
var usePoppler = true

// popplerTimeout bounds one pdftotext run; a hostile PDF must not stall a
// crawl worker.
var popplerTimeout = 60 * time.Second

// PDF extracts the text of a PDF with its pages separated by
// rightsearch.PageBreak, and the title and date from its Info dictionary.
// poppler's pdftotext is used when it is on PATH (it copes with far more
// real-world files); a pure-Go reader is the fallback.
func PDF(ctx context.Context, body []byte) (rightsearch.Document, error) {
	if !bytes.Contains(body[:min(len(body), 1024)], []byte("%PDF-")) {
		return rightsearch.Document{}, fmt.Errorf("pdf: no %%PDF- header: %w", ErrMalformed)
	}
	var (
		text string
		info pdfMeta
		err  error
	)
	if bin, ok := popplerPath(); ok && usePoppler {
		text, info, err = popplerExtract(ctx, bin, body)
	} else {
		text, info, err = goExtract(ctx, body)
	}
	if err != nil {
		return rightsearch.Document{}, fmt.Errorf("pdf: %w", err)
	}
	if strings.TrimSpace(strings.ReplaceAll(text, string(rightsearch.PageBreak), "")) == "" {
		return rightsearch.Document{}, fmt.Errorf("pdf: %w (scanned pages without a text layer?)", ErrNoText)
	}
	d := rightsearch.Document{Body: text, Title: cleanSpace(info.title), Published: info.created}
	if d.Title == "" || junkPDFTitle(d.Title) {
		d.Title = firstLine(text)
	}
	if info.author != "" {
		d.Authors = splitAuthors(info.author)
	}
	return d, nil
}

// pdfMeta is what the Info dictionary tells about the document.
type pdfMeta struct {
	title, author string
	created       rightsearch.Date
}

// junkPDFTitle spots titles that word processors fill in for the author.
func junkPDFTitle(t string) bool {
	l := strings.ToLower(t)
	for _, p := range []string{"untitled", "microsoft word", "document", "slide 1", "pdf"} {
		if l == p || strings.HasPrefix(l, p+" -") {
			return true
		}
	}
	return strings.HasSuffix(l, ".doc") || strings.HasSuffix(l, ".docx") || strings.HasSuffix(l, ".pdf") || strings.HasSuffix(l, ".indd")
}

// firstLine is the title of last resort: the first line of text on page 1.
func firstLine(text string) string {
	page, _, _ := strings.Cut(text, string(rightsearch.PageBreak))
	for _, l := range strings.Split(page, "\n") {
		if l = cleanSpace(l); len([]rune(l)) >= 3 {
			if r := []rune(l); len(r) > 200 {
				l = string(r[:200])
			}
			return l
		}
	}
	return ""
}

// pdfDate reads a PDF date, D:YYYYMMDDHHmmSSOHH'mm', at the precision given.
// A time with a zone keeps its date in UTC.
func pdfDate(s string) (rightsearch.Date, bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "D:")
	digits := 0
	for digits < len(s) && s[digits] >= '0' && s[digits] <= '9' {
		digits++
	}
	num := func(i, n int) int { v, _ := strconv.Atoi(s[i : i+n]); return v }
	switch {
	case digits >= 14:
		t := time.Date(num(0, 4), time.Month(num(4, 2)), num(6, 2), num(8, 2), num(10, 2), num(12, 2), 0, time.UTC)
		t = t.Add(-pdfZone(s[14:]))
		if t.Year() < 1900 || num(4, 2) < 1 || num(4, 2) > 12 {
			return rightsearch.Date{}, false
		}
		return rightsearch.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}, true
	case digits >= 8:
		d, err := rightsearch.ParseDate(s[0:4] + "-" + s[4:6] + "-" + s[6:8])
		return d, err == nil
	case digits >= 6:
		d, err := rightsearch.ParseDate(s[0:4] + "-" + s[4:6])
		return d, err == nil
	case digits == 4:
		d, err := rightsearch.ParseDate(s[0:4])
		return d, err == nil
	}
	return rightsearch.Date{}, false
}

// pdfZone reads the O HH'mm' tail of a PDF date as an offset east of UTC.
func pdfZone(z string) time.Duration {
	if z == "" || (z[0] != '+' && z[0] != '-') {
		return 0
	}
	digits := strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return r
		}
		return -1
	}, z[1:])
	var h, m int
	if len(digits) >= 2 {
		h, _ = strconv.Atoi(digits[:2])
	}
	if len(digits) >= 4 {
		m, _ = strconv.Atoi(digits[2:4])
	}
	d := time.Duration(h)*time.Hour + time.Duration(m)*time.Minute
	if z[0] == '-' {
		d = -d
	}
	return d
}

// writeTemp stores body for the poppler tools, which want a file.
func writeTemp(body []byte) (string, error) {
	f, err := os.CreateTemp("", "rightsearch-*.pdf")
	if err != nil {
		return "", fmt.Errorf("temp file: %w", err)
	}
	if _, err := f.Write(body); err != nil {
		f.Close()
		os.Remove(f.Name())
		return "", fmt.Errorf("temp file: %w", err)
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("temp file: %w", err)
	}
	return f.Name(), nil
}
