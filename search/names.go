package search

import (
	"strings"
	"unicode"

	"github.com/rightsearch/rightsearch/indexer"
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

// expandedWords lists the words tr's expand hook is asked about when q is
// translated: its free-text words, not quoted, not patterns, not facet
// values. Asking the translator rather than walking q keeps Corrected to
// exactly the words the search corrected, whatever the query's syntax.
func expandedWords(tr *translator, q Query) []string {
	c := *tr
	var words []string
	c.expand = func(w string) []string {
		words = append(words, w)
		return nil
	}
	c.textQuery(q)
	return words
}

// corrected is Response.Corrected for q: each word searched also as a
// target's surname, and that surname.
func (s *Searcher) corrected(q Query) map[string]string {
	names, ok := s.ix.Tagger().(nameSpeller)
	if !ok {
		return nil
	}
	return corrections(names.Correct, expandedWords(s.tr, q))
}

// replaceWords rewrites the words of the query text q found in repl, as
// repl says: each word outside quotes, with any +, -, !, ( before it, a
// field name and colon, ) or a ^boost after it left as they were. It is
// for showing a correction and for the link back to the words as typed,
// not for searching: the search corrected the parsed words.
func replaceWords(q string, repl func(word string) (string, bool)) string {
	var b strings.Builder
	for i := 0; i < len(q); {
		end := i + 1
		switch c := q[i]; {
		case c == '"': // a phrase, to its closing quote, as it is
			for end < len(q) && q[end] != '"' {
				if q[end] == '\\' {
					end++
				}
				end++
			}
			end = min(end+1, len(q))
			b.WriteString(q[i:end])
		case asciiSpace(c):
			b.WriteByte(c)
		default:
			for end = i; end < len(q) && q[end] != '"' && !asciiSpace(q[end]); end++ {
				if q[end] == '\\' {
					end++
				}
			}
			end = min(end, len(q))
			b.WriteString(replaceField(q[i:end], repl))
		}
		i = end
	}
	return b.String()
}

func asciiSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// replaceField rewrites the word inside one space-separated field of a
// query: +Kashoggi, (Kashoggi), title:Kashoggi^2.
func replaceField(f string, repl func(string) (string, bool)) string {
	start := 0
	for start < len(f) && strings.IndexByte("+-!(", f[start]) >= 0 {
		start++
	}
	if i := strings.IndexByte(f[start:], ':'); i > 0 && isLetters(f[start:start+i]) {
		start += i + 1
	}
	end := len(f)
	if i := strings.LastIndexByte(f, '^'); i > start {
		end = i
	}
	for end > start && f[end-1] == ')' {
		end--
	}
	if w, ok := repl(f[start:end]); ok {
		return f[:start] + w + f[end:]
	}
	return f
}

func isLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}
