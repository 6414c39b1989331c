package indicators

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"

	rightsearch "github.com/rightsearch/rightsearch"
)

// Store keeps the imported lists as data/indicators/<id>.json, one file a
// list, and answers which lists carry a value. It reads the folder again
// whenever a file in it changed, so a server sees what another process
// imported.
type Store struct {
	dir string

	mu      sync.Mutex
	sig     string // names, sizes and mtimes of the files last read
	lists   []rightsearch.IndicatorList
	byValue map[string][]entryAt // Key(value) → where it is
}

type entryAt struct{ list, entry int }

// Change is what one Save did to a list.
type Change struct {
	ListID  string   `json:"list"`
	New     bool     `json:"new"` // no version of the list was stored before
	Total   int      `json:"indicators"`
	Added   []string `json:"added"`   // values the stored version did not have
	Removed []string `json:"removed"` // values it had and this one has not
}

// NewStore is the store of the data directory dataDir.
func NewStore(dataDir string) *Store {
	return &Store{dir: filepath.Join(dataDir, "indicators")}
}

// Save stores l in dataDir's store, replacing the version of the same id.
func Save(dataDir string, l rightsearch.IndicatorList) (Change, error) {
	return NewStore(dataDir).Save(l)
}

// Save writes l (temp file, then rename), replacing its stored version,
// and says which values that added and removed.
func (s *Store) Save(l rightsearch.IndicatorList) (Change, error) {
	ch := Change{ListID: l.ID, Total: len(l.Indicators), Added: []string{}, Removed: []string{}}
	if err := rightsearch.CheckID(l.ID); err != nil {
		return ch, fmt.Errorf("save list: %w", err)
	}
	old, err := s.Get(l.ID)
	switch {
	case errors.Is(err, rightsearch.ErrNotFound):
		ch.New = true
	case err != nil:
		return ch, err
	}
	ch.Added, ch.Removed = diff(old.Indicators, l.Indicators)
	b, err := json.MarshalIndent(l, "", "  ")
	if err != nil {
		return ch, fmt.Errorf("save list %s: %w", l.ID, err)
	}
	if err := writeAtomic(s.path(l.ID), b); err != nil {
		return ch, fmt.Errorf("save list %s: %w", l.ID, err)
	}
	return ch, nil
}

// diff lists the values (as "type value") of b not in a, and of a not in b.
func diff(a, b []rightsearch.Indicator) (added, removed []string) {
	key := func(in rightsearch.Indicator) string { return in.Type + " " + in.Value }
	in := func(list []rightsearch.Indicator) map[string]bool {
		m := make(map[string]bool, len(list))
		for _, x := range list {
			m[key(x)] = true
		}
		return m
	}
	ina, inb := in(a), in(b)
	added, removed = []string{}, []string{}
	for _, x := range b {
		if !ina[key(x)] {
			added = append(added, key(x))
		}
	}
	for _, x := range a {
		if !inb[key(x)] {
			removed = append(removed, key(x))
		}
	}
	return added, removed
}

// Get reads one stored list (wrapping rightsearch.ErrNotFound).
func (s *Store) Get(id string) (rightsearch.IndicatorList, error) {
	var l rightsearch.IndicatorList
	b, err := os.ReadFile(s.path(id))
	if errors.Is(err, os.ErrNotExist) {
		return l, fmt.Errorf("indicator list %q: %w", id, rightsearch.ErrNotFound)
	}
	if err != nil {
		return l, fmt.Errorf("read list %s: %w", id, err)
	}
	if err := json.Unmarshal(b, &l); err != nil {
		return l, fmt.Errorf("read list %s: %w", id, err)
	}
	return l, nil
}

var fileSafe = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,150}$`)

// path is the list's file: its id when that is a safe file name, else a
// slug and a hash of it (the JSON holds the id).
func (s *Store) path(id string) string {
	name := id
	if !fileSafe.MatchString(id) || strings.Contains(id, "..") {
		sum := sha256.Sum256([]byte(id))
		name = "_" + slug(id) + "_" + hex.EncodeToString(sum[:8])
	}
	return filepath.Join(s.dir, name+".json")
}

func writeAtomic(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// Lists returns every stored list, by id.
func (s *Store) Lists() ([]rightsearch.IndicatorList, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.refresh(); err != nil {
		return nil, err
	}
	return s.lists, nil
}

// Carrying returns the lists that carry any of values (matched as Key
// does), each with its entries for them, by list id.
func (s *Store) Carrying(values []string) ([]rightsearch.ListMatch, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.refresh(); err != nil {
		return nil, err
	}
	byList := map[int][]rightsearch.Indicator{}
	seen := map[entryAt]bool{}
	for _, v := range values {
		for _, at := range s.byValue[Key(v)] {
			if !seen[at] {
				seen[at] = true
				byList[at.list] = append(byList[at.list], s.lists[at.list].Indicators[at.entry])
			}
		}
	}
	out := []rightsearch.ListMatch{}
	for i := range s.lists {
		if es, ok := byList[i]; ok {
			out = append(out, rightsearch.ListMatch{List: s.lists[i].Ref(), Entries: es})
		}
	}
	return out, nil
}

// refresh reads the folder again when its files changed. A file that
// does not parse is left out (and the others served), not an error.
func (s *Store) refresh() error {
	ents, err := os.ReadDir(s.dir)
	if errors.Is(err, os.ErrNotExist) {
		s.lists, s.byValue, s.sig = nil, nil, ""
		return nil
	}
	if err != nil {
		return fmt.Errorf("indicator lists: %w", err)
	}
	var sig strings.Builder
	var files []string
	for _, e := range ents {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		fmt.Fprintf(&sig, "%s %d %d\n", e.Name(), info.Size(), info.ModTime().UnixNano())
		files = append(files, e.Name())
	}
	if sig.String() == s.sig && s.byValue != nil {
		return nil
	}
	var lists []rightsearch.IndicatorList
	for _, name := range files {
		var l rightsearch.IndicatorList
		b, err := os.ReadFile(filepath.Join(s.dir, name))
		if err != nil || json.Unmarshal(b, &l) != nil || l.ID == "" {
			continue
		}
		lists = append(lists, l)
	}
	slices.SortFunc(lists, func(a, b rightsearch.IndicatorList) int { return strings.Compare(a.ID, b.ID) })
	idx := map[string][]entryAt{}
	for i, l := range lists {
		for j, in := range l.Indicators {
			k := Key(in.Value)
			idx[k] = append(idx[k], entryAt{i, j})
		}
	}
	s.lists, s.byValue, s.sig = lists, idx, sig.String()
	return nil
}
