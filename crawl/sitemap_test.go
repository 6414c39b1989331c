package crawl

import (
	"slices"
	"strings"
	"testing"
)

func TestParseSitemap(t *testing.T) {
	urlset := `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc> https://lab.example/p/1 </loc></url>
<url><loc>https://lab.example/p/2</loc><lastmod>2020-01-01</lastmod></url></urlset>`
	index := `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://lab.example/a.xml</loc></sitemap></sitemapindex>`
	tests := []struct {
		name            string
		body            []byte
		pages, sitemaps []string
		err             string
	}{
		{"urlset", []byte(urlset), []string{"https://lab.example/p/1", "https://lab.example/p/2"}, nil, ""},
		{"gzipped", gzipBytes([]byte(urlset)), []string{"https://lab.example/p/1", "https://lab.example/p/2"}, nil, ""},
		{"index", []byte(index), nil, []string{"https://lab.example/a.xml"}, ""},
		{"text", []byte("https://lab.example/p/3\n# comment\nhttps://lab.example/p/4\n"), []string{"https://lab.example/p/3", "https://lab.example/p/4"}, nil, ""},
		{"rss", []byte(`<rss><channel></channel></rss>`), nil, nil, "root element <rss>"},
		{"broken", []byte(`<urlset><url><loc>x`), nil, nil, "sitemap:"},
		{"bomb", gzipBomb, nil, nil, "cap"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseSitemap(tt.body, 1<<20)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || !slices.Equal(got.pages, tt.pages) || !slices.Equal(got.sitemaps, tt.sitemaps) {
				t.Errorf("parseSitemap = %+v, %v", got, err)
			}
		})
	}
}
