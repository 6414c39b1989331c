package extract

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// breaks between rendered pieces of text, strongest wins.
const (
	breakNone = iota
	breakSpace
	breakLine
	breakPara
)

// blockBreak says what an element puts around its text. Paragraph-like
// blocks are separated by a blank line, as Body promises.
var blockBreak = map[string]int{
	"p": breakPara, "div": breakPara, "section": breakPara, "article": breakPara,
	"main": breakPara, "blockquote": breakPara, "pre": breakPara, "table": breakPara,
	"ul": breakPara, "ol": breakPara, "dl": breakPara, "figure": breakPara,
	"h1": breakPara, "h2": breakPara, "h3": breakPara, "h4": breakPara, "h5": breakPara,
	"h6": breakPara, "header": breakPara, "footer": breakPara, "aside": breakPara,
	"address": breakPara, "details": breakPara, "summary": breakPara, "hr": breakPara,
	"body": breakPara, "form": breakPara, "fieldset": breakPara, "figcaption": breakPara,
	"li": breakLine, "tr": breakLine, "dt": breakLine, "dd": breakLine, "br": breakLine,
	"caption": breakLine, "option": breakLine, "head": breakPara, "quote": breakPara,
	"td": breakSpace, "th": breakSpace,
}

// skipped never carry readable text.
var skipped = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true, "svg": true,
	"math": true, "iframe": true, "object": true, "embed": true, "canvas": true,
	"select": true, "button": true, "input": true, "textarea": true, "head": true,
}

// textBuilder collects text while collapsing whitespace and merging breaks.
type textBuilder struct {
	sb      strings.Builder
	pending int
}

func (t *textBuilder) brk(level int) { t.pending = max(t.pending, level) }

func (t *textBuilder) words(s string, pre bool) {
	if pre {
		t.flush()
		t.sb.WriteString(s)
		return
	}
	if s == "" {
		return
	}
	if unicode.IsSpace(rune(s[0])) {
		t.brk(breakSpace)
	}
	fields := strings.Fields(s)
	for i, f := range fields {
		if i > 0 {
			t.brk(breakSpace)
		}
		t.flush()
		t.sb.WriteString(f)
	}
	if len(fields) > 0 && unicode.IsSpace(rune(s[len(s)-1])) {
		t.brk(breakSpace)
	}
}

func (t *textBuilder) flush() {
	if t.sb.Len() > 0 {
		switch t.pending {
		case breakSpace:
			t.sb.WriteByte(' ')
		case breakLine:
			t.sb.WriteByte('\n')
		case breakPara:
			t.sb.WriteString("\n\n")
		}
	}
	t.pending = breakNone
}

// nodeText renders n as plain text: blocks become paragraphs separated by
// blank lines, list items and table rows become lines.
func nodeText(n *html.Node) string {
	var t textBuilder
	t.walk(n, false)
	return tidy(t.sb.String())
}

func (t *textBuilder) walk(n *html.Node, pre bool) {
	switch n.Type {
	case html.TextNode:
		t.words(n.Data, pre)
		return
	case html.ElementNode:
		if skipped[n.Data] {
			return
		}
	case html.DocumentNode:
	default:
		return
	}
	b := blockBreak[n.Data]
	t.brk(b)
	pre = pre || n.Data == "pre"
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		t.walk(c, pre)
	}
	t.brk(b)
}

// tidy trims each line and limits runs of blank lines to one.
func tidy(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	blank := true
	for _, l := range lines {
		l = strings.TrimRightFunc(l, unicode.IsSpace)
		if strings.TrimSpace(l) == "" {
			if !blank {
				out = append(out, "")
			}
			blank = true
			continue
		}
		out = append(out, l)
		blank = false
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// wordBag counts the lowercase words (runs of letters, digits and marks)
// of s.
func wordBag(s string) map[string]int {
	bag := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.Is(unicode.Mn, r)
	}) {
		bag[w]++
	}
	return bag
}
