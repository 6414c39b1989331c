package rightsearch

import "slices"

// FillFrom sets every empty field of d that src has: how a catalog entry
// takes in what a crawl or a web archive captured of it without losing its
// own facts. The id, provenance and the catalog's relational fields (cites,
// cited by, relation) are left alone.
func (d *Document) FillFrom(src Document) {
	for _, f := range []struct{ d, s *string }{
		{&d.URL, &src.URL}, {&d.PDFURL, &src.PDFURL}, {&d.Title, &src.Title},
		{&d.Summary, &src.Summary}, {&d.Body, &src.Body}, {&d.Language, &src.Language},
		{&d.Organization, &src.Organization}, {&d.Type, &src.Type},
	} {
		if *f.d == "" {
			*f.d = *f.s
		}
	}
	for _, f := range []struct{ d, s *[]string }{
		{&d.Authors, &src.Authors}, {&d.Targets, &src.Targets}, {&d.Countries, &src.Countries},
		{&d.Spyware, &src.Spyware}, {&d.Indicators, &src.Indicators},
	} {
		if len(*f.d) == 0 {
			*f.d = slices.Clone(*f.s)
		}
	}
	if d.Published.IsZero() {
		d.Published = src.Published
	}
}
