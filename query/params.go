package query

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	rightsearch "github.com/rightsearch/rightsearch"
)

// SearchParams returns the URL parameters ParseRequest reads, in the
// order the API documents them: q, the filters, then from, to, sort,
// page and size.
func SearchParams() []string { return SearchParamsIn(nil) }

// SearchParamsIn is SearchParams with the facet registry fs (nil: the
// default).
func SearchParamsIn(fs rightsearch.Facets) []string {
	if fs == nil {
		fs = rightsearch.DefaultFacets()
	}
	ps := []string{"q"}
	for _, f := range fs.Filters() {
		ps = append(ps, f.Param)
	}
	return append(ps, "from", "to", "sort", "page", "size")
}

// CheckParams refuses any parameter of v that is neither a search
// parameter (SearchParams) nor one of extra, so that a misspelt filter
// (organization=, year=) is an error instead of being ignored while the
// answer looks filtered. The error wraps ErrInvalid and names every
// unknown parameter, what to use instead when there is an obvious
// substitute, and the known ones.
func CheckParams(v url.Values, extra ...string) error {
	return CheckParamsIn(nil, v, extra...)
}

// CheckParamsIn is CheckParams with the facet registry fs (nil: the
// default).
func CheckParamsIn(fs rightsearch.Facets, v url.Values, extra ...string) error {
	return CheckKnown(v, append(SearchParamsIn(fs), extra...))
}

// CheckKnown refuses the parameters of v not in known; a route that
// takes none passes nil.
func CheckKnown(v url.Values, known []string) error {
	var unknown []string
	for name := range v {
		if !slices.Contains(known, name) {
			unknown = append(unknown, name)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	slices.Sort(unknown)
	named := make([]string, len(unknown))
	for i, name := range unknown {
		named[i] = fmt.Sprintf("%q", name)
		if use := SuggestParams(name, known); len(use) > 0 {
			named[i] += " (use " + strings.Join(use, " and ") + ")"
		}
	}
	what := "unknown parameter"
	if len(unknown) > 1 {
		what += "s"
	}
	if len(known) == 0 {
		return fmt.Errorf("%w: %s %s; this route takes no parameters", ErrInvalid, what, strings.Join(named, ", "))
	}
	return fmt.Errorf("%w: %s %s; known: %s", ErrInvalid, what, strings.Join(named, ", "), strings.Join(known, ", "))
}

// paramAliases are names people reach for instead of a search
// parameter: a facet's name where its parameter is shorter, the year
// facet (filtered by from and to), and other APIs' words.
var paramAliases = map[string][]string{
	"year":     {"from", "to"},
	"query":    {"q"},
	"limit":    {"size"},
	"per_page": {"size"},
}

// SuggestParams returns which of known to use instead of the unknown
// name, or nil: org for organization, lang for language, from and to for
// year, q for query, q for Q. The CLI uses it for its flags too.
func SuggestParams(name string, known []string) []string {
	var use []string
	if a, ok := paramAliases[strings.ToLower(name)]; ok {
		use = a
	}
	if f, ok := rightsearch.DefaultFacets().ByPrefix(name); ok && f.Param != "" && !strings.EqualFold(name, f.Param) {
		use = []string{f.Param}
	}
	if lower := strings.ToLower(name); lower != name && slices.Contains(known, lower) {
		use = []string{lower}
	}
	for _, u := range use {
		if !slices.Contains(known, u) {
			return nil
		}
	}
	return use
}
