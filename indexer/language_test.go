package indexer

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/rightsearch/rightsearch/query"
)

// Issue 11 end to end: imported lines without a language are detected
// even when short, analyzed accordingly, and searched.
func TestShortTextsLanguageEndToEnd(t *testing.T) {
	LimitExpansions()
	ctx := context.Background()
	ix, err := Open(ctx, Options{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	// abstract: 130 characters of Spanish, too few function words for the
	// quick path and too short for a confident trigram answer.
	const abstract = "Periodistas mexicanos fueron blanco del programa espía Pegasus, según un análisis forense de sus teléfonos hecho por investigadores."
	lines := strings.Join([]string{
		`{"id":"es-abstract","title":"Informe","body":"` + abstract + `"}`,
		// No function word, no telling letter: no language.
		`{"id":"no-language","title":"Tlatelolco","body":"Coyoacán Tenochtitlan"}`,
		// The line's language wins over what the text looks like.
		`{"id":"declared-en","title":"Informe","body":"` + abstract + `","language":"en"}`,
	}, "\n")
	if len([]rune(abstract)) < 125 || len([]rune(abstract)) > 135 {
		t.Fatalf("abstract is %d characters, want about 130", len([]rune(abstract)))
	}
	if _, err := Import(ctx, strings.NewReader(lines), 10, ix.Put, nil); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]string{"es-abstract": "es", "no-language": "", "declared-en": "en"} {
		d, err := ix.Get(id)
		if err != nil {
			t.Fatal(err)
		}
		if d.Language != want {
			t.Errorf("%s: language %q, want %q", id, d.Language, want)
		}
	}
	q := ix.Querier(Expansions{})
	search := func(words string) []string {
		r, err := query.ParseRequest(url.Values{"q": {words}})
		if err != nil {
			t.Fatal(err)
		}
		res, err := q.Search(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		return ids
	}
	// Spanish stemming: the singular finds the plural.
	if got := search("periodista"); !slices.Contains(got, "es-abstract") {
		t.Errorf("periodista found %v, want es-abstract", got)
	}
	if got := search("investigador"); !slices.Contains(got, "es-abstract") {
		t.Errorf("investigador found %v, want es-abstract", got)
	}
	// The neutral analysis: an exact word form finds the text in no
	// language, diacritics folded.
	for _, w := range []string{"Tenochtitlan", "coyoacan", "Coyoacán"} {
		if got := search(w); !slices.Equal(got, []string{"no-language"}) {
			t.Errorf("%s found %v, want [no-language]", w, got)
		}
	}
}
