package web

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/rightsearch/rightsearch/seeds"
)

func TestAliasSearchMarksTheSpellingThatMatched(t *testing.T) {
	e := mustEnv(t)
	r := e.search(t, url.Values{"q": {"Mansour"}, "size": {"100"}})
	ids := hitIDs(r)
	for _, id := range []string{"fx-mansour-spelling", "cl-2016-million-dollar-dissident"} {
		if !slices.Contains(ids, id) {
			t.Errorf("q=Mansour: %s missing from %v", id, ids)
		}
	}
	for _, h := range r.Hits {
		if h.ID == "fx-mansour-spelling" && !strings.Contains(strings.Join(h.Snippets, " "), "<mark>Mansour</mark>") {
			t.Errorf("snippet %q does not mark the spelling Mansour", h.Snippets)
		}
		if h.ID == "fx-mansour-spelling" && !slices.Contains(h.Targets, "Ahmed Mansoor") {
			t.Errorf("tagged targets %v, want the canonical Ahmed Mansoor", h.Targets)
		}
	}
	// The canonical filter finds the document that only uses the alias.
	f := e.search(t, url.Values{"target": {"Ahmed Mansoor"}, "size": {"100"}})
	if !slices.Contains(hitIDs(f), "fx-mansour-spelling") {
		t.Errorf("target=Ahmed Mansoor lacks the Mansour-spelled document: %v", hitIDs(f))
	}
	// Arabic script finds the same target's documents through its aliases.
	a := e.search(t, url.Values{"q": {"أحمد منصور"}, "size": {"100"}})
	if !slices.Contains(hitIDs(a), "cl-2016-million-dollar-dissident") {
		t.Errorf("Arabic-script name: %v", hitIDs(a))
	}
}

func TestIndicatorSearchFangedAndDefanged(t *testing.T) {
	e := mustEnv(t)
	for _, q := range []string{
		"indicator:parcel-notice.com", "indicator:parcel-notice[.]com", "indicator:PARCEL-NOTICE(dot)COM",
		"indicator:203.0.113.77", "indicator:203.0.113[.]77",
		"indicator:44D88612FEA8A8F36DE82E1278ABB02F",
		"indicator:drop-box@mailbox-relay.net", "indicator:drop-box[@]mailbox-relay[.]net",
	} {
		r := e.search(t, url.Values{"q": {q}})
		if !slices.Equal(hitIDs(r), []string{"fx-indicators"}) {
			t.Errorf("%s: hits %v, want [fx-indicators]", q, hitIDs(r))
		}
	}
	var d struct{ Indicators []string }
	e.get(t, "/api/documents/fx-indicators", &d)
	for _, want := range []string{"parcel-notice.com", "203.0.113.77"} {
		if !slices.Contains(d.Indicators, want) {
			t.Errorf("stored indicators %v lack refanged %s", d.Indicators, want)
		}
	}
}

func TestSpanishAndArabicDocumentsFoundByTheirOwnWords(t *testing.T) {
	e := mustEnv(t)
	tests := []struct{ q, id string }{
		{"periodista", "fx-es-periodistas"},    // Spanish stemming: periodistas
		{"investigación", "fx-es-periodistas"}, // investigaciones
		{"espía", "r3d-2017-gobierno-espia"},   // Espía in the title
		{"التجسس", "fx-ar-note"},               // Arabic word as written
		{"تجسس", "fx-ar-note"},                 // without the article: Arabic stemming
		{"الناشطين", "fx-ar-note"},             // another form of الناشطون
	}
	for _, tt := range tests {
		r := e.search(t, url.Values{"q": {tt.q}})
		if !slices.Contains(hitIDs(r), tt.id) {
			t.Errorf("q=%s: %s missing from %v", tt.q, tt.id, hitIDs(r))
		}
	}
	r := e.search(t, url.Values{"lang": {"ar"}})
	if !slices.Equal(hitIDs(r), []string{"fx-ar-note"}) || facetCount(r.Facets["language"], "es") == 0 {
		t.Errorf("lang=ar: %v; language facet %v", hitIDs(r), r.Facets["language"])
	}
}

func TestEverySeedHasTargetsAndCountriesAndTheLetterTargetsFacet(t *testing.T) {
	e := mustEnv(t)
	for _, d := range seeds.MustLoad().All() {
		var full struct{ Targets, Countries []string }
		e.get(t, "/api/documents/"+d.ID, &full)
		// The catalog's facts are kept, whatever tagging adds.
		for _, want := range d.Targets {
			if !slices.Contains(full.Targets, want) {
				t.Errorf("%s: targets %v lack %s", d.ID, full.Targets, want)
			}
		}
		for _, want := range d.Countries {
			if !slices.Contains(full.Countries, want) {
				t.Errorf("%s: countries %v lack %s", d.ID, full.Countries, want)
			}
		}
		// Documents that name no target in the catalog name none (they are
		// technical or general); every other one carries countries.
		if len(full.Countries) == 0 && d.ID != "unsr-2019-surveillance-report" {
			t.Errorf("%s has no countries", d.ID)
		}
	}
	r := e.search(t, url.Values{"q": {""}})
	letter, _ := seeds.MustLoad().Get(seeds.LetterID)
	for _, target := range letter.Targets {
		if facetCount(r.Facets["target"], target) == 0 {
			t.Errorf("target facet %v lacks %s, named by the letter", r.Facets["target"], target)
		}
	}
}
