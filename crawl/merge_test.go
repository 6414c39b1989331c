package crawl

import (
	"slices"
	"testing"

	rightsearch "github.com/rightsearch/rightsearch"
)

func TestMerge(t *testing.T) {
	page := extracted{url: "https://lab.example/r/", prov: rightsearch.Provenance{SHA256: "page"},
		doc: rightsearch.Document{Title: "Page title", Body: "short page text", Authors: []string{"A. Writer"},
			Language: "en", Published: rightsearch.MustDate("2016-08-24")}}
	pdf := extracted{url: "https://lab.example/r.pdf", pdf: true, prov: rightsearch.Provenance{SHA256: "pdf"},
		doc: rightsearch.Document{Title: "PDF title", Body: "a much longer text from the PDF\fsecond page",
			Authors: []string{"Someone Else"}, Summary: "from the pdf"}}
	longPage := page
	longPage.doc.Body = "a page whose text is longer than anything in the PDF, by quite a margin indeed"
	base := rightsearch.Document{ID: "cat-id", Title: "Catalog title", Organization: "Example Lab",
		Targets: []string{"Someone"}}
	tests := []struct {
		name       string
		base       rightsearch.Document
		parts      []extracted
		wantID     string
		wantTitle  string
		wantBody   string
		wantSHA    string
		wantPDFURL string
		wantURL    string
	}{
		{"pdf fuller", rightsearch.Document{}, []extracted{page, pdf}, rightsearch.IDForURL("https://lab.example/r/"),
			"Page title", pdf.doc.Body, "pdf", pdf.url, page.url},
		{"page fuller", rightsearch.Document{}, []extracted{longPage, pdf}, rightsearch.IDForURL("https://lab.example/r/"),
			"Page title", longPage.doc.Body, "page", pdf.url, page.url},
		{"catalog wins", base, []extracted{pdf, page}, "cat-id", "Catalog title", pdf.doc.Body, "pdf", pdf.url, page.url},
		{"pdf only", rightsearch.Document{}, []extracted{pdf}, rightsearch.IDForURL("https://lab.example/r/"),
			"PDF title", pdf.doc.Body, "pdf", pdf.url, pdf.url},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := merge(tt.base, "https://lab.example/r/", tt.parts)
			if d.ID != tt.wantID || d.Title != tt.wantTitle || d.Body != tt.wantBody || d.Provenance.SHA256 != tt.wantSHA ||
				d.PDFURL != tt.wantPDFURL || d.URL != tt.wantURL {
				t.Errorf("merge = id %q title %q body %q sha %q pdf %q url %q", d.ID, d.Title, d.Body,
					d.Provenance.SHA256, d.PDFURL, d.URL)
			}
		})
	}
	d := merge(base, "https://lab.example/r/", []extracted{page, pdf})
	if !slices.Equal(d.Authors, []string{"A. Writer"}) || d.Summary != "from the pdf" || d.Organization != "Example Lab" ||
		d.Published.String() != "2016-08-24" || !slices.Equal(d.Targets, []string{"Someone"}) || d.Language != "en" {
		t.Errorf("metadata: page first, pdf fills gaps, catalog wins: %+v", d)
	}
}
