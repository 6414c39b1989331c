package web

import (
	"strings"
	"unicode"
)

// replaceWords rewrites the words of the query text q found in repl, as
// repl says: each word outside quotes, with any +, -, !, ( before it, a
// field name and colon, ) or a ^boost after it left as they were. It is
// for showing a correction and for the link back to the words as typed,
// not for searching: the search corrected the parsed words.
func replaceWords(q string, repl func(word string) (string, bool)) string {
	var b strings.Builder
	for i := 0; i < len(q); {
		end := i + 1
		switch c := q[i]; {
		case c == '"': // a phrase, to its closing quote, as it is
			for end < len(q) && q[end] != '"' {
				if q[end] == '\\' {
					end++
				}
				end++
			}
			end = min(end+1, len(q))
			b.WriteString(q[i:end])
		case asciiSpace(c):
			b.WriteByte(c)
		default:
			for end = i; end < len(q) && q[end] != '"' && !asciiSpace(q[end]); end++ {
				if q[end] == '\\' {
					end++
				}
			}
			end = min(end, len(q))
			b.WriteString(replaceField(q[i:end], repl))
		}
		i = end
	}
	return b.String()
}

func asciiSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// replaceField rewrites the word inside one space-separated field of a
// query: +Kashoggi, (Kashoggi), title:Kashoggi^2.
func replaceField(f string, repl func(string) (string, bool)) string {
	start := 0
	for start < len(f) && strings.IndexByte("+-!(", f[start]) >= 0 {
		start++
	}
	if i := strings.IndexByte(f[start:], ':'); i > 0 && isLetters(f[start:start+i]) {
		start += i + 1
	}
	end := len(f)
	if i := strings.LastIndexByte(f, '^'); i > start {
		end = i
	}
	for end > start && f[end-1] == ')' {
		end--
	}
	if w, ok := repl(f[start:end]); ok {
		return f[:start] + w + f[end:]
	}
	return f
}

func isLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}
