package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/rightsearch/rightsearch/query"

	rightsearch "github.com/rightsearch/rightsearch"
)

// searchPage is the data of search.html. Every link on it is built from a
// copy of the Request, so the URL always holds the whole state.
type searchPage struct {
	layoutData
	Err         string
	From, To    string
	Sort        string
	Size        int // sent as a hidden field when not the default
	Total       uint64
	TookMS      float64
	First, Last int // the rank of the first and last hit shown
	Panels      []facetPanel
	Years       []yearBar
	YearsClear  string // link without from/to, when they are set
	Hits        []hitView
	Pager       pager
	CSV         string
	JSON        string          // this page of results from the API
	Correction  *correctionView // nil unless a word was corrected
	Chips       []filterChip    // the active filters, each with a link without it
	ClearAll    string          // link without any filter, when two or more are set
	Syntax      []syntaxRow
}

// correctionView is the "Showing results for" line: the query as it was
// searched, and a link to the words as typed, quoted so that they are not
// corrected again.
type correctionView struct {
	Shown string // q with each corrected word replaced
	Exact string // q with each corrected word quoted
	Href  string // the search for Exact, with every other parameter kept
}

// filterChip is one active filter value above the results.
type filterChip struct {
	Label, Value string
	Remove       string // the search without this one value
}

// syntaxRow is one line of the query-syntax help: what to write, what it
// does, and an example that runs.
type syntaxRow struct {
	Syntax, Meaning, Example string
	Href                     string
}

type facetPanel struct {
	Name, Label, Param string
	Options            []facetOption
	Clear              string // link without this facet's filter, when set
}

type facetOption struct {
	ID      string // the checkbox's id, for its label
	Value   string
	Count   int
	Checked bool
}

type yearBar struct {
	Year    string
	Count   int
	Width   string // a CSS class w0–w20: the bar's share of the largest year
	Href    string
	Current bool
}

type hitView struct {
	ID, Title, URL                string
	Organization, Type, Published string
	Language                      string // for lang= on the title and snippets
	Snippets                      []snippetView
	Targets                       []string
}

type snippetView struct {
	Page     int // 0 unless the document is a PDF
	Segments []segment
}

type pager struct {
	Prev, Next string
	Links      []pageLink
}

type pageLink struct {
	N       int
	Href    string
	Current bool
	Gap     bool // an ellipsis before this link
}

func (s *Server) pageSearch(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	req, err := query.ParseRequestIn(s.cfg.Engine.Facets(), v)
	if err != nil {
		if !errors.Is(err, query.ErrInvalid) {
			s.renderError(w, err)
			return
		}
		// Show the form as the user filled it, with what to change.
		s.render(w, http.StatusBadRequest, "search.html", searchPage{
			layoutData: layoutData{Title: "Search error", Q: v.Get("q")},
			Err:        err.Error(), From: v.Get("from"), To: v.Get("to"), Sort: v.Get("sort"), Size: query.DefaultSize,
			Syntax: syntaxHelp,
		})
		return
	}
	resp, err := s.cfg.Engine.Search(r.Context(), req)
	if err != nil {
		s.renderError(w, err)
		return
	}
	s.render(w, http.StatusOK, "search.html", buildSearchPage(req, resp))
}

func buildSearchPage(req query.Request, resp *rightsearch.Response) searchPage {
	title := "Search"
	if req.Q != "" {
		title = req.Q
	}
	p := searchPage{
		layoutData: layoutData{Title: title, Q: req.Q, Feed: "/api/search.atom?" + req.Values().Encode()},
		From:       dateString(req.From), To: dateString(req.To), Sort: req.Sort, Size: req.Size,
		Total: resp.Total, TookMS: resp.TookMS,
		Panels: facetPanels(req, resp), Pager: buildPager(req, resp.Total),
		CSV:  "/api/search.csv?" + exportValues(req).Encode(),
		JSON: "/api/search?" + req.Values().Encode(),
	}
	p.Years, p.YearsClear = yearBars(req, resp.Facets["year"])
	p.Correction = correctionOf(req, resp.Corrected)
	p.Chips, p.ClearAll = filterChips(req)
	p.Syntax = syntaxHelp
	if len(resp.Hits) > 0 {
		p.First = (req.Page-1)*req.Size + 1
		p.Last = p.First + len(resp.Hits) - 1
	}
	for _, h := range resp.Hits {
		p.Hits = append(p.Hits, hitViewOf(h))
	}
	return p
}

func hitViewOf(h rightsearch.Hit) hitView {
	v := hitView{ID: h.ID, Title: h.Title, URL: h.URL, Organization: h.Organization, Type: h.Type,
		Published: h.Published, Language: h.Language, Targets: h.Targets}
	if v.Title == "" {
		v.Title = h.ID
	}
	for i, sn := range h.Snippets {
		sv := snippetView{Segments: segments(sn)}
		if i < len(h.Pages) {
			sv.Page = h.Pages[i]
		}
		v.Snippets = append(v.Snippets, sv)
	}
	return v
}

// facetPanels lists each facet's values with a checkbox. A ticked value
// that fell out of the top 20 is still listed, so unticking it is possible.
func facetPanels(req query.Request, resp *rightsearch.Response) []facetPanel {
	var out []facetPanel
	for _, fp := range req.Registry().Filters() {
		selected := req.Filters()[fp.Name]
		panel := facetPanel{Name: fp.Name, Label: fp.Label, Param: fp.Param}
		seen := make([]bool, len(selected))
		for _, f := range resp.Facets[fp.Name] {
			o := facetOption{Value: f.Value, Count: f.Count}
			for i, sv := range selected {
				if strings.EqualFold(sv, f.Value) {
					o.Checked, seen[i] = true, true
				}
			}
			panel.Options = append(panel.Options, o)
		}
		for i, sv := range selected {
			if !seen[i] {
				panel.Options = append(panel.Options, facetOption{Value: sv, Checked: true})
			}
		}
		for i := range panel.Options {
			panel.Options[i].ID = "f-" + fp.Param + "-" + strconv.Itoa(i)
		}
		if len(selected) > 0 {
			c := withPage(req, 1)
			c.SetFilter(fp.Name, nil)
			panel.Clear = searchHref(c)
		}
		if len(panel.Options) > 0 {
			out = append(out, panel)
		}
	}
	return out
}

// yearBars is the histogram: one link per year that narrows the search to
// that year, its bar sized by a class rather than an inline style (CSP).
func yearBars(req query.Request, years []rightsearch.Facet) ([]yearBar, string) {
	most := 0
	for _, y := range years {
		most = max(most, y.Count)
	}
	var out []yearBar
	for _, y := range years {
		d, err := rightsearch.ParseDate(y.Value)
		if err != nil {
			continue
		}
		c := withPage(req, 1)
		c.From, c.To = d, d
		out = append(out, yearBar{Year: y.Value, Count: y.Count, Href: searchHref(c),
			Width:   "w" + strconv.Itoa((y.Count*20+most-1)/most),
			Current: req.From == d && req.To == d})
	}
	clear := ""
	if !req.From.IsZero() || !req.To.IsZero() {
		c := withPage(req, 1)
		c.From, c.To = rightsearch.Date{}, rightsearch.Date{}
		clear = searchHref(c)
	}
	return out, clear
}

// buildPager links the previous and next pages, the first and last, and
// two either side of the current one.
func buildPager(req query.Request, total uint64) pager {
	last := int((total + uint64(req.Size) - 1) / uint64(req.Size))
	last = min(last, query.MaxWindow/req.Size)
	var p pager
	if last <= 1 {
		return p
	}
	if req.Page > 1 {
		p.Prev = searchHref(withPage(req, min(req.Page-1, last)))
	}
	if req.Page < last {
		p.Next = searchHref(withPage(req, req.Page+1))
	}
	prev := 0
	for n := 1; n <= last; n++ {
		if n != 1 && n != last && (n < req.Page-2 || n > req.Page+2) {
			continue
		}
		p.Links = append(p.Links, pageLink{N: n, Href: searchHref(withPage(req, n)),
			Current: n == req.Page, Gap: prev != 0 && n > prev+1})
		prev = n
	}
	return p
}

func withPage(req query.Request, n int) query.Request {
	req.Page = n
	return req
}

// searchHref is the search page's URL for req.
func searchHref(req query.Request) string {
	q := req.Values().Encode()
	if q == "" {
		return "/"
	}
	return "/?" + q
}

func dateString(d rightsearch.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// correctionOf is the correction line for a search whose response
// corrected some words; nil when it corrected none.
func correctionOf(req query.Request, corrected map[string]string) *correctionView {
	if len(corrected) == 0 {
		return nil
	}
	shown := replaceWords(req.Q, func(w string) (string, bool) {
		c, ok := corrected[w]
		return c, ok
	})
	exact := replaceWords(req.Q, func(w string) (string, bool) {
		_, ok := corrected[w]
		return `"` + w + `"`, ok
	})
	c := withPage(req, 1)
	c.Q = exact
	return &correctionView{Shown: shown, Exact: exact, Href: searchHref(c)}
}

// filterChips lists each filter value and date bound of req, in the order
// of the filter panels, with the link that drops that one and keeps the
// rest (and the query, sort and size).
func filterChips(req query.Request) ([]filterChip, string) {
	var out []filterChip
	for _, fp := range req.Registry().Filters() {
		for i, v := range req.Filters()[fp.Name] {
			c := withPage(req, 1)
			c.SetFilter(fp.Name, slices.Delete(slices.Clone(c.FilterValues(fp.Name)), i, i+1))
			out = append(out, filterChip{Label: fp.Label, Value: v, Remove: searchHref(c)})
		}
	}
	if !req.From.IsZero() {
		c := withPage(req, 1)
		c.From = rightsearch.Date{}
		out = append(out, filterChip{Label: "From", Value: req.From.String(), Remove: searchHref(c)})
	}
	if !req.To.IsZero() {
		c := withPage(req, 1)
		c.To = rightsearch.Date{}
		out = append(out, filterChip{Label: "To", Value: req.To.String(), Remove: searchHref(c)})
	}
	if len(out) < 2 {
		return out, ""
	}
	c := withPage(req, 1)
	for _, fp := range req.Registry().Filters() {
		c.SetFilter(fp.Name, nil)
	}
	c.From, c.To = rightsearch.Date{}, rightsearch.Date{}
	return out, searchHref(c)
}

// syntaxHelp is the query syntax, one example each, for the help on the
// search page.
var syntaxHelp = func() []syntaxRow {
	rows := []syntaxRow{
		{Syntax: "a AND b, a && b", Meaning: "both words", Example: "pegasus AND journalist"},
		{Syntax: "a OR b, a || b", Meaning: "either word", Example: "pegasus OR predator"},
		{Syntax: "NOT a, !a", Meaning: "without the word", Example: "pegasus NOT android"},
		{Syntax: "( )", Meaning: "group", Example: "(pegasus OR predator) AND mexico"},
		{Syntax: "+word", Meaning: "must contain", Example: "+pegasus journalist"},
		{Syntax: "-word", Meaning: "must not contain", Example: "pegasus -android"},
		{Syntax: `"a phrase"`, Meaning: "these words in this order, exactly as typed", Example: `"human rights defender"`},
		{Syntax: `"a phrase"~N`, Meaning: "these words within N positions of the phrase", Example: `"nso spyware"~2`},
		{Syntax: "word~, word~2", Meaning: "words one (or two) letters off", Example: "marczek~"},
		{Syntax: "wor*, w?rd", Meaning: "words starting with wor; ? is any one letter", Example: "surveil*"},
		{Syntax: "field:value", Meaning: "in one field: org, type, target, country, spyware, lang, indicator, title, body, summary, author, url", Example: `org:"Citizen Lab"`},
		{Syntax: "field:(a OR b)", Meaning: "either value in that field", Example: "country:(Mexico OR Spain)"},
		{Syntax: "published:[2018 TO 2019-06]", Meaning: "published in that period, ends included (YYYY, YYYY-MM or YYYY-MM-DD)", Example: "published:[2018 TO 2019-06]"},
		{Syntax: "published:{2018 TO 2020}", Meaning: "the same with the ends left out", Example: "pegasus published:{2018 TO 2020}"},
		{Syntax: "published:>=2019", Meaning: "from 2019 on (also >, <, <=)", Example: "spyware published:>=2019"},
		{Syntax: "word^2", Meaning: "rank this word twice as high", Example: "pegasus^2 predator"},
		{Syntax: `\`, Meaning: "take the next character as it is, not as syntax (a word, not an exclusion)", Example: `\-Trident`},
	}
	for i := range rows {
		rows[i].Href = "/?" + url.Values{"q": {rows[i].Example}}.Encode()
	}
	return rows
}()
