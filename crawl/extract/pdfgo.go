package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
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
	if err := checkXref(body); err != nil {
		return "", pdfMeta{}, fmt.Errorf("pure-Go reader: %w", err)
	}
	r, err := pdf.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		if errors.Is(err, pdf.ErrInvalidPassword) || strings.Contains(err.Error(), "encrypt") {
			return "", pdfMeta{}, fmt.Errorf("pure-Go reader: %v: %w", err, ErrEncrypted)
		}
		return "", pdfMeta{}, fmt.Errorf("pure-Go reader: %v: %w", err, ErrMalformed)
	}
	meta := infoOf(r)
	budget := maxPageNodes
	leaves := pageLeaves(r.Trailer().Key("Root").Key("Pages"), 0, &budget)
	pages := make([]string, 0, len(leaves))
	for i, p := range leaves {
		if err := ctx.Err(); err != nil {
			return "", pdfMeta{}, fmt.Errorf("page %d: %w", i+1, err)
		}
		pages = append(pages, pageText(p))
	}
	return tidyPages(strings.Join(pages, string(rightsearch.PageBreak))), meta, nil
}

// Limits of the page-tree walk: the library's own Reader.Page loops forever
// on a tree whose Kids point back at an ancestor, so we walk it ourselves.
const (
	maxPageDepth = 32
	maxPageNodes = 100_000
)

// pageLeaves lists the pages of the tree under v in order, giving up on
// branches deeper than maxPageDepth and after maxPageNodes nodes in all.
func pageLeaves(v pdf.Value, depth int, budget *int) []pdf.Page {
	if depth > maxPageDepth || *budget <= 0 {
		return nil
	}
	*budget--
	switch v.Key("Type").Name() {
	case "Page":
		return []pdf.Page{{V: v}}
	case "Pages":
		var out []pdf.Page
		kids := v.Key("Kids")
		for i := 0; i < kids.Len() && *budget > 0; i++ {
			out = append(out, pageLeaves(kids.Index(i), depth+1, budget)...)
		}
		return out
	}
	return nil
}

func infoOf(r *pdf.Reader) pdfMeta {
	info := r.Trailer().Key("Info")
	m := pdfMeta{title: info.Key("Title").Text(), author: info.Key("Author").Text()}
	m.created, _ = pdfDate(info.Key("CreationDate").Text())
	return m
}

// pageText lays out the glyphs of one page in reading order of the content
// stream: a new line when the baseline moves, a space when a gap opens. A
// page the library cannot interpret is left empty rather than failing the
// whole document.
func pageText(p pdf.Page) (text string) {
	defer func() {
		if recover() != nil {
			text = ""
		}
	}()
	if p.V.IsNull() || !safeContent(p.V.Key("Contents")) {
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

// maxContent bounds the decoded content stream of one page.
const maxContent = 32 << 20

// safeContent reports whether the library may interpret a page's content
// stream: its lexer spins forever on a hex string ("<0a1b") that runs to the
// end of the stream, because it reads a newline at EOF and skips it as
// space. Oversized (decompression bomb) streams are refused too.
func safeContent(v pdf.Value) bool {
	var rds []io.Reader
	if v.Kind() == pdf.Array {
		for i := 0; i < v.Len(); i++ {
			rds = append(rds, v.Index(i).Reader())
		}
	} else {
		rds = append(rds, v.Reader())
	}
	b, err := io.ReadAll(io.LimitReader(io.MultiReader(rds...), maxContent+1))
	if err != nil || len(b) > maxContent {
		return false
	}
	return hexStringsClosed(b)
}

// hexStringsClosed scans a content stream as the library's lexer would
// (literal strings and comments skipped) and reports whether every hex
// string "<…" has its closing ">".
func hexStringsClosed(b []byte) bool {
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		case '(':
			depth := 1
			for i++; i < len(b) && depth > 0; i++ {
				switch b[i] {
				case '\\':
					i++
				case '(':
					depth++
				case ')':
					depth--
				}
			}
			i--
		case '<':
			if i+1 < len(b) && b[i+1] == '<' {
				i++
				continue
			}
			end := bytes.IndexByte(b[i+1:], '>')
			if end < 0 {
				return false
			}
			i += end + 1
		}
	}
	return true
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
