package bench

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"net/url"
)

//go:embed queries.json
var mixJSON []byte

// MixQuery is one query of the committed mix: a name, its kind (match,
// phrase, filtered or date) and the /api/search parameters. Every query
// is asked with all facets and highlighting, as the API always does.
type MixQuery struct {
	Name   string     `json:"name"`
	Kind   string     `json:"kind"`
	Params url.Values `json:"params"`
}

// Mix is the committed query mix (internal/bench/queries.json).
func Mix() ([]MixQuery, error) {
	var qs []MixQuery
	if err := json.Unmarshal(mixJSON, &qs); err != nil {
		return nil, fmt.Errorf("query mix: %w", err)
	}
	if len(qs) == 0 {
		return nil, fmt.Errorf("query mix: empty")
	}
	return qs, nil
}
