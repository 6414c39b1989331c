package search

import (
	"context"
	"encoding/json"
	"maps"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/rightsearch/rightsearch/query"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/indexer"
)

// TestNameSpellingsAreMarked: a search for one spelling of a target's
// name marks the spelling each document uses.
func TestNameSpellingsAreMarked(t *testing.T) {
	e := mustEnv(t)
	tests := []struct {
		q, id, mark string
	}{
		{"Mansour", "cl-2016-million-dollar-dissident", "Mansoor"}, // the summary says Ahmed Mansoor
		{"Mansoor", "fx-mansour-spelling", "Mansour"},              // the body says Ahmed Mansour
		{"Mansur", "cl-2016-million-dollar-dissident", "Mansoor"},
		{"Mansour", "fx-mansour-spelling", "Mansour"},                                         // and the word as typed still
		{`"Ahmed Mansour"`, "cl-2016-million-dollar-dissident", "Ahmed</mark> <mark>Mansoor"}, // a quoted name: its other spellings
	}
	for _, tt := range tests {
		t.Run(tt.q+"/"+tt.id, func(t *testing.T) {
			r := e.search(t, url.Values{"q": {tt.q}, "size": {"100"}})
			h, ok := hitByID(r, tt.id)
			if !ok {
				t.Fatalf("q=%s: %s not found in %v", tt.q, tt.id, hitIDs(r))
			}
			if s := strings.Join(h.Snippets, " … "); !strings.Contains(s, "<mark>"+tt.mark+"</mark>") {
				t.Errorf("q=%s: snippet of %s does not mark %s: %q", tt.q, tt.id, tt.mark, s)
			}
		})
	}
}

// TestMisspeltNamesAreCorrected: a target's surname an edit or two off
// finds the target's documents and the response says what it searched;
// a quoted word, a facet value and ordinary words are left as typed.
func TestMisspeltNamesAreCorrected(t *testing.T) {
	e := mustEnv(t)
	tests := []struct {
		q         string
		corrected map[string]string // nil: no "corrected" key
		target    string            // every document of this target is found
		mark      string            // and one of them marks this word
	}{
		{"Kashoggi", map[string]string{"Kashoggi": "Khashoggi"}, "Jamal Khashoggi", "Khashoggi"},
		{"kashoggi", map[string]string{"kashoggi": "Khashoggi"}, "Jamal Khashoggi", "Khashoggi"},
		{"Mansuur", map[string]string{"Mansuur": "Mansoor"}, "Ahmed Mansoor", "Mansoor"},
		{"+Kashoggi Mansuur", map[string]string{"Kashoggi": "Khashoggi", "Mansuur": "Mansoor"}, "Jamal Khashoggi", "Khashoggi"},
		{`"Kashoggi"`, nil, "", ""}, // the exact words: the page's "search instead" link
		{"target:Kashoggi", nil, "", ""},
		{"pegasus", nil, "", ""},
		{"Khashoggi", nil, "Jamal Khashoggi", "Khashoggi"},
		{"surveillance Mexico", nil, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			v := url.Values{"q": {tt.q}, "size": {"100"}}
			var raw map[string]json.RawMessage
			e.get(t, "/api/search?"+v.Encode(), &raw)
			if _, has := raw["corrected"]; has != (tt.corrected != nil) {
				t.Errorf(`q=%s: "corrected" in the JSON: %v, want %v (%s)`, tt.q, has, tt.corrected != nil, raw["corrected"])
			}
			r := e.search(t, v)
			if !maps.Equal(r.Corrected, tt.corrected) {
				t.Errorf("q=%s: corrected %v, want %v", tt.q, r.Corrected, tt.corrected)
			}
			if tt.target == "" {
				return
			}
			ids := hitIDs(r)
			all := e.search(t, url.Values{"target": {tt.target}, "size": {"100"}})
			if all.Total == 0 {
				t.Fatalf("no documents of %s in the test index", tt.target)
			}
			for _, id := range hitIDs(all) {
				if !slices.Contains(ids, id) {
					t.Errorf("q=%s: %s (a document of %s) not found in %v", tt.q, id, tt.target, ids)
				}
			}
			marked := false
			for _, h := range r.Hits {
				marked = marked || strings.Contains(strings.Join(h.Snippets, " "), "<mark>"+tt.mark+"</mark>")
			}
			if !marked {
				t.Errorf("q=%s: no snippet marks %s", tt.q, tt.mark)
			}
		})
	}
}

// TestMisspellingStillMatches: the correction is searched besides the
// word as typed, not instead of it, so a document with the misspelling
// (a typo in a report) is found and marked too.
func TestMisspellingStillMatches(t *testing.T) {
	ctx := context.Background()
	ix, err := indexer.Open(ctx, indexer.Options{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	docs := []rightsearch.Document{
		{ID: "typo", Title: "Notes", Body: "A column about Kashoggi, misspelt.", Language: "en"},
		{ID: "right", Title: "Notes", Body: "A column about Khashoggi.", Language: "en"},
	}
	if err := ix.Put(ctx, docs); err != nil {
		t.Fatal(err)
	}
	s := New(ix, Options{})
	tests := []struct {
		q    string
		want map[string]string // id → marked word
	}{
		{"Kashoggi", map[string]string{"typo": "Kashoggi", "right": "Khashoggi"}},
		{`"Kashoggi"`, map[string]string{"typo": "Kashoggi"}},
	}
	for _, tt := range tests {
		r, err := query.ParseRequest(url.Values{"q": {tt.q}})
		if err != nil {
			t.Fatal(err)
		}
		resp, err := s.Search(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{} // of the two documents above (the index has the seeds too)
		for _, h := range resp.Hits {
			if h.ID != "typo" && h.ID != "right" {
				continue
			}
			got[h.ID] = ""
			for _, w := range []string{"Kashoggi", "Khashoggi"} {
				if strings.Contains(strings.Join(h.Snippets, " "), "<mark>"+w+"</mark>") {
					got[h.ID] = w
				}
			}
		}
		if !maps.Equal(got, tt.want) {
			t.Errorf("q=%s: hits and marked words %v, want %v", tt.q, got, tt.want)
		}
	}
}

func TestCorrections(t *testing.T) {
	correct := func(w string) (string, bool) {
		fix := map[string]string{"Kashoggi": "Khashoggi", "Mansuur": "Mansoor"}[w]
		return fix, fix != ""
	}
	tests := []struct {
		words []string
		want  map[string]string
	}{
		{[]string{"Kashoggi", "pegasus", "Mansuur", "Kashoggi"}, map[string]string{"Kashoggi": "Khashoggi", "Mansuur": "Mansoor"}},
		{[]string{"pegasus"}, nil},
		{nil, nil},
	}
	for _, tt := range tests {
		if got := corrections(correct, tt.words); !maps.Equal(got, tt.want) || (got == nil) != (tt.want == nil) {
			t.Errorf("corrections(%q) = %v, want %v", tt.words, got, tt.want)
		}
	}
}

func TestExpandedWords(t *testing.T) {
	tests := []struct {
		q    string
		want []string
	}{
		{"Kashoggi pegasus", []string{"Kashoggi", "pegasus"}},
		{`+Kashoggi -Mansuur "Ahmed Mansour" org:"Citizen Lab" nso*`, []string{"Kashoggi", "Mansuur"}},
		{"", nil},
	}
	for _, tt := range tests {
		r := query.Request{Q: tt.q, Page: 1, Size: query.DefaultSize}
		if err := r.Validate(); err != nil {
			t.Fatal(err)
		}
		if got := expandedWords(r.Query); !slices.Equal(got, tt.want) {
			t.Errorf("expandedWords(%s) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

func TestExpandWords(t *testing.T) {
	e := mustEnv(t)
	expand := expandWords(e.ix.Tagger())
	tests := []struct {
		word      string
		has, lack []string
	}{
		{"Mansour", []string{"Mansour", "Mansoor", "Mansur", "منصور"}, nil},
		{"Mexico", []string{"mexico", "mexican"}, []string{"Mansoor"}},
		{"Kashoggi", []string{"Kashoggi", "Khashoggi", "Khashukji"}, nil},
		{"pegasus", nil, []string{"pegasus"}}, // nil: searched as typed
	}
	for _, tt := range tests {
		got := expand(tt.word)
		for _, w := range tt.has {
			if !slices.Contains(got, w) {
				t.Errorf("expand(%q) = %q, lacks %q", tt.word, got, w)
			}
		}
		for _, w := range tt.lack {
			if slices.Contains(got, w) {
				t.Errorf("expand(%q) = %q, has %q", tt.word, got, w)
			}
		}
		seen := map[string]bool{}
		for _, w := range got {
			if seen[strings.ToLower(w)] {
				t.Errorf("expand(%q) = %q: %q twice", tt.word, got, w)
			}
			seen[strings.ToLower(w)] = true
		}
	}
}

func hitByID(r rightsearch.Response, id string) (rightsearch.Hit, bool) {
	for _, h := range r.Hits {
		if h.ID == id {
			return h, true
		}
	}
	return rightsearch.Hit{}, false
}
