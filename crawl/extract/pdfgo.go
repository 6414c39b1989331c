package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/ledongthuc/pdf"
	rightsearch "github.com/rightsearch/rightsearch"
)

// goExtract reads a PDF with the pure-Go reader. The reader is not built for
// hostile input: it runs in its own goroutine behind recover, and a context
// that ends abandons it (the goroutine may run on, but the caller does not
// wait for it).
func goExtract(ctx context.Context, body []byte) (string, pdfMeta, error) {
	type result struct {
		text string
		meta pdfMeta
		err  error
	}
	done := make(chan result, 1)
	go func() {
		var r result
		defer func() {
			if p := recover(); p != nil {
				r = result{err: fmt.Errorf("pure-Go reader: %v: %w", p, ErrMalformed)}
			}
			done <- r
		}()
		r.text, r.meta, r.err = goRead(ctx, body)
	}()
	select {
	case r := <-done:
		return r.text, r.meta, r.err
	case <-ctx.Done():
		return "", pdfMeta{}, fmt.Errorf("pure-Go reader: %w", ctx.Err())
	}
}

func goRead(ctx context.Context, body []byte) (string, pdfMeta, error) {
	r, err := pdf.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		if errors.Is(err, pdf.ErrInvalidPassword) || strings.Contains(err.Error(), "encrypt") {
			return "", pdfMeta{}, fmt.Errorf("pure-Go reader: %v: %w", err, ErrEncrypted)
		}
		return "", pdfMeta{}, fmt.Errorf("pure-Go reader: %v: %w", err, ErrMalformed)
	}
	meta := infoOf(r)
	n := r.NumPage()
	pages := make([]string, 0, n)
	for i := 1; i <= n; i++ {
		if err := ctx.Err(); err != nil {
			return "", pdfMeta{}, fmt.Errorf("page %d: %w", i, err)
		}
		pages = append(pages, pageText(r.Page(i)))
	}
	return tidyPages(strings.Join(pages, string(rightsearch.PageBreak))), meta, nil
}

// goInfo reads the Info dictionary only; it is best effort.
func goInfo(body []byte) (m pdfMeta) {
	defer func() {
		if recover() != nil {
			m = pdfMeta{}
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		return pdfMeta{}
	}
	return infoOf(r)
}

func infoOf(r *pdf.Reader) pdfMeta {
	info := r.Trailer().Key("Info")
	m := pdfMeta{title: info.Key("Title").Text(), author: info.Key("Author").Text()}
	m.created, _ = pdfDate(info.Key("CreationDate").Text())
	return m
}

// pageText lays out the glyphs of one page in reading order of the content
// stream: a new line when the baseline moves, a space when a gap opens.
func pageText(p pdf.Page) string {
	if p.V.IsNull() {
		return ""
	}
	var sb strings.Builder
	var lastY, lastEnd, size float64
	first := true
	for _, t := range p.Content().Text {
		size = math.Max(t.FontSize, 1)
		switch {
		case first:
		case math.Abs(t.Y-lastY) > size*0.5:
			sb.WriteByte('\n')
		case t.X-lastEnd > size*0.15:
			sb.WriteByte(' ')
		}
		first = false
		sb.WriteString(t.S)
		lastY, lastEnd = t.Y, t.X+t.W
	}
	return sb.String()
}

// tidyPages trims trailing blanks on each line and keeps the page breaks.
func tidyPages(s string) string {
	pages := strings.Split(s, string(rightsearch.PageBreak))
	for i, p := range pages {
		lines := strings.Split(p, "\n")
		for j, l := range lines {
			lines[j] = strings.TrimRight(l, " \t\r")
		}
		pages[i] = strings.Trim(strings.Join(lines, "\n"), "\n")
	}
	return strings.Join(pages, string(rightsearch.PageBreak))
}
