package entity

import "strings"

// Refang undoes defanging so an indicator reads as itself:
// "hxxps[:]//evil[.]example" → "https://evil.example". It knows the forms
// threat reports use: hxxp(s) and h**p(s); [.] (.) {.} [dot] (dot); [:] [://];
// [@] [at] (at); [/]. Spaces around a bracketed form go with it
// ("press [at] ngo [dot] org"). It is one pass with no regexp, since every
// document goes through it.
func Refang(s string) string {
	// Nested forms ("((.))") refang in more than one pass; repeat until
	// nothing changes, so that Refang(Refang(s)) == Refang(s).
	for range 8 {
		out := refangOnce(s)
		if out == s {
			break
		}
		s = out
	}
	return s
}

func refangOnce(s string) string {
	var b strings.Builder
	last := 0 // s[last:] is not yet written
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[', '(', '{':
			repl, end, ok := bracketAt(s, i)
			if !ok {
				continue
			}
			start := i
			if start > last && (s[start-1] == ' ' || s[start-1] == '\t') {
				start--
			}
			if end < len(s) && (s[end] == ' ' || s[end] == '\t') {
				end++
			}
			b.Grow(len(s))
			b.WriteString(s[last:start])
			b.WriteString(repl)
			last, i = end, end-1
		case 'h', 'H':
			if n := defangedSchemeAt(s, i); n > 0 {
				b.Grow(len(s))
				b.WriteString(s[last:i])
				b.WriteString("http")
				last, i = i+n, i+n-1
			}
		}
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// bracketAt reads a bracketed defang form at s[i] (an opening bracket) and
// returns its replacement and the index after the closing bracket.
func bracketAt(s string, i int) (string, int, bool) {
	j := skipBlanks(s, i+1)
	var repl string
	switch {
	case strings.HasPrefix(s[j:], "://"):
		repl, j = "://", j+3
	case j < len(s) && strings.IndexByte(".:@/", s[j]) >= 0:
		repl, j = s[j:j+1], j+1
	case hasPrefixFold(s[j:], "dot"):
		repl, j = ".", j+3
	case hasPrefixFold(s[j:], "at"):
		repl, j = "@", j+2
	default:
		return "", 0, false
	}
	j = skipBlanks(s, j)
	if j >= len(s) || strings.IndexByte("])}", s[j]) < 0 {
		return "", 0, false
	}
	return repl, j + 1, true
}

// defangedSchemeAt returns the length of "hxxp" or "h**p" at s[i] when it
// starts a word and is followed by s, :, [ or another non-letter, else 0.
// The replacement is "http"; a following s stays as it is.
func defangedSchemeAt(s string, i int) int {
	if i > 0 && isASCIIAlnum(s[i-1]) || i+4 > len(s) {
		return 0
	}
	mid := s[i+1 : i+3]
	if !strings.EqualFold(mid, "xx") && mid != "**" || s[i+3] != 'p' && s[i+3] != 'P' {
		return 0
	}
	k := i + 4
	if k < len(s) && (s[k] == 's' || s[k] == 'S') {
		k++
	}
	if k < len(s) && isASCIIAlnum(s[k]) {
		return 0
	}
	return 4
}

func skipBlanks(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
