package rightsearch

import (
	"slices"
	"strconv"
	"strings"
)

// FacetSpec is one facet, stated once: request parsing, query prefixes,
// indexing, counting, the JSON response, the CSV, the CLI's flags, the
// page's panels and the OpenAPI document all read it. Adding a facet is
// one FacetSpec (and the tagging that fills its values).
type FacetSpec struct {
	// Name is the facet's key under "facets" in a response and the
	// field name a q prefix resolves to.
	Name string
	// Param is the URL parameter and CLI flag filtering it; "" for the
	// date facet, which from and to filter.
	Param string
	// Prefixes are what q may write before a colon to name it (the
	// Param and the Name are prefixes too).
	Prefixes []string
	// Label titles the page's panel and the filter chips.
	Label string
	// Help is one line for the CLI flag and the OpenAPI parameter.
	Help string
	// Max is how many values a response lists (0: every one).
	Max int
	// ByValue lists values in value order (years), not most frequent
	// first.
	ByValue bool
	// Dates marks the date facet: counted by year, filtered by from/to.
	Dates bool
	// Target resolves a filter value to a target's canonical name first,
	// so an alias filters as the name does.
	Target bool
	// Conjunctive makes several values of the filter all required; by
	// default they are ORed and the facet's counts ignore its own filter
	// (disjunctive), so the other values stay offered.
	Conjunctive bool
	// Values gives a document's values of the facet (after tagging).
	Values func(d *Document) []string
}

// Facets is a facet registry, in display order.
type Facets []FacetSpec

// Hit fields that carry a facet's values of their own; a hit carries the
// values of every other facet in Hit.Values.
var hitFieldFacets = []string{"organization", "type", "year", "target", "country", "language"}

// HasHitField reports whether a Hit has a field of its own for facet.
func HasHitField(facet string) bool { return slices.Contains(hitFieldFacets, facet) }

// DefaultFacets is the registry rightsearch serves: a new slice each
// call, so a caller may extend it without changing anyone else's.
func DefaultFacets() Facets {
	one := func(s string) []string {
		if s == "" {
			return nil
		}
		return []string{s}
	}
	return Facets{
		{Name: "organization", Param: "org", Prefixes: []string{"org", "organization"}, Label: "Organization",
			Help: "publishing organization (repeat: any of them)", Max: 20,
			Values: func(d *Document) []string { return one(d.Organization) }},
		{Name: "type", Param: "type", Label: "Type", Help: "document type: report, letter, submission, …", Max: 20,
			Values: func(d *Document) []string { return one(d.Type) }},
		{Name: "year", Label: "Year", Help: "year published (filtered with from and to)", ByValue: true, Dates: true,
			Values: func(d *Document) []string {
				if d.Published.IsZero() {
					return nil
				}
				return []string{strconv.Itoa(d.Published.Year)}
			}},
		{Name: "target", Param: "target", Label: "Target", Help: "named target, any spelling", Max: 20, Target: true,
			Values: func(d *Document) []string { return d.Targets }},
		{Name: "country", Param: "country", Label: "Country", Help: "country named", Max: 20,
			Values: func(d *Document) []string { return d.Countries }},
		{Name: "spyware", Param: "spyware", Label: "Spyware", Help: "spyware or vendor named", Max: 20,
			Values: func(d *Document) []string { return d.Spyware }},
		{Name: "language", Param: "lang", Prefixes: []string{"lang", "language"}, Label: "Language",
			Help: "ISO 639-1 language code", Max: 20,
			Values: func(d *Document) []string { return one(d.Language) }},
	}
}

// Names lists the facets' names in display order.
func (fs Facets) Names() []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Name
	}
	return out
}

// Get returns the facet called name.
func (fs Facets) Get(name string) (FacetSpec, bool) {
	for _, f := range fs {
		if f.Name == name {
			return f, true
		}
	}
	return FacetSpec{}, false
}

// Filters are the facets a parameter filters (every one but the date
// facet), in display order.
func (fs Facets) Filters() Facets {
	var out Facets
	for _, f := range fs {
		if f.Param != "" {
			out = append(out, f)
		}
	}
	return out
}

// ByPrefix returns the facet a q prefix (any case) names.
func (fs Facets) ByPrefix(prefix string) (FacetSpec, bool) {
	p := strings.ToLower(prefix)
	for _, f := range fs {
		if p == f.Name || (f.Param != "" && p == f.Param) || slices.Contains(f.Prefixes, p) {
			return f, true
		}
	}
	return FacetSpec{}, false
}
