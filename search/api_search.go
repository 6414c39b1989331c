package search

import (
	"net/http"
)

func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	req, err := ParseRequest(r.URL.Query())
	if err != nil {
		writeError(w, s.cfg.Logger, err)
		return
	}
	resp, err := s.cfg.Searcher.Search(r.Context(), req)
	if err != nil {
		writeError(w, s.cfg.Logger, err)
		return
	}
	writeJSON(w, http.StatusOK, resp)
}
