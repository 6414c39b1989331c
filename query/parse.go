package query

import (
	"strings"

	rightsearch "github.com/rightsearch/rightsearch"
)

// Query fields: what a field:value clause may name. Facet fields match a
// document's value ignoring case and diacritics; text fields match words
// as free text does, in that field only; published takes dates.
const (
	FieldPublished = "published"
	FieldAuthor    = "author"
)

// textQueryFields are the fields whose values are words of text.
var textQueryFields = map[string]bool{"title": true, "body": true, "summary": true, FieldAuthor: true, "url": true}

// IsTextField reports whether field f holds words of text (title:, body:,
// summary:, author:, url:) rather than a facet's values or dates.
func IsTextField(f string) bool { return textQueryFields[f] }

// otherFields maps the prefixes of the fields that are not facets to the
// field they name; the facet registry gives the rest.
var otherFields = map[string]string{
	"indicator": "indicator", "title": "title", "body": "body", "summary": "summary",
	"author": FieldAuthor, "authors": FieldAuthor, "url": "url",
	"published": FieldPublished, "date": FieldPublished, "year": FieldPublished,
}

// fieldOf resolves a q prefix (any case) to the field it names: a text
// field, published, indicator, or a facet of fs (the date facet is
// published).
func fieldOf(fs rightsearch.Facets, prefix string) (string, bool) {
	if f, ok := otherFields[strings.ToLower(prefix)]; ok {
		return f, true
	}
	f, ok := fs.ByPrefix(prefix)
	switch {
	case !ok:
		return "", false
	case f.Dates:
		return FieldPublished, true
	}
	return f.Name, true
}

// maxDepth bounds how deeply a query may nest parentheses and NOTs.
const maxDepth = 16

// parser is a recursive-descent parser over the lexer's tokens:
//
//	query   = group EOF
//	group   = { ["+" | "-"] or }             side by side: OR-and-rank
//	or      = and { ("OR" | "||") and }
//	and     = unary { ("AND" | "&&") unary }
//	unary   = ("NOT" | "!") unary | primary
//	primary = "(" group ")" [boost] | field ":" value | phrase | word
//	value   = "(" group ")" | phrase | word | range | (">=" | ">" | "<=" | "<") date
type parser struct {
	lx    lexer
	tok   token
	depth int
	// plus holds the operands written with a leading +: required where
	// they stand side by side, plain operands inside AND and OR.
	plus map[Node]bool
}

// ParseQuery parses q into its AST, simplified, with the default facet
// registry's prefixes. An empty q is a nil Root. Errors wrap ErrInvalid
// and name the column and what was expected.
func ParseQuery(q string) (Query, error) { return ParseQueryIn(rightsearch.DefaultFacets(), q) }

// ParseQueryIn is ParseQuery with the facets of fs as field prefixes.
func ParseQueryIn(fs rightsearch.Facets, q string) (Query, error) {
	p := &parser{lx: lexer{rs: []rune(q), field: func(prefix string) (string, bool) { return fieldOf(fs, prefix) }},
		plus: map[Node]bool{}}
	if err := p.advance(); err != nil {
		return Query{}, err
	}
	g, err := p.group("")
	if err != nil {
		return Query{}, err
	}
	if p.tok.kind != tEOF {
		return Query{}, p.unexpected()
	}
	return Query{Root: simplify(g)}, nil
}

func (p *parser) advance() error {
	t, err := p.lx.next()
	if err != nil {
		return err
	}
	p.tok = t
	return nil
}

func colErrorf(col int, format string, a ...any) error {
	return invalidf("q: column %d: "+format, append([]any{col}, a...)...)
}

// unexpected is the error for the current token where an operand or the
// end was expected.
func (p *parser) unexpected() error {
	switch p.tok.kind {
	case tRParen:
		return colErrorf(p.tok.col, `")" without "(" before it`)
	case tAnd, tOr:
		return colErrorf(p.tok.col, "a word or a phrase expected before %s", p.opName())
	case tTilde, tCaret:
		return colErrorf(p.tok.col, "a word or a phrase expected before this postfix")
	}
	return colErrorf(p.tok.col, "a word or a phrase expected")
}

func (p *parser) opName() string {
	if p.tok.kind == tAnd {
		return "AND"
	}
	return "OR"
}

// group parses operands side by side until the end or a ")".
func (p *parser) group(field string) (*Group, error) {
	g := &Group{}
	for p.tok.kind != tEOF && p.tok.kind != tRParen {
		n, err := p.or(field)
		if err != nil {
			return nil, err
		}
		c := Clause{Occur: Should, Node: n}
		if p.plus[n] {
			c.Occur = Must
		}
		g.Clauses = append(g.Clauses, c)
	}
	return g, nil
}

func (p *parser) or(field string) (Node, error) {
	return p.binary(field, tOr, p.and, func(ns []Node) Node { return &Or{Nodes: ns} })
}

func (p *parser) and(field string) (Node, error) {
	return p.binary(field, tAnd, p.unary, func(ns []Node) Node { return &And{Nodes: ns} })
}

// binary parses operand { op operand }.
func (p *parser) binary(field string, op tokKind, operand func(string) (Node, error), mk func([]Node) Node) (Node, error) {
	first, err := operand(field)
	if err != nil {
		return nil, err
	}
	ns := []Node{first}
	for p.tok.kind == op {
		name, col := p.opName(), p.tok.col
		if err := p.advance(); err != nil {
			return nil, err
		}
		if p.tok.kind == tEOF || p.tok.kind == tRParen || p.tok.kind == tAnd || p.tok.kind == tOr {
			return nil, colErrorf(col, "a word or a phrase expected after %s", name)
		}
		n, err := operand(field)
		if err != nil {
			return nil, err
		}
		ns = append(ns, n)
	}
	if len(ns) == 1 {
		return first, nil
	}
	return mk(ns), nil
}

// unary parses NOT, ! and - (all three exclude) and + (requires) before
// an operand: they bind tighter than AND and OR.
func (p *parser) unary(field string) (Node, error) {
	switch p.tok.kind {
	case tPlus:
		if err := p.advance(); err != nil {
			return nil, err
		}
		n, err := p.unary(field)
		if err == nil {
			p.plus[n] = true
		}
		return n, err
	case tNot, tMinus:
	default:
		return p.primary(field)
	}
	col := p.tok.col
	if err := p.enter(col); err != nil {
		return nil, err
	}
	defer p.leave()
	if err := p.advance(); err != nil {
		return nil, err
	}
	if p.tok.kind == tEOF || p.tok.kind == tRParen {
		return nil, colErrorf(col, "a word or a phrase expected after NOT")
	}
	n, err := p.unary(field)
	if err != nil {
		return nil, err
	}
	return &Not{Node: n}, nil
}

func (p *parser) enter(col int) error {
	p.depth++
	if p.depth > maxDepth {
		return colErrorf(col, "nested more than %d deep", maxDepth)
	}
	return nil
}

func (p *parser) leave() { p.depth-- }

func (p *parser) primary(field string) (Node, error) {
	switch p.tok.kind {
	case tLParen:
		return p.paren(field)
	case tField:
		return p.fielded()
	case tPhrase:
		return p.phrase(field)
	case tWord:
		return p.word(field)
	}
	return nil, p.unexpected()
}

// paren parses ( group ) and an optional boost.
func (p *parser) paren(field string) (Node, error) {
	col := p.tok.col
	if err := p.enter(col); err != nil {
		return nil, err
	}
	defer p.leave()
	if err := p.advance(); err != nil {
		return nil, err
	}
	g, err := p.group(field)
	if err != nil {
		return nil, err
	}
	if p.tok.kind != tRParen {
		return nil, colErrorf(p.tok.col, `")" expected to close the "(" at column %d`, col)
	}
	if len(g.Clauses) == 0 {
		return nil, colErrorf(col, "a word or a phrase expected inside ( )")
	}
	if err := p.advance(); err != nil {
		return nil, err
	}
	boost, err := p.boost()
	if err != nil {
		return nil, err
	}
	g.Boost = boost
	return g, nil
}

// fielded parses field:value.
func (p *parser) fielded() (Node, error) {
	field, col := p.tok.text, p.tok.col
	if err := p.advance(); err != nil {
		return nil, err
	}
	if field == FieldPublished {
		return p.dateValue(col)
	}
	switch p.tok.kind {
	case tLParen:
		return p.paren(field)
	case tPhrase:
		return p.phrase(field)
	case tWord:
		return p.word(field)
	case tRange:
		return nil, colErrorf(p.tok.col, "ranges are for published: only")
	}
	return nil, colErrorf(p.tok.col, "a value expected after %s:", field)
}

// dateValue parses what follows published: a date, a range or a
// comparison.
func (p *parser) dateValue(col int) (Node, error) {
	t := p.tok
	r := &Range{Field: FieldPublished, FromIncl: true, ToIncl: true}
	switch t.kind {
	case tRange:
		from, to, _ := strings.Cut(t.text, " ")
		r.From, r.To, r.FromIncl, r.ToIncl = openEnd(from), openEnd(to), t.fromIncl, t.toIncl
	case tWord:
		v := t.text
		switch {
		case strings.HasPrefix(v, ">="):
			r.From = v[2:]
		case strings.HasPrefix(v, "<="):
			r.To = v[2:]
		case strings.HasPrefix(v, ">"):
			r.From, r.FromIncl = v[1:], false
		case strings.HasPrefix(v, "<"):
			r.To, r.ToIncl = v[1:], false
		default:
			r.From, r.To = v, v
		}
		if r.From == "" && r.To == "" {
			return nil, colErrorf(t.col, "a date expected after %q", v)
		}
	default:
		return nil, colErrorf(t.col, "a date (YYYY, YYYY-MM or YYYY-MM-DD) or a range [FROM TO TO] expected after published:")
	}
	for _, d := range []string{r.From, r.To} {
		if d == "" {
			continue
		}
		if _, err := rightsearch.ParseDate(d); err != nil || len(d) > 10 {
			return nil, colErrorf(t.col, "%q is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", d)
		}
	}
	if err := p.advance(); err != nil {
		return nil, err
	}
	_ = col
	return r, nil
}

func openEnd(s string) string {
	if s == "*" {
		return ""
	}
	return s
}

func (p *parser) phrase(field string) (Node, error) {
	ph := &Phrase{Field: field, Value: p.tok.text}
	col := p.tok.col
	if err := p.advance(); err != nil {
		return nil, err
	}
	if ph.Value == "" {
		return nil, colErrorf(col, "a word expected inside the quotes")
	}
	if p.tok.kind == tTilde && p.tok.glued {
		if p.tok.num < 0 || p.tok.num != float64(int(p.tok.num)) || p.tok.num > maxSlop {
			return nil, colErrorf(p.tok.col, "a whole number of words from 1 to %d expected after ~", maxSlop)
		}
		ph.Slop = int(p.tok.num)
		if err := p.advance(); err != nil {
			return nil, err
		}
	}
	boost, err := p.boost()
	ph.Boost = boost
	return ph, err
}

// maxSlop bounds a phrase's ~N.
const maxSlop = 50

func (p *parser) word(field string) (Node, error) {
	t := p.tok
	term := &Term{Field: field, Value: t.text}
	switch {
	case t.trailingStar:
		term.Kind, term.Value = Prefix, strings.TrimRight(t.text, "*")
	case t.wild:
		term.Kind = Wildcard
	}
	if err := p.advance(); err != nil {
		return nil, err
	}
	if term.Value == "" {
		return nil, colErrorf(t.col, "a word expected before *")
	}
	if p.tok.kind == tTilde && p.tok.glued {
		if term.Kind != Word {
			return nil, colErrorf(p.tok.col, "~ does not apply to a wildcard")
		}
		term.Kind, term.Edits = Fuzzy, autoEdits(term.Value)
		if n := p.tok.num; n >= 0 {
			if n != 1 && n != 2 {
				return nil, colErrorf(p.tok.col, "~1 or ~2 expected (edits allowed)")
			}
			term.Edits = int(n)
		}
		if err := p.advance(); err != nil {
			return nil, err
		}
	}
	boost, err := p.boost()
	term.Boost = boost
	return term, err
}

// autoEdits is word~'s edit distance when none is given, as
// Elasticsearch's AUTO: 1 for words of up to 5 letters, else 2.
func autoEdits(w string) int {
	if len([]rune(w)) <= 5 {
		return 1
	}
	return 2
}

// maxBoost bounds ^N.
const maxBoost = 100

func (p *parser) boost() (float64, error) {
	if p.tok.kind != tCaret || !p.tok.glued {
		return 0, nil
	}
	n, col := p.tok.num, p.tok.col
	if n <= 0 || n > maxBoost {
		return 0, colErrorf(col, "a boost above 0 and at most %d expected after ^", maxBoost)
	}
	if err := p.advance(); err != nil {
		return 0, err
	}
	return n, nil
}

// isWordOperator reports whether w would be read as an operator.
func isWordOperator(w string) bool { return w == "AND" || w == "OR" || w == "NOT" }
