package crawl

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nlnwa/gowarc/v3"
)

// archiveRecords counts the records in every WARC file of dir.
func archiveRecords(t testing.TB, dir string) int {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.warc.gz"))
	n := 0
	for _, f := range files {
		warcMu.Lock()
		r, err := gowarc.NewWarcFileReader(f, 0)
		warcMu.Unlock()
		if err != nil {
			t.Fatal(err)
		}
		for rec, err := range r.Records() {
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			n++
			rec.Close()
		}
		r.Close()
	}
	return n
}

func isWARCName(name string) bool {
	return strings.HasPrefix(name, "rightsearch-") && strings.HasSuffix(name, ".warc.gz")
}

var _ = os.Stat
