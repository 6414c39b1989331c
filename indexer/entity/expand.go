package entity

// CountryWords returns, for a single word that names a country or is its
// demonym (Mexico, México, Mexican, mexicano), every one-word spelling of
// that country, folded; nil for any other word. Search uses it so that a
// query for Mexico also finds "Mexican journalists".
func (t *Tagger) CountryWords(word string) []string {
	t.countryOnce.Do(func() { t.countryWords = buildCountryWords(t.g) })
	toks := phraseTokens(word)
	if len(toks) != 1 {
		return nil
	}
	return t.countryWords[toks[0]]
}

func buildCountryWords(g *gazetteer) map[string][]string {
	byCanon := map[string][]string{}
	for _, es := range g.index {
		for _, e := range es {
			// Spellings with context rules (turkey, Jordan, Chad…) would
			// widen a query too much; keep the plain ones.
			if e.kind == kindCountry && len(e.toks) == 1 && e.rules&(capOnly|exactCase|firstName) == 0 {
				byCanon[e.canon] = append(byCanon[e.canon], e.toks[0])
			}
		}
	}
	out := map[string][]string{}
	for _, words := range byCanon {
		for _, w := range words {
			out[w] = words
		}
	}
	return out
}
