//go:build ignore

// serve writes the fixture pages to out/ and serves them on
// 127.0.0.1:8931 for wget to capture: the report gzip-encoded and
// chunked, as a web server sends a page it compresses on the fly.
//
//	go run serve.go pages.go
package main

import (
	"compress/gzip"
	"log"
	"net/http"
	"os"
	"strings"
)

func main() {
	pdf := annexPDF()
	if err := os.MkdirAll("out", 0o755); err != nil {
		log.Fatal(err)
	}
	for name, b := range map[string][]byte{"report.html": []byte(reportHTML), "widget.html": []byte(widgetHTML),
		"style.css": []byte(styleCSS), "annex.pdf": pdf} {
		if err := os.WriteFile("out/"+name, b, 0o644); err != nil {
			log.Fatal(err)
		}
	}
	mux := http.NewServeMux()
	mux.Handle("/r/tidewater", http.RedirectHandler("/reports/tidewater", http.StatusMovedPermanently))
	mux.HandleFunc("/reports/tidewater", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			w.Write([]byte(reportHTML))
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		for _, part := range strings.SplitAfter(reportHTML, "</p>") {
			zw.Write([]byte(part))
			zw.Flush()
			w.(http.Flusher).Flush() // no Content-Length: chunked
		}
		zw.Close()
	})
	mux.HandleFunc("/reports/tidewater-annex.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write(pdf)
	})
	mux.HandleFunc("/style.css", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css")
		w.Write([]byte(styleCSS))
	})
	log.Fatal(http.ListenAndServe("127.0.0.1:8931", mux))
}
