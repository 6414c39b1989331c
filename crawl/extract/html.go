package extract

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/markusmobius/go-trafilatura"
	rightsearch "github.com/rightsearch/rightsearch"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// minSiteText and minGenericText are how much text a site or CMS container
// must hold to be trusted over trafilatura's own search (a teaser box is
// shorter).
const (
	minSiteText    = 200
	minGenericText = 500
)

// HTML extracts the title, main text and metadata of a page. pageURL picks
// a site rule and becomes the Document's URL; when it is empty the page's
// canonical link is used to pick the rule.
func HTML(body []byte, pageURL string) (rightsearch.Document, error) {
	doc, err := goquery.NewDocumentFromReader(utf8Reader(body))
	if err != nil {
		return rightsearch.Document{}, fmt.Errorf("parse html: %w", err)
	}
	ld := readJSONLD(doc)
	d := rightsearch.Document{
		URL:       pageURL,
		Title:     title(doc, ld),
		Published: published(doc, ld),
		Authors:   authors(doc, ld),
		Language:  language(doc),
	}
	ruleURL := pageURL
	if ruleURL == "" {
		ruleURL = canonical(doc)
	}
	d.Body = dropTitleLine(mainText(doc, ruleURL), d.Title)
	if d.Body == "" && d.Title == "" {
		return rightsearch.Document{}, fmt.Errorf("html: %w", ErrNoText)
	}
	return d, nil
}

// utf8Reader converts a page in a legacy charset (declared in a <meta> or
// sniffed) to UTF-8, which the parser assumes.
func utf8Reader(body []byte) io.Reader {
	enc, name, _ := charset.DetermineEncoding(body, "text/html")
	if name == "utf-8" || enc == nil {
		return bytes.NewReader(body)
	}
	return enc.NewDecoder().Reader(bytes.NewReader(body))
}

func canonical(doc *goquery.Document) string {
	if h := doc.Find(`link[rel="canonical"]`).AttrOr("href", ""); h != "" {
		return h
	}
	return metaContent(doc, "og:url")
}

// mainText picks the article's text: a site rule for the catalog's
// publishers, then the usual CMS body containers, then trafilatura on the
// page with boilerplate blocks pruned.
func mainText(doc *goquery.Document, pageURL string) string {
	doc.Find("script, style, noscript, template").Remove()
	if r := ruleFor(pageURL); r != nil {
		if t := containerText(doc, r.container, r.drop, minSiteText); t != "" {
			return t
		}
	}
	if t := containerText(doc, genericContainers, "", minGenericText); t != "" {
		return t
	}
	return trafilaturaText(doc)
}

// containerText renders the first selector match holding at least minLen
// bytes of text once cleaned.
func containerText(doc *goquery.Document, selectors []string, drop string, minLen int) string {
	for _, s := range selectors {
		sel := doc.Find(s).First()
		if sel.Length() == 0 {
			continue
		}
		c := sel.Clone()
		clean(c, drop)
		if t := nodeText(c.Get(0)); len(t) >= minLen {
			return t
		}
	}
	return ""
}

// trafOptions exclude comments (readers' words are not the evidence) and
// let trafilatura compare itself with readability and DOM distiller.
var trafOptions = trafilatura.Options{
	ExcludeComments: true,
	EnableFallback:  true,
	HtmlDateMode:    trafilatura.Disabled,
}

func trafilaturaText(doc *goquery.Document) string {
	body := doc.Find("body")
	if body.Length() > 0 {
		clean(body, "")
	}
	res, err := safeTrafilatura(doc.Get(0))
	if err != nil || res == nil || res.ContentNode == nil {
		return nodeText(body.Get(0))
	}
	return nodeText(res.ContentNode)
}

// safeTrafilatura guards against a panic deep in a third-party parser on
// hostile markup: one bad page must not take the crawl down.
func safeTrafilatura(n *html.Node) (res *trafilatura.ExtractResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("trafilatura panic: %v", r)
		}
	}()
	if n == nil {
		return nil, errors.New("empty document")
	}
	return trafilatura.ExtractDocument(n, trafOptions)
}

// dropTitleLine removes the headline when the container repeats it: Title
// already holds it.
func dropTitleLine(body, title string) string {
	first, rest, _ := strings.Cut(body, "\n\n")
	if title != "" && strings.EqualFold(strings.TrimSpace(first), strings.TrimSpace(title)) {
		return strings.TrimSpace(rest)
	}
	return body
}
