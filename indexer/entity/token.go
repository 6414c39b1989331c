package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word of the text: a run of letters and digits. Names are
// matched as sequences of folded tokens, so punctuation inside a name
// (al-Masarir, U.S., Aristegui's) does not matter, and a name can never
// match inside a longer word (Oman in Romania, Niger in Nigeria).
type token struct {
	norm       string // folded
	start, end int    // byte offsets in the text
	cap        bool   // first letter upper case
	arabic     bool
	// plainGap: only spaces (no newline, no punctuation) separate this
	// token from the one before. Name rules that look at a neighbouring
	// capitalized word only trust such a neighbour.
	plainGap bool
}

// tokenize splits text into tokens, skipping the byte ranges in skip
// (sorted, non-overlapping), which hold URLs and e-mail addresses whose
// words are not mentions. Folded forms of words that need folding are
// written to one buffer and sliced from it, one allocation in all.
func tokenize(text string, skip [][2]int) []token {
	toks := make([]token, 0, len(text)/6)
	var buf []byte
	var spans [][2]int // for toks[k] with norm in buf: k, start in buf
	i, prevEnd := 0, 0
	for i < len(text) {
		if len(skip) > 0 && i >= skip[0][0] {
			i = max(i, skip[0][1])
			prevEnd = -1 // a skipped span is never a plain gap
			skip = skip[1:]
			continue
		}
		c := text[i]
		if c < utf8.RuneSelf && !asciiWord[c] {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			if r, size := utf8.DecodeRuneInString(text[i:]); !isWordRune(r) {
				i += size
				continue
			}
		}
		start := i
		limit := len(text)
		if len(skip) > 0 {
			limit = skip[0][0]
		}
		ascii, lower := true, true
		for i < limit {
			c = text[i]
			if c < utf8.RuneSelf {
				if !asciiWord[c] {
					break
				}
				if 'A' <= c && c <= 'Z' {
					lower = false
				}
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) {
				break
			}
			ascii = false
			i += size
		}
		word := text[start:i]
		t := token{start: start, end: i, plainGap: prevEnd >= 0 && plainGap(text[prevEnd:start])}
		first, _ := utf8.DecodeRuneInString(word)
		t.cap = unicode.IsUpper(first)
		t.arabic = !ascii && isArabic(first)
		prevEnd = i
		if ascii && lower {
			t.norm = word // common case: no copy
			toks = append(toks, t)
			continue
		}
		from := len(buf)
		for _, r := range word {
			buf = appendFold(buf, r)
		}
		if len(buf) == from {
			continue // only marks
		}
		spans = append(spans, [2]int{len(toks), from})
		toks = append(toks, t)
	}
	if len(spans) > 0 {
		all := string(buf)
		for n, sp := range spans {
			end := len(all)
			if n+1 < len(spans) {
				end = spans[n+1][1]
			}
			toks[sp[0]].norm = all[sp[1]:end]
		}
	}
	return toks
}

var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = isWordRune(rune(c))
	}
	return t
}()

func plainGap(gap string) bool {
	if gap == "" {
		return false // 0-length gap: tokens split by a mark inside a word
	}
	for _, r := range gap {
		if r != ' ' && r != '\u00a0' && r != '\t' {
			return false
		}
	}
	return true
}

// phraseTokens splits a gazetteer spelling the way tokenize splits text.
func phraseTokens(s string) []string {
	var out []string
	for _, t := range tokenize(s, nil) {
		out = append(out, t.norm)
	}
	return out
}

// rawTokens splits a spelling into its unfolded words, for exact-case
// spellings (US, RCS).
func rawTokens(s string) []string {
	var out []string
	for _, t := range tokenize(s, nil) {
		out = append(out, s[t.start:t.end])
	}
	return out
}

// arabicVariants gives the forms an Arabic word may take without its
// attached prefixes: و/ف (and), ب/ل/ك (in, for, like) before ال (the).
// "والسعودية" → "السعودية", "للمكسيك" → "المكسيك".
func arabicVariants(w string) []string {
	var out []string
	for _, conj := range []string{"", "و", "ف"} {
		if !strings.HasPrefix(w, conj) {
			continue
		}
		s := w[len(conj):]
		if conj != "" && len(s) > 2 {
			out = append(out, s)
		}
		switch {
		case strings.HasPrefix(s, "لل"):
			out = append(out, "ال"+s[len("لل"):])
		case strings.HasPrefix(s, "بال"), strings.HasPrefix(s, "كال"):
			out = append(out, s[len("ب"):])
		case strings.HasPrefix(s, "ب"), strings.HasPrefix(s, "ل"), strings.HasPrefix(s, "ك"):
			if len(s) > 4 {
				out = append(out, s[len("ب"):])
			}
		}
	}
	return out
}
