package crawl

import (
	"bytes"
	"net/url"
	"path"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// assetExt are file types extraction cannot read: links to them are
// never followed, whatever the scope.
var assetExt = map[string]bool{
	".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".svg": true, ".webp": true, ".ico": true,
	".css": true, ".js": true, ".json": true, ".woff": true, ".woff2": true, ".ttf": true,
	".mp3": true, ".mp4": true, ".m4a": true, ".webm": true, ".mov": true, ".avi": true,
	".zip": true, ".gz": true, ".tgz": true, ".7z": true, ".rar": true, ".exe": true, ".dmg": true, ".apk": true,
}

// htmlPage is what the crawler reads from an HTML page besides its text: the
// links it may follow and the texts of its anchors (for the listing rule).
type htmlPage struct {
	links   []string // canonical http(s) URLs, in page order, once each, not the page itself
	anchors []string // the visible text of every <a>, whitespace collapsed
}

// readPage lists an HTML page's links, resolved against its URL (or its
// <base href>), of any host: the scope decides which are followed.
func readPage(body []byte, pageURL string) htmlPage {
	var p htmlPage
	base, err := url.Parse(pageURL)
	if err != nil {
		return p
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return p
	}
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok {
		if b, err := base.Parse(href); err == nil {
			base = b
		}
	}
	self := canonical(pageURL)
	seen := map[string]bool{}
	doc.Find("a").Each(func(_ int, a *goquery.Selection) {
		if t := strings.Join(strings.Fields(a.Text()), " "); t != "" {
			p.anchors = append(p.anchors, t)
		}
	})
	doc.Find("a[href], area[href]").Each(func(_ int, a *goquery.Selection) {
		href, _ := a.Attr("href")
		u, err := base.Parse(strings.TrimSpace(href))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
			assetExt[strings.ToLower(path.Ext(u.Path))] {
			return
		}
		c := canonical(u.String())
		if c == self || seen[c] {
			return
		}
		seen[c] = true
		p.links = append(p.links, c)
	})
	return p
}
