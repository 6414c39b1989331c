package web

import (
	"net/http"

	"github.com/rightsearch/rightsearch/query"

	"github.com/gorilla/mux"
)

func (s *Server) handleTargets(w http.ResponseWriter, r *http.Request) {
	if err := query.CheckKnown(r.URL.Query(), nil); err != nil {
		writeError(w, s.cfg.Logger, err)
		return
	}
	ts, err := s.cfg.Engine.Targets(r.Context())
	if err != nil {
		writeError(w, s.cfg.Logger, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"targets": ts})
}

func (s *Server) handleTarget(w http.ResponseWriter, r *http.Request) {
	if err := query.CheckKnown(r.URL.Query(), nil); err != nil {
		writeError(w, s.cfg.Logger, err)
		return
	}
	tt, err := s.cfg.Engine.Timeline(r.Context(), mux.Vars(r)["name"])
	if err != nil {
		writeError(w, s.cfg.Logger, err)
		return
	}
	writeJSON(w, http.StatusOK, tt)
}
