package search

import (
	"encoding/json"
	"net/url"
	"os"
	"slices"
	"testing"
)

// TestJudgedQueries checks a set of queries a researcher would type, each
// with the documents that must rank in its top 3 (testdata/judged.json,
// in the manner of Bleve's relevance tests).
func TestJudgedQueries(t *testing.T) {
	e := mustEnv(t)
	b, err := os.ReadFile("testdata/judged.json")
	if err != nil {
		t.Fatal(err)
	}
	var judged []struct {
		Q      string
		Params map[string][]string
		Top3   []string
	}
	if err := json.Unmarshal(b, &judged); err != nil {
		t.Fatal(err)
	}
	if len(judged) < 20 {
		t.Fatalf("%d judged queries, want at least 20", len(judged))
	}
	passed := 0
	for _, j := range judged {
		v := url.Values(j.Params)
		if v == nil {
			v = url.Values{}
		}
		v.Set("q", j.Q)
		v.Set("size", "3")
		r := e.search(t, v)
		ok := true
		for _, id := range j.Top3 {
			if !slices.Contains(hitIDs(r), id) {
				t.Errorf("q=%q %v: %s not in top 3 %v", j.Q, j.Params, id, hitIDs(r))
				ok = false
			}
		}
		if ok {
			passed++
		}
	}
	t.Logf("judged queries: %d of %d pass", passed, len(judged))
}
