package indexer

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// A generation is one complete Bleve index under data/index/gen-NNNNNN.
// CURRENT names the live one and is replaced atomically, so a reader sees
// the old generation or the new one, and a crash mid-build leaves the old
// one live.

const (
	currentFile = "CURRENT"
	genPrefix   = "gen-"
	metaKey     = "rightsearch.meta"
)

// meta is recorded inside each generation; a generation whose seeds or
// mapping differ from this binary's is rebuilt.
type meta struct {
	SeedHash       string    `json:"seed_hash"`
	MappingVersion int       `json:"mapping_version"`
	StartedAt      time.Time `json:"started_at"`
}

func readCurrent(indexDir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(indexDir, currentFile))
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read CURRENT: %w", err)
	}
	gen := strings.TrimSpace(string(b))
	if !strings.HasPrefix(gen, genPrefix) || strings.ContainsAny(gen, `/\`) {
		return "", fmt.Errorf("read CURRENT: bad generation name %q", gen)
	}
	return gen, nil
}

func writeCurrent(indexDir, gen string) error {
	return writeFileAtomic(filepath.Join(indexDir, currentFile), []byte(gen+"\n"), true)
}

// newGenerationDir creates the next gen-NNNNNN directory; Mkdir fails if
// another builder took the same number, and the next one is tried.
func newGenerationDir(indexDir string) (string, error) {
	n := 0
	for _, g := range generations(indexDir) {
		if v, err := strconv.Atoi(strings.TrimPrefix(g, genPrefix)); err == nil && v > n {
			n = v
		}
	}
	for i := 1; i < 100; i++ {
		name := fmt.Sprintf("%s%06d", genPrefix, n+i)
		err := os.Mkdir(filepath.Join(indexDir, name), 0o755)
		if err == nil {
			return name, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return "", fmt.Errorf("create generation: %w", err)
		}
	}
	return "", fmt.Errorf("create generation: no free name after %s%06d", genPrefix, n)
}

// generations lists the generation directories, oldest first.
func generations(indexDir string) []string {
	entries, _ := os.ReadDir(indexDir)
	var gens []string
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), genPrefix) {
			gens = append(gens, e.Name())
		}
	}
	sort.Strings(gens)
	return gens
}
