package search

import (
	"html"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/indexer"
)

// Text shaped like real mail and hostile pages: what the SpamAssassin
// e-mails hold once decoded (entities left in, odd bytes, long runs with no
// space) and what a page can send on purpose.
var hostileTexts = []struct{ name, text string }{
	{"entity runs", "Hi&nbsp;&nbsp;&nbsp;&nbsp;there " + strings.Repeat("&nbsp;", 120) + "cartoons&nbsp;&nbsp;" + strings.Repeat("word ", 60) + strings.Repeat("&nbsp;", 90) + " cartoons"},
	{"entity run before a word", strings.Repeat("&nbsp;", 40) + "cartoons" + strings.Repeat(" filler", 80) + strings.Repeat("&#160;&nbsp;", 30) + "cartoons&nbsp;wrote"},
	{"long word then hyphen", "x " + strings.Repeat("a", 300) + "-b " + strings.Repeat("c ", 200)},
	{"base64 line", "see " + strings.Repeat("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo", 40) + " wrote"},
	{"invalid utf-8", "caf\xe9 na\xefve \xff\xfe wrote \xc3 \xe2\x82 end wrote"},
	{"replacement chars", "\ufffd\ufffd wrote \ufffd" + strings.Repeat("x\ufffd", 200) + " wrote"},
	{"nul and controls", "a\x00b wrote\x01\x02\x1b[0m wrote\x7f\x1f" + strings.Repeat("\x00", 300) + "wrote"},
	{"combining marks", "Mansoor" + strings.Repeat("\u0301", 250) + " Man\u0303soor wrote e\u0301\u0302\u0303"},
	{"right to left", "\u202eأحمد منصور\u202c wrote \u200f" + strings.Repeat("منصور ", 80) + "\u200e wrote"},
	{"page breaks", "one wrote\ftwo wrote\f\f" + strings.Repeat("wrote\f", 50)},
	{"very long line", strings.Repeat("wrote ", 5000)},
	{"no space at all", strings.Repeat("wrote;", 2000)},
}

// termSpans is what the index records for text: the normalized body, and
// for each term the index's text analyzers make of it, the byte ranges of
// its occurrences. A query for some terms marks the union of theirs.
func termSpans(tb testing.TB, text string) (string, [][]span) {
	tb.Helper()
	m, err := analysisMapping()
	if err != nil {
		tb.Fatal(err)
	}
	d := rightsearch.Document{ID: "t", Body: text}
	if err := d.Normalize(); err != nil {
		return "", nil
	}
	byTerm := map[string]int{}
	var terms [][]span
	for _, name := range indexer.TextAnalyzers {
		for _, tk := range m.AnalyzerNamed(name).Analyze([]byte(d.Body)) {
			i, ok := byTerm[string(tk.Term)]
			if !ok {
				i = len(terms)
				byTerm[string(tk.Term)] = i
				terms = append(terms, nil)
			}
			terms[i] = append(terms[i], span{tk.Start, tk.End})
		}
	}
	return d.Body, terms
}

// analysisMapping is the index mapping, built once: its analyzers are
// what the fuzz target runs on every input.
var analysisMapping = sync.OnceValues(indexer.NewMapping)

// queries are the span sets of one-term and two-term queries over terms:
// each term alone and with the next, up to limit of each.
func queries(terms [][]span, limit int) [][]span {
	var out [][]span
	for i := 0; i < len(terms) && i < limit; i++ {
		out = append(out, terms[i])
		if i+1 < len(terms) {
			out = append(out, append(append([]span(nil), terms[i]...), terms[i+1]...))
		}
	}
	return out
}

// checkSnippets asserts what a reader of a snippet relies on: valid UTF-8,
// every <mark> balanced and holding text the index matched, fragments of
// bounded size, nothing unescaped.
func checkSnippets(t *testing.T, text string, spans []span) {
	t.Helper()
	frags, _ := snippets(text, append([]span(nil), spans...))
	matched := map[string]bool{}
	for _, s := range spans {
		if s.start >= 0 && s.end <= len(text) && s.start < s.end {
			matched[clean(text[s.start:s.end])] = true
		}
	}
	if len(matched) > 0 && len(frags) == 0 {
		t.Fatalf("no snippet for %d matches", len(spans))
	}
	for _, f := range frags {
		if !utf8.ValidString(f) {
			t.Fatalf("fragment is not UTF-8: %q", f)
		}
		if len(f) > 4*(fragmentLen+2*maxMark)+64 {
			t.Fatalf("fragment of %d bytes", len(f))
		}
		if strings.Count(f, "<mark>") != strings.Count(f, "</mark>") {
			t.Fatalf("unbalanced marks in %q", f)
		}
		for _, m := range marked(f) {
			if !markedText(matched, html.EscapeString(html.UnescapeString(m))) {
				t.Fatalf("marked %q, which no match covers", m)
			}
		}
		if strings.Contains(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(f), "<") {
			t.Fatalf("unescaped markup in %q", f)
		}
	}
}

// marked lists the (escaped) text inside each <mark> of a snippet.
func marked(snippet string) []string {
	var out []string
	for {
		_, rest, ok := strings.Cut(snippet, "<mark>")
		if !ok {
			return out
		}
		m, after, _ := strings.Cut(rest, "</mark>")
		out = append(out, m)
		snippet = after
	}
}

// markedText reports whether s is matched text, or several matched pieces
// run together (adjacent matches merge into one mark), or a long match's
// cut start.
func markedText(matched map[string]bool, s string) bool {
	if matched[s] {
		return true
	}
	for m := range matched {
		if strings.Contains(m, s) || strings.Contains(s, m) {
			return true
		}
	}
	return false
}

func TestSnippetsOnHostileText(t *testing.T) {
	for _, tt := range hostileTexts {
		t.Run(tt.name, func(t *testing.T) {
			text, terms := termSpans(t, tt.text)
			for _, spans := range queries(terms, 200) {
				checkSnippets(t, text, spans)
			}
		})
	}
}

// FuzzSnippetText fuzzes the document text, not the query: the text goes
// through Normalize and the index's analyzers as a stored document does,
// and a query picks two of its terms (first and k-th), or all of them.
func FuzzSnippetText(f *testing.F) {
	for _, tt := range hostileTexts {
		f.Add(tt.text, uint8(1))
	}
	f.Add("plain words here", uint8(0))
	f.Fuzz(func(t *testing.T, text string, k uint8) {
		text, terms := termSpans(t, text)
		if len(terms) == 0 {
			return
		}
		var spans []span
		if k == 0 {
			for _, ts := range terms {
				spans = append(spans, ts...)
			}
		} else {
			spans = append(append(spans, terms[0]...), terms[int(k)%len(terms)]...)
		}
		checkSnippets(t, text, spans)
	})
}
