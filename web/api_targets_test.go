package web

import (
	"net/url"
	"slices"
	"testing"

	rightsearch "github.com/rightsearch/rightsearch"
)

func TestTargetsList(t *testing.T) {
	e := mustEnv(t)
	var body struct {
		Targets []rightsearch.TargetCount
	}
	if st := e.get(t, "/api/targets", &body); st != 200 {
		t.Fatalf("status %d", st)
	}
	byName := map[string]rightsearch.TargetCount{}
	for _, tc := range body.Targets {
		byName[tc.Name] = tc
	}
	m, ok := byName["Ahmed Mansoor"]
	if !ok || m.Count < 3 || !slices.Contains(m.Aliases, "Ahmed Mansour") {
		t.Errorf("Ahmed Mansoor: %+v", m)
	}
	r := e.search(t, url.Values{"target": {"Ahmed Mansoor"}})
	if uint64(m.Count) != r.Total {
		t.Errorf("count %d, but the target filter finds %d", m.Count, r.Total)
	}
}

func TestTargetTimeline(t *testing.T) {
	e := mustEnv(t)
	for _, name := range []string{"Omar%20Abdulaziz", "omar%20abdul%20aziz", url.PathEscape("عمر عبدالعزيز")} {
		var tt rightsearch.TargetTimeline
		if st := e.get(t, "/api/targets/"+name, &tt); st != 200 {
			t.Fatalf("%s: status %d", name, st)
		}
		if tt.Name != "Omar Abdulaziz" || !slices.Contains(tt.Countries, "Canada") || len(tt.Timeline) < 3 {
			t.Errorf("%s: %+v", name, tt)
		}
		for i := 1; i < len(tt.Timeline); i++ {
			a, b := tt.Timeline[i-1].Published, tt.Timeline[i].Published
			if b != "" && a > b {
				t.Errorf("timeline out of order: %s then %s", a, b)
			}
		}
		ids := []string{}
		for _, e := range tt.Timeline {
			ids = append(ids, e.ID)
		}
		if !slices.Contains(ids, "cl-2018-kingdom-came-to-canada") {
			t.Errorf("timeline %v lacks The Kingdom Came to Canada", ids)
		}
	}
	var body struct{ Error struct{ Code string } }
	if st := e.get(t, "/api/targets/Nobody%20Known", &body); st != 404 || body.Error.Code != "not_found" {
		t.Errorf("unknown target: %d %+v", st, body)
	}
}
