package crawl

import rightsearch "github.com/rightsearch/rightsearch"

// CatalogSeeds turns catalog Documents into Seeds: each entry's page and
// PDF (whichever it has) are fetched and merged into that entry, whose
// facts win over what is extracted. Entries without any URL are left out.
func CatalogSeeds(docs []rightsearch.Document) []Seed {
	var out []Seed
	for _, d := range docs {
		var urls []string
		for _, u := range []string{d.URL, d.PDFURL} {
			if u != "" {
				urls = append(urls, u)
			}
		}
		if len(urls) > 0 {
			out = append(out, Seed{URLs: urls, Base: d})
		}
	}
	return out
}

// URLSeeds makes one Seed per URL given on the command line; each gets an
// id from its URL (rightsearch.IDForURL).
func URLSeeds(urls []string) []Seed {
	out := make([]Seed, 0, len(urls))
	for _, u := range urls {
		out = append(out, Seed{URLs: []string{u}})
	}
	return out
}
