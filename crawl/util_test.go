package crawl

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/nlnwa/gowarc/v3"
)

type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

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
