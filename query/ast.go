package query

import (
	"strconv"
	"strings"
	"unicode"
)

// Node is one node of a parsed query. ParseQuery builds the tree,
// simplify flattens it, and the translator turns it into Bleve queries in
// one place (translate.go). A node's String writes it back in the query
// syntax; sexpr writes its structure, for tests and debugging.
type Node interface {
	String() string
	sexpr(b *strings.Builder)
}

// Occur says how a clause of a Group counts.
type Occur int

// Occurrences: a plain clause ranks, +clause requires, -clause (or NOT
// clause) excludes.
const (
	Should Occur = iota
	Must
	MustNot
)

// Group is clauses written side by side: the implicit operator. A
// document must match every Must clause and no MustNot clause; Should
// clauses rank, and at least one must match when there is no Must. A
// field clause (org:X) counts as Must, as it always has.
type Group struct {
	Clauses []Clause
	Boost   float64 // 0: none
}

// Clause is one member of a Group.
type Clause struct {
	Occur Occur
	Node  Node
}

// And matches documents that match every node; Or, any of them.
type (
	And struct {
		Nodes []Node
		Boost float64
	}
	Or struct {
		Nodes []Node
		Boost float64
	}
)

// Not matches the documents Node does not.
type Not struct{ Node Node }

// TermKind says how a Term's value matches.
type TermKind int

// Term kinds: a word as analyzed, a prefix (wor*), a wildcard pattern
// (w?r*d), a fuzzy word (word~N).
const (
	Word TermKind = iota
	Prefix
	Wildcard
	Fuzzy
)

// Term is one word (or pattern) in a field; Field "" is free text.
type Term struct {
	Field string
	Value string
	Kind  TermKind
	Edits int // Fuzzy: 1 or 2
	Boost float64
}

// Phrase is quoted words in a field; Slop > 0 lets each word stand up to
// Slop positions from where the exact phrase would put it.
type Phrase struct {
	Field string
	Value string
	Slop  int
	Boost float64
}

// Range is a date range on published: From and To as written (YYYY,
// YYYY-MM or YYYY-MM-DD; "" is open), each bound inclusive or not.
type Range struct {
	Field            string
	From, To         string
	FromIncl, ToIncl bool
}

func boostSuffix(b float64) string {
	if b == 0 {
		return ""
	}
	return "^" + strconv.FormatFloat(b, 'f', -1, 64)
}

func fieldPrefix(f string) string {
	if f == "" {
		return ""
	}
	return f + ":"
}

// escapeWord escapes the characters the parser treats as syntax, so a
// Term's String parses back to the same Term.
func escapeWord(s string, kind TermKind) string {
	var b strings.Builder
	for i, r := range s {
		special := strings.ContainsRune(`\"^~()`, r) || isSpace(r) ||
			(i == 0 && strings.ContainsRune(`+-!&|[{><=`, r)) ||
			(r == ':' && isLetters(s[:i]))
		if !special && kind != Wildcard && kind != Prefix && (r == '*' || r == '?') {
			special = true
		}
		if special {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (t *Term) String() string {
	v := escapeWord(t.Value, t.Kind)
	if isWordOperator(t.Value) {
		v = `\` + v
	}
	s := fieldPrefix(t.Field) + v
	switch t.Kind {
	case Prefix:
		s += "*"
	case Fuzzy:
		s += "~" + strconv.Itoa(t.Edits)
	}
	return s + boostSuffix(t.Boost)
}

func (p *Phrase) String() string {
	s := fieldPrefix(p.Field) + `"` + strings.ReplaceAll(strings.ReplaceAll(p.Value, `\`, `\\`), `"`, `\"`) + `"`
	if p.Slop > 0 {
		s += "~" + strconv.Itoa(p.Slop)
	}
	return s + boostSuffix(p.Boost)
}

func (r *Range) String() string {
	open, cls := "{", "}"
	if r.FromIncl {
		open = "["
	}
	if r.ToIncl {
		cls = "]"
	}
	from, to := r.From, r.To
	if from == "" {
		from = "*"
	}
	if to == "" {
		to = "*"
	}
	return r.Field + ":" + open + from + " TO " + to + cls
}

func (n *Not) String() string { return "NOT " + wrap(n.Node) }

func (a *And) String() string { return join(a.Nodes, " AND ") + boostSuffix(a.Boost) }
func (o *Or) String() string  { return join(o.Nodes, " OR ") + boostSuffix(o.Boost) }

func (g *Group) String() string {
	parts := make([]string, len(g.Clauses))
	for i, c := range g.Clauses {
		s := wrap(c.Node)
		switch c.Occur {
		case Must:
			s = "+" + s
		case MustNot:
			s = "-" + s
		}
		parts[i] = s
	}
	s := strings.Join(parts, " ")
	if g.Boost != 0 {
		s = "(" + s + ")" + boostSuffix(g.Boost)
	}
	return s
}

// wrap parenthesizes a node that would not parse back as one operand.
func wrap(n Node) string {
	switch x := n.(type) {
	case *And:
		if x.Boost == 0 {
			return "(" + x.String() + ")"
		}
		return "(" + join(x.Nodes, " AND ") + ")" + boostSuffix(x.Boost)
	case *Or:
		if x.Boost == 0 {
			return "(" + x.String() + ")"
		}
		return "(" + join(x.Nodes, " OR ") + ")" + boostSuffix(x.Boost)
	case *Group:
		if x.Boost == 0 {
			return "(" + x.String() + ")"
		}
	}
	return n.String()
}

func join(ns []Node, sep string) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = wrap(n)
	}
	return strings.Join(parts, sep)
}

// sexpr forms: (group +a b -c), (and a b), (or a b), (not a), and leaves
// as field:value with kind marks: prefix*, w?ld, fuzzy~N, "phrase"~N,
// boosts ^N, ranges published:[lo TO hi}.
func (g *Group) sexpr(b *strings.Builder) {
	b.WriteString("(group")
	for _, c := range g.Clauses {
		b.WriteByte(' ')
		switch c.Occur {
		case Must:
			b.WriteByte('+')
		case MustNot:
			b.WriteByte('-')
		}
		c.Node.sexpr(b)
	}
	b.WriteString(")" + boostSuffix(g.Boost))
}

func (a *And) sexpr(b *strings.Builder) { listSexpr(b, "and", a.Nodes, a.Boost) }
func (o *Or) sexpr(b *strings.Builder)  { listSexpr(b, "or", o.Nodes, o.Boost) }

func listSexpr(b *strings.Builder, op string, ns []Node, boost float64) {
	b.WriteString("(" + op)
	for _, n := range ns {
		b.WriteByte(' ')
		n.sexpr(b)
	}
	b.WriteString(")" + boostSuffix(boost))
}

func (n *Not) sexpr(b *strings.Builder) {
	b.WriteString("(not ")
	n.Node.sexpr(b)
	b.WriteString(")")
}

func (t *Term) sexpr(b *strings.Builder) {
	b.WriteString(fieldPrefix(t.Field) + escapeWord(t.Value, t.Kind))
	switch t.Kind {
	case Prefix:
		b.WriteByte('*')
	case Fuzzy:
		b.WriteString("~" + strconv.Itoa(t.Edits))
	}
	b.WriteString(boostSuffix(t.Boost))
}

func (p *Phrase) sexpr(b *strings.Builder) { b.WriteString(p.String()) }
func (r *Range) sexpr(b *strings.Builder)  { b.WriteString(r.String()) }

// Sexpr is n's structure as an s-expression.
func Sexpr(n Node) string {
	if n == nil {
		return "()"
	}
	var b strings.Builder
	n.sexpr(&b)
	return b.String()
}

// Walk calls fn for n and every node below it.
func Walk(n Node, fn func(Node)) {
	if n == nil {
		return
	}
	fn(n)
	switch x := n.(type) {
	case *Group:
		for _, c := range x.Clauses {
			Walk(c.Node, fn)
		}
	case *And:
		for _, c := range x.Nodes {
			Walk(c, fn)
		}
	case *Or:
		for _, c := range x.Nodes {
			Walk(c, fn)
		}
	case *Not:
		Walk(x.Node, fn)
	}
}

// isLetters reports whether s is a nonempty run of letters: what a field
// prefix looks like, so a colon after it is escaped to stay text.
func isLetters(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}
