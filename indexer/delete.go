package indexer

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/gofrs/flock"
	rightsearch "github.com/rightsearch/rightsearch"
)

// Deleting a document removes it from the store and the index and leaves
// a tombstone in data/deleted.jsonl, so that nothing brings it back on its
// own: `rightsearch index`, serve's reconcile and journal replay skip a
// tombstoned id even when it is a seed, and a crawl fetching it again
// is not stored. Writing the id again otherwise (import, add: a Put or
// Queue of it) is a re-add: it lifts the tombstone and says so in the log.

const deletedFile = "deleted.jsonl"

// tombstone is one line of deleted.jsonl.
type tombstone struct {
	ID      string    `json:"id"`
	Deleted time.Time `json:"deleted"`
}

// tombstones is the set of deleted ids as last read or written.
type tombstones struct {
	mu  sync.RWMutex
	ids map[string]bool
}

func (t *tombstones) has(id string) bool {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.ids[id]
}

func (t *tombstones) set(ids map[string]bool) {
	t.mu.Lock()
	t.ids = ids
	t.mu.Unlock()
}

// readTombstones reads dataDir's deleted ids; no file is none. An
// unreadable line is skipped: a half-written last line is the only way
// to get one, and the atomic rewrite leaves none.
func readTombstones(dataDir string) (map[string]bool, []tombstone, error) {
	b, err := os.ReadFile(filepath.Join(dataDir, deletedFile))
	if errors.Is(err, os.ErrNotExist) {
		return map[string]bool{}, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read tombstones: %w", err)
	}
	ids := map[string]bool{}
	var list []tombstone
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var t tombstone
		if json.Unmarshal(sc.Bytes(), &t) != nil || t.ID == "" || ids[t.ID] {
			continue
		}
		ids[t.ID] = true
		list = append(list, t)
	}
	return ids, list, nil
}

// updateTombstones adds the ids of add and lifts those of lift, under a
// lock against other processes, and returns the ids of lift that were
// tombstoned (re-added). It rewrites the file only when it changes.
func updateTombstones(dataDir string, add, lift []string) (map[string]bool, []string, error) {
	ids, _, err := readTombstones(dataDir)
	if err != nil {
		return nil, nil, err
	}
	if len(add) == 0 && !slices.ContainsFunc(lift, func(id string) bool { return ids[id] }) {
		return ids, nil, nil // the common case of every import batch: no lock, no write
	}
	lock := flock.New(filepath.Join(dataDir, deletedFile+".lock"))
	if err := lock.Lock(); err != nil {
		return nil, nil, fmt.Errorf("lock tombstones: %w", err)
	}
	defer lock.Unlock()
	ids, list, err := readTombstones(dataDir) // again, under the lock
	if err != nil {
		return nil, nil, err
	}
	var lifted []string
	for _, id := range lift {
		if ids[id] {
			delete(ids, id)
			lifted = append(lifted, id)
		}
	}
	list = slices.DeleteFunc(list, func(t tombstone) bool { return !ids[t.ID] })
	now := time.Now().UTC()
	for _, id := range add {
		if !ids[id] {
			ids[id] = true
			list = append(list, tombstone{id, now})
		}
	}
	var buf bytes.Buffer
	for _, t := range list {
		b, err := json.Marshal(t)
		if err != nil {
			return nil, nil, fmt.Errorf("write tombstones: %w", err)
		}
		buf.Write(append(b, '\n'))
	}
	if err := writeFileAtomic(filepath.Join(dataDir, deletedFile), buf.Bytes(), true); err != nil {
		return nil, nil, fmt.Errorf("write tombstones: %w", err)
	}
	return ids, lifted, nil
}

// NotFoundError names the ids a delete did not find.
type NotFoundError struct{ IDs []string }

func (e *NotFoundError) Error() string { return fmt.Sprintf("no document with id %q", e.IDs) }

// Unwrap makes a NotFoundError an ErrNotFound (a 404, exit status 1).
func (e *NotFoundError) Unwrap() error { return ErrNotFound }

// deletable splits ids into those a store or the seeds hold (and no
// tombstone hides) and the others.
func deletable(store *Store, isSeed func(string) bool, tombs map[string]bool, ids []string) (known, unknown []string) {
	seen := map[string]bool{}
	for _, id := range ids {
		switch {
		case seen[id]:
		case store.Has(id) || (isSeed(id) && !tombs[id]):
			known = append(known, id)
		default:
			unknown = append(unknown, id)
		}
		seen[id] = true
	}
	return known, unknown
}

// unstore tombstones ids and then removes their stored files: a crash
// between the two leaves a tombstone, which wins over the file.
func unstore(dataDir string, store *Store, ids []string) (map[string]bool, error) {
	tombs, _, err := updateTombstones(dataDir, ids, nil)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		if err := os.Remove(store.path(id)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("delete %s: %w", id, err)
		}
	}
	return tombs, syncDir(store.dir)
}

// Delete removes ids from the store and the live index at once and
// tombstones them. It returns the ids deleted; ids no document has are a
// *NotFoundError, the others deleted all the same.
func (ix *Index) Delete(ctx context.Context, ids []string) ([]string, error) {
	tombs, _, err := readTombstones(ix.opts.DataDir)
	if err != nil {
		return nil, err
	}
	known, unknown := deletable(ix.store, ix.isSeed, tombs, ids)
	if len(known) > 0 {
		// The journal first: a crash before the tombstone replays it as a
		// no-op; after it, as the removal.
		journal, err := writeJournal(ix.journalPath(), known)
		if err != nil {
			return nil, err
		}
		if tombs, err = unstore(ix.opts.DataDir, ix.store, known); err != nil {
			return nil, err
		}
		ix.tombs.set(tombs)
		if err := ix.commit(ctx, &staged{journal: journal, gone: known}); err != nil {
			return nil, err
		}
		ix.opts.Logger.Info("deleted documents", "ids", known)
	}
	if len(unknown) > 0 {
		return known, &NotFoundError{unknown}
	}
	return known, nil
}

// QueueDelete deletes ids for the process that holds the index (a
// running serve): it tombstones them, removes them from the store and
// leaves a journal, and the server removes them from its index within a
// second.
func QueueDelete(ctx context.Context, opts Options, ids []string) ([]string, error) {
	if err := opts.defaults(); err != nil {
		return nil, fmt.Errorf("delete: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	store, err := NewStore(filepath.Join(opts.DataDir, "docs"))
	if err != nil {
		return nil, err
	}
	tombs, _, err := readTombstones(opts.DataDir)
	if err != nil {
		return nil, err
	}
	isSeed := func(id string) bool { _, ok := opts.Seeds.Get(id); return ok }
	known, unknown := deletable(store, isSeed, tombs, ids)
	if len(known) > 0 {
		if _, err := unstore(opts.DataDir, store, known); err != nil {
			return nil, err
		}
		if _, err := writeJournal(filepath.Join(opts.DataDir, "index", journalDir), known); err != nil {
			return nil, err
		}
	}
	if len(unknown) > 0 {
		return known, &NotFoundError{unknown}
	}
	return known, nil
}

func (ix *Index) isSeed(id string) bool { _, ok := ix.seeds.Get(id); return ok }

// dropDeletedCrawls leaves out of docs those a crawl fetched again whose
// ids are deleted: re-crawling the catalog does not undo a delete; an
// import or add of the id (a user's explicit re-add) does.
func dropDeletedCrawls(dataDir string, log interface{ Info(string, ...any) }, docs []rightsearch.Document) ([]rightsearch.Document, error) {
	if !slices.ContainsFunc(docs, crawled) {
		return docs, nil
	}
	tombs, _, err := readTombstones(dataDir)
	if err != nil || len(tombs) == 0 {
		return docs, err
	}
	kept := make([]rightsearch.Document, 0, len(docs))
	for _, d := range docs {
		if crawled(d) && tombs[d.ID] {
			log.Info("a deleted document was crawled again and stays deleted; import it to re-add it", "id", d.ID)
			continue
		}
		kept = append(kept, d)
	}
	return kept, nil
}

func crawled(d rightsearch.Document) bool {
	return d.Provenance != nil && d.Provenance.Source == rightsearch.SourceCrawl
}

// readd lifts the tombstones of ids being written again and logs those
// it brings back.
func readd(dataDir string, log interface{ Info(string, ...any) }, ids []string) (map[string]bool, error) {
	tombs, lifted, err := updateTombstones(dataDir, nil, ids)
	if err != nil {
		return nil, err
	}
	if len(lifted) > 0 {
		log.Info("re-added deleted documents: their tombstones are lifted", "count", len(lifted), "ids", lifted)
	}
	return tombs, nil
}
