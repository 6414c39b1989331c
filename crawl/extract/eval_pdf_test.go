package extract

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	rightsearch "github.com/rightsearch/rightsearch"
)

// pdfCorpus is ../shared/corpora/pdf: 150 PDFs from pdf.js's test suite,
// real and broken, read in place (never copied into the repository).
const pdfCorpus = "../../../shared/corpora"

// pdfEvalSubset is what TestEvalPDF reads without RIGHTSEARCH_EVAL=full:
// a paper, a 352-page book, files the old pure-Go reader refused, a bomb.
var pdfEvalSubset = []string{"tracemonkey.pdf", "freeculture.pdf", "pdfjs_wikipedia.pdf", "mixedfonts.pdf", "bomb_giant.pdf"}

type pdfManifestEntry struct {
	File  string `json:"file"`
	Pages int    `json:"pdfinfo_pages"`
	Chars *int   `json:"pdftotext_chars"`
}

// pdfEvalRun is one engine on one file.
type pdfEvalRun struct {
	file  string
	res   pdfResult
	err   error
	took  time.Duration
	alloc uint64 // Go bytes allocated during the run
}

// TestEvalPDF measures every PDF engine on the corpus: files read without
// error, files with text, page counts against pdfinfo's, word agreement
// with pdftotext, the slowest file and the most memory one file took.
// Memory: PDFium's guest memory at its peak (exact, from our allocator)
// plus the Go bytes allocated during the run (an upper bound of the host
// side); pdftotext's peak RSS (rusage); the pure-Go reader's Go bytes
// allocated (an upper bound; it cannot be limited).
func TestEvalPDF(t *testing.T) {
	manifest := loadPDFManifest(t)
	files := pdfEvalSubset
	if os.Getenv("RIGHTSEARCH_EVAL") == "full" {
		files = nil
		for _, e := range manifest {
			files = append(files, e.File)
		}
	}
	engines := []pdfEngine{enginePDFium, enginePure}
	if e, ok := enginePoppler(); ok {
		engines = slices.Insert(engines, 1, e)
	}
	startup, err := pdfiumStartup()
	if err != nil {
		t.Fatal(err)
	}
	lim := pdfLimitsNow()
	runs := map[string][]pdfEvalRun{}
	for _, e := range engines {
		for _, f := range files {
			runs[e.name] = append(runs[e.name], pdfEvalOne(t, e, f, lim))
		}
	}
	t.Logf("eval pdf: %d files of ../shared/corpora/pdf, limits %d MiB and %v per file; pdfium started in %v (compiled or from cache)",
		len(files), lim.memory>>20, lim.time, startup.Round(time.Millisecond))
	t.Log("")
	t.Log("| engine | files read | with text | pages = pdfinfo | pages found / pdfinfo | word F1 vs pdftotext | slowest file | most memory | total time |")
	t.Log("|---|---|---|---|---|---|---|---|---|")
	for _, e := range engines {
		t.Log(pdfEvalRow(e.name, runs[e.name], runs["pdftotext"], manifest))
	}
	for _, e := range engines {
		pdfEvalMisses(t, e.name, runs)
	}
	// What a user needs: PDFium alone, with nothing installed, finds text
	// in at least as many files as poppler did when the manifest was made.
	withText, popplerText := 0, 0
	for i, r := range runs["pdfium"] {
		if r.err == nil {
			withText++
		}
		if c := manifest[files[i]].Chars; c != nil && *c > 0 {
			popplerText++
		}
	}
	if withText < popplerText {
		t.Errorf("pdfium found text in %d files, pdftotext in %d (manifest)", withText, popplerText)
	}
}

func loadPDFManifest(t *testing.T) map[string]pdfManifestEntry {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(pdfCorpus, "pdf-manifest.json"))
	if err != nil {
		t.Skipf("../shared/corpora (the pdf.js test PDFs) is absent: %v", err)
	}
	var list []pdfManifestEntry
	if err := json.Unmarshal(b, &list); err != nil {
		t.Fatalf("pdf-manifest.json: %v", err)
	}
	m := map[string]pdfManifestEntry{}
	for _, e := range list {
		m[e.File] = e
	}
	return m
}

func pdfEvalOne(t *testing.T, e pdfEngine, file string, lim pdfLimits) pdfEvalRun {
	t.Helper()
	body, err := os.ReadFile(filepath.Join(pdfCorpus, "pdf", file))
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	res, err := readPDF(context.Background(), body, []pdfEngine{e}, lim)
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	return pdfEvalRun{file: file, res: res, err: err, took: took, alloc: after.TotalAlloc - before.TotalAlloc}
}

// pdfEvalMemory is the cost the engine's row reports for one run.
func pdfEvalMemory(engine string, r pdfEvalRun) int64 {
	switch engine {
	case "pdfium":
		return r.res.peak + int64(r.alloc)
	case "pdftotext":
		return r.res.peak
	}
	return int64(r.alloc)
}

func pdfEvalRow(engine string, runs, ref []pdfEvalRun, manifest map[string]pdfManifestEntry) string {
	var read, withText, pagesSame, pages, refPages, f1n int
	var f1 float64
	var total time.Duration
	slow, heavy := runs[0], runs[0]
	for i, r := range runs {
		total += r.took
		if r.err == nil || errors.Is(r.err, ErrNoText) {
			read++
		}
		if r.err == nil {
			withText++
			n := strings.Count(r.res.text, string(rightsearch.PageBreak)) + 1
			pages += n
			if n == manifest[r.file].Pages {
				pagesSame++
			}
		}
		refPages += manifest[r.file].Pages
		if ref != nil && ref[i].err == nil && r.err == nil {
			f1 += pdfWordF1(r.res.text, ref[i].res.text)
			f1n++
		}
		if r.took > slow.took {
			slow = r
		}
		if pdfEvalMemory(engine, r) > pdfEvalMemory(engine, heavy) {
			heavy = r
		}
	}
	agree := "—"
	if f1n > 0 {
		agree = fmt.Sprintf("%.3f (%d files)", f1/float64(f1n), f1n)
	}
	return fmt.Sprintf("| %s | %d | %d | %d | %d / %d | %s | %s %.1f s | %s %d MiB | %.1f s |",
		engine, read, withText, pagesSame, pages, refPages, agree,
		slow.file, slow.took.Seconds(), heavy.file, pdfEvalMemory(engine, heavy)>>20, total.Seconds())
}

// pdfEvalMisses lists the files where this engine found no text but
// another did, with its reason.
func pdfEvalMisses(t *testing.T, engine string, runs map[string][]pdfEvalRun) {
	var rows []string
	for i, r := range runs[engine] {
		if r.err == nil {
			continue
		}
		var others []string
		for name, rs := range runs {
			if name != engine && rs[i].err == nil {
				others = append(others, name)
			}
		}
		if len(others) > 0 {
			slices.Sort(others)
			reason := strings.Join(strings.Fields(r.err.Error()), " ")
			if len(reason) > 120 {
				reason = reason[:117] + "..."
			}
			rows = append(rows, fmt.Sprintf("| %s | %s | %s |", r.file, strings.Join(others, ", "), reason))
		}
	}
	t.Log("")
	t.Logf("%s: %d files where it finds no text and another engine does", engine, len(rows))
	if len(rows) == 0 {
		return
	}
	t.Log("")
	t.Log("| file | text from | " + engine + "'s reason |")
	t.Log("|---|---|---|")
	for _, r := range rows {
		t.Log(r)
	}
}

// pdfWordF1 is the F1 of two texts' bags of lowercase words.
func pdfWordF1(got, want string) float64 {
	bag := func(s string) map[string]int {
		m := map[string]int{}
		for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsNumber(r)
		}) {
			m[w]++
		}
		return m
	}
	g, w := bag(got), bag(want)
	var common, ng, nw int
	for k, n := range g {
		ng += n
		common += min(n, w[k])
	}
	for _, n := range w {
		nw += n
	}
	if common == 0 {
		return 0
	}
	p, r := float64(common)/float64(ng), float64(common)/float64(nw)
	return 2 * p * r / (p + r)
}
