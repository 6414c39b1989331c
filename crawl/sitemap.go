package crawl

import (
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// maxSitemapFiles bounds how many sitemap files (indexes included) one
// host's discovery reads: an index of indexes cannot make it loop.
const maxSitemapFiles = 50

// sitemapFile is what one sitemap says: either page URLs (a urlset, or a
// plain text list) or further sitemaps (a sitemapindex).
type sitemapFile struct {
	pages, sitemaps []string
}

// parseSitemap reads a sitemap (sitemaps.org 0.9, XML or text), gzipped
// or not. Entries are returned as written; the caller resolves and checks
// them.
func parseSitemap(body []byte, limit int64) (sitemapFile, error) {
	if bytes.HasPrefix(body, []byte{0x1f, 0x8b}) {
		var err error
		if body, err = decode(body, "gzip", limit); err != nil {
			return sitemapFile{}, fmt.Errorf("sitemap: %w", err)
		}
	}
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")))
	if !bytes.HasPrefix(trimmed, []byte("<")) {
		return textSitemap(trimmed), nil
	}
	var doc struct {
		XMLName xml.Name
		URLs    []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
		Maps []struct {
			Loc string `xml:"loc"`
		} `xml:"sitemap"`
	}
	if err := xml.Unmarshal(trimmed, &doc); err != nil {
		return sitemapFile{}, fmt.Errorf("sitemap: %w", err)
	}
	var out sitemapFile
	switch doc.XMLName.Local {
	case "urlset":
		for _, u := range doc.URLs {
			if l := strings.TrimSpace(u.Loc); l != "" {
				out.pages = append(out.pages, l)
			}
		}
	case "sitemapindex":
		for _, m := range doc.Maps {
			if l := strings.TrimSpace(m.Loc); l != "" {
				out.sitemaps = append(out.sitemaps, l)
			}
		}
	default:
		return out, fmt.Errorf("sitemap: root element <%s>, want <urlset> or <sitemapindex>", doc.XMLName.Local)
	}
	return out, nil
}

// textSitemap is the plain-text form: one URL a line.
func textSitemap(body []byte) sitemapFile {
	var out sitemapFile
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") {
			out.pages = append(out.pages, l)
		}
	}
	return out
}

// sitemapPages reads root's sitemaps: those its robots.txt names, then
// /sitemap.xml, and every sitemap an index lists, on root's registered
// domain only. Each file goes through the guard, robots.txt and the
// archive like any fetch. A missing /sitemap.xml is not a failure. It
// returns the page URLs found, each with the sitemap that listed it.
func (r *run) sitemapPages(ctx context.Context, root *url.URL) []found {
	declared, err := r.f.robots.sitemaps(ctx, root)
	if err != nil {
		return nil // the seeds' own fetches report an unreadable robots.txt
	}
	implicit := root.ResolveReference(&url.URL{Path: "/sitemap.xml"}).String()
	queue := append(append([]string(nil), declared...), implicit)
	seen := map[string]bool{}
	var pages []found
	for n := 0; len(queue) > 0 && n < maxSitemapFiles; {
		sm := canonical(queue[0])
		queue = queue[1:]
		if seen[sm] {
			continue
		}
		seen[sm] = true
		u, err := url.Parse(sm)
		if err != nil || domainOf(u.Hostname()) != domainOf(root.Hostname()) {
			r.tally.note(URLResult{URL: sm, Via: ViaDiscovery, Outcome: OutcomeExcluded,
				Reason: "sitemap on another domain than " + root.Host})
			continue
		}
		n++
		file, err := r.readSitemap(ctx, sm, sm == canonical(implicit))
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			continue
		}
		queue = append(queue, file.sitemaps...)
		for _, p := range file.pages {
			if pu, err := u.Parse(p); err == nil {
				pages = append(pages, found{url: canonical(pu.String()), from: sm})
			}
		}
	}
	return pages
}

// readSitemap fetches (or reads back) one sitemap file and notes its
// outcome. A 404 or 410 for the implicit /sitemap.xml is noted, not
// counted as a failure: most sites have none.
func (r *run) readSitemap(ctx context.Context, sm string, implicit bool) (sitemapFile, error) {
	tr := &fetchTrace{}
	g, err := r.get(ctx, sm, tr)
	res := URLResult{URL: sm, Via: ViaDiscovery, Retries: tr.retries}
	var se *StatusError
	switch {
	case err != nil && implicit && errors.As(err, &se) && (se.Code == 404 || se.Code == 410):
		res.Outcome, res.Reason = OutcomeSitemap, "no sitemap ("+err.Error()+")"
		r.tally.note(res)
		return sitemapFile{}, err
	case err != nil:
		r.fetchFailed(sm, res, err)
		return sitemapFile{}, err
	}
	file, err := parseSitemap(g.payload, r.c.opts.MaxBytes)
	if err != nil {
		r.urlFailed(sm, res, err)
		return sitemapFile{}, err
	}
	res.Outcome = OutcomeSitemap
	res.Reason = fmt.Sprintf("lists %d pages", len(file.pages))
	if len(file.sitemaps) > 0 {
		res.Reason = fmt.Sprintf("index of %d sitemaps", len(file.sitemaps))
	}
	r.tally.note(res)
	return file, nil
}
