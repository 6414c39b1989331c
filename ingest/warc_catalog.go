package ingest

import (
	"net/url"
	"strings"
	"sync"

	"github.com/rightsearch/rightsearch/seeds"
)

// A capture of a page or PDF the catalog cites becomes that catalog
// entry, as a crawl of it does (crawl/merge.go, which exports nothing to
// reuse): the entry's id and facts, the captured text filling what they
// lack, and the capture's provenance.

// catalogByURL maps each seed document's page and PDF URL (catalogKey)
// to its id.
var catalogByURL = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	c, err := seeds.Load()
	if err != nil {
		return m
	}
	for _, d := range c.All() {
		for _, u := range []string{d.URL, d.PDFURL} {
			if u != "" {
				m[catalogKey(u)] = d.ID
			}
		}
	}
	return m
})

// catalogKey is the form under which a captured URL is compared with the
// catalog's: scheme, "www.", default port, fragment and a trailing slash
// do not tell two captures of a report apart; the query does.
func catalogKey(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return strings.TrimSpace(raw)
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	if p := u.Port(); p != "" && p != "80" && p != "443" {
		host += ":" + p
	}
	key := host + strings.TrimRight(u.EscapedPath(), "/")
	if u.RawQuery != "" {
		key += "?" + u.RawQuery
	}
	return key
}

// catalogParts keeps the captures of catalog entries until the archive
// ends, so that an entry's page and PDF make one document.
type catalogParts struct {
	order []string
	parts map[string][]catalogPart
}

type catalogPart struct {
	it  Item
	pdf bool
}

func newCatalogParts() *catalogParts { return &catalogParts{parts: map[string][]catalogPart{}} }

// keep takes a capture of a catalog entry, or says it is none.
func (p *catalogParts) keep(it Item, pdf bool) bool {
	id, ok := catalogByURL()[catalogKey(it.Doc.URL)]
	if !ok {
		return false
	}
	if _, seen := p.parts[id]; !seen {
		p.order = append(p.order, id)
	}
	p.parts[id] = append(p.parts[id], catalogPart{it: it, pdf: pdf})
	return true
}

// merged gives each captured entry's document: the latest page gives the
// metadata, the latest PDF fills what it lacks, the fuller text is the
// body (with that capture's provenance and raw bytes), and the catalog's
// facts win wherever they are set.
func (p *catalogParts) merged() []Item {
	c, err := seeds.Load()
	if err != nil {
		return nil
	}
	var out []Item
	for _, id := range p.order {
		var page, pdf *Item
		for i := range p.parts[id] {
			part := &p.parts[id][i]
			latest := &page
			if part.pdf {
				latest = &pdf
			}
			if *latest == nil || part.it.Doc.Provenance.FetchedAt.After((*latest).Doc.Provenance.FetchedAt) {
				*latest = &part.it
			}
		}
		it := mergeCaptures(page, pdf)
		base, ok := c.Get(id)
		if !ok {
			continue
		}
		base.FillFrom(it.Doc)
		base.Provenance = it.Doc.Provenance
		it.Doc = base
		out = append(out, it)
	}
	return out
}

func mergeCaptures(page, pdf *Item) Item {
	switch {
	case page == nil:
		return *pdf
	case pdf == nil:
		return *page
	}
	it := *page
	body := page
	if len(pdf.Doc.Body) > len(page.Doc.Body) {
		body = pdf
	}
	it.Doc.FillFrom(pdf.Doc)
	it.Doc.URL, it.Doc.PDFURL = page.Doc.URL, pdf.Doc.URL
	it.Doc.Body, it.Doc.Provenance = body.Doc.Body, body.Doc.Provenance
	it.Raw, it.RawType = body.Raw, body.RawType
	return it
}
