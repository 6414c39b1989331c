package web

import (
	"context"
	"errors"
	"net"
	"net/http"

	"github.com/gorilla/mux"
)

// Deleter is an Engine that can remove a document (search.Searcher is
// one): DELETE /api/documents/{id} needs it, else it answers 405.
type Deleter interface {
	Delete(ctx context.Context, id string) error
}

var errForbidden = errors.New("writes are accepted from loopback only")

// loopbackRemote reports whether a request's RemoteAddr ("ip:port") is a
// loopback address: the only clients a write is taken from, wherever the
// server listens.
func loopbackRemote(remoteAddr string) bool {
	host, _, err := net.SplitHostPort(remoteAddr)
	if err != nil {
		host = remoteAddr
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// handleDelete removes a document from the store and the index at once:
// 200 {"deleted": id}, 404 for an unknown id, 403 from anywhere but loopback.
func (s *Server) handleDelete(w http.ResponseWriter, r *http.Request) {
	if !loopbackRemote(r.RemoteAddr) {
		writeJSON(w, http.StatusForbidden, map[string]apiError{"error": {Code: "forbidden", Message: errForbidden.Error()}})
		return
	}
	d, ok := s.cfg.Engine.(Deleter)
	if !ok {
		writeError(w, s.cfg.Logger, errMethod)
		return
	}
	id := mux.Vars(r)["id"]
	if err := d.Delete(r.Context(), id); err != nil {
		writeError(w, s.cfg.Logger, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"deleted": id})
}
