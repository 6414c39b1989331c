package web

import (
	"html"
	"strings"
)

// segment is a piece of a snippet, marked (a match) or not. Templates
// print Text escaped and wrap marked pieces in <mark> themselves, so no
// document text ever reaches a page as template.HTML.
type segment struct {
	Text string
	Mark bool
}

// segments splits a snippet (HTML-escaped text with only <mark> added)
// back into plain text pieces. Document text that looked like a <mark>
// tag was escaped by snippets(), so every tag found here is ours.
func segments(snippet string) []segment {
	var out []segment
	add := func(s string, mark bool) {
		if s != "" {
			out = append(out, segment{Text: html.UnescapeString(s), Mark: mark})
		}
	}
	for snippet != "" {
		i := strings.Index(snippet, "<mark>")
		if i < 0 {
			add(snippet, false)
			break
		}
		add(snippet[:i], false)
		rest := snippet[i+len("<mark>"):]
		j := strings.Index(rest, "</mark>")
		if j < 0 { // unbalanced: keep the rest marked rather than lose it
			add(rest, true)
			break
		}
		add(rest[:j], true)
		snippet = rest[j+len("</mark>"):]
	}
	return out
}

// plainSnippet is a snippet as plain text, for feeds and exports.
func plainSnippet(snippet string) string {
	var b strings.Builder
	for _, s := range segments(snippet) {
		b.WriteString(s.Text)
	}
	return b.String()
}
