package ingest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// entry is what the ledger keeps of one file added: its bytes' sha256
// and the documents it became. It is written only once those documents
// are stored (and journaled for the index), so a file with an entry is
// in; a file without one is read again by the next add.
type entry struct {
	ID      string    `json:"id"`   // the file's id (File.ID)
	Path    string    `json:"path"` // as the summary showed it
	SHA256  string    `json:"sha256"`
	Size    int64     `json:"size"`
	ModTime time.Time `json:"mtime"`
	Docs    []string  `json:"docs"`
	Added   time.Time `json:"added"`
}

// ledger is data/added/<file id>.json, one small file per file added,
// each written atomically: a killed add loses at most the entries of the
// batch it was writing, and those files are simply read again.
type ledger struct {
	dir   string
	byID  map[string]entry
	bySHA map[string]string // sha256 → file id
}

func openLedger(dataDir string) (*ledger, error) {
	l := &ledger{dir: filepath.Join(dataDir, "added"), byID: map[string]entry{}, bySHA: map[string]string{}}
	if err := os.MkdirAll(l.dir, 0o755); err != nil {
		return nil, fmt.Errorf("open ledger: %w", err)
	}
	names, err := os.ReadDir(l.dir)
	if err != nil {
		return nil, fmt.Errorf("open ledger: %w", err)
	}
	for _, n := range names {
		if !strings.HasSuffix(n.Name(), ".json") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(l.dir, n.Name()))
		var e entry
		if err != nil || json.Unmarshal(b, &e) != nil || e.ID == "" {
			continue // a torn or foreign file: its file is read again
		}
		l.note(e)
	}
	return l, nil
}

func (l *ledger) note(e entry) {
	if old, ok := l.byID[e.ID]; ok && l.bySHA[old.SHA256] == e.ID {
		delete(l.bySHA, old.SHA256)
	}
	l.byID[e.ID] = e
	if _, ok := l.bySHA[e.SHA256]; !ok {
		l.bySHA[e.SHA256] = e.ID
	}
}

// put writes e durably enough for kill -9 (the page cache survives the
// process) and notes it.
func (l *ledger) put(e entry) error {
	b, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("ledger %s: %w", e.ID, err)
	}
	f, err := os.CreateTemp(l.dir, ".tmp-*")
	if err != nil {
		return fmt.Errorf("ledger %s: %w", e.ID, err)
	}
	_, werr := f.Write(b)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(f.Name(), filepath.Join(l.dir, e.ID+".json"))
	}
	if werr != nil {
		os.Remove(f.Name())
		return fmt.Errorf("ledger %s: %w", e.ID, werr)
	}
	l.note(e)
	return nil
}
