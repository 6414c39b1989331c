package search

import (
	"strings"
	"testing"
)

func TestSnippets(t *testing.T) {
	long := strings.Repeat("filler words here ", 30)
	tests := []struct {
		name  string
		text  string
		words []string
		want  []string // substrings of the joined snippets
		pages []int
	}{
		{"marks and escapes", `a <b> & "c" target`, []string{"target"}, []string{`a &lt;b&gt; &amp; &#34;c&#34; <mark>target</mark>`}, nil},
		{"two regions", "alpha " + long + " omega", []string{"alpha", "omega"}, []string{"<mark>alpha</mark> filler", "filler words here  <mark>omega</mark>"}, nil},
		{"pages", "one\ftwo three\fmatch here", []string{"match"}, []string{"<mark>match</mark> here"}, []int{3}},
		{"utf8", "Ghanem al-Masārīr spoke", []string{"Masārīr"}, []string{"al-<mark>Masārīr</mark> spoke"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var spans []span
			for _, w := range tt.words {
				i := strings.Index(tt.text, w)
				spans = append(spans, span{i, i + len(w)})
			}
			frags, pages := snippets(tt.text, spans)
			joined := strings.Join(frags, " | ")
			for _, w := range tt.want {
				if !strings.Contains(joined, w) {
					t.Errorf("snippets %q lack %q", joined, w)
				}
			}
			if len(tt.pages) != len(pages) || (len(pages) > 0 && pages[0] != tt.pages[0]) {
				t.Errorf("pages %v, want %v", pages, tt.pages)
			}
		})
	}
}

func TestSnippetsNeverSplitRunes(t *testing.T) {
	text := strings.Repeat("ñ", 300) + "target" + strings.Repeat("ü", 300)
	i := strings.Index(text, "target")
	frags, _ := snippets(text, []span{{i, i + 6}})
	for _, f := range frags {
		if !strings.Contains(f, "<mark>target</mark>") || strings.ContainsRune(f, '\uFFFD') || !isValidUTF8(f) {
			t.Errorf("fragment %q", f)
		}
	}
}

func isValidUTF8(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

func FuzzSnippets(f *testing.F) {
	f.Add("some text with a match", 17, 22)
	f.Add("page\fbreak", 0, 4)
	f.Fuzz(func(t *testing.T, text string, start, end int) {
		frags, _ := snippets(text, []span{{start, end}})
		for _, fr := range frags {
			if strings.Contains(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(fr), "<") {
				t.Fatalf("unescaped markup in %q", fr)
			}
		}
	})
}
