package crawl

import (
	"slices"
	"testing"
)

func TestReportLinks(t *testing.T) {
	page := readFixture(t, "report.html")
	got := reportLinks(page, "https://lab.example/research/2016/08/implant-report/")
	want := []string{"https://lab.example/reports/annex.pdf", "https://lab.example/research/2015/10/earlier-study/"}
	if !slices.Equal(got, want) {
		t.Errorf("reportLinks = %q, want %q", got, want)
	}
	other := []byte(`<a href="https://elsewhere.example/report.pdf">x</a><a href="mailto:a@b">m</a>
		<a href="/research/">listing</a><a href="/2019/05/post/">dated</a><a href="/wp-content/uploads/r.pdf">pdf</a>`)
	got = reportLinks(other, "https://lab.example/")
	want = []string{"https://lab.example/2019/05/post/", "https://lab.example/wp-content/uploads/r.pdf"}
	if !slices.Equal(got, want) {
		t.Errorf("reportLinks = %q, want %q", got, want)
	}
}
