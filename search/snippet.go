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
	var parts []fragment
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
	var prevEnd int
	for _, w := range wins {
		start, end := fit(text, spans, w.start, w.end)
		if n := len(parts); n > 0 && start < prevEnd {
			// Two windows' fragments overlap: show them as one.
			start, end = min(start, parts[n-1].start), max(end, prevEnd)
			parts = parts[:n-1]
			if paged {
				pages = pages[:n-1]
			}
		}
		prevEnd = end
		parts = append(parts, fragment{start, end})
		if paged {
			pages = append(pages, rightsearch.PageAt(text, w.start))
		}
	}
	for _, f := range parts {
		frags = append(frags, render(text, f.start, f.end, spans))
	}
	return frags, pages
}

// fragment is a byte range of text shown as one snippet.
type fragment struct{ start, end int }

// maxMark bounds how much of one match a snippet shows: a "word" can be a
// whole line of base64 or a run of entities with no space in it.
const maxMark = 2 * fragmentLen

// fit is the fragment around the window [start, end): expanded to word
// boundaries, then widened so that it never cuts a span in two. Real text
// has runs of matches with no space between them ("&nbsp;&nbsp;"), where a
// word boundary falls inside a match. A span longer than maxMark is cut at
// a rune boundary instead, and only its part inside the fragment marked.
func fit(text string, spans []span, start, end int) (int, int) {
	s, e := expand(text, start, end)
	i := sort.Search(len(spans), func(i int) bool { return spans[i].end > s })
	if i < len(spans) && spans[i].start < s {
		if s-spans[i].start <= maxMark {
			s = spans[i].start
		}
	}
	j := sort.Search(len(spans), func(j int) bool { return spans[j].end >= e })
	if j < len(spans) && spans[j].start < e && spans[j].end > e {
		if spans[j].end-e <= maxMark {
			e = spans[j].end
		} else {
			e = runeFloor(text, spans[j].start+maxMark)
		}
	}
	return s, e
}

// runeFloor moves i back to the start of the rune it falls in.
func runeFloor(text string, i int) int {
	i = min(i, len(text))
	for i > 0 && i < len(text) && !utf8.RuneStart(text[i]) {
		i--
	}
	return i
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
		// fit leaves a span cut only where it is too long to show whole.
		ms, me := max(s.start, pos), min(s.end, end)
		b.WriteString(clean(text[pos:ms]))
		b.WriteString("<mark>")
		b.WriteString(clean(text[ms:me]))
		b.WriteString("</mark>")
		pos = me
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
