package bench

import (
	"testing"

	"github.com/rightsearch/rightsearch/query"
)

// TestMixIsValid checks that every committed query is one the API
// accepts, of a known kind, and that each kind is represented.
func TestMixIsValid(t *testing.T) {
	mix, err := Mix()
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	names := map[string]bool{}
	for _, q := range mix {
		if names[q.Name] {
			t.Errorf("duplicate name %s", q.Name)
		}
		names[q.Name] = true
		kinds[q.Kind]++
		r, err := query.ParseRequest(q.Params)
		if err != nil {
			t.Errorf("%s: %v", q.Name, err)
			continue
		}
		// One facet request on the facets field counts all seven facets.
		if req := RawRequest(r, nil); req.Query == nil || len(req.Facets) != 1 || req.Facets["facets"] == nil {
			t.Errorf("%s: raw request facets %v, want the one facets field", q.Name, req.Facets)
		}
		if q.Kind == "date" && r.From.IsZero() && r.To.IsZero() {
			t.Errorf("%s: a date query without from/to", q.Name)
		}
	}
	for _, k := range []string{"match", "phrase", "filtered", "date"} {
		if kinds[k] < 3 {
			t.Errorf("kind %s has %d queries, want at least 3", k, kinds[k])
		}
	}
	if len(kinds) != 4 {
		t.Errorf("kinds %v, want exactly match, phrase, filtered, date", kinds)
	}
}
