package query

// simplify rewrites a parsed tree into the fewest nodes with the same
// matches: NOT and - side by side become exclusions, double negations
// cancel, nested ANDs and ORs flatten, repeated clauses go, a group of
// one plain clause is that clause, and a field clause side by side with
// others is required (org:X narrows, as it always has). A nil result is
// an empty query.
func simplify(n Node) Node {
	switch x := n.(type) {
	case *Group:
		return simplifyGroup(x)
	case *And:
		ns := flatten(x.Nodes, func(n Node) ([]Node, bool) {
			if a, ok := n.(*And); ok && a.Boost == 0 {
				return a.Nodes, true
			}
			return nil, false
		})
		if len(ns) == 1 && x.Boost == 0 {
			return ns[0]
		}
		return &And{Nodes: ns, Boost: x.Boost}
	case *Or:
		ns := flatten(x.Nodes, func(n Node) ([]Node, bool) {
			if o, ok := n.(*Or); ok && o.Boost == 0 {
				return o.Nodes, true
			}
			return nil, false
		})
		if len(ns) == 1 && x.Boost == 0 {
			return ns[0]
		}
		return &Or{Nodes: ns, Boost: x.Boost}
	case *Not:
		inner := simplify(x.Node)
		if nn, ok := inner.(*Not); ok {
			return nn.Node
		}
		return &Not{Node: inner}
	}
	return n
}

// flatten simplifies ns, splices in the children of those inner reports
// as the same operator, and drops repeats.
func flatten(ns []Node, inner func(Node) ([]Node, bool)) []Node {
	var out []Node
	seen := map[string]bool{}
	var add func(n Node)
	add = func(n Node) {
		n = simplify(n)
		if kids, ok := inner(n); ok {
			for _, k := range kids {
				add(k)
			}
			return
		}
		if key := Sexpr(n); !seen[key] {
			seen[key] = true
			out = append(out, n)
		}
	}
	for _, n := range ns {
		add(n)
	}
	return out
}

func simplifyGroup(g *Group) Node {
	var out []Clause
	seen := map[string]bool{}
	var add func(c Clause)
	add = func(c Clause) {
		c.Node = simplify(c.Node)
		if not, ok := c.Node.(*Not); ok {
			switch c.Occur {
			case Should, Must:
				c.Occur = MustNot
			case MustNot:
				c.Occur = Must
			}
			c.Node = not.Node
		}
		// A plain group inside a plain group: its clauses stand beside
		// the others (at least one of all must match either way).
		if inner, ok := c.Node.(*Group); ok && c.Occur == Should && inner.Boost == 0 && allShould(inner) && allShould(g) {
			for _, ic := range inner.Clauses {
				add(ic)
			}
			return
		}
		if c.Occur == Should && fielded(c.Node) {
			c.Occur = Must
		}
		key := string(rune('0'+c.Occur)) + Sexpr(c.Node)
		if !seen[key] {
			seen[key] = true
			out = append(out, c)
		}
	}
	for _, c := range g.Clauses {
		add(c)
	}
	switch {
	case len(out) == 0:
		return nil
	case len(out) == 1 && g.Boost == 0 && out[0].Occur != MustNot:
		return out[0].Node
	}
	return &Group{Clauses: out, Boost: g.Boost}
}

func allShould(g *Group) bool {
	for _, c := range g.Clauses {
		if c.Occur != Should {
			return false
		}
	}
	return true
}

// fielded reports whether every leaf under n names a field.
func fielded(n Node) bool {
	all := true
	Walk(n, func(n Node) {
		switch x := n.(type) {
		case *Term:
			all = all && x.Field != ""
		case *Phrase:
			all = all && x.Field != ""
		}
	})
	return all
}
