package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode"

	rightsearch "github.com/rightsearch/rightsearch"
)

// usePoppler false forces the pure-Go reader alone (bench_test's pure-go
// case); true leaves the order to pdfEngines.
var usePoppler = true

// Outcomes of a PDF that costs more than an engine may spend (errors.Is).
var (
	// ErrMemoryLimit: the PDF needs more memory than the limit.
	ErrMemoryLimit = errors.New("memory limit")
	// ErrTimeLimit: the PDF was not read within the time limit. The error
	// also matches context.DeadlineExceeded.
	ErrTimeLimit = errors.New("time limit")
)

// Limits on one PDF, whichever engine reads it, so that a hostile file
// costs a bounded amount and the crawl goes on. RIGHTSEARCH_PDF_MEMORY
// (bytes, or with a KiB, MiB or GiB suffix) and RIGHTSEARCH_PDF_TIMEOUT (a
// Go duration such as 90s) change them.
const (
	defaultPDFMemory = 512 << 20
	defaultPDFTime   = 60 * time.Second
	minPDFMemory     = 32 << 20 // PDFium's own image starts at 18 MiB
)

type pdfLimits struct {
	memory int64
	time   time.Duration
}

// pdfLimitsNow reads the limits from the environment, falling back to the
// defaults on a missing or unreadable value.
func pdfLimitsNow() pdfLimits {
	l := pdfLimits{memory: defaultPDFMemory, time: defaultPDFTime}
	if v := os.Getenv("RIGHTSEARCH_PDF_MEMORY"); v != "" {
		if n, ok := parseBytes(v); ok {
			l.memory = max(n, minPDFMemory)
		}
	}
	if v := os.Getenv("RIGHTSEARCH_PDF_TIMEOUT"); v != "" {
		if d, err := time.ParseDuration(v); err == nil && d > 0 {
			l.time = d
		}
	}
	return l
}

// parseBytes reads "512MiB", "1GiB", "65536KiB" or a plain byte count.
func parseBytes(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	mult := int64(1)
	for suffix, m := range map[string]int64{"KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30} {
		if strings.HasSuffix(s, suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, suffix)), m
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 || n > (1<<42)/mult {
		return 0, false
	}
	return n * mult, true
}

// PDF extracts the text of a PDF with its pages separated by
// rightsearch.PageBreak, and the title and date from its Info dictionary.
// The engines of pdfEngines are tried in turn (see there); each runs under
// the memory and time limits of pdfLimitsNow.
func PDF(ctx context.Context, body []byte) (rightsearch.Document, error) {
	if !bytes.Contains(body[:min(len(body), 1024)], []byte("%PDF-")) {
		return rightsearch.Document{}, fmt.Errorf("pdf: no %%PDF- header: %w", ErrMalformed)
	}
	res, err := readPDF(ctx, body, pdfEngines(), pdfLimitsNow())
	if err != nil {
		return rightsearch.Document{}, fmt.Errorf("pdf: %w", err)
	}
	text, info := res.text, res.meta
	d := rightsearch.Document{Body: text, Title: cleanSpace(info.title), Published: info.created}
	if d.Title == "" || junkPDFTitle(d.Title) {
		d.Title = firstLine(text)
	}
	if info.author != "" {
		d.Authors = splitAuthors(info.author)
	}
	return d, nil
}

// readPDF asks each engine in turn. The next engine is tried when one
// finds the file malformed or without text, or cannot run; a limit, a
// password or the caller's context ends the attempt, so a hostile file
// costs one limit's worth.
func readPDF(ctx context.Context, body []byte, engines []pdfEngine, lim pdfLimits) (pdfResult, error) {
	var errs []error
	for _, e := range engines {
		res, err := e.read(ctx, body, lim)
		if err == nil && !hasText(res.text) {
			err = fmt.Errorf("%s: %w (scanned pages without a text layer?)", e.name, ErrNoText)
		}
		if err == nil {
			return res, nil
		}
		errs = append(errs, err)
		if ctx.Err() != nil || errors.Is(err, ErrMemoryLimit) || errors.Is(err, ErrTimeLimit) || errors.Is(err, ErrEncrypted) {
			break
		}
	}
	if len(errs) == 0 {
		return pdfResult{}, errors.New("no PDF engine available")
	}
	return pdfResult{}, joinErrs(errs)
}

// joinErrs keeps every engine's reason on one line and lets errors.Is see
// all of them; the first engine's reason comes first.
func joinErrs(errs []error) error {
	if len(errs) == 1 {
		return errs[0]
	}
	msgs := make([]string, len(errs))
	for i, e := range errs {
		msgs[i] = e.Error()
	}
	return fmt.Errorf("%s: %w", strings.Join(msgs, "; "), errors.Join(errs...))
}

func hasText(text string) bool {
	return strings.TrimSpace(strings.ReplaceAll(text, string(rightsearch.PageBreak), "")) != ""
}

// pdfEngine is one way of reading a PDF.
type pdfEngine struct {
	name string
	read func(ctx context.Context, body []byte, lim pdfLimits) (pdfResult, error)
}

var (
	enginePDFium = pdfEngine{"pdfium", pdfiumExtract}
	enginePure   = pdfEngine{"pure-go", func(ctx context.Context, body []byte, lim pdfLimits) (pdfResult, error) {
		ctx, cancel := context.WithTimeoutCause(ctx, lim.time, ErrTimeLimit)
		defer cancel()
		text, meta, err := goExtract(ctx, body)
		return pdfResult{text: text, meta: meta, pages: strings.Count(text, string(rightsearch.PageBreak)) + 1}, err
	}}
)

// enginePoppler is pdftotext when it is on PATH.
func enginePoppler() (pdfEngine, bool) {
	bin, ok := popplerPath()
	if !ok {
		return pdfEngine{}, false
	}
	return pdfEngine{"pdftotext", func(ctx context.Context, body []byte, lim pdfLimits) (pdfResult, error) {
		return popplerExtract(ctx, bin, body, lim)
	}}, true
}

// pdfEngines is the order engines are tried in: RIGHTSEARCH_PDF_ENGINES
// (names separated by commas: pdfium, pdftotext, pure-go) or the default.
func pdfEngines() []pdfEngine {
	names := strings.Split(os.Getenv("RIGHTSEARCH_PDF_ENGINES"), ",")
	if os.Getenv("RIGHTSEARCH_PDF_ENGINES") == "" {
		names = defaultPDFEngines
		if !usePoppler {
			names = []string{"pure-go"}
		}
	}
	var out []pdfEngine
	for _, n := range names {
		switch strings.TrimSpace(n) {
		case "pdfium":
			out = append(out, enginePDFium)
		case "pdftotext":
			if e, ok := enginePoppler(); ok {
				out = append(out, e)
			}
		case "pure-go":
			out = append(out, enginePure)
		}
	}
	return out
}

// defaultPDFEngines: PDFium first, as it finds text in more files (115 of
// the 150 of ../shared/corpora/pdf against pdftotext's 105), in-process and
// bounded; pdftotext, when installed, for the few it reads and PDFium does
// not. The pure-Go reader runs only when named: it found text in no file
// the others missed, and one file made it allocate 4.4 GB (see doc.go).
var defaultPDFEngines = []string{"pdfium", "pdftotext"}

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
