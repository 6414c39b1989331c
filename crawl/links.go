package crawl

import (
	"bytes"
	"net/url"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// reportPath matches paths that look like a report, an article or a
// publication rather than navigation.
var reportPath = regexp.MustCompile(`(?i)(\.pdf$|report|research|publication|investigation|analysis|/20\d\d/)`)

// navPath matches paths that are listings, feeds or site furniture even
// when they contain a report-like word.
var navPath = regexp.MustCompile(`(?i)(/tag/|/tags/|/category/|/categories/|/author/|/page/\d|/feed/?$|/search|/login|/wp-admin|/wp-json|/share|/comments?/|\.(jpe?g|png|gif|svg|css|js|xml|zip)$)`)

// reportLinks lists the same-host links in an HTML page that look like
// reports or PDFs, resolved against the page URL, canonical, in page order.
func reportLinks(page []byte, pageURL string) []string {
	base, err := url.Parse(pageURL)
	if err != nil {
		return nil
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(page))
	if err != nil {
		return nil
	}
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok {
		if b, err := base.Parse(href); err == nil {
			base = b
		}
	}
	self := canonical(pageURL)
	seen := map[string]bool{}
	var out []string
	doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
		href, _ := a.Attr("href")
		u, err := base.Parse(strings.TrimSpace(href))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") ||
			!strings.EqualFold(u.Hostname(), base.Hostname()) || u.Port() != base.Port() {
			return
		}
		if !reportPath.MatchString(u.Path) || navPath.MatchString(u.Path) || isSectionRoot(u.Path) {
			return
		}
		c := canonical(u.String())
		if c == self || seen[c] {
			return
		}
		seen[c] = true
		out = append(out, c)
	})
	return out
}

// isSectionRoot: a one-segment path such as /research/ is a listing, not a
// report, unless it is a file.
func isSectionRoot(p string) bool {
	return len(strings.FieldsFunc(p, func(r rune) bool { return r == '/' })) < 2 &&
		!strings.HasSuffix(strings.ToLower(p), ".pdf")
}
