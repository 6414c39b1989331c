package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	rightsearch "github.com/rightsearch/rightsearch"
)

// RawStore keeps the original bytes of what add read, content-addressed
// in data/raw/ab/abcdef…: copied, not referenced, because the researcher's
// folder moves, changes and gets tidied, while a document must keep
// serving the bytes its text came from. The same bytes are kept once
// however many documents name them.
type RawStore struct{ dir string }

// NewRawStore opens the raw store of the data directory.
func NewRawStore(dataDir string) *RawStore { return &RawStore{dir: filepath.Join(dataDir, "raw")} }

func (rs *RawStore) path(sum string) string { return filepath.Join(rs.dir, sum[:2], sum) }

// Put keeps data and returns its sha256 (hex). A copy already kept is not
// written again. The write is atomic (a temporary file renamed), so a
// killed add leaves the copy whole or absent.
func (rs *RawStore) Put(data []byte) (string, error) {
	h := sha256.Sum256(data)
	sum := hex.EncodeToString(h[:])
	p := rs.path(sum)
	if info, err := os.Stat(p); err == nil && info.Size() == int64(len(data)) {
		return sum, nil
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", fmt.Errorf("raw store: %w", err)
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return "", fmt.Errorf("raw store: %w", err)
	}
	_, werr := f.Write(data)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(f.Name(), p)
	}
	if werr != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("raw store: %w", werr)
	}
	return sum, nil
}

// ErrCorrupt is returned for a kept copy whose bytes no longer hash to
// its name.
var ErrCorrupt = errors.New("raw copy does not match its sha256")

// Get reads the copy of sum, checking its sha256. A sum never kept wraps
// rightsearch.ErrNotFound.
func (rs *RawStore) Get(sum string) ([]byte, error) {
	if len(sum) != 64 || strings.Trim(sum, "0123456789abcdef") != "" {
		return nil, fmt.Errorf("raw %q: %w", sum, rightsearch.ErrNotFound)
	}
	data, err := os.ReadFile(rs.path(sum))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("raw %s: %w", sum, rightsearch.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("raw %s: %w", sum, err)
	}
	if h := sha256.Sum256(data); hex.EncodeToString(h[:]) != sum {
		return nil, fmt.Errorf("raw %s: %w", sum, ErrCorrupt)
	}
	return data, nil
}

// sweep removes temporary files a killed add left, if older than age (a
// concurrent add may be writing a fresh one).
func (rs *RawStore) sweep(age time.Duration) {
	dirs, _ := os.ReadDir(rs.dir)
	for _, d := range dirs {
		sub := filepath.Join(rs.dir, d.Name())
		names, _ := os.ReadDir(sub)
		for _, n := range names {
			if !strings.HasPrefix(n.Name(), ".tmp-") {
				continue
			}
			if info, err := n.Info(); err == nil && time.Since(info.ModTime()) > age {
				os.Remove(filepath.Join(sub, n.Name()))
			}
		}
	}
}
