package extract

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"hash/fnv"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// corpusPage is one entry of go-trafilatura's comparison corpus: a real
// page, snippets its main text must and must not hold, and for some pages
// the title, date and authors.
type corpusPage struct {
	URL, File, Path string
	Title, Date     string
	Authors         []string
	With, Without   []string
	Heldout         bool // in the half not used to choose rules
	halfIndex       int  // position within its half, for the fast subset
}

// trafilaturaDir finds the go-trafilatura module in the module cache
// (go list works offline once it is downloaded).
func trafilaturaDir() (string, error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/markusmobius/go-trafilatura").Output()
	if err != nil {
		return "", fmt.Errorf("go list go-trafilatura: %w", err)
	}
	dir := strings.TrimSpace(string(out))
	if _, err := os.Stat(filepath.Join(dir, "scripts", "comparison", "data.go")); err != nil {
		return "", fmt.Errorf("comparison corpus: %w", err)
	}
	return dir, nil
}

// loadCorpus reads scripts/comparison/data.go (package main, so parsed, not
// imported) and resolves each entry's file under test-files as the
// comparison script does. Entries whose file is missing are skipped, as
// the script skips them.
func loadCorpus(dir string) ([]corpusPage, error) {
	src := filepath.Join(dir, "scripts", "comparison", "data.go")
	f, err := parser.ParseFile(token.NewFileSet(), src, nil, 0)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", src, err)
	}
	var lit *ast.CompositeLit
	ast.Inspect(f, func(n ast.Node) bool {
		if vs, ok := n.(*ast.ValueSpec); ok && len(vs.Names) == 1 && vs.Names[0].Name == "comparisonData" && len(vs.Values) == 1 {
			lit, _ = vs.Values[0].(*ast.CompositeLit)
		}
		return lit == nil
	})
	if lit == nil {
		return nil, errors.New("comparisonData not found in " + src)
	}
	var pages []corpusPage
	for _, e := range lit.Elts {
		kv, ok := e.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		p, err := corpusEntry(kv)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", src, err)
		}
		for _, sub := range []string{"comparison", "mock"} {
			if path := filepath.Join(dir, "test-files", sub, p.File); fileExists(path) {
				p.Path = path
				break
			}
		}
		if p.Path != "" && p.File != "" {
			pages = append(pages, p)
		}
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].File < pages[j].File })
	var tune, held int
	for i := range pages {
		// The split depends on the file name alone, so it is the same on
		// every machine and for every future version of the rules.
		h := fnv.New32a()
		h.Write([]byte(pages[i].File))
		pages[i].Heldout = h.Sum32()%2 == 1
		if pages[i].Heldout {
			pages[i].halfIndex = held
			held++
		} else {
			pages[i].halfIndex = tune
			tune++
		}
	}
	return pages, nil
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

func corpusEntry(kv *ast.KeyValueExpr) (corpusPage, error) {
	var p corpusPage
	key, ok := kv.Key.(*ast.BasicLit)
	if !ok {
		return p, errors.New("entry key is not a string")
	}
	url, err := strconv.Unquote(key.Value)
	if err != nil {
		return p, fmt.Errorf("entry key %s: %w", key.Value, err)
	}
	p.URL = url
	body, ok := kv.Value.(*ast.CompositeLit)
	if !ok {
		return p, fmt.Errorf("entry %s is not a composite literal", url)
	}
	for _, e := range body.Elts {
		field, ok := e.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		name, _ := field.Key.(*ast.Ident)
		if name == nil {
			continue
		}
		switch name.Name {
		case "File":
			p.File, err = stringLit(field.Value)
		case "Title":
			p.Title, err = stringLit(field.Value)
		case "Date":
			p.Date, err = stringLit(field.Value)
		case "Authors":
			p.Authors, err = stringsLit(field.Value)
		case "With":
			p.With, err = stringsLit(field.Value)
		case "Without":
			p.Without, err = stringsLit(field.Value)
		}
		if err != nil {
			return p, fmt.Errorf("entry %s field %s: %w", url, name.Name, err)
		}
	}
	return p, nil
}

func stringLit(e ast.Expr) (string, error) {
	b, ok := e.(*ast.BasicLit)
	if !ok || b.Kind != token.STRING {
		return "", errors.New("not a string literal")
	}
	return strconv.Unquote(b.Value)
}

func stringsLit(e ast.Expr) ([]string, error) {
	c, ok := e.(*ast.CompositeLit)
	if !ok {
		return nil, errors.New("not a []string literal")
	}
	var out []string
	for _, el := range c.Elts {
		s, err := stringLit(el)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}
