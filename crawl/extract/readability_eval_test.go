package extract

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

// fastMinTokenF1 is a little under what the fast subset (every 3rd page,
// 0.954) measured when the rules were last chosen.
const fastMinTokenF1 = 0.94

// readabilityPages lists go-readability's test pages (a dependency of
// go-trafilatura, so in the module cache): real news and blog pages, plus
// a few made-up ones, each with the main text Mozilla's Readability keeps
// (expected.html). That truth is a reviewed extractor's output, not a
// person's marking, and it keeps some comments and related links a person
// would cut: the set measures recall on real pages more than precision.
func readabilityPages() ([]string, error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/go-shiori/go-readability").Output()
	if err != nil {
		return nil, fmt.Errorf("go list go-readability: %w", err)
	}
	dirs, err := filepath.Glob(filepath.Join(strings.TrimSpace(string(out)), "test-pages", "*"))
	if err != nil {
		return nil, err
	}
	var pages []string
	for _, d := range dirs {
		if fileExists(filepath.Join(d, "source.html")) && fileExists(filepath.Join(d, "expected.html")) {
			pages = append(pages, d)
		}
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("no test pages under %s", strings.TrimSpace(string(out)))
	}
	sort.Strings(pages)
	return pages, nil
}

// TestEvalReadabilityPages prints the token F1 (eval_test.go's measure)
// of this package and of go-trafilatura alone against Readability's
// expected text.
func TestEvalReadabilityPages(t *testing.T) {
	pages, err := readabilityPages()
	if err != nil {
		t.Skipf("go-readability test pages not available (run `go mod download`): %v", err)
	}
	full := os.Getenv("RIGHTSEARCH_EVAL") == "full"
	extractors := []struct {
		name string
		run  func([]byte) string
	}{
		{"rightsearch", ours},
		{"go-trafilatura", func(b []byte) string {
			doc, err := html.Parse(bytes.NewReader(b))
			if err != nil {
				return ""
			}
			res, err := trafilatura.ExtractDocument(doc, trafilatura.Options{ExcludeComments: true, EnableFallback: true})
			if err != nil || res == nil {
				return ""
			}
			return res.ContentText
		}},
	}
	means := make([]float64, len(extractors))
	totals := make([]overlap, len(extractors))
	n := 0
	for i, dir := range pages {
		if !full && i%3 != 0 {
			continue
		}
		src, err := os.ReadFile(filepath.Join(dir, "source.html"))
		if err != nil {
			t.Fatal(err)
		}
		exp, err := os.ReadFile(filepath.Join(dir, "expected.html"))
		if err != nil {
			t.Fatal(err)
		}
		root, err := html.Parse(bytes.NewReader(exp))
		if err != nil {
			t.Fatalf("parse %s: %v", dir, err)
		}
		want := nodeText(root)
		n++
		for j, ex := range extractors {
			o := compare(ex.run(src), want)
			means[j] += o.f1()
			totals[j].common += o.common
			totals[j].got += o.got
			totals[j].want += o.want
		}
	}
	label := "all"
	if !full {
		label = "every 3rd; RIGHTSEARCH_EVAL=full for all"
	}
	t.Logf("go-readability test pages (%s), token F1 against Readability's expected text:", label)
	t.Logf("")
	t.Logf("| pages | extractor | mean F1 | micro F1 |")
	t.Logf("| ---: | --- | ---: | ---: |")
	for j, ex := range extractors {
		means[j] /= float64(n)
		t.Logf("| %d | %s | %.3f | %.3f |", n, ex.name, means[j], totals[j].f1())
	}
	if !full && means[0] < fastMinTokenF1 {
		t.Errorf("fast subset regressed: mean token F1 %.3f (floor %.2f)", means[0], fastMinTokenF1)
	}
}
