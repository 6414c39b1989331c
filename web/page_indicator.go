package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/gorilla/mux"
	rightsearch "github.com/rightsearch/rightsearch"
)

// indicatorPage is the data of indicator.html.
type indicatorPage struct {
	layoutData
	P      *rightsearch.IndicatorPage
	Search string // the search for indicator:"value"
	JSON   string // its /api/indicators address
}

func (s *Server) pageIndicator(w http.ResponseWriter, r *http.Request) {
	value := mux.Vars(r)["id"]
	p, err := s.cfg.Engine.Indicator(r.Context(), value)
	if errors.Is(err, rightsearch.ErrNotFound) {
		s.renderNotFound(w, fmt.Sprintf("No document mentions %q and no imported list carries it.", value))
		return
	}
	if err != nil {
		s.renderError(w, err)
		return
	}
	s.render(w, http.StatusOK, "indicator.html", indicatorPage{
		layoutData: layoutData{Title: p.Value},
		P:          p, Search: "/?" + url.Values{"q": {`indicator:"` + p.Value + `"`}}.Encode(),
		JSON: "/api/indicators/" + url.PathEscape(p.Value),
	})
}

// documentLists are the published lists carrying a document's
// indicators, for its page; a failure costs the section, not the page.
func (s *Server) documentLists(ctx context.Context, d rightsearch.Document) []rightsearch.ListMatch {
	if len(d.Indicators) == 0 {
		return nil
	}
	ms, err := s.cfg.Engine.ListsCarrying(ctx, d.Indicators)
	if err != nil {
		s.cfg.Logger.Warn("lists carrying a document's indicators", "id", d.ID, "err", err)
		return nil
	}
	out := ms[:0]
	for _, m := range ms {
		if m.List.ID != d.ID { // a list's own document carries all of it
			out = append(out, m)
		}
	}
	return out
}
