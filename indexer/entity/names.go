package entity

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// nameIndex is what search asks of the targets' spellings: which words of
// one spelling stand for which words of another (Mansour for Mansoor,
// منصور for Mansour), which whole spellings name the same target, and
// which surnames a misspelt query word may be corrected to. It is built
// once with the Tagger and read-only after.
type nameIndex struct {
	words   map[string][]string // folded name word → its other spellings, as written
	phrases map[string][]string // nameKey of a full name → the target's other full names
	known   map[string]bool     // folded words Correct leaves alone: every gazetteer word, every cue word
	fixes   []fix               // the words a misspelling may be corrected to
}

// fix is one surname Correct may answer.
type fix struct {
	word  string // folded, ASCII letters
	show  string // the answer: the word as the canonical name writes it when it has it
	canon bool   // a word of the canonical name: preferred when distances tie
}

// nameWord is one word of a spelling.
type nameWord struct {
	norm, raw string
	name      bool // a word of a name: not a particle, title or lowercase word
}

// Limits of Correct. A word shorter than minCorrect letters is left as it
// is. Surnames shorter than minFixWord are not corrected to: ordinary
// words sit one edit from them (Anaya: anay, anata; Salas: sales). A word
// of longCorrect letters or more may be two edits off.
const (
	minCorrect  = 4
	minFixWord  = 6
	minFixLong  = 8 // a full name's later word counts as a surname from this length on
	longCorrect = 8
)

// functionWords are the particles and titles inside names (al-, bin, de,
// la, Dr): they are never aligned with another spelling's word, else al
// would stand for every surname that follows it.
var functionWords = func() map[string]bool {
	m := map[string]bool{}
	for _, s := range []map[string]bool{neighbourOK, titleMinor, beforeOtherName, afterOtherName} {
		for w := range s {
			m[w] = true
		}
	}
	return m
}()

func splitName(s string) []nameWord {
	toks := tokenize(s, nil)
	out := make([]nameWord, len(toks))
	for i, tk := range toks {
		// A name word is capitalized as the registry writes it (or in a
		// script without case): "Amnesty International staffer" beside
		// "Amnesty International employee" must not make staffer a
		// spelling of employee.
		name := (tk.cap || tk.arabic) && utf8.RuneCountInString(tk.norm) >= 2 && !isDigits(tk.norm) && !functionWords[tk.norm]
		out[i] = nameWord{norm: tk.norm, raw: s[tk.start:tk.end], name: name}
	}
	return out
}

func allNames(ws []nameWord) bool {
	for _, w := range ws {
		if !w.name {
			return false
		}
	}
	return len(ws) > 0
}

func allArabic(ws []nameWord) bool {
	for _, w := range ws {
		if r, _ := utf8.DecodeRuneInString(w.norm); !isArabic(r) {
			return false
		}
	}
	return len(ws) > 0
}

func isASCIILetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return s != ""
}

// buildNames indexes the spellings of t's targets; extra is targets.txt,
// which says which spellings are surnames rather than full names.
func buildNames(t *Tagger, extra map[string][]extraSpelling) *nameIndex {
	ni := &nameIndex{words: map[string][]string{}, phrases: map[string][]string{}, known: map[string]bool{}}
	for _, es := range t.g.index {
		for _, e := range es {
			for _, w := range e.toks {
				ni.known[w] = true
			}
			for w := range e.negatives {
				ni.known[w] = true
			}
		}
	}
	for _, s := range []map[string]bool{functionWords, beforeLanguage, afterLanguage, listJoin, languageWord, spywareCue} {
		for w := range s {
			ni.known[w] = true
		}
	}
	seenFix := map[string]bool{}
	for _, tg := range t.targets {
		surnames := map[string]bool{}
		for _, x := range extra[nameKey(tg.Name)] {
			if x.kind == "alias" {
				continue
			}
			for _, s := range x.spellings {
				_, text := parseFlags(s)
				surnames[nameKey(text)] = true
			}
		}
		var spellings [][]nameWord
		var full []string
		for _, s := range append([]string{tg.Name}, tg.Aliases...) {
			ws := splitName(s)
			if len(ws) == 0 {
				continue
			}
			spellings = append(spellings, ws)
			if !surnames[nameKey(s)] {
				full = append(full, s)
			}
		}
		if len(spellings) == 0 {
			continue
		}
		groups := alignWords(spellings)
		ni.addWords(spellings, groups)
		ni.addPhrases(full)
		for _, f := range fixesOf(spellings, surnames, groups) {
			if !seenFix[f.word] {
				seenFix[f.word] = true
				ni.fixes = append(ni.fixes, f)
			}
		}
	}
	return ni
}

// alignWords groups the name words of one target's spellings (spellings[0]
// is the canonical name) that stand for each other: two spellings of as
// many words that differ in one word only (Ahmed Mansoor, Ahmed Mansour;
// or two one-word surnames) make those two words one group, and an
// Arabic-script spelling of as many words as the canonical name aligns
// with it word by word when neither has a particle (al-, bin: the scripts
// split those differently). Aligning any two spellings of equal length
// word by word would pair Grupo with Interdisciplinary, and staff with
// member. It returns each folded name word's group number.
func alignWords(spellings [][]nameWord) map[string]int {
	parent := map[string]string{}
	var find func(string) string
	find = func(w string) string {
		p, ok := parent[w]
		if !ok {
			parent[w] = w
			return w
		}
		if p == w {
			return w
		}
		r := find(p)
		parent[w] = r
		return r
	}
	union := func(a, b nameWord) {
		if a.name && b.name {
			if ra, rb := find(a.norm), find(b.norm); ra != rb {
				parent[rb] = ra
			}
		}
	}
	for _, s := range spellings {
		for _, w := range s {
			if w.name {
				find(w.norm)
			}
		}
	}
	for i, a := range spellings {
		for _, b := range spellings[i+1:] {
			if len(a) != len(b) {
				continue
			}
			diff := -1
			for k := range a {
				if a[k].norm == b[k].norm {
					continue
				}
				if diff >= 0 {
					diff = -2
					break
				}
				diff = k
			}
			if diff >= 0 {
				union(a[diff], b[diff])
			}
		}
	}
	canon := spellings[0]
	if allNames(canon) && !allArabic(canon) {
		for _, s := range spellings[1:] {
			if len(s) == len(canon) && allNames(s) && allArabic(s) {
				for k := range s {
					union(canon[k], s[k])
				}
			}
		}
	}
	groups := map[string]int{}
	ids := map[string]int{}
	for _, s := range spellings { // numbered in spelling order, for a stable result
		for _, w := range s {
			if !w.name {
				continue
			}
			r := find(w.norm)
			if _, ok := ids[r]; !ok {
				ids[r] = len(ids)
			}
			groups[w.norm] = ids[r]
		}
	}
	return groups
}

// addWords records, for each name word, the other words of its group as
// first written (canonical name first), after what other targets gave
// that word already.
func (ni *nameIndex) addWords(spellings [][]nameWord, groups map[string]int) {
	members := map[int][]nameWord{}
	seen := map[string]bool{}
	for _, s := range spellings {
		for _, w := range s {
			if w.name && !seen[w.norm] {
				seen[w.norm] = true
				members[groups[w.norm]] = append(members[groups[w.norm]], w)
			}
		}
	}
	for _, ms := range members {
		for _, w := range ms {
			for _, o := range ms {
				if o.norm != w.norm && !slices.ContainsFunc(ni.words[w.norm], func(s string) bool { return Fold(s) == o.norm }) {
					ni.words[w.norm] = append(ni.words[w.norm], o.raw)
				}
			}
		}
	}
}

func (ni *nameIndex) addPhrases(full []string) {
	for _, p := range full {
		k := nameKey(p)
		for _, o := range full {
			ok := nameKey(o)
			if ok != k && !slices.ContainsFunc(ni.phrases[k], func(s string) bool { return nameKey(s) == ok }) {
				ni.phrases[k] = append(ni.phrases[k], o)
			}
		}
	}
}

// fixesOf lists one target's correctable surnames: its one-word surname
// spellings (targets.txt surname and weak: the registry already calls
// them distinctive names) and the long later words of its full names made
// of name words only (Villarreal, Encarnación). Given names (Alejandro,
// Griselda), words of descriptions (International, Experts, staff) and
// short surnames (Salas, Peña, Patrón: sales, penal, patrol) are not:
// those are where ordinary words sit one edit away. Arabic-script words
// are not either: one letter there is often a prefix or another word.
func fixesOf(spellings [][]nameWord, surnames map[string]bool, groups map[string]int) []fix {
	canon := spellings[0]
	var out []fix
	add := func(w nameWord) {
		if !w.name || !isASCIILetters(w.norm) || len(w.norm) < minFixWord {
			return
		}
		f := fix{word: w.norm, show: w.raw}
		for _, c := range canon {
			if c.norm == w.norm {
				f.show, f.canon = c.raw, true
			}
		}
		if !f.canon {
			// Another transliteration of a canonical word answers as that
			// word (Mansur → Mansoor); an unrelated alias word keeps its own
			// spelling (Alzahrani is not shown as Abdulaziz).
			for _, c := range canon {
				if c.name && groups[c.norm] == groups[w.norm] && isASCIILetters(c.norm) && nameDistance(c.norm, w.norm, 2) <= 2 {
					f.show = c.raw
					break
				}
			}
		}
		out = append(out, f)
	}
	for _, s := range spellings {
		key := make([]string, len(s))
		for k, w := range s {
			key[k] = w.norm
		}
		switch {
		case surnames[strings.Join(key, " ")]:
			if len(s) == 1 {
				add(s[0])
			}
		case len(s) >= 2 && len(s) <= 4 && allNames(s):
			for _, w := range s[1:] {
				if len(w.norm) >= minFixLong {
					add(w)
				}
			}
		}
	}
	return out
}

// AliasWords returns, for a single word that is a word of some target's
// name, the words other spellings of that name use in its place, as they
// are written: Mansour gives Mansoor, منصور and Mansur; Ahmed gives أحمد
// and Ahmad. Case and diacritics are ignored, as the index ignores them;
// the word itself is not returned. Nil for any other word, a particle (al,
// bin, de) or more than one word. Search adds these words to a query so
// that a document is found and marked where it spells the name its own
// way.
func (t *Tagger) AliasWords(word string) []string {
	toks := phraseTokens(word)
	if len(toks) != 1 {
		return nil
	}
	return slices.Clone(t.names.words[toks[0]])
}

// AliasPhrases returns, for a phrase that is a whole full-name spelling of
// a target (Ahmed Mansour), the target's other full-name spellings as
// written (Ahmed Mansoor, أحمد منصور, Ahmed Mansoor Al Shehhi…), not the
// phrase itself, ignoring case and diacritics. Surnames alone (Mansour)
// are neither matched nor returned: they name other people too. Nil for
// any other phrase.
func (t *Tagger) AliasPhrases(phrase string) []string {
	return slices.Clone(t.names.phrases[nameKey(phrase)])
}

// Correct returns the target surname a misspelt word stands for, as the
// target's canonical name writes it: Kashoggi → Khashoggi, Mansuur →
// Mansoor. A word is corrected only when it is one word of ASCII letters
// (after folding) at least minCorrect long, is not itself a word of any
// target, country, spyware or cue list, and is one edit of the kinds
// names are misspelt by (see nameDistance) from a surname, or two for a
// word of longCorrect letters or more with the surname's first letter,
// and does not differ from it only in a final vowel. The closest surname
// wins; a tie goes to a word of a canonical name, then to the
// alphabetically first.
func (t *Tagger) Correct(word string) (string, bool) {
	toks := phraseTokens(word)
	if len(toks) != 1 {
		return "", false
	}
	w := toks[0]
	if len(w) < minCorrect || !isASCIILetters(w) || t.names.known[w] {
		return "", false
	}
	maxD := 1
	if len(w) >= longCorrect {
		maxD = 2
	}
	best, bestD := -1, maxD+1
	for i, f := range t.names.fixes {
		if abs(len(f.word)-len(w)) > maxD {
			continue
		}
		d := nameDistance(w, f.word, maxD)
		if d > maxD || f.word[0] != w[0] || inflection(w, f.word) {
			continue
		}
		if best < 0 || d < bestD || d == bestD && fixBefore(f, t.names.fixes[best]) {
			best, bestD = i, d
		}
	}
	if best < 0 {
		return "", false
	}
	return t.names.fixes[best].show, true
}

func fixBefore(a, b fix) bool {
	if a.canon != b.canon {
		return a.canon
	}
	return a.word < b.word
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// nameDistance is the optimal string alignment distance of two ASCII
// words counting only the edits names are misspelt by: a transposition
// of adjacent letters (Khashgogi), a vowel or h put in or left out
// (Kashoggi, Mansuur), a letter doubled or undoubled (Villareal), one
// vowel for another (Aristegoi) and s/z, c/k/q, g/j, b/v for each other
// (Bojorques). Any other edit (Castillo for Calvillo, partings for
// Pardinas) costs more than limit. Past limit it returns limit+1 without
// finishing.
func nameDistance(a, b string, limit int) int {
	far := limit + 1
	if abs(len(a)-len(b)) > limit {
		return far
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := 1; j <= len(b); j++ {
		prev[j] = min(prev[j-1]+indelCost(b, j-1, far), far)
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = min(prev[0]+indelCost(a, i-1, far), far)
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			sub := 0
			if a[i-1] != b[j-1] {
				sub = subCost(a[i-1], b[j-1], far)
			}
			cur[j] = min(prev[j]+indelCost(a, i-1, far), cur[j-1]+indelCost(b, j-1, far), prev[j-1]+sub, far)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] && a[i-1] != a[i-2] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return far
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

func isVowel(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }

// indelCost is the cost of putting in or leaving out s[k]: one for a
// vowel, an h or a doubled letter, else far.
func indelCost(s string, k, far int) int {
	c := s[k]
	if isVowel(c) || c == 'h' || k > 0 && s[k-1] == c || k+1 < len(s) && s[k+1] == c {
		return 1
	}
	return far
}

// subCost is the cost of writing y for x (x != y): one for a vowel for a
// vowel or a letter for one that sounds alike, else far.
func subCost(x, y byte, far int) int {
	if isVowel(x) && isVowel(y) {
		return 1
	}
	for _, p := range []string{"sz", "cs", "ck", "kq", "cq", "gj", "bv"} {
		if x == p[0] && y == p[1] || x == p[1] && y == p[0] {
			return 1
		}
	}
	return far
}

// inflection reports whether a and b differ only in a final vowel
// (barquero and Barquera, asiria and Asiri): in Spanish that is another
// word, not a misspelling.
func inflection(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	switch {
	case len(a) == len(b):
		n := len(a) - 1
		return n >= 0 && a[:n] == b[:n] && isVowel(a[n]) && isVowel(b[n])
	case len(a)+1 == len(b):
		return strings.HasPrefix(b, a) && isVowel(b[len(a)])
	}
	return false
}
