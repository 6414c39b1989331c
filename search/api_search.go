package search

import (
	"net/http"
)

func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	if err := CheckParams(v); err != nil {
		writeError(w, s.cfg.Logger, err)
		return
	}
	req, err := ParseRequest(v)
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
