package query

import (
	"strconv"
	"strings"
	"unicode"
)

// tokKind is the kind of a lexical token of the query syntax.
type tokKind int

const (
	tEOF    tokKind = iota
	tWord           // text; wild marks whether it holds unescaped * or ?
	tPhrase         // "…", text unescaped
	tField          // name: (text is the canonical field)
	tRange          // [a TO b] or {a TO b}, right after a field
	tLParen
	tRParen
	tPlus  // + before an operand
	tMinus // - before an operand
	tAnd   // AND, &&
	tOr    // OR, ||
	tNot   // NOT, ! before an operand
	tTilde // ~ or ~N right after an operand (num -1: none given)
	tCaret // ^N right after an operand
)

// token is one lexical token; col is its 1-based column in runes.
type token struct {
	kind tokKind
	text string
	col  int
	num  float64
	// wild: a word's unescaped wildcards (* ?), and whether the only ones
	// are a trailing run of *.
	wild, trailingStar bool
	// incl: a range's [ ] (true) or { } (false) at each end.
	fromIncl, toIncl bool
	// glued: no space before this token (postfixes must be glued).
	glued bool
}

// lexer splits a query into tokens, one at a time.
type lexer struct {
	rs  []rune
	pos int
	// afterField: the previous token was a field prefix, so [ or { opens
	// a range.
	afterField bool
	// field resolves a prefix before a colon to the field it names.
	field func(prefix string) (string, bool)
}

func isSpace(r rune) bool { return unicode.IsSpace(r) }

// wordEnd reports whether r ends a bare word.
func wordEnd(r rune) bool { return isSpace(r) || r == '(' || r == ')' || r == '"' }

// next returns the token at the lexer's position.
func (l *lexer) next() (token, error) {
	start := l.pos
	for l.pos < len(l.rs) && isSpace(l.rs[l.pos]) {
		l.pos++
	}
	glued := l.pos == start
	afterField := l.afterField
	l.afterField = false
	if l.pos >= len(l.rs) {
		return token{kind: tEOF, col: l.pos + 1}, nil
	}
	col, r := l.pos+1, l.rs[l.pos]
	tok := func(k tokKind, n int) (token, error) {
		l.pos += n
		return token{kind: k, col: col, glued: glued}, nil
	}
	followed := l.pos+1 < len(l.rs) && !isSpace(l.rs[l.pos+1])
	switch {
	case r == '(':
		return tok(tLParen, 1)
	case r == ')':
		return tok(tRParen, 1)
	case r == '"':
		return l.phrase(col, glued)
	case afterField && (r == '[' || r == '{'):
		return l.rangeTok(col)
	case (r == '~' || r == '^') && glued && start > 0:
		if t, ok := l.postfix(col); ok {
			return t, nil
		}
	case l.has("&&") || l.has("||"):
		k := tAnd
		if r == '|' {
			k = tOr
		}
		return tok(k, 2)
	case r == '+' || r == '-' || r == '!':
		if !followed {
			return token{}, colErrorf(col, "a word or a phrase expected after %q", string(r))
		}
		k := map[rune]tokKind{'+': tPlus, '-': tMinus, '!': tNot}[r]
		return tok(k, 1)
	}
	return l.word(col, glued)
}

// has reports whether the input at the position starts with s followed
// by a space, a parenthesis or the end.
func (l *lexer) has(s string) bool {
	rs := []rune(s)
	if l.pos+len(rs) > len(l.rs) || string(l.rs[l.pos:l.pos+len(rs)]) != s {
		return false
	}
	end := l.pos + len(rs)
	return end == len(l.rs) || wordEnd(l.rs[end])
}

// postfix reads ~, ~N or ^N glued to the operand before it; ok is false
// when what follows is not a number (the character is then text).
func (l *lexer) postfix(col int) (token, bool) {
	r := l.rs[l.pos]
	j := l.pos + 1
	for j < len(l.rs) && (unicode.IsDigit(l.rs[j]) || (r == '^' && l.rs[j] == '.')) {
		j++
	}
	num := string(l.rs[l.pos+1 : j])
	if j < len(l.rs) && !wordEnd(l.rs[j]) && l.rs[j] != '^' && l.rs[j] != '~' {
		return token{}, false
	}
	t := token{col: col, glued: true, num: -1}
	if num != "" {
		n, ok := parseNumber(num)
		if !ok {
			return token{}, false
		}
		t.num = n
	}
	if r == '^' {
		if num == "" {
			return token{}, false
		}
		t.kind = tCaret
	} else {
		t.kind = tTilde
	}
	l.pos = j
	return t, true
}

func parseNumber(s string) (float64, bool) {
	if len(s) > 16 {
		return 0, false
	}
	n, err := strconv.ParseFloat(s, 64)
	return n, err == nil
}

// phrase reads "…" with \" and \\ escapes.
func (l *lexer) phrase(col int, glued bool) (token, error) {
	var b strings.Builder
	for j := l.pos + 1; j < len(l.rs); j++ {
		switch r := l.rs[j]; {
		case r == '\\' && j+1 < len(l.rs):
			j++
			b.WriteRune(l.rs[j])
		case r == '"':
			l.pos = j + 1
			return token{kind: tPhrase, text: strings.TrimSpace(b.String()), col: col, glued: glued}, nil
		default:
			b.WriteRune(r)
		}
	}
	return token{}, colErrorf(len(l.rs)+1, `'"' expected to close the quote at column %d`, col)
}

// rangeTok reads [from TO to] or {from TO to}; * is an open end.
func (l *lexer) rangeTok(col int) (token, error) {
	open := l.rs[l.pos]
	j := l.pos + 1
	for j < len(l.rs) && l.rs[j] != ']' && l.rs[j] != '}' {
		j++
	}
	if j >= len(l.rs) {
		return token{}, colErrorf(col, `"]" or "}" expected to close the range`)
	}
	body := strings.Fields(string(l.rs[l.pos+1 : j]))
	if len(body) != 3 || body[1] != "TO" {
		return token{}, colErrorf(col+1, `range "FROM TO TO" expected, as in [2018 TO 2019-06]`)
	}
	t := token{kind: tRange, col: col, fromIncl: open == '[', toIncl: l.rs[j] == ']'}
	t.text = body[0] + " " + body[2]
	l.pos = j + 1
	return t, nil
}

// word reads a bare word with \ escapes. A known field name followed by
// a colon is a field prefix; an unknown one (http:) stays text. A lone
// AND, OR or NOT is an operator; in lowercase it is a word.
func (l *lexer) word(col int, glued bool) (token, error) {
	var b strings.Builder
	t := token{kind: tWord, col: col, glued: glued}
	escaped := false
	lastWild := -1 // rune index in the word of the last unescaped wildcard
	nonStarWild := false
	n, open := 0, 0
	escapedWild := false
	j := l.pos
	for ; j < len(l.rs); j++ {
		r := l.rs[j]
		if r == '\\' && j+1 < len(l.rs) {
			j++
			b.WriteRune(l.rs[j])
			escaped = true
			escapedWild = escapedWild || l.rs[j] == '*' || l.rs[j] == '?'
			n++
			if lastWild >= 0 {
				nonStarWild = true
			}
			continue
		}
		// A parenthesis inside a word is text when balanced there, as in a
		// defanged indicator: parcel-notice(dot)com.
		if r == '(' && j > l.pos {
			open++
			b.WriteRune(r)
			n++
			continue
		}
		if r == ')' && open > 0 {
			open--
			b.WriteRune(r)
			n++
			continue
		}
		if wordEnd(r) {
			break
		}
		if (r == '~' || r == '^') && j > l.pos && l.postfixAt(j) {
			break
		}
		if r == ':' && !escaped && j+1 < len(l.rs) && !isSpace(l.rs[j+1]) {
			if f, ok := l.field(b.String()); ok && b.Len() > 0 {
				l.pos = j + 1
				l.afterField = true
				return token{kind: tField, text: f, col: col, glued: glued}, nil
			}
		}
		if r == ':' && !escaped && (j+1 >= len(l.rs) || isSpace(l.rs[j+1])) {
			if _, ok := l.field(b.String()); ok {
				return token{}, colErrorf(j+2, "a value expected after %s:", b.String())
			}
		}
		if r == '*' || (r == '?' && l.continues(j+1)) {
			t.wild = true
			if r == '?' {
				nonStarWild = true
			} else if lastWild != n-1 && lastWild >= 0 {
				nonStarWild = true
			}
			lastWild = n
		} else if lastWild >= 0 {
			nonStarWild = true // text after a wildcard
		}
		b.WriteRune(r)
		n++
	}
	l.pos = j
	t.text = b.String()
	t.trailingStar = t.wild && !nonStarWild && strings.HasSuffix(t.text, "*")
	if t.wild && escapedWild {
		return token{}, colErrorf(col, `a word with wildcards cannot also hold an escaped "*" or "?"`)
	}
	if !escaped {
		switch t.text {
		case "AND":
			t.kind = tAnd
		case "OR":
			t.kind = tOr
		case "NOT":
			t.kind = tNot
		}
	}
	return t, nil
}

// continues reports whether the word goes on at j: a ? is a wildcard
// only inside a word, and at its end punctuation ("pegasus?").
func (l *lexer) continues(j int) bool {
	if j >= len(l.rs) || wordEnd(l.rs[j]) {
		return false
	}
	return !((l.rs[j] == '~' || l.rs[j] == '^') && l.postfixAt(j))
}

// postfixAt reports whether the ~ or ^ at j is a postfix operator: one
// followed by a number (or, for ~, by nothing) and then the word's end.
func (l *lexer) postfixAt(j int) bool {
	r := l.rs[j]
	k := j + 1
	for k < len(l.rs) && (unicode.IsDigit(l.rs[k]) || (r == '^' && l.rs[k] == '.')) {
		k++
	}
	if r == '^' && k == j+1 {
		return false
	}
	return k == len(l.rs) || wordEnd(l.rs[k]) || l.rs[k] == '^' || l.rs[k] == '~'
}
