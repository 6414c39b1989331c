package crawl

import (
	"slices"
	"testing"
)

// readPage lists every http(s) link of a page, on any host (the scope
// decides later), once each, resolved, without the page itself, mail
// links and files extraction cannot read. It used to keep only paths with
// report words; that filter is gone (issue 11).
func TestReadPageLinks(t *testing.T) {
	page := []byte(`<html><head><base href="/lab/"></head><body>
		<a href="https://elsewhere.example/report.pdf">x</a><a href="mailto:a@b">m</a>
		<a href="p/8831">a report without a report word</a><a href="/moved">moved</a>
		<a href="/moved#top">the same</a><a href="/lab/">this page</a><a href="/logo.png">logo</a>
		<a href="/style.css">css</a><area href="/map/region"><a href="/files/brief.PDF">brief</a></body></html>`)
	got := readPage(page, "https://lab.example/lab/").links
	want := []string{"https://elsewhere.example/report.pdf", "https://lab.example/lab/p/8831",
		"https://lab.example/moved", "https://lab.example/map/region", "https://lab.example/files/brief.PDF"}
	if !slices.Equal(got, want) {
		t.Errorf("links = %q\nwant    %q", got, want)
	}
}
