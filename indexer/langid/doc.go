// Package langid names the language of a document's text for the indexer
// (seeds → crawl → indexer → search): the indexer picks the per-language
// analyzer from it and search offers it as the `language` facet. It wraps
// github.com/abadojack/whatlanggo (trigram profiles, no model to download)
// for text long enough for statistics. Text too short for them (a title,
// a 130-character abstract), or that they are unsure of, gets a best
// guess from its script (Arabic script is Arabic, Hangul Korean…) or its
// function words and letters (guess.go), and "" when neither makes one
// language clear: such a document's text is analyzed language-neutrally.
// TestEvalShortTexts measures both by text length (make eval).
//
// go-trafilatura brings in a fork, github.com/RadhiFadlillah/whatlanggo,
// with the same API but its own confidence score, lower on short text: at
// the same threshold it says "" for 37 of the 238 entity-evaluation
// sentences (English, Spanish, French) and for 134 of the 6,279 benchmark
// documents (114 of them English e-mails) that this one names. The binary
// carries both (about 50 KB) rather than lose those labels and their
// analyzers.
package langid
