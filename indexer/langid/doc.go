// Package langid names the language of a document's text for the indexer
// (seeds → crawl → indexer → search): the indexer picks the per-language
// analyzer from it and search offers it as the `language` facet. It wraps
// github.com/abadojack/whatlanggo (trigram profiles, no model to download)
// and says "" rather than guess when the text is too short or the best two
// languages are too close.
package langid
