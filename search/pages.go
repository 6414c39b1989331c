package search

import "github.com/gorilla/mux"

// registerPages adds the web pages for people (GET /, /documents/{id},
// /targets/{name}).
func (s *Server) registerPages(r *mux.Router) {}
