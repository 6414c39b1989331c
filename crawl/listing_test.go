package crawl

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rightsearch/rightsearch/crawl/extract"
)

// The listing rule on pages written for it: lists of links are kept out,
// articles (even short ones, even with inline links) are not.
func TestNoMainText(t *testing.T) {
	tests := []struct {
		file    string
		keptOut bool
	}{
		{"index.html", true},      // a publication list: titles that link to reports
		{"people.html", true},     // a people page: names that link to profiles
		{"pubs-index.html", true}, // a short list of older publications
		// A tag page of titles with one-line teasers is indexed: the
		// extractor keeps the teasers and drops the linked titles, and the
		// rule that would catch it (link density of the whole page) also
		// kept out 4 more real articles of go-trafilatura's 728.
		{"tag.html", false},
		{"p-8831.html", false},     // a report with inline links
		{"short-note.html", false}, // a short statement without links
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", "scope", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			d, err := extract.Document(context.Background(), b, "text/html", "https://lab.example/"+tt.file)
			if err != nil {
				t.Fatal(err)
			}
			got, why := noMainText(d.Body, readPage(b, "https://lab.example/"+tt.file).anchors)
			t.Logf("%s: %d words, link share %.2f", tt.file, len(strings.Fields(d.Body)), linkShare(d.Body, readPage(b, "").anchors))
			if got != tt.keptOut {
				t.Errorf("noMainText = %v (%s), want %v; link share %.2f of %d words",
					got, why, tt.keptOut, linkShare(d.Body, readPage(b, "").anchors), len(strings.Fields(d.Body)))
			}
		})
	}
}

// comparisonDir holds go-trafilatura's real article pages and the file
// naming, for each, text its main content must contain.
func comparisonDir(t *testing.T) (pages string, expected string) {
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Skipf("go env GOMODCACHE: %v", err)
	}
	root := filepath.Join(strings.TrimSpace(string(out)), "github.com", "markusmobius", "go-trafilatura@v1.12.2")
	pages, expected = filepath.Join(root, "test-files", "comparison"), filepath.Join(root, "scripts", "comparison", "data.go")
	for _, p := range []string{pages, expected} {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("go-trafilatura's comparison pages are not in the module cache (%v)", err)
		}
	}
	return pages, expected
}

// withSnippets reads, from go-trafilatura's comparison data (Go source,
// parsed in place), the snippets each page's main text must contain.
func withSnippets(t *testing.T, path string) map[string][]string {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	out := map[string][]string{}
	ast.Inspect(f, func(n ast.Node) bool {
		lit, ok := n.(*ast.CompositeLit)
		if !ok {
			return true
		}
		var file string
		var with []string
		for _, e := range lit.Elts {
			kv, ok := e.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			switch k, _ := kv.Key.(*ast.Ident); {
			case k == nil:
			case k.Name == "File":
				if b, ok := kv.Value.(*ast.BasicLit); ok {
					file, _ = strconv.Unquote(b.Value)
				}
			case k.Name == "With":
				if l, ok := kv.Value.(*ast.CompositeLit); ok {
					for _, s := range l.Elts {
						if b, ok := s.(*ast.BasicLit); ok {
							v, _ := strconv.Unquote(b.Value)
							with = append(with, v)
						}
					}
				}
			}
		}
		if file != "" {
			out[file] = with
			return false
		}
		return true
	})
	return out
}

// The listing rule measured on real articles: of go-trafilatura's
// comparison pages whose article text extraction did find (every "with"
// snippet in the body), how many would the crawler keep out of the index?
func TestListingRuleOnRealArticles(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts ~950 real pages")
	}
	dir, data := comparisonDir(t)
	snippets := withSnippets(t, data)
	var found, keptOut, junk, junkKept int
	for file, with := range snippets {
		b, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil || len(with) == 0 {
			continue
		}
		d, err := extract.Document(context.Background(), b, "text/html", "https://example.org/article")
		if err != nil {
			continue
		}
		out, why := noMainText(d.Body, readPage(b, "https://example.org/article").anchors)
		body := strings.Join(strings.Fields(d.Body), " ")
		ok := true
		for _, w := range with {
			ok = ok && strings.Contains(body, strings.Join(strings.Fields(w), " "))
		}
		switch {
		case ok:
			found++
			if out {
				keptOut++
				t.Logf("kept out a real article: %s: %s", file, why)
			}
		default:
			junk++
			if out {
				junkKept++
			}
		}
	}
	t.Logf("%d of %d real articles extracted whole would be kept out of the index (%.1f%%); "+
		"of %d pages whose extraction missed the article, %d would be", keptOut, found,
		100*float64(keptOut)/float64(max(found, 1)), junk, junkKept)
	if found < 300 {
		t.Fatalf("only %d comparison pages extracted whole: the data did not load as expected", found)
	}
	if float64(keptOut) > 0.01*float64(found) {
		t.Errorf("the listing rule keeps out %d of %d real articles, more than 1%%", keptOut, found)
	}
}
