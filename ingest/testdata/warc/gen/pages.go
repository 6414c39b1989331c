//go:build ignore

// The pages and PDF of the fixture captures: our own text, a fictional
// report. serve.go serves them to wget; warcio.mjs reads them from out/.
package main

import (
	"bytes"
	"fmt"
	"strings"
)

var reportHTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tidewater: spyware on the coast</title>
<link rel="stylesheet" href="/style.css"></head>
<body><main><article>
<h1>Tidewater: spyware on the coast</h1>
<p>Over six months we examined the phones of fourteen coastal fishers' union organisers who reported unusual battery drain.</p>
<p>Nine of the phones held a commercial implant delivered by a zero-click message; we name the cluster of infrastructure saltmarsh.</p>
<p>The saltmarsh servers answered only from addresses in one country, and their certificates share a single issuing account.</p>
<p>The full list of indicators is in the <a href="/reports/tidewater-annex.pdf">technical annex</a>.</p>
<iframe src="https://widgets.example.net/share?u=tidewater"></iframe>
</article></main></body></html>
`

var widgetHTML = `<!doctype html><html><head><title>Share</title></head><body><p>Share this page with your followers on the sandbar network.</p></body></html>
`

var styleCSS = "body { font-family: serif; max-width: 40em; }\n"

// annexPDF is a one-page PDF 1.4 written by hand.
func annexPDF() []byte {
	lines := []string{"Tidewater technical annex", "Indicators of the saltmarsh cluster: cordgrass-17.example.net, cordgrass-18.example.net."}
	var c strings.Builder
	c.WriteString("BT /F1 12 Tf 72 720 Td 16 TL\n")
	for i, l := range lines {
		if i > 0 {
			c.WriteString("T* ")
		}
		fmt.Fprintf(&c, "(%s) Tj\n", l)
	}
	c.WriteString("ET")
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", c.Len(), c.String()),
		"<< /Title (Tidewater technical annex) /Producer (rightsearch fixture writer) >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}
