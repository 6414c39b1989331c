package search

import (
	"html"
	"sort"
	"strings"
	"unicode/utf8"

	rightsearch "github.com/rightsearch/rightsearch"
)

// span is a matched term's byte range in a field's text.
type span struct{ start, end int }

// Snippet sizes: up to maxSnippets fragments of about fragmentLen bytes.
const (
	fragmentLen = 200
	maxSnippets = 3
)

// snippets cuts up to maxSnippets fragments of text around the matched
// spans, HTML-escapes them and wraps each match in <mark>. Fragments are
// taken where the most matches fall, then shown in text order. pages gives
// each fragment's page when text has page breaks (a PDF), else nil.
func snippets(text string, spans []span) (frags []string, pages []int) {
	spans = cleanSpans(text, spans)
	if len(spans) == 0 {
		return nil, nil
	}
	type window struct{ start, end, n int }
	var wins []window
	for i := 0; i < len(spans); {
		w := window{start: spans[i].start}
		j := i + 1 // a window holds the spans that fit in one fragment
		for j < len(spans) && spans[j].end <= w.start+fragmentLen {
			j++
		}
		w.end, w.n = spans[j-1].end, j-i
		wins = append(wins, w)
		i = j
	}
	sort.SliceStable(wins, func(a, b int) bool { return wins[a].n > wins[b].n })
	if len(wins) > maxSnippets {
		wins = wins[:maxSnippets]
	}
	sort.Slice(wins, func(a, b int) bool { return wins[a].start < wins[b].start })
	paged := strings.IndexByte(text, rightsearch.PageBreak) >= 0
	for _, w := range wins {
		start, end := expand(text, w.start, w.end)
		frags = append(frags, render(text, start, end, spans))
		if paged {
			pages = append(pages, rightsearch.PageAt(text, w.start))
		}
	}
	return frags, pages
}

// cleanSpans sorts spans, drops those outside text and merges overlaps.
func cleanSpans(text string, spans []span) []span {
	sort.Slice(spans, func(a, b int) bool { return spans[a].start < spans[b].start })
	out := spans[:0]
	for _, s := range spans {
		if s.start < 0 || s.end > len(text) || s.start >= s.end {
			continue
		}
		if n := len(out); n > 0 && s.start <= out[n-1].end {
			out[n-1].end = max(out[n-1].end, s.end)
			continue
		}
		out = append(out, s)
	}
	return out
}

// expand centres a fragment of about fragmentLen bytes on [start, end),
// moved to word boundaries and kept within one page.
func expand(text string, start, end int) (int, int) {
	pad := max(0, (fragmentLen-(end-start))/2)
	s, e := max(0, start-pad), min(len(text), end+pad)
	if i := strings.LastIndexByte(text[s:start], rightsearch.PageBreak); i >= 0 {
		s += i + 1
	}
	if i := strings.IndexByte(text[end:e], rightsearch.PageBreak); i >= 0 {
		e = end + i
	}
	for s > 0 && s < start && !utf8.RuneStart(text[s]) {
		s++
	}
	if s > 0 {
		if i := strings.IndexAny(text[s:start], " \n\t"); i >= 0 {
			s += i + 1
		}
	}
	for e < len(text) && e > end && !utf8.RuneStart(text[e]) {
		e--
	}
	if e < len(text) {
		if i := strings.LastIndexAny(text[end:e], " \n\t"); i >= 0 {
			e = end + i
		}
	}
	return s, e
}

// render escapes text[start:end] and marks the spans inside it.
func render(text string, start, end int, spans []span) string {
	var b strings.Builder
	if start > 0 {
		b.WriteString("… ")
	}
	pos := start
	for _, s := range spans {
		if s.end <= start || s.start >= end {
			continue
		}
		b.WriteString(clean(text[pos:s.start]))
		b.WriteString("<mark>")
		b.WriteString(clean(text[s.start:s.end]))
		b.WriteString("</mark>")
		pos = s.end
	}
	b.WriteString(clean(text[pos:end]))
	if end < len(text) {
		b.WriteString(" …")
	}
	return b.String()
}

// clean escapes HTML and flattens whitespace and page breaks.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == rightsearch.PageBreak || r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return r
	}, s)
	return html.EscapeString(s)
}

// lead is the start of text, escaped, for hits that matched no text.
func lead(text string) string {
	if len(text) <= fragmentLen {
		return clean(text)
	}
	_, e := expand(text, 0, fragmentLen)
	if e <= 0 {
		e = fragmentLen
	}
	for e < len(text) && !utf8.RuneStart(text[e]) {
		e++
	}
	return clean(text[:e]) + " …"
}
