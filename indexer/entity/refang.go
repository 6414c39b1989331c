package entity

import (
	"regexp"
	"strings"
)

// Defanged forms as threat reports write them: hxxp://, example[.]com,
// example(dot)com, 10[.]0[.]0[.]1, user[@]example[.]com, user [at] host,
// http[:]//, [://]. Spaces around a bracketed form go with it.
var (
	defangBracket = regexp.MustCompile(`[ \t]?[\[\(\{][ \t]*((?i:\.|dot|:|://|@|at|/))[ \t]*[\]\)\}][ \t]?`)
	defangScheme  = regexp.MustCompile(`(?i)\bh(?:xx|\*\*)p(s?)\b`)
)

// Refang undoes defanging so an indicator reads as itself:
// "hxxps[:]//evil[.]example" → "https://evil.example".
func Refang(s string) string {
	if !strings.ContainsAny(s, "[({") && !containsFoldASCII(s, "xxp") && !strings.Contains(s, "**p") {
		return s
	}
	s = defangScheme.ReplaceAllStringFunc(s, func(m string) string {
		sub := defangScheme.FindStringSubmatch(m)
		return "http" + strings.ToLower(sub[1])
	})
	return defangBracket.ReplaceAllStringFunc(s, func(m string) string {
		inner := strings.ToLower(defangBracket.FindStringSubmatch(m)[1])
		switch inner {
		case "dot":
			return "."
		case "at":
			return "@"
		}
		return inner
	})
}

// containsFoldASCII is strings.Contains ignoring ASCII case, without
// allocating a lowered copy of a large text.
func containsFoldASCII(s, sub string) bool {
	n := len(sub)
	for i := 0; i+n <= len(s); {
		j := strings.IndexAny(s[i:], sub[:1]+strings.ToUpper(sub[:1]))
		if j < 0 || i+j+n > len(s) {
			return false
		}
		if strings.EqualFold(s[i+j:i+j+n], sub) {
			return true
		}
		i += j + 1
	}
	return false
}
