package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/gorilla/mux"
	rightsearch "github.com/rightsearch/rightsearch"
)

// documentPage is the data of document.html.
type documentPage struct {
	layoutData
	Doc            rightsearch.Document
	TitleUncertain bool
	URLUncertain   bool
	Facts          []fact
	Pages          []textPage
	Cites, CitedBy []docLink
	Prov           *provView
	// Lists are the published indicator lists carrying its indicators.
	Lists []rightsearch.ListMatch
}

// fact is one labelled line of the facts list; its values may link.
type fact struct {
	Label     string
	Values    []link
	Uncertain bool // the catalog marks this fact as unconfirmed
}

type link struct{ Text, Href string }

// textPage is one page of a PDF's text (N from 1), or the whole text of
// anything else (N 0).
type textPage struct {
	N          int
	Paragraphs []string
}

type docLink struct {
	ID, Title, Href string
	Known           bool // false when the id is not in the index
}

type provView struct {
	Source, FetchedAt, ContentType, SHA256, Raw string
	Status                                      int
}

var languageNames = map[string]string{
	"en": "English", "es": "Spanish", "fr": "French", "ar": "Arabic", "de": "German",
	"he": "Hebrew", "pt": "Portuguese", "ru": "Russian", "zh": "Chinese", "tr": "Turkish",
}

func (s *Server) pageDocument(w http.ResponseWriter, r *http.Request) {
	id := mux.Vars(r)["id"]
	d, err := s.cfg.Engine.Document(r.Context(), id)
	if errors.Is(err, rightsearch.ErrNotFound) {
		s.renderNotFound(w, fmt.Sprintf("There is no document with the id %q.", id))
		return
	}
	if err != nil {
		s.renderError(w, err)
		return
	}
	s.render(w, http.StatusOK, "document.html", s.documentPageOf(r.Context(), d))
}

// documentPageOf gathers what the document page shows.
func (s *Server) documentPageOf(ctx context.Context, d rightsearch.Document) documentPage {
	p := documentPage{layoutData: layoutData{Title: firstNonEmpty(d.Title, d.ID)}, Doc: d,
		TitleUncertain: slices.Contains(d.Uncertain, "title"),
		URLUncertain:   slices.Contains(d.Uncertain, "url"),
		Facts:          documentFacts(d), Pages: textPages(d.Body),
		Cites: s.docLinks(ctx, d.Cites), CitedBy: s.docLinks(ctx, d.CitedBy), Lists: s.documentLists(ctx, d)}
	if pv := d.Provenance; pv != nil {
		p.Prov = &provView{Source: pv.Source, ContentType: pv.ContentType, SHA256: pv.SHA256, Status: pv.Status}
		if !pv.FetchedAt.IsZero() {
			p.Prov.FetchedAt = pv.FetchedAt.UTC().Format(time.RFC3339)
		}
		if pv.WARC != "" || pv.Raw != "" {
			p.Prov.Raw = "/api/documents/" + url.PathEscape(d.ID) + "/raw"
		}
	}
	return p
}

// documentFacts lists what the catalog and the tagger know, each value
// linking to a search (or a target's page) where that is useful.
func documentFacts(d rightsearch.Document) []fact {
	search := func(param string) func(string) string {
		return func(v string) string { return "/?" + url.Values{param: {v}}.Encode() }
	}
	lang := d.Language
	if n, ok := languageNames[lang]; ok {
		lang = n
	}
	published := ""
	if !d.Published.IsZero() {
		published = d.Published.String()
	}
	rows := []struct {
		key, label string
		values     []string
		href       func(string) string
	}{
		{"organization", "Organization", nonEmpty(d.Organization), search("org")},
		{"type", "Type", nonEmpty(d.Type), search("type")},
		{"published", "Published", nonEmpty(published), nil},
		{"language", "Language", nonEmpty(lang), nil},
		{"authors", "Authors", d.Authors, nil},
		{"targets", "Targets", d.Targets, targetURL},
		{"countries", "Countries", d.Countries, search("country")},
		{"spyware", "Spyware", d.Spyware, search("spyware")},
		{"indicators", "Indicators", d.Indicators, indicatorURL},
		{"relation", "Relation to the letter", nonEmpty(d.Relation), nil},
		{"letter_mentions", "The letter mentions it as", nonEmpty(d.LetterMentions), nil},
	}
	var out []fact
	for _, row := range rows {
		if len(row.values) == 0 {
			continue
		}
		f := fact{Label: row.label, Uncertain: slices.Contains(d.Uncertain, row.key)}
		for _, v := range row.values {
			l := link{Text: v}
			if row.href != nil {
				l.Href = row.href(v)
			}
			f.Values = append(f.Values, l)
		}
		out = append(out, f)
	}
	return out
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// textPages splits a body into pages at PageBreak (PDFs) and each page
// into paragraphs at blank lines, or at line ends when it has none.
func textPages(body string) []textPage {
	if strings.TrimSpace(body) == "" {
		return nil
	}
	raw := strings.Split(body, string(rightsearch.PageBreak))
	out := make([]textPage, 0, len(raw))
	for i, pg := range raw {
		tp := textPage{}
		if len(raw) > 1 {
			tp.N = i + 1
		}
		sep := "\n\n"
		if !strings.Contains(pg, sep) {
			sep = "\n"
		}
		for _, para := range strings.Split(pg, sep) {
			if para = strings.TrimSpace(para); para != "" {
				tp.Paragraphs = append(tp.Paragraphs, para)
			}
		}
		out = append(out, tp)
	}
	return out
}

// docLinks names the documents ids refer to, by title where the index
// has them.
func (s *Server) docLinks(ctx context.Context, ids []string) []docLink {
	var out []docLink
	for _, id := range ids {
		l := docLink{ID: id, Title: id, Href: docURL(id)}
		d, err := s.cfg.Engine.Document(ctx, id)
		switch {
		case err == nil:
			l.Title, l.Known = firstNonEmpty(d.Title, id), true
		case !errors.Is(err, rightsearch.ErrNotFound):
			s.cfg.Logger.Warn("look up cited document", "id", id, "err", err)
		}
		out = append(out, l)
	}
	return out
}
