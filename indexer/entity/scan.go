package entity

// match is an accepted spelling over tokens [i, j).
type match struct {
	e    *entry
	i, j int
}

// scan walks the tokens once. At each token it tries the spellings that
// start with it, longest first, and takes the first that fits its words
// and passes its local context rules; the words it covers are consumed.
// Stop phrases are consumed and dropped.
func (g *gazetteer) scan(toks []token, text string) []match {
	var out []match
	for i := 0; i < len(toks); {
		first := toks[i].norm
		cands := g.index[first]
		if cands == nil && toks[i].arabic {
			for _, v := range arabicVariants(first) {
				if cands = g.index[v]; cands != nil {
					first = v
					break
				}
			}
		}
		n := 0
		for _, e := range cands {
			if !e.fits(toks, i, first, text) || !g.contextOK(e, toks, i, i+len(e.toks)) {
				continue
			}
			n = len(e.toks)
			if e.kind != kindStop {
				out = append(out, match{e, i, i + n})
			}
			break
		}
		i += max(n, 1)
	}
	return out
}

// fits reports whether e's words are the tokens at i (the first one given
// as first, which may be an Arabic word stripped of its prefixes).
func (e *entry) fits(toks []token, i int, first, text string) bool {
	if i+len(e.toks) > len(toks) || e.toks[0] != first {
		return false
	}
	for k := 1; k < len(e.toks); k++ {
		if toks[i+k].norm != e.toks[k] {
			return false
		}
	}
	if e.rules&capOnly != 0 && !toks[i].arabic && !toks[i].cap {
		return false
	}
	if e.rules&exactCase != 0 {
		for k, w := range e.raw {
			if text[toks[i+k].start:toks[i+k].end] != w {
				return false
			}
		}
	}
	return true
}

// contextOK applies the local rules of e to its match over [i, j).
func (g *gazetteer) contextOK(e *entry, toks []token, i, j int) bool {
	switch {
	case e.rules&surname != 0 && partOfOtherName(toks, i, j):
		return false
	case e.rules&firstName != 0 && g.capitalizedAfter(toks, i, j):
		return false
	case e.rules&langName != 0 && usedAsLanguage(toks, i, j):
		return false
	case e.rules&(defaultOn|needsContext) != 0 && negativeNearby(e, toks, i, j):
		return false
	}
	return true
}

// partOfOtherName reports whether a surname at [i, j) belongs to someone
// else: a title or given name before it, bin/al/University after it.
func partOfOtherName(toks []token, i, j int) bool {
	if i > 0 && beforeOtherName[toks[i-1].norm] {
		return true
	}
	if j < len(toks) && afterOtherName[toks[j].norm] {
		return true
	}
	if titleCase(toks, i, j) {
		return false
	}
	if i > 0 && toks[i].plainGap && toks[i-1].cap && !neighbourOK[toks[i-1].norm] {
		return true
	}
	return j < len(toks) && toks[j].plainGap && toks[j].cap && !neighbourOK[toks[j].norm]
}

// capitalizedAfter reports a capitalized word right after [i, j) that is
// not itself the start of a name we know (Jordan Peterson, but "Israel NSO").
func (g *gazetteer) capitalizedAfter(toks []token, i, j int) bool {
	if j >= len(toks) || !toks[j].plainGap || !toks[j].cap || neighbourOK[toks[j].norm] {
		return false
	}
	if _, known := g.index[toks[j].norm]; known {
		return false
	}
	return !titleCase(toks, i, j)
}

// titleCase reports whether [i, j) sits in Title Case Text (a heading), where
// a capitalized neighbour says nothing about names: within four words
// either side, no lowercase word but the short ones headings keep lowercase.
func titleCase(toks []token, i, j int) bool {
	for k := max(0, i-4); k < min(len(toks), j+4); k++ {
		if k >= i && k < j {
			continue
		}
		if !toks[k].cap && !toks[k].arabic && !titleMinor[toks[k].norm] && !isDigits(toks[k].norm) {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// usedAsLanguage reports a demonym used as a language name, also inside
// a list: "in French and Spanish", "Arabic or English versions".
func usedAsLanguage(toks []token, i, j int) bool {
	k := i - 1
	for k >= 1 && listJoin[toks[k].norm] && languageWord[toks[k-1].norm] {
		k -= 2
	}
	if k >= 0 && beforeLanguage[toks[k].norm] {
		return true
	}
	k = j
	for k+1 < len(toks) && listJoin[toks[k].norm] && languageWord[toks[k+1].norm] {
		k += 2
	}
	return k < len(toks) && afterLanguage[toks[k].norm]
}

// negativeNearby reports a negative cue of e within cueWindow words and no
// spyware cue there to outweigh it.
func negativeNearby(e *entry, toks []token, i, j int) bool {
	neg := false
	for k := max(0, i-cueWindow); k < min(len(toks), j+cueWindow); k++ {
		if k >= i && k < j {
			continue
		}
		if spywareCue[toks[k].norm] {
			return false
		}
		if e.negatives[toks[k].norm] {
			neg = true
		}
	}
	return neg
}
