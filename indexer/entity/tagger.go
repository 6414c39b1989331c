package entity

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	rightsearch "github.com/rightsearch/rightsearch"
)

// Tags are the entities a text mentions, by canonical name, each list
// sorted and without duplicates.
type Tags struct{ Targets, Countries, Spyware, Indicators []string }

// Tagger finds targets, countries, spyware and indicators in text. It is
// immutable once built and safe for concurrent use.
type Tagger struct {
	g       *gazetteer
	targets []rightsearch.Target
	byName  map[string]int // nameKey of every spelling → index in targets
	names   *nameIndex     // for AliasWords, AliasPhrases and Correct
	// countryWords maps a country's one-word spellings to all of them,
	// built on first use (CountryWords).
	countryOnce  sync.Once
	countryWords map[string][]string
}

var (
	builtinOnce sync.Once
	extraByName map[string][]extraSpelling
	builtinErr  error
)

// New builds a Tagger from the built-in gazetteers (countries, spyware and
// vendors, extra spellings of the catalog's targets) and the given targets,
// usually seeds.MustLoad().Targets.
func New(targets []rightsearch.Target) (*Tagger, error) {
	extra, err := loadExtra()
	if err != nil {
		return nil, err
	}
	t := &Tagger{g: newGazetteer(), byName: map[string]int{}}
	if err := t.g.loadCountries(); err != nil {
		return nil, err
	}
	if err := t.g.loadSpyware(); err != nil {
		return nil, err
	}
	if err := t.g.loadStops(); err != nil {
		return nil, err
	}
	for _, tg := range targets {
		if strings.TrimSpace(tg.Name) == "" {
			return nil, fmt.Errorf("entity: target with empty name: %w", rightsearch.ErrInvalid)
		}
		idx := len(t.targets)
		full := t.g.addTarget(tg, idx, extra[nameKey(tg.Name)])
		t.targets = append(t.targets, full)
		for _, s := range append([]string{full.Name}, full.Aliases...) {
			if _, dup := t.byName[nameKey(s)]; !dup {
				t.byName[nameKey(s)] = idx
			}
		}
	}
	t.g.finish()
	t.names = buildNames(t, extra)
	return t, nil
}

func loadExtra() (map[string][]extraSpelling, error) {
	builtinOnce.Do(func() { extraByName, builtinErr = loadExtraTargets() })
	return extraByName, builtinErr
}

// Target finds a target by its name or any spelling, ignoring case and
// diacritics. The returned Aliases hold every other spelling.
func (t *Tagger) Target(nameOrAlias string) (rightsearch.Target, bool) {
	i, ok := t.byName[nameKey(nameOrAlias)]
	if !ok {
		return rightsearch.Target{}, false
	}
	return cloneTarget(t.targets[i]), true
}

// Targets lists every target with all its spellings, in registry order.
func (t *Tagger) Targets() []rightsearch.Target {
	out := make([]rightsearch.Target, len(t.targets))
	for i, tg := range t.targets {
		out[i] = cloneTarget(tg)
	}
	return out
}

func cloneTarget(t rightsearch.Target) rightsearch.Target {
	t.Aliases = slices.Clone(t.Aliases)
	t.Countries = slices.Clone(t.Countries)
	return t
}

// Apply tags a document's title, summary and body and adds what it finds
// to the facts already on it (a catalog's facts are kept; target names
// given as aliases become canonical).
func (t *Tagger) Apply(d *rightsearch.Document) {
	tags := t.Tag(d.Title + "\n\n" + d.Summary + "\n\n" + d.Body)
	known := make([]string, 0, len(d.Targets))
	for _, name := range d.Targets {
		if tg, ok := t.Target(name); ok {
			name = tg.Name
		}
		known = append(known, name)
	}
	d.Targets = union(known, tags.Targets)
	d.Countries = union(d.Countries, tags.Countries)
	d.Spyware = union(d.Spyware, tags.Spyware)
	d.Indicators = union(d.Indicators, tags.Indicators)
}

func union(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b))
	for _, s := range append(slices.Clone(a), b...) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	out = slices.Compact(out)
	if len(out) == 0 {
		return nil
	}
	return out
}

// Tag returns the entities text mentions.
func (t *Tagger) Tag(text string) Tags {
	text = Refang(text)
	inds, spans := findIndicators(text)
	toks := tokenize(text, spans)
	ms := t.g.scan(toks, text)
	return Tags{
		Targets:    t.resolve(ms, toks),
		Countries:  canonicals(ms, kindCountry, nil),
		Spyware:    canonicals(ms, kindSpyware, func(m match) bool { return m.e.rules&needsContext == 0 || hasSpywareContext(ms, toks) }),
		Indicators: inds,
	}
}

// resolve applies the document-level rule for weak surnames: they count
// when the text also names one of the target's countries.
func (t *Tagger) resolve(ms []match, toks []token) []string {
	countries := map[string]bool{}
	for _, m := range ms {
		if m.e.kind == kindCountry {
			countries[m.e.canon] = true
		}
	}
	return canonicals(ms, kindTarget, func(m match) bool {
		if m.e.rules&weak == 0 {
			return true
		}
		for _, c := range t.targets[m.e.target].Countries {
			if countries[c] {
				return true
			}
		}
		return false
	})
}

func canonicals(ms []match, k kind, keep func(match) bool) []string {
	var out []string
	for _, m := range ms {
		if m.e.kind == k && (keep == nil || keep(m)) {
			out = append(out, m.e.canon)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// hasSpywareContext reports whether the text is about surveillance: it
// names spyware or a vendor without needing context itself, or uses a
// spyware cue word.
func hasSpywareContext(ms []match, toks []token) bool {
	for _, m := range ms {
		if m.e.kind == kindSpyware && m.e.rules&needsContext == 0 {
			return true
		}
	}
	for _, tk := range toks {
		if spywareCue[tk.norm] {
			return true
		}
	}
	return false
}
