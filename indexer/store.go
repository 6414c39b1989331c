package indexer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
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

// Store keeps every Document that is not a seed as one JSON file in
// data/docs (fileName). It is the source of truth: an index can always
// be rebuilt from the seeds and the store.
type Store struct {
	dir string
}

// fileName is the store's file for id. An id of the old form
// (rightsearch.SlugID) is its own name, so data directories written
// before issue 13 still load; any other id is "_", a slug of it for
// people, "_" and 32 hex digits of its sha256: safe on every file system
// (no separator, no dot name, lowercase, under 255 bytes) whatever the
// id holds. The id itself is in the JSON.
func fileName(id string) string {
	if rightsearch.SlugID(id) {
		return id + ".json"
	}
	sum := sha256.Sum256([]byte(id))
	return "_" + fileSlug(id, 60) + "_" + hex.EncodeToString(sum[:16]) + ".json"
}

// fileSlug is id's ASCII letters and digits, lowercased, other runs as
// one "-", at most n bytes.
func fileSlug(id string, n int) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(id) {
		if b.Len() >= n {
			break
		}
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	return b.String()
}

// NewStore opens (creating it if needed) the store in dir.
func NewStore(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open store %s: %w", dir, err)
	}
	return &Store{dir: dir}, nil
}

func (s *Store) path(id string) string { return filepath.Join(s.dir, fileName(id)) }

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
	if d.ID != id { // two ids sharing 128 bits of hash, or a file edited by hand
		return rightsearch.Document{}, fmt.Errorf("get %q: %s holds %q: %w", id, fileName(id), d.ID, ErrNotFound)
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
	ids := s.idsOf(names)
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

// idsOf picks the stored ids out of the directory's names: a name of the
// old form is its id; the id of any other is read from its JSON.
func (s *Store) idsOf(names []string) []string {
	ids := make([]string, 0, len(names))
	for _, name := range names {
		base, ok := strings.CutSuffix(name, ".json")
		switch {
		case !ok:
		case rightsearch.SlugID(base):
			ids = append(ids, base)
		case strings.HasPrefix(base, "_"):
			if id, err := s.storedID(name); err == nil && fileName(id) == name {
				ids = append(ids, id)
			}
		}
	}
	return ids
}

// storedID is the id in the JSON of the store's file name.
func (s *Store) storedID(name string) (string, error) {
	b, err := os.ReadFile(filepath.Join(s.dir, name))
	if err != nil {
		return "", err
	}
	var d struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(b, &d); err != nil {
		return "", fmt.Errorf("read %s: %w", name, err)
	}
	return d.ID, nil
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
