package web

import (
	"net/http"
	"net/url"

	"github.com/gorilla/mux"
	"github.com/rightsearch/rightsearch/query"
)

// handleIndicator answers GET /api/indicators/{value}: the documents
// mentioning the value (fanged or defanged) and the published lists
// carrying it. The value is one escaped path segment (%2F for a URL's /).
func (s *Server) handleIndicator(w http.ResponseWriter, r *http.Request) {
	if err := query.CheckKnown(r.URL.Query(), nil); err != nil {
		writeError(w, s.cfg.Logger, err)
		return
	}
	p, err := s.cfg.Engine.Indicator(r.Context(), mux.Vars(r)["id"])
	if err != nil {
		writeError(w, s.cfg.Logger, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}

// indicatorURL is the page of an indicator; a URL's slashes are escaped.
func indicatorURL(value string) string { return "/indicators/" + url.PathEscape(value) }
