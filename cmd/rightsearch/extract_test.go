package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExtractFileAndURL(t *testing.T) {
	file := filepath.Join(t.TempDir(), "report.html")
	os.WriteFile(file, []byte(reportPage), 0o644)
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, reportPage)
	}))
	defer site.Close()
	for _, args := range [][]string{{"extract", file}, {"extract", "--allow-private", site.URL + "/r"}} {
		out, errOut, err := runCmd(t, args...)
		if err != nil {
			t.Fatalf("%v: %v\n%s", args, err, errOut)
		}
		var d struct {
			Title, Body, Published, Language, URL string
			Authors                               []string
		}
		if err := json.Unmarshal([]byte(out), &d); err != nil {
			t.Fatalf("%v: %v in %s", args, err, out)
		}
		if d.Title != "Fixture report on zyxwvut implants" || d.Published != "2021-04-05" || d.Language != "en" ||
			len(d.Authors) != 1 || !strings.Contains(d.Body, "parcel service") || strings.Contains(d.Body, "Donate") {
			t.Errorf("%v: %+v", args, d)
		}
	}
	// A page that does not say its language gets the detected one.
	es := filepath.Join(t.TempDir(), "es.html")
	os.WriteFile(es, []byte(`<html><body><article><p>Los periodistas de la región recibieron mensajes con enlaces maliciosos
durante varias semanas, y las organizaciones que los acompañan pidieron una investigación independiente sobre el uso del programa.</p>
</article></body></html>`), 0o644)
	if out, _, err := runCmd(t, "extract", es); err != nil || !strings.Contains(out, `"language": "es"`) {
		t.Errorf("extract of an undeclared Spanish page: %v\n%s", err, out)
	}
	if _, _, err := runCmd(t, "extract", filepath.Join(t.TempDir(), "missing.html")); err == nil {
		t.Error("missing file: no error")
	}
}
