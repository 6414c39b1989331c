package query

import (
	"fmt"
)

// Query is a parsed q parameter: its syntax tree, simplified (parse.go,
// simplify.go). Root is nil for an empty query, which matches everything.
type Query struct {
	Root Node
}

// Empty reports whether q asks for nothing (every document matches).
func (q Query) Empty() bool { return q.Root == nil }

// String writes the query back in the syntax it was parsed from; it
// parses to the same tree.
func (q Query) String() string {
	if q.Root == nil {
		return ""
	}
	return q.Root.String()
}

// Sexpr is the query's tree as an s-expression, for tests and debugging.
func (q Query) Sexpr() string { return Sexpr(q.Root) }

func invalidf(format string, a ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, a...)...)
}
