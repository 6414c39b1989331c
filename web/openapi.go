package web

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	rightsearch "github.com/rightsearch/rightsearch"
)

//go:embed openapi.json
var openAPITemplate []byte

// facetFiltersKey marks the operations that take a filter parameter per
// facet of the registry; openAPI inserts them after q.
const facetFiltersKey = "x-facet-filters"

// openAPI is the OpenAPI document for the facet registry fs: the
// embedded document with each search operation's facet filters filled
// in from the registry, so that a facet added there is documented too.
func openAPI(fs rightsearch.Facets) ([]byte, error) {
	var doc map[string]any
	if err := json.Unmarshal(openAPITemplate, &doc); err != nil {
		return nil, fmt.Errorf("openapi: %w", err)
	}
	paths, _ := doc["paths"].(map[string]any)
	for _, item := range paths {
		ops, _ := item.(map[string]any)
		for _, o := range ops {
			op, _ := o.(map[string]any)
			if _, ok := op[facetFiltersKey]; !ok {
				continue
			}
			delete(op, facetFiltersKey)
			params, _ := op["parameters"].([]any)
			out := make([]any, 0, len(params)+len(fs))
			for _, p := range params {
				out = append(out, p)
				if pm, _ := p.(map[string]any); pm["name"] == "q" {
					out = append(out, facetParams(fs)...)
				}
			}
			op["parameters"] = out
		}
	}
	return json.MarshalIndent(doc, "", "  ")
}

func facetParams(fs rightsearch.Facets) []any {
	var out []any
	for _, f := range fs.Filters() {
		desc := f.Label + " filter: " + f.Help + "; repeat for OR; case and diacritics ignored."
		if f.Conjunctive {
			desc = strings.Replace(desc, "repeat for OR", "repeat: all required", 1)
		}
		out = append(out, map[string]any{
			"name": f.Param, "in": "query", "description": desc,
			"schema": map[string]any{"type": "array", "items": map[string]any{"type": "string"}},
			"style":  "form", "explode": true,
		})
	}
	return out
}

func (s *Server) handleOpenAPI(w http.ResponseWriter, _ *http.Request) {
	doc, err := openAPI(s.cfg.Engine.Facets())
	if err != nil {
		writeError(w, s.cfg.Logger, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(doc)
}
