package query

import (
	"errors"
	"net/url"
	"strconv"
	"strings"

	rightsearch "github.com/rightsearch/rightsearch"
)

// ErrInvalid marks a request the user must change: the API answers 400.
var ErrInvalid = errors.New("invalid request")

// ErrTooBroad marks a query whose patterns expand to more index words
// than a search may ask (a 400: the user must narrow it).
var ErrTooBroad = errors.New("query expands to too many terms")

// Limits on a request.
const (
	MaxQueryLen = 1000
	MaxSize     = 100
	DefaultSize = 10
	MaxWindow   = 10000 // page*size
	MaxValues   = 50    // values of one filter parameter
	// MaxClauses and MaxPrefixes bound what one query may ask, so that a
	// query within MaxQueryLen cannot cost seconds (300 × "a*" did).
	MaxClauses     = 32
	MaxPrefixes    = 4
	minPrefixRunes = 2
	minFuzzyRunes  = 3
)

// Sort orders.
const (
	SortRelevance = "relevance"
	SortDate      = "date"
	SortDateDesc  = "-date"
)

// Request is a validated search: what /api/search, the web page and the
// CLI all ask.
type Request struct {
	Q     string
	Query Query
	// Filter holds each facet's filter values by facet name.
	Filter   map[string][]string
	From, To rightsearch.Date
	Sort     string
	Page     int
	Size     int
	// Facets is the registry the request is read and written with; nil
	// is rightsearch.DefaultFacets().
	Facets rightsearch.Facets
}

// Registry is the facet registry of r: Facets, or the default.
func (r *Request) Registry() rightsearch.Facets {
	if r.Facets == nil {
		return rightsearch.DefaultFacets()
	}
	return r.Facets
}

func (r *Request) facets() rightsearch.Facets { return r.Registry() }

// FilterValues returns the request's values of one facet's filter.
func (r *Request) FilterValues(facet string) []string { return r.Filter[facet] }

// SetFilter replaces the request's values of one facet's filter.
func (r *Request) SetFilter(facet string, vals []string) {
	m := make(map[string][]string, len(r.Filter)+1)
	for k, v := range r.Filter {
		m[k] = v
	}
	if len(vals) == 0 {
		delete(m, facet)
	} else {
		m[facet] = vals
	}
	r.Filter = m
}

// Filters returns the request's filter values by facet name.
func (r *Request) Filters() map[string][]string { return r.Filter }

// ParseRequest reads and validates URL parameters with the default facet
// registry. Every error wraps ErrInvalid and says which parameter is
// wrong and why.
func ParseRequest(v url.Values) (Request, error) { return ParseRequestIn(nil, v) }

// ParseRequestIn is ParseRequest with the facet registry fs (nil: the
// default): each facet's Param is a filter parameter.
func ParseRequestIn(fs rightsearch.Facets, v url.Values) (Request, error) {
	if fs == nil {
		fs = rightsearch.DefaultFacets()
	}
	r := Request{Q: v.Get("q"), Sort: v.Get("sort"), Page: 1, Size: DefaultSize, Facets: fs}
	for _, f := range r.facets().Filters() {
		vals, err := filterValues(f.Param, v[f.Param])
		if err != nil {
			return r, err
		}
		if len(vals) > 0 {
			if r.Filter == nil {
				r.Filter = map[string][]string{}
			}
			r.Filter[f.Name] = vals
		}
	}
	var err error
	if r.From, err = dateParam(v, "from"); err != nil {
		return r, err
	}
	if r.To, err = dateParam(v, "to"); err != nil {
		return r, err
	}
	if r.Page, err = intParam(v, "page", 1); err != nil {
		return r, err
	}
	if r.Size, err = intParam(v, "size", DefaultSize); err != nil {
		return r, err
	}
	return r, r.Validate()
}

// Validate checks a Request built in code as ParseRequest checks one from
// a URL, fills defaults and parses Q.
func (r *Request) Validate() error {
	if r.Facets == nil {
		r.Facets = rightsearch.DefaultFacets()
	}
	if len(r.Q) > MaxQueryLen {
		return invalidf("q: longer than %d characters", MaxQueryLen)
	}
	q, err := ParseQueryIn(r.facets(), r.Q)
	if err != nil {
		return err
	}
	if err := checkCost(&q); err != nil {
		return err
	}
	r.Query = q
	for name := range r.Filter {
		if f, ok := r.facets().Get(name); !ok || f.Param == "" {
			return invalidf("%s: no such facet to filter", name)
		}
	}
	switch r.Sort {
	case "":
		r.Sort = SortRelevance
	case SortRelevance, SortDate, SortDateDesc:
	default:
		return invalidf("sort: %q is not one of relevance, date, -date", r.Sort)
	}
	if r.Page < 1 {
		return invalidf("page: must be 1 or more")
	}
	if r.Size < 1 || r.Size > MaxSize {
		return invalidf("size: must be between 1 and %d", MaxSize)
	}
	if r.Page > MaxWindow/r.Size { // not Page*Size: that can overflow
		return invalidf("page: page*size must not exceed %d; narrow the search instead", MaxWindow)
	}
	if !r.From.IsZero() && !r.To.IsZero() && r.From.Start().After(r.To.End()) {
		return invalidf("from: %s is after to: %s", r.From, r.To)
	}
	return nil
}

func filterValues(name string, vals []string) ([]string, error) {
	var out []string
	for _, v := range vals {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		if len(v) > 200 {
			return nil, invalidf("%s: value longer than 200 characters", name)
		}
		out = append(out, v)
	}
	if len(out) > MaxValues {
		return nil, invalidf("%s: more than %d values", name, MaxValues)
	}
	return out, nil
}

func dateParam(v url.Values, name string) (rightsearch.Date, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return rightsearch.Date{}, nil
	}
	d, err := rightsearch.ParseDate(s)
	if err != nil || len(s) > 10 {
		return d, invalidf("%s: %q is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", name, s)
	}
	return d, nil
}

func intParam(v url.Values, name string, def int) (int, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, invalidf("%s: %q is not a whole number", name, s)
	}
	return n, nil
}

// Values writes r back as URL parameters (the inverse of ParseRequest), so
// that a page link holds the whole state of a search.
func (r *Request) Values() url.Values {
	v := url.Values{}
	if r.Q != "" {
		v.Set("q", r.Q)
	}
	for _, f := range r.facets().Filters() {
		for _, s := range r.Filter[f.Name] {
			v.Add(f.Param, s)
		}
	}
	if !r.From.IsZero() {
		v.Set("from", r.From.String())
	}
	if !r.To.IsZero() {
		v.Set("to", r.To.String())
	}
	if r.Sort != "" && r.Sort != SortRelevance {
		v.Set("sort", r.Sort)
	}
	if r.Page > 1 {
		v.Set("page", strconv.Itoa(r.Page))
	}
	if r.Size != 0 && r.Size != DefaultSize {
		v.Set("size", strconv.Itoa(r.Size))
	}
	return v
}

// checkCost refuses queries that would be expensive to run: too many
// terms, too many or too short patterns (prefixes, wildcards, fuzzy
// words each expand to many index terms). Repeats were dropped by
// simplify.
func checkCost(q *Query) error {
	terms, patterns := 0, 0
	var err error
	Walk(q.Root, func(n Node) {
		switch x := n.(type) {
		case *Phrase, *Range:
			terms++
		case *Term:
			terms++
			if x.Kind == Word {
				return
			}
			patterns++
			if err == nil {
				err = patternCost(x)
			}
		}
	})
	switch {
	case err != nil:
		return err
	case terms > MaxClauses:
		return invalidf("q: %d terms; at most %d", terms, MaxClauses)
	case patterns > MaxPrefixes:
		return invalidf("q: %d patterns (word*, w?rd, word~); at most %d", patterns, MaxPrefixes)
	}
	return nil
}

// patternCost refuses a pattern too short to narrow the index's words.
func patternCost(t *Term) error {
	letters := 0
	for _, r := range t.Value {
		if r != '*' && r != '?' {
			letters++
		}
	}
	switch {
	case t.Kind == Prefix && letters < minPrefixRunes:
		return invalidf("q: %s* is too short a prefix; give at least %d letters", t.Value, minPrefixRunes)
	case t.Kind == Wildcard && letters < minPrefixRunes:
		return invalidf("q: %s has too few letters besides wildcards; give at least %d", t.Value, minPrefixRunes)
	case t.Kind == Fuzzy && letters < minFuzzyRunes:
		return invalidf("q: %s~ is too short for a fuzzy match; give at least %d letters", t.Value, minFuzzyRunes)
	}
	return nil
}
