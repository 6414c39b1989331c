package indexer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	rightsearch "github.com/rightsearch/rightsearch"
)

// A journal file lists the ids of stored documents that are not yet known
// to be in the live index. It is written before the documents are indexed
// and removed after their batch is durable, so a crash at any point leaves
// a journal that the next writer replays: nothing stored is silently left
// out of the index. An import that is not the writer (a serve is running)
// leaves its journals for the server, which picks them up within a second.

const journalDir = "pending"

func (ix *Index) journalPath() string { return filepath.Join(ix.indexDir, journalDir) }

// writeJournal records ids in a new journal file and returns its path.
func writeJournal(dir string, ids []string) (string, error) {
	name := fmt.Sprintf("%020d-%d.ids", time.Now().UnixNano(), os.Getpid())
	path := filepath.Join(dir, name)
	if err := writeFileAtomic(path, []byte(strings.Join(ids, "\n")+"\n"), true); err != nil {
		return "", fmt.Errorf("write journal: %w", err)
	}
	return path, nil
}

func readJournal(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read journal: %w", err)
	}
	var ids []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); rightsearch.ValidID(l) {
			ids = append(ids, l)
		}
	}
	return ids, nil
}

// replayJournals indexes the documents named by every pending journal,
// oldest first, and removes each journal once its documents are indexed.
func (ix *Index) replayJournals(ctx context.Context) error {
	entries, err := os.ReadDir(ix.journalPath())
	if err != nil {
		return fmt.Errorf("replay journals: %w", err)
	}
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".ids") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	for _, name := range names {
		path := filepath.Join(ix.journalPath(), name)
		ids, err := readJournal(path)
		if err != nil {
			return err
		}
		if err := ix.reindex(ctx, ids, path); err != nil {
			return err
		}
		ix.opts.Logger.Info("indexed pending documents", "count", len(ids), "journal", name)
	}
	return nil
}

// reindex indexes the stored (or seed) versions of ids into the live
// generation; an id found nowhere, or deleted, is removed from the index.
// journal, if not "", names ids and is removed once they are indexed.
func (ix *Index) reindex(ctx context.Context, ids []string, journal string) error {
	// Read afresh: a delete or re-add queued by another process changed it.
	deleted, _, err := readTombstones(ix.opts.DataDir)
	if err != nil {
		return err
	}
	ix.tombs.set(deleted)
	st := &staged{journal: journal, docs: make([]rightsearch.Document, 0, len(ids))}
	for _, id := range ids {
		if deleted[id] {
			st.gone = append(st.gone, id)
			continue
		}
		d, err := ix.store.Get(id)
		if errors.Is(err, ErrNotFound) {
			if s, ok := ix.seeds.Get(id); ok {
				st.docs = append(st.docs, s)
			} else {
				st.gone = append(st.gone, id)
			}
			continue
		}
		if err != nil {
			ix.opts.Logger.Warn("skip unreadable stored document", "id", id, "err", err)
			continue
		}
		st.docs = append(st.docs, d)
	}
	return ix.commit(ctx, st)
}

// noteLive records documents indexed into (or removed from) the live
// generation, so that a generation whose build started before them gets
// them (or loses them) at the switch, and moves Version on.
func (ix *Index) noteLive(docs []rightsearch.Document, gone []string) {
	now := time.Now()
	ix.liveMu.Lock()
	for _, d := range docs {
		ix.liveLog = append(ix.liveLog, liveEntry{d.ID, now})
	}
	for _, id := range gone {
		ix.liveLog = append(ix.liveLog, liveEntry{id, now})
	}
	ix.liveMu.Unlock()
	ix.version.Add(1)
}
