package reliability

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/seeds"
)

// Synthetic documents: generated text in our own words, with facts varied
// enough that every facet and filter has several values.
var (
	synOrgs = []string{"Citizen Lab", "Amnesty International", "Access Now", "Forbidden Stories",
		"Lookout", "R3D", "Privacy International", "Human Rights Watch"}
	synTypes = []string{"report", "letter", "submission", "press-release", "technical-analysis",
		"court-filing", "investigation", "news"}
	synCountries = []string{"Mexico", "United Arab Emirates", "Saudi Arabia", "Morocco", "Spain",
		"Hungary", "India", "Rwanda", "Togo", "Bahrain"}
	synWords = strings.Fields(`surveillance spyware journalist lawyer activist dissident phone
		infection exploit message link server domain network operator campaign forensic
		analysis evidence device account victim target government agency contract export
		licence vendor customer abuse accountability investigation researcher method
		traces process attack vector zero click iMessage browser payload persistence
		command infrastructure fingerprint scan result finding appendix annex hearing
		court claim lawsuit complaint remedy oversight parliament minister police
		intelligence army prosecutor protest election family friend colleague source`)
)

// synDoc is the n-th synthetic document, its body about bodyWords words
// long; the same arguments always give the same document.
func synDoc(n, bodyWords int, targets []rightsearch.Target) rightsearch.Document {
	r := rand.New(rand.NewPCG(uint64(n), 0x5eed))
	words := func(k int) string {
		w := make([]string, k)
		for i := range w {
			w[i] = synWords[r.IntN(len(synWords))]
		}
		return strings.Join(w, " ")
	}
	d := rightsearch.Document{
		ID:           fmt.Sprintf("syn-%05d", n),
		URL:          fmt.Sprintf("https://example.org/evidence/%05d", n),
		Title:        fmt.Sprintf("Evidence file %d: %s", n, words(3+r.IntN(5))),
		Summary:      words(12 + r.IntN(10)),
		Body:         words(bodyWords/2+r.IntN(bodyWords)) + ". The remote exploitation was confirmed. " + words(10),
		Language:     "en",
		Organization: synOrgs[r.IntN(len(synOrgs))],
		Type:         synTypes[r.IntN(len(synTypes))],
		Authors:      []string{fmt.Sprintf("Researcher %d", r.IntN(40))},
	}
	y, m, day := 2010+r.IntN(15), 1+r.IntN(12), 1+r.IntN(28)
	switch p := r.IntN(10); {
	case p < 1: // undated
	case p < 3:
		d.Published, _ = rightsearch.ParseDate(fmt.Sprintf("%04d", y))
	case p < 5:
		d.Published, _ = rightsearch.ParseDate(fmt.Sprintf("%04d-%02d", y, m))
	default:
		d.Published, _ = rightsearch.ParseDate(fmt.Sprintf("%04d-%02d-%02d", y, m, day))
	}
	for range r.IntN(3) {
		d.Countries = append(d.Countries, synCountries[r.IntN(len(synCountries))])
	}
	if len(targets) > 0 && r.IntN(3) == 0 {
		d.Targets = []string{targets[r.IntN(len(targets))].Name}
	}
	return d
}

// writeCorpus writes documents 0..n-1 as import JSONL and returns their ids.
func writeCorpus(t testing.TB, path string, n, bodyWords int) []string {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	targets := seeds.MustLoad().Targets
	ids := make([]string, n)
	for i := range n {
		d := synDoc(i, bodyWords, targets)
		ids[i] = d.ID
		if err := enc.Encode(&d); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return ids
}

func TestSynDocIsValidAndDeterministic(t *testing.T) {
	targets := seeds.MustLoad().Targets
	orgs := map[string]bool{}
	for i := range 200 {
		d := synDoc(i, 100, targets)
		if err := d.Normalize(); err != nil {
			t.Fatalf("synDoc(%d) does not import: %v", i, err)
		}
		orgs[d.Organization] = true
	}
	if a, b := synDoc(7, 100, targets), synDoc(7, 100, targets); a.Body != b.Body || a.Published != b.Published {
		t.Error("synDoc(7) differs between calls")
	}
	if len(orgs) < 5 {
		t.Errorf("only %d organizations in 200 documents", len(orgs))
	}
}
