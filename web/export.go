package web

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/rightsearch/rightsearch/query"

	rightsearch "github.com/rightsearch/rightsearch"
)

// Export limits.
const (
	MaxCSVRows    = query.MaxWindow // every row a search can reach
	MaxFeedItems  = 100
	exportPageLen = 100
)

// csvColumns are the first columns of /api/search.csv; a column for each
// facet without a field of its own on a hit (spyware, and any facet added
// to the registry) follows.
var csvColumns = []string{"id", "title", "organization", "type", "published", "url", "targets", "countries"}

// CSVHeader is the header row of /api/search.csv for the registry fs.
func CSVHeader(fs rightsearch.Facets) []string {
	h := slices.Clone(csvColumns)
	for _, f := range valueFacets(fs) {
		h = append(h, f.Name)
	}
	return h
}

// valueFacets are the facets a hit carries in Values.
func valueFacets(fs rightsearch.Facets) rightsearch.Facets {
	var out rightsearch.Facets
	for _, f := range fs {
		if !rightsearch.HasHitField(f.Name) {
			out = append(out, f)
		}
	}
	return out
}

// AtomNS is the Atom 1.0 namespace.
const AtomNS = "http://www.w3.org/2005/Atom"

// exportValues is req without paging, which the exports do themselves.
func exportValues(req query.Request) url.Values {
	v := req.Values()
	v.Del("page")
	v.Del("size")
	return v
}

// exportRequest reads an export's parameters: those of /api/search
// (page and size are accepted, as the search page's feed link carries
// them, and ignored).
func (s *Server) exportRequest(r *http.Request) (query.Request, error) {
	v := r.URL.Query()
	fs := s.cfg.Engine.Facets()
	if err := query.CheckParamsIn(fs, v); err != nil {
		return query.Request{}, err
	}
	return query.ParseRequestIn(fs, v)
}

// exportCSV answers /api/search.csv: every hit of the search (up to
// MaxCSVRows), whatever page and size say. It is built in memory (a few
// MB at most) so a failure half-way is a clean error, not a cut file.
func (s *Server) exportCSV(w http.ResponseWriter, r *http.Request) {
	req, err := s.exportRequest(r)
	if err != nil {
		writeError(w, s.cfg.Logger, err)
		return
	}
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	extra := valueFacets(req.Registry())
	cw.Write(CSVHeader(req.Registry()))
	err = s.eachHit(r.Context(), req, exportPageLen, MaxCSVRows, func(h rightsearch.Hit) error {
		row := []string{cell(h.ID), cell(h.Title), cell(h.Organization), cell(h.Type),
			cell(h.Published), cell(h.URL), cell(strings.Join(h.Targets, "; ")),
			cell(strings.Join(h.Countries, "; "))}
		for _, f := range extra {
			row = append(row, cell(strings.Join(h.Values[f.Name], "; ")))
		}
		return cw.Write(row)
	})
	cw.Flush()
	if err == nil {
		err = cw.Error()
	}
	if err != nil {
		writeError(w, s.cfg.Logger, fmt.Errorf("export csv: %w", err))
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="rightsearch.csv"`)
	w.Write(buf.Bytes())
}

// eachHit pages through req's hits in pages of pageLen (each request
// obeys the page*size window), from the first, calling fn on at most
// limit of them.
func (s *Server) eachHit(ctx context.Context, req query.Request, pageLen, limit int, fn func(rightsearch.Hit) error) error {
	req.Size = min(pageLen, limit)
	n := 0
	for req.Page = 1; n < limit && req.Page*req.Size <= query.MaxWindow; req.Page++ {
		resp, err := s.cfg.Engine.Search(ctx, req)
		if err != nil {
			return fmt.Errorf("page %d: %w", req.Page, err)
		}
		for _, h := range resp.Hits {
			if n == limit {
				return nil
			}
			if err := fn(h); err != nil {
				return err
			}
			n++
		}
		if len(resp.Hits) < req.Size || uint64(n) >= resp.Total {
			return nil
		}
	}
	return nil
}

// cell defuses a spreadsheet formula: a cell starting with = + - @ (or a
// tab or carriage return, which some programs skip) gets a leading '.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// AtomFeed is an Atom 1.0 feed (RFC 4287), as much of it as we write.
type AtomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Author  *AtomPerson `xml:"author,omitempty"`
	Links   []AtomLink  `xml:"link"`
	Entries []AtomEntry `xml:"entry"`
}

// AtomEntry is one document in a feed.
type AtomEntry struct {
	ID      string      `xml:"id"`
	Title   AtomText    `xml:"title"`
	Updated string      `xml:"updated"`
	Author  *AtomPerson `xml:"author,omitempty"`
	Links   []AtomLink  `xml:"link"`
	Summary *AtomText   `xml:"summary,omitempty"`
}

// AtomText is a text construct; we only write type="text".
type AtomText struct {
	Type string `xml:"type,attr,omitempty"`
	Text string `xml:",chardata"`
}

// AtomLink is a link element.
type AtomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

// AtomPerson names an author.
type AtomPerson struct {
	Name string `xml:"name"`
}

// exportAtom answers /api/search.atom: the newest MaxFeedItems hits of
// the search, so a researcher can subscribe to, say, a target.
func (s *Server) exportAtom(w http.ResponseWriter, r *http.Request) {
	req, err := s.exportRequest(r)
	if err != nil {
		writeError(w, s.cfg.Logger, err)
		return
	}
	req.Sort = query.SortDateDesc
	base := baseURL(r)
	v := exportValues(req)
	v.Del("sort")
	feed := AtomFeed{
		ID:     base + "/api/search.atom?" + v.Encode(),
		Title:  feedTitle(req),
		Author: &AtomPerson{Name: "rightsearch"},
		Links: []AtomLink{
			{Rel: "self", Type: "application/atom+xml", Href: base + "/api/search.atom?" + v.Encode()},
			{Rel: "alternate", Type: "text/html", Href: base + "/?" + exportValues(req).Encode()},
		},
	}
	now := time.Now().UTC()
	var newest time.Time
	err = s.eachHit(r.Context(), req, exportPageLen, MaxFeedItems, func(h rightsearch.Hit) error {
		e := atomEntry(base, h, now)
		if t, _ := time.Parse(time.RFC3339, e.Updated); t.After(newest) {
			newest = t
		}
		feed.Entries = append(feed.Entries, e)
		return nil
	})
	if err != nil {
		writeError(w, s.cfg.Logger, fmt.Errorf("export atom: %w", err))
		return
	}
	if newest.IsZero() {
		newest = now
	}
	feed.Updated = newest.Format(time.RFC3339)
	out, err := xml.MarshalIndent(feed, "", "  ")
	if err != nil {
		writeError(w, s.cfg.Logger, fmt.Errorf("export atom: %w", err))
		return
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Write([]byte(xml.Header))
	w.Write(out)
	w.Write([]byte("\n"))
}

// atomEntry is a hit as a feed entry. Its id is the document's own URL
// when it has one (the same on every server), else its page here; an
// undated document is "updated" now, which is when we can vouch for it.
func atomEntry(base string, h rightsearch.Hit, now time.Time) AtomEntry {
	page := base + docURL(h.ID)
	e := AtomEntry{ID: firstNonEmpty(h.URL, page), Title: AtomText{Type: "text", Text: firstNonEmpty(h.Title, h.ID)},
		Updated: now.Format(time.RFC3339), Links: []AtomLink{{Rel: "alternate", Type: "text/html", Href: page}}}
	if d, err := rightsearch.ParseDate(h.Published); err == nil && !d.IsZero() {
		e.Updated = d.Start().UTC().Format(time.RFC3339)
	}
	if h.Organization != "" {
		e.Author = &AtomPerson{Name: h.Organization}
	}
	var parts []string
	for _, sn := range h.Snippets {
		parts = append(parts, plainSnippet(sn))
	}
	if len(parts) > 0 {
		e.Summary = &AtomText{Type: "text", Text: strings.Join(parts, " ")}
	}
	return e
}

// feedTitle says what the feed follows.
func feedTitle(req query.Request) string {
	var parts []string
	if req.Q != "" {
		parts = append(parts, fmt.Sprintf("%q", req.Q))
	}
	for _, fp := range req.Registry().Filters() {
		if vals := req.FilterValues(fp.Name); len(vals) > 0 {
			parts = append(parts, fp.Name+": "+strings.Join(vals, " or "))
		}
	}
	if !req.From.IsZero() {
		parts = append(parts, "from "+req.From.String())
	}
	if !req.To.IsZero() {
		parts = append(parts, "to "+req.To.String())
	}
	if len(parts) == 0 {
		return "rightsearch: all documents"
	}
	return "rightsearch: " + strings.Join(parts, ", ")
}

// baseURL is the scheme and host the client used, for the absolute links
// a feed needs.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
