package crawl

import (
	rightsearch "github.com/rightsearch/rightsearch"
)

// extracted is one fetched URL's Document and where its bytes are.
type extracted struct {
	doc       rightsearch.Document
	url       string // the URL as fetched (after redirects)
	requested string // the canonical URL requested
	pdf       bool
	prov      rightsearch.Provenance
	anchors   []string // an HTML page's anchor texts, for the listing rule
}

// merge builds a catalog entry's one Document from its fetched parts: the
// fuller text is the body (with that fetch's provenance), the HTML page
// gives the metadata, the PDF fills what the page lacks, and the catalog's
// own facts in base win wherever they are set.
func merge(base rightsearch.Document, firstURL string, parts []extracted) rightsearch.Document {
	var page, pdf *extracted
	for i := range parts {
		switch {
		case parts[i].pdf && pdf == nil:
			pdf = &parts[i]
		case !parts[i].pdf && page == nil:
			page = &parts[i]
		}
	}
	var out rightsearch.Document
	bodyFrom := page
	switch {
	case page != nil && pdf != nil:
		out = page.doc
		out.FillFrom(pdf.doc)
		if len(pdf.doc.Body) > len(page.doc.Body) {
			bodyFrom = pdf
		}
		out.URL, out.PDFURL = page.url, pdf.url
	case page != nil:
		out = page.doc
		out.URL = page.url
	case pdf != nil:
		out, bodyFrom = pdf.doc, pdf
		out.URL, out.PDFURL = pdf.url, pdf.url
	default:
		return rightsearch.Document{}
	}
	out.Body = bodyFrom.doc.Body
	prov := bodyFrom.prov
	out.Provenance = &prov
	base.FillFrom(out)
	if base.ID == "" {
		base.ID = rightsearch.IDForURL(firstURL)
	}
	base.Provenance = &prov
	return base
}
