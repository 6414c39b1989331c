package web

import (
	"net/http"

	"github.com/rightsearch/rightsearch/query"
)

func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	if err := query.CheckParamsIn(s.cfg.Engine.Facets(), v); err != nil {
		writeError(w, s.cfg.Logger, err)
		return
	}
	req, err := query.ParseRequestIn(s.cfg.Engine.Facets(), v)
	if err != nil {
		writeError(w, s.cfg.Logger, err)
		return
	}
	resp, err := s.cfg.Engine.Search(r.Context(), req)
	if err != nil {
		writeError(w, s.cfg.Logger, err)
		return
	}
	writeJSON(w, http.StatusOK, resp)
}
