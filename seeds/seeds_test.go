package seeds

import (
	"testing"

	rightsearch "github.com/rightsearch/rightsearch"
)

func TestCatalogLinksLetterAndCitedDocuments(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if c.Letter.ID != LetterID || c.Letter.Body == "" {
		t.Fatalf("letter = %q with %d bytes of body", c.Letter.ID, len(c.Letter.Body))
	}
	if got := len(c.Letter.Cites); got != 21 {
		t.Errorf("letter cites %d documents, want 21", got)
	}
	cited := 0
	for _, d := range c.Documents {
		isCited := len(d.CitedBy) == 1 && d.CitedBy[0] == LetterID
		if isCited != (d.Relation == "cited") {
			t.Errorf("%s: relation %q but cited_by %v", d.ID, d.Relation, d.CitedBy)
		}
		if isCited {
			cited++
		}
		if d.Summary == "" || d.Title == "" || d.Published.IsZero() {
			t.Errorf("%s: missing title, summary or date", d.ID)
		}
	}
	if cited != 21 {
		t.Errorf("%d documents cited by the letter, want 21", cited)
	}
	if d, ok := c.Get("masarir-2018-targeted"); !ok || d.Published != (rightsearch.Date{Year: 2018, Month: 11}) {
		t.Errorf("masarir-2018-targeted published = %v, want 2018-11 at month precision", d.Published)
	}
	if len(c.Targets) < 20 || c.Hash == "" {
		t.Errorf("%d targets, hash %q", len(c.Targets), c.Hash)
	}
}

func TestAllReturnsCopies(t *testing.T) {
	c := MustLoad()
	a := c.All()
	a[0].Targets[0] = "changed"
	if c.Letter.Targets[0] == "changed" {
		t.Fatal("All shares slices with the catalog")
	}
}
