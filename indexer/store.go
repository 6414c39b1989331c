package indexer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	rightsearch "github.com/rightsearch/rightsearch"
)

// ErrNotFound is returned for an id that no document has.
var ErrNotFound = rightsearch.ErrNotFound

// Store keeps every Document that is not a seed as data/docs/<id>.json. It
// is the source of truth: an index can always be rebuilt from the seeds
// and the store.
type Store struct {
	dir string
}

// NewStore opens (creating it if needed) the store in dir.
func NewStore(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open store %s: %w", dir, err)
	}
	return &Store{dir: dir}, nil
}

func (s *Store) path(id string) string { return filepath.Join(s.dir, id+".json") }

// Put writes d durably: a temporary file, fsync, then rename, so that a
// crash leaves either the old document or the new one.
func (s *Store) Put(d *rightsearch.Document) error {
	if !rightsearch.ValidID(d.ID) {
		return fmt.Errorf("store %q: %w", d.ID, rightsearch.ErrInvalid)
	}
	b, err := json.Marshal(d)
	if err != nil {
		return fmt.Errorf("store %s: %w", d.ID, err)
	}
	return writeFileAtomic(s.path(d.ID), b, true)
}

// putBatch writes documents like Put but leaves fsync to the caller's one
// SyncAll per batch: a killed process loses nothing (the page cache
// survives it) and an import does not pay one fsync per document.
func (s *Store) putBatch(docs []rightsearch.Document) error {
	for i := range docs {
		b, err := json.Marshal(&docs[i])
		if err != nil {
			return fmt.Errorf("store %s: %w", docs[i].ID, err)
		}
		if err := writeFileAtomic(s.path(docs[i].ID), b, false); err != nil {
			return err
		}
	}
	return syncDir(s.dir)
}

// Get reads the document with the given id.
func (s *Store) Get(id string) (rightsearch.Document, error) {
	var d rightsearch.Document
	if !rightsearch.ValidID(id) {
		return d, fmt.Errorf("get %q: %w", id, ErrNotFound)
	}
	b, err := os.ReadFile(s.path(id))
	if errors.Is(err, fs.ErrNotExist) {
		return d, fmt.Errorf("get %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return d, fmt.Errorf("get %s: %w", id, err)
	}
	if err := json.Unmarshal(b, &d); err != nil {
		return d, fmt.Errorf("get %s: %w", id, err)
	}
	return d, nil
}

// Has reports whether the store holds id.
func (s *Store) Has(id string) bool {
	_, err := os.Stat(s.path(id))
	return err == nil
}

// IDs lists every stored id, sorted.
func (s *Store) IDs(ctx context.Context) ([]string, error) {
	names, err := s.names()
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ids := idsOf(names)
	slices.Sort(ids)
	return ids, nil
}

// names lists the store's directory once, unsorted: os.ReadDir sorts, and
// at 100,000 documents two sorted listings were a third of serve's
// start-up.
func (s *Store) names() ([]string, error) {
	f, err := os.Open(s.dir)
	if err != nil {
		return nil, fmt.Errorf("list store: %w", err)
	}
	defer f.Close()
	names, err := f.Readdirnames(-1)
	if err != nil {
		return nil, fmt.Errorf("list store: %w", err)
	}
	return names, nil
}

// idsOf picks the stored ids out of the directory's names.
func idsOf(names []string) []string {
	ids := make([]string, 0, len(names))
	for _, name := range names {
		if id, ok := strings.CutSuffix(name, ".json"); ok && rightsearch.ValidID(id) {
			ids = append(ids, id)
		}
	}
	return ids
}

// writeFileAtomic replaces path with b so that readers and crashes see the
// old or the new content, never a mix.
func writeFileAtomic(path string, b []byte, durable bool) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	_, werr := f.Write(b)
	if werr == nil && durable {
		werr = f.Sync()
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp, path)
	}
	if werr != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, werr)
	}
	if !durable {
		return nil
	}
	return syncDir(dir)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}

// sweepTemp removes, of the directory's names, the temporary files a
// killed writer left behind. Only old ones: a concurrent import may be
// writing a fresh one.
func (s *Store) sweepTemp(names []string, olderThan time.Duration) int {
	n := 0
	for _, name := range names {
		if !strings.HasPrefix(name, ".tmp-") {
			continue
		}
		p := filepath.Join(s.dir, name)
		if info, err := os.Stat(p); err == nil && time.Since(info.ModTime()) > olderThan {
			if os.Remove(p) == nil {
				n++
			}
		}
	}
	return n
}
