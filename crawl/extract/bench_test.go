package extract

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkHTML extracts every evaluation page; MB/s is over their bytes.
func BenchmarkHTML(b *testing.B) {
	pages := append(loadEval(b, "dev"), loadEval(b, "heldout")...)
	var size int64
	for _, p := range pages {
		size += int64(len(p.html))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range pages {
			if _, err := HTML(p.html, ""); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkPDF extracts a 40-page fixture on each available path.
func BenchmarkPDF(b *testing.B) {
	var spec testPDF
	for i := range 40 {
		var lines []string
		for j := range 45 {
			lines = append(lines, fmt.Sprintf("Page %d line %d: the operator used domains registered days before each campaign.", i+1, j+1))
		}
		spec.pages = append(spec.pages, lines)
	}
	spec.title = "Benchmark report"
	pdf := makePDF(spec)
	paths := []bool{false}
	if _, ok := popplerPath(); ok {
		paths = append(paths, true)
	}
	for _, pop := range paths {
		b.Run(map[bool]string{true: "poppler", false: "pure-go"}[pop], func(b *testing.B) {
			old := usePoppler
			usePoppler = pop
			defer func() { usePoppler = old }()
			b.SetBytes(int64(len(pdf)))
			for b.Loop() {
				if _, err := PDF(context.Background(), pdf); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
