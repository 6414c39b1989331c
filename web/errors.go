package web

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/query"
)

var (
	errNotFoundRoute = errors.New("no such page")
	errMethod        = errors.New("method not allowed")
	errTooLarge      = errors.New("request too large")
	errBusy          = errors.New("server busy")
)

type apiError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// writeError maps an error to its status and JSON body. Internal errors are
// logged and shown only as "internal error".
func writeError(w http.ResponseWriter, log *slog.Logger, err error) {
	status, code, msg := classify(err)
	if status == http.StatusInternalServerError {
		log.Error("internal error", "err", err)
	}
	if status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "1")
	}
	writeJSON(w, status, map[string]apiError{"error": {Code: code, Message: msg}})
}

func classify(err error) (int, string, string) {
	switch {
	case errors.Is(err, query.ErrInvalid):
		return http.StatusBadRequest, "bad_request", err.Error()
	case errors.Is(err, query.ErrTooBroad):
		return http.StatusBadRequest, "bad_request", "q: a prefix matches too many words; make it longer"
	case errors.Is(err, rightsearch.ErrNotFound), errors.Is(err, errNotFoundRoute):
		return http.StatusNotFound, "not_found", err.Error()
	case errors.Is(err, errMethod):
		return http.StatusMethodNotAllowed, "method_not_allowed", err.Error()
	case errors.Is(err, errTooLarge):
		return http.StatusRequestURITooLong, "too_large", err.Error()
	case errors.Is(err, errBusy), errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, "unavailable", "the server is busy; retry shortly"
	}
	return http.StatusInternalServerError, "internal", "internal error"
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"error":{"code":"internal","message":"internal error"}}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}
