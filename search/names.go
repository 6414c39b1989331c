package search

import (
	"strings"

	"github.com/rightsearch/rightsearch/indexer"
	"github.com/rightsearch/rightsearch/query"
)

// A query word that is one spelling of a target's name is searched with
// its other spellings, so that a document is found and marked where it
// spells the name its own way (q=Mansour marks Mansoor); a word that is a
// target's surname misspelt (Kashoggi) is searched as typed and as
// corrected, and the response says so (Response.Corrected). Both go
// through the translator's expand hook, which sees each free-text word
// that is not quoted and not a pattern: a quoted word is the user's exact
// words and never changes.

// nameSpeller is what this file needs of the index's tagger
// (indexer.NameTagger has it).
type nameSpeller interface {
	AliasWords(word string) []string
	Correct(word string) (string, bool)
}

// expandWords is the translator's expand hook: a word's country spellings
// (countryWords), then the other spellings of a target's name word, then
// the surname a misspelt word stands for and that surname's spellings.
// The word itself comes first unless the country spellings already hold
// it; nil when nothing adds a word.
func expandWords(tg indexer.Tagger) func(string) []string {
	country := countryWords(tg)
	names, _ := tg.(nameSpeller)
	if names == nil {
		return country
	}
	return func(word string) []string {
		var base []string
		if country != nil {
			base = country(word)
		}
		more := names.AliasWords(word)
		if c, ok := names.Correct(word); ok {
			more = append(append(more, c), names.AliasWords(c)...)
		}
		if len(more) == 0 {
			return base
		}
		if len(base) == 0 {
			base = []string{word}
		}
		return unionWords(base, more)
	}
}

// namePhrases is the translator's phrases hook: the other spellings of a
// target's whole name ("Ahmed Mansour" also searches "Ahmed Mansoor").
func namePhrases(tg indexer.Tagger) func(string) []string {
	if nt, ok := tg.(interface{ AliasPhrases(string) []string }); ok {
		return nt.AliasPhrases
	}
	return nil
}

// unionWords appends to words those of more it lacks, ignoring case (the
// analyzers fold it): each is searched once.
func unionWords(words, more []string) []string {
	seen := make(map[string]bool, len(words)+len(more))
	out := make([]string, 0, len(words)+len(more))
	for _, w := range append(words, more...) {
		if k := strings.ToLower(w); !seen[k] {
			seen[k] = true
			out = append(out, w)
		}
	}
	return out
}

// corrections maps each of words that correct changes to its correction;
// nil when none does. words are as typed; so are the keys.
func corrections(correct func(string) (string, bool), words []string) map[string]string {
	var out map[string]string
	for _, w := range words {
		if c, ok := correct(w); ok {
			if out == nil {
				out = map[string]string{}
			}
			out[w] = c
		}
	}
	return out
}

// expandedWords lists the words the translator asks the Words hook
// about: q's free-text words (in text or a text field), not quoted, not
// patterns, not facet values.
func expandedWords(q query.Query) []string {
	var words []string
	query.Walk(q.Root, func(n query.Node) {
		if t, ok := n.(*query.Term); ok && t.Kind == query.Word && (t.Field == "" || query.IsTextField(t.Field)) {
			words = append(words, t.Value)
		}
	})
	return words
}

// corrected is Response.Corrected for q: each word searched also as a
// target's surname, and that surname.
func (s *Searcher) corrected(q query.Query) map[string]string {
	if s.names == nil {
		return nil
	}
	return corrections(s.names.Correct, expandedWords(q))
}
