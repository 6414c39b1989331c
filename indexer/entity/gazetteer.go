package entity

import (
	"bufio"
	"embed"
	"fmt"
	"slices"
	"strings"

	rightsearch "github.com/rightsearch/rightsearch"
)

//go:embed data/*.txt
var dataFS embed.FS

type kind uint8

const (
	kindTarget kind = iota + 1
	kindCountry
	kindSpyware
	kindStop // a phrase that is not a mention (New Mexico): matched, then dropped
)

// rule is a set of context rules an entry must pass; see the data files
// for the flag characters that set them.
type rule uint16

const (
	capOnly      rule = 1 << iota // ^ first letter upper case
	exactCase                     // = every letter as written (US, RCS)
	firstName                     // ~ refused before a capitalized word (Jordan Peterson)
	langName                      // @ refused as a language (in French, Spanish-language)
	defaultOn                     // ! refused near a negative cue without a spyware cue
	needsContext                  // ? needs spyware context in the text, and as !
	surname                       // refused inside someone else's name
	weak                          // surname + needs one of the target's countries in the text
)

// entry is one spelling of one canonical name.
type entry struct {
	toks      []string // folded words
	raw       []string // words as written, for exactCase
	kind      kind
	canon     string
	rules     rule
	negatives map[string]bool // cue words that refuse a ! or ? spelling nearby
	target    int             // index into Tagger.targets for kindTarget
}

// gazetteer indexes entries by their first folded word, longest first, so
// that a scan over tokens does one map lookup per token.
type gazetteer struct {
	index map[string][]*entry
	seen  map[string]bool // kind|canon|words, to drop duplicate spellings
}

func newGazetteer() *gazetteer {
	return &gazetteer{index: map[string][]*entry{}, seen: map[string]bool{}}
}

// add parses a spelling with its flag characters and indexes it.
func (g *gazetteer) add(k kind, canon, spelling string, base rule, neg map[string]bool, target int) {
	r, text := parseFlags(spelling)
	toks := phraseTokens(text)
	if len(toks) == 0 {
		return
	}
	key := fmt.Sprint(k, "|", canon, "|", strings.Join(toks, " "))
	if g.seen[key] {
		return
	}
	g.seen[key] = true
	e := &entry{toks: toks, kind: k, canon: canon, rules: r | base, negatives: neg, target: target}
	if e.rules&exactCase != 0 {
		e.raw = rawTokens(text)
	}
	g.index[toks[0]] = append(g.index[toks[0]], e)
}

// finish orders each bucket longest first: the longest spelling that fits
// wins (United States Minor Outlying Islands over United States).
func (g *gazetteer) finish() {
	for _, es := range g.index {
		slices.SortStableFunc(es, func(a, b *entry) int { return len(b.toks) - len(a.toks) })
	}
	g.seen = nil
}

func parseFlags(s string) (rule, string) {
	s = strings.TrimSpace(s)
	var r rule
	for s != "" {
		switch s[0] {
		case '^':
			r |= capOnly
		case '=':
			r |= exactCase
		case '~':
			r |= firstName
		case '@':
			r |= langName
		case '!':
			r |= defaultOn
		case '?':
			r |= needsContext
		default:
			return r, s
		}
		s = s[1:]
	}
	return r, s
}

// lines yields the non-comment lines of an embedded data file split on |.
func lines(name string) ([][]string, error) {
	f, err := dataFS.Open("data/" + name)
	if err != nil {
		return nil, fmt.Errorf("gazetteer %s: %w", name, err)
	}
	defer f.Close()
	var out [][]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "|")
		for i := range fields {
			fields[i] = strings.TrimSpace(fields[i])
		}
		out = append(out, fields)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("gazetteer %s: %w", name, err)
	}
	return out, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// addWithCanon indexes spellings, and the canonical name itself unless a
// spelling already is it (possibly with flags, as ^Turkey).
func (g *gazetteer) addWithCanon(k kind, canon string, spellings []string, neg map[string]bool) {
	canonKey := strings.Join(phraseTokens(canon), " ")
	hasCanon := false
	for _, s := range spellings {
		_, text := parseFlags(s)
		if strings.Join(phraseTokens(text), " ") == canonKey {
			hasCanon = true
		}
		g.add(k, canon, s, 0, neg, -1)
	}
	if !hasCanon {
		g.add(k, canon, canon, 0, neg, -1)
	}
}

func (g *gazetteer) loadCountries() error {
	rows, err := lines("countries.txt")
	if err != nil {
		return err
	}
	for _, f := range rows {
		if len(f) != 3 {
			return fmt.Errorf("gazetteer countries.txt: %q: want 3 fields", strings.Join(f, "|"))
		}
		g.addWithCanon(kindCountry, f[0], splitList(f[1]), nil)
		for _, d := range splitList(f[2]) {
			g.add(kindCountry, f[0], d, 0, nil, -1)
			if p, ok := plural(d); ok {
				g.add(kindCountry, f[0], p, 0, nil, -1)
			}
		}
	}
	return nil
}

// plural makes the plural of an English or Spanish demonym (Emiratis,
// Mexicans, mexicanos); demonyms that are their own plural (Swiss,
// Chinese, British) get none.
func plural(d string) (string, bool) {
	_, word := parseFlags(d)
	lw := strings.ToLower(word)
	for _, suf := range []string{"ese", "sh", "ch", "ss", "s", "x", "z"} {
		if strings.HasSuffix(lw, suf) {
			return "", false
		}
	}
	last := lw[len(lw)-1]
	if last < 'a' || last > 'z' {
		return "", false // Arabic, or ends in an accented letter (saudí)
	}
	return d + "s", true
}

func (g *gazetteer) loadSpyware() error {
	rows, err := lines("spyware.txt")
	if err != nil {
		return err
	}
	for _, f := range rows {
		if len(f) != 3 {
			return fmt.Errorf("gazetteer spyware.txt: %q: want 3 fields", strings.Join(f, "|"))
		}
		var neg map[string]bool
		if cues := splitList(f[2]); len(cues) > 0 {
			neg = map[string]bool{}
			for _, c := range cues {
				neg[Fold(c)] = true
			}
		}
		g.addWithCanon(kindSpyware, f[0], splitList(f[1]), neg)
	}
	return nil
}

func (g *gazetteer) loadStops() error {
	rows, err := lines("stop.txt")
	if err != nil {
		return err
	}
	for _, f := range rows {
		g.add(kindStop, "", f[0], 0, nil, -1)
	}
	return nil
}

// extraSpelling is one line of targets.txt.
type extraSpelling struct {
	canon, kind string
	spellings   []string
}

func loadExtraTargets() (map[string][]extraSpelling, error) {
	rows, err := lines("targets.txt")
	if err != nil {
		return nil, err
	}
	out := map[string][]extraSpelling{}
	for _, f := range rows {
		if len(f) != 3 {
			return nil, fmt.Errorf("gazetteer targets.txt: %q: want 3 fields", strings.Join(f, "|"))
		}
		switch f[1] {
		case "alias", "surname", "weak":
		default:
			return nil, fmt.Errorf("gazetteer targets.txt: %q: kind must be alias, surname or weak", f[1])
		}
		key := nameKey(f[0])
		out[key] = append(out[key], extraSpelling{f[0], f[1], splitList(f[2])})
	}
	return out, nil
}

// nameKey is the form names are looked up in: folded words, one space.
func nameKey(s string) string { return strings.Join(phraseTokens(s), " ") }

// addTarget indexes a target's name, aliases and extra spellings, and
// returns the target with every spelling in Aliases.
func (g *gazetteer) addTarget(t rightsearch.Target, idx int, extra []extraSpelling) rightsearch.Target {
	aliases := []string{}
	seen := map[string]bool{nameKey(t.Name): true}
	note := func(s string) {
		if k := nameKey(s); k != "" && !seen[k] {
			seen[k] = true
			aliases = append(aliases, s)
		}
	}
	g.add(kindTarget, t.Name, t.Name, 0, nil, idx)
	for _, a := range t.Aliases {
		g.add(kindTarget, t.Name, a, 0, nil, idx)
		note(a)
	}
	for _, x := range extra {
		var base rule
		switch x.kind {
		case "surname":
			base = surname
		case "weak":
			base = surname | weak
		}
		for _, s := range x.spellings {
			g.add(kindTarget, t.Name, s, base, nil, idx)
			_, text := parseFlags(s)
			note(text)
		}
	}
	t.Aliases = aliases
	t.Countries = slices.Clone(t.Countries)
	if t.Countries == nil {
		t.Countries = []string{}
	}
	return t
}
