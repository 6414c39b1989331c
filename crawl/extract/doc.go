// Package extract turns fetched bytes (HTML or PDF) into a Document's
// title, main text and metadata. It is the last step of crawl in the
// pipeline seeds → crawl → indexer → search: the crawler archives the
// bytes, calls Document, and writes the result to data/docs.
//
// HTML main text is github.com/markusmobius/go-trafilatura's (comments
// excluded, readability and DOM-distiller fallbacks on), read from a tree
// parsed as UTF-8 whenever the bytes are valid UTF-8, and rendered with
// blank lines between paragraphs. The date is htmldate's (through
// trafilatura), then the page's own meta tags. Site rules for catalog
// publishers, CMS body containers and boilerplate class patterns were
// measured on the real pages of go-trafilatura's comparison corpus
// (TestEvalComparisonCorpus, `make eval`) and removed: each lowered its
// F-score (junk patterns 0.911 → 0.848, containers → 0.893, site rules no
// effect; tuning half).
//
// PDF text keeps its pages: Body separates them with rightsearch.PageBreak
// so that a hit can name its page. poppler's pdftotext (Debian
// poppler-utils) is used when it is on PATH, under a timeout; otherwise the
// pure-Go github.com/ledongthuc/pdf reader, behind recover, a context, and
// guards against the inputs found by FuzzPDF to hang it or make it allocate
// gigabytes. Title and date come from the Info dictionary (CreationDate),
// the title falling back to the first line of page 1.
package extract
