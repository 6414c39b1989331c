package bench

import (
	"testing"

	rightsearch "github.com/rightsearch/rightsearch"
)

func TestScale(t *testing.T) {
	base := []rightsearch.Document{
		{ID: "a", Title: "A", Published: rightsearch.Date{Year: 2004, Month: 2, Day: 29}},
		{ID: "b", Title: "B"},
		{ID: "c", Title: "C", Published: rightsearch.Date{Year: 1790}},
	}
	got := Scale(base, 8)
	if len(got) != 8 {
		t.Fatalf("got %d documents, want 8", len(got))
	}
	seen := map[string]bool{}
	for _, d := range got {
		if seen[d.ID] {
			t.Errorf("duplicate id %s", d.ID)
		}
		seen[d.ID] = true
		if err := d.Normalize(); err != nil {
			t.Errorf("%s: %v", d.ID, err)
		}
	}
	cases := []struct {
		i        int
		id, date string
	}{
		{0, "a", "2004-02-29"}, {3, "a-r1", "2003-02-28"}, {4, "b-r1", ""}, {5, "c-r1", "1789"}, {7, "b-r2", ""},
	}
	for _, c := range cases {
		if got[c.i].ID != c.id || got[c.i].Published.String() != c.date {
			t.Errorf("doc %d = %s %s, want %s %s", c.i, got[c.i].ID, got[c.i].Published, c.id, c.date)
		}
	}
	if base[0].ID != "a" {
		t.Error("Scale changed its input")
	}
	if Scale(nil, 5) != nil {
		t.Error("Scale of nothing is not nothing")
	}
}
