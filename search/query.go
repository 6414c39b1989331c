package search

import (
	"fmt"
	"strings"
	"unicode"
)

// Occur says how a clause of a query counts.
type Occur int

// Occurrences: a plain word ranks, +word requires, -word excludes.
const (
	Should Occur = iota
	Must
	MustNot
)

// Clause is one term of a parsed query: a word, a phrase, a word prefix
// (word*) or a field:value restriction.
type Clause struct {
	Occur  Occur
	Field  string // "" for free text, else one of Fields' keys
	Value  string
	Phrase bool // quoted
	Prefix bool // ended in *
}

// Query is a parsed q parameter.
type Query struct {
	Clauses []Clause
}

// Fields maps the query prefixes a user may write to the facet they
// restrict. Their values are matched ignoring case and diacritics.
var Fields = map[string]string{
	"organization": "organization",
	"org":          "organization",
	"type":         "type",
	"target":       "target",
	"country":      "country",
	"spyware":      "spyware",
	"lang":         "language",
	"language":     "language",
	"indicator":    "indicator",
}

// ParseQuery parses q: words, +required, -excluded, "a phrase", word*,
// and prefix:value or prefix:"a value". It fails (wrapping ErrInvalid) on
// an unbalanced quote or an empty prefix value.
func ParseQuery(q string) (Query, error) {
	var out Query
	rs := []rune(q)
	for i := 0; i < len(rs); {
		if unicode.IsSpace(rs[i]) {
			i++
			continue
		}
		c, next, err := parseClause(rs, i)
		if err != nil {
			return Query{}, err
		}
		i = next
		if c.Value != "" {
			out.Clauses = append(out.Clauses, c)
		}
	}
	return out, nil
}

func parseClause(rs []rune, i int) (Clause, int, error) {
	var c Clause
	switch rs[i] {
	case '+':
		c.Occur, i = Must, i+1
	case '-':
		c.Occur, i = MustNot, i+1
	}
	if i >= len(rs) || unicode.IsSpace(rs[i]) {
		return c, i, invalidf("q: %q must be followed by a word or a phrase", string(rs[i-1]))
	}
	if rs[i] != '"' {
		// A field prefix is a known name followed by a colon.
		start, j := i, i
		for j < len(rs) && unicode.IsLetter(rs[j]) {
			j++
		}
		if j < len(rs) && rs[j] == ':' {
			if f, ok := Fields[strings.ToLower(string(rs[start:j]))]; ok {
				c.Field, i = f, j+1
				if i >= len(rs) || unicode.IsSpace(rs[i]) {
					return c, i, invalidf("q: %s: needs a value", string(rs[start:j]))
				}
			}
		}
	}
	if rs[i] == '"' {
		end := i + 1
		for end < len(rs) && rs[end] != '"' {
			end++
		}
		if end >= len(rs) {
			return c, end, invalidf("q: unbalanced quote")
		}
		c.Value, c.Phrase = strings.TrimSpace(string(rs[i+1:end])), true
		if c.Value == "" && c.Field != "" {
			return c, end, invalidf("q: %s: needs a value", c.Field)
		}
		return c, end + 1, nil
	}
	end := i
	for end < len(rs) && !unicode.IsSpace(rs[end]) {
		if rs[end] == '"' {
			return c, end, invalidf("q: unbalanced quote")
		}
		end++
	}
	c.Value = string(rs[i:end])
	if v, ok := strings.CutSuffix(c.Value, "*"); ok && c.Field == "" {
		c.Value, c.Prefix = strings.TrimRight(v, "*"), true
	}
	return c, end, nil
}

// String writes the query back in the syntax it was parsed from.
func (q Query) String() string {
	parts := make([]string, len(q.Clauses))
	for i, c := range q.Clauses {
		var b strings.Builder
		switch c.Occur {
		case Must:
			b.WriteByte('+')
		case MustNot:
			b.WriteByte('-')
		}
		if c.Field != "" {
			b.WriteString(c.Field + ":")
		}
		if c.Phrase {
			b.WriteString(`"` + c.Value + `"`)
		} else {
			b.WriteString(c.Value)
		}
		if c.Prefix {
			b.WriteByte('*')
		}
		parts[i] = b.String()
	}
	return strings.Join(parts, " ")
}

func invalidf(format string, a ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, a...)...)
}
