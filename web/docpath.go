package web

import (
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/gorilla/mux"
)

// A document's id may hold any character but a control one (issue 13):
// "/", spaces, "..", Arabic script. Its routes match the request's escaped
// path, where a "/" of the id is %2F, so the id is one path segment; the
// matcher puts it, unescaped, in mux.Vars(r)["id"].

// documentRoute matches prefix, one escaped path segment (the id), then
// suffix ("" or "/raw").
func documentRoute(prefix, suffix string) mux.MatcherFunc {
	return func(r *http.Request, m *mux.RouteMatch) bool {
		id, ok := documentID(r.URL.EscapedPath(), prefix, suffix)
		if !ok {
			return false
		}
		if m.Vars == nil {
			m.Vars = map[string]string{}
		}
		m.Vars["id"] = id
		return true
	}
}

// documentID is the id in an escaped path of prefix + id + suffix.
func documentID(escaped, prefix, suffix string) (string, bool) {
	rest, ok := strings.CutPrefix(escaped, prefix)
	if !ok {
		return "", false
	}
	if rest, ok = strings.CutSuffix(rest, suffix); !ok || rest == "" || strings.Contains(rest, "/") {
		return "", false
	}
	id, err := url.PathUnescape(rest)
	return id, err == nil
}

// documentPrefixes are the paths under which an id follows: mux's own
// path cleaning would turn an id's "..", "." or "//" into another path.
var documentPrefixes = []string{"/api/documents/", "/documents/", "/api/indicators/", "/indicators/"}

// cleanPaths redirects a path that is not in canonical form (//, /./,
// /../) to its clean form, as gorilla/mux does by default, except under
// documentPrefixes: the router has SkipClean set.
func cleanPaths(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		for _, pre := range documentPrefixes {
			if strings.HasPrefix(p, pre) {
				next.ServeHTTP(w, r)
				return
			}
		}
		if clean := cleanPath(p); clean != p && p != "" {
			u := *r.URL
			u.Path, u.RawPath = clean, ""
			w.Header().Set("Location", u.String())
			w.WriteHeader(http.StatusMovedPermanently)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// cleanPath is path.Clean keeping a trailing slash, as mux's.
func cleanPath(p string) string {
	if p == "" {
		return "/"
	}
	if p[0] != '/' {
		p = "/" + p
	}
	np := path.Clean(p)
	if p[len(p)-1] == '/' && np != "/" {
		np += "/"
	}
	return np
}
