package crawl

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// linkShare is the fraction of an extracted body's characters that are
// the text of one of the page's anchors: near 0 for an article with a few
// inline links, high for a list of titles that link to the reports.
func linkShare(body string, anchors []string) float64 {
	text := strings.Join(strings.Fields(body), " ")
	if text == "" {
		return 0
	}
	// An anchor text covers at most as many places in the body as the
	// page has anchors with that text: the word "Radon" linked once is
	// not every "Radon" of an article on radon.
	uniq := map[string]int{}
	for _, a := range anchors {
		if utf8.RuneCountInString(a) >= 4 {
			uniq[a]++
		}
	}
	// Longest first, so that "Read" inside "Read the report" is not
	// counted apart from it.
	list := make([]string, 0, len(uniq))
	for a := range uniq {
		list = append(list, a)
	}
	slices.SortFunc(list, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	covered := make([]bool, len(text))
	for _, a := range list {
		for from, k := 0, 0; from < len(text) && k < uniq[a]; k++ {
			i := strings.Index(text[from:], a)
			if i < 0 {
				break
			}
			for j := from + i; j < from+i+len(a); j++ {
				covered[j] = true
			}
			from += i + len(a)
		}
	}
	n := 0
	for _, c := range covered {
		if c {
			n++
		}
	}
	return float64(n) / float64(len(text))
}

// Thresholds of the listing rule, measured (see TestListingRuleOnRealArticles):
// a page is kept out of the index when at least maxLinkShare of its main
// text is link text, or when it has fewer than minWords words of which at
// least shortLinkShare are link text.
const (
	maxLinkShare   = 0.5
	minWords       = 80
	shortLinkShare = 0.2
)

// noMainText decides whether a page crawled for its links holds no main
// text of its own (a publication list, a tag page, a people page), and
// says why in words for the summary.
func noMainText(body string, anchors []string) (bool, string) {
	words := len(strings.Fields(body))
	if words == 0 {
		return true, "no main text: nothing extracted"
	}
	share := linkShare(body, anchors)
	if share >= maxLinkShare || (words < minWords && share >= shortLinkShare) {
		return true, fmt.Sprintf("no main text: listing or navigation page (%d words, %.0f%% link text)", words, 100*share)
	}
	return false, ""
}
