package web

import (
	"fmt"
	"mime"
	"net/http"
	"strings"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/query"

	"github.com/gorilla/mux"
)

// document is the document a /api/documents/{id} route names, or false
// once the error (a parameter, no such id) is written.
func (s *Server) document(w http.ResponseWriter, r *http.Request) (rightsearch.Document, bool) {
	if err := query.CheckKnown(r.URL.Query(), nil); err != nil {
		writeError(w, s.cfg.Logger, err)
		return rightsearch.Document{}, false
	}
	d, err := s.cfg.Engine.Document(r.Context(), mux.Vars(r)["id"])
	if err != nil {
		writeError(w, s.cfg.Logger, err)
		return rightsearch.Document{}, false
	}
	return d, true
}

func (s *Server) handleDocument(w http.ResponseWriter, r *http.Request) {
	if d, ok := s.document(w, r); ok {
		writeJSON(w, http.StatusOK, d)
	}
}

// handleRaw serves the archived bytes exactly as fetched (a crawl's WARC
// record) or as added (a file's copy in the raw store). They are a
// hostile page as far as we know: sandboxed, never sniffed, and downloaded
// rather than shown unless they are a PDF.
func (s *Server) handleRaw(w http.ResponseWriter, r *http.Request) {
	d, ok := s.document(w, r)
	if !ok {
		return
	}
	if s.cfg.Raw == nil || d.Provenance == nil || d.Provenance.WARC == "" && d.Provenance.Raw == "" {
		writeError(w, s.cfg.Logger, fmt.Errorf("%s has no archived copy: %w", d.ID, rightsearch.ErrNotFound))
		return
	}
	ct, body, err := s.cfg.Raw(r.Context(), d)
	if err != nil {
		writeError(w, s.cfg.Logger, err)
		return
	}
	h := w.Header()
	h.Set("Content-Security-Policy", "sandbox")
	h.Set("X-Content-Type-Options", "nosniff")
	if ct == "" {
		ct = "application/octet-stream"
	}
	h.Set("Content-Type", ct)
	if !strings.HasPrefix(ct, "application/pdf") {
		// An id may hold / and any script: the name is made safe and, past
		// ASCII, RFC 2231-encoded.
		name := strings.NewReplacer("/", "_", `\`, "_").Replace(d.ID) + ".raw"
		h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	}
	w.Write(body)
}
