package crawl

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// frontier is the crawl's memory in DataDir/crawl/frontier.jsonl: an
// append-only journal, one JSON object a line, fsynced per entry, compacted
// when a crawl starts. It records what each URL's last fetch archived (and
// its validators for a conditional GET), which documents were handed to
// the sink, and whether the last run finished. A run that did not finish
// is resumed: what it archived is read back from the archive, not fetched.
type frontier struct {
	path     string
	mu       sync.Mutex
	f        *os.File
	run      int
	resuming bool
	fetched  map[string]entry // latest fetch entry by canonical URL
	done     map[string]bool  // documents handed to the sink in this run
}

// entry is one journal line.
type entry struct {
	Kind string `json:"kind"` // run-start, run-end, fetch, done
	Run  int    `json:"run"`
	URL  string `json:"url,omitempty"` // canonical URL requested (fetch) or document key (done)

	FinalURL     string    `json:"final_url,omitempty"`
	Status       int       `json:"status,omitempty"`
	NotModified  bool      `json:"not_modified,omitempty"`
	ContentType  string    `json:"content_type,omitempty"`
	SHA256       string    `json:"sha256,omitempty"`
	WARC         string    `json:"warc,omitempty"`
	Offset       int64     `json:"offset,omitempty"`
	FetchedAt    time.Time `json:"fetched_at,omitzero"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
}

const (
	kindRunStart = "run-start"
	kindRunEnd   = "run-end"
	kindFetch    = "fetch"
	kindDone     = "done"
)

func openFrontier(dir string) (*frontier, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("frontier: %w", err)
	}
	fr := &frontier{path: filepath.Join(dir, "frontier.jsonl"), fetched: map[string]entry{}, done: map[string]bool{}}
	lastRun, ended, err := fr.load()
	if err != nil {
		return nil, err
	}
	fr.run, fr.resuming = lastRun, !ended
	if ended {
		fr.run = lastRun + 1
		clear(fr.done)
	}
	if err := fr.compact(); err != nil {
		return nil, err
	}
	return fr, nil
}

// load replays the journal. A torn last line (a crash mid-write) is
// ignored: its entry was never acknowledged.
func (fr *frontier) load() (lastRun int, ended bool, err error) {
	data, err := os.ReadFile(fr.path)
	if os.IsNotExist(err) {
		return 0, true, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("frontier: %w", err)
	}
	ended = true
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		var e entry
		if json.Unmarshal(sc.Bytes(), &e) != nil {
			continue
		}
		switch e.Kind {
		case kindRunStart:
			if e.Run != lastRun {
				clear(fr.done)
			}
			lastRun, ended = e.Run, false
		case kindRunEnd:
			if e.Run == lastRun {
				ended = true
			}
		case kindFetch:
			fr.fetched[e.URL] = e
		case kindDone:
			if e.Run == lastRun {
				fr.done[e.URL] = true
			}
		}
	}
	return lastRun, ended, sc.Err()
}

// compact rewrites the journal with only what matters now (the current
// run, the latest fetch of each URL, this run's done documents), temp +
// rename so that a crash leaves either the old or the new journal.
func (fr *frontier) compact() error {
	tmp := fr.path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("frontier: %w", err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	_ = enc.Encode(entry{Kind: kindRunStart, Run: fr.run})
	for _, e := range fr.fetched {
		_ = enc.Encode(e)
	}
	for k := range fr.done {
		_ = enc.Encode(entry{Kind: kindDone, Run: fr.run, URL: k})
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("frontier: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("frontier: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("frontier: %w", err)
	}
	if err := os.Rename(tmp, fr.path); err != nil {
		return fmt.Errorf("frontier: %w", err)
	}
	if d, err := os.Open(filepath.Dir(fr.path)); err == nil {
		_ = d.Sync()
		d.Close()
	}
	fr.f, err = os.OpenFile(fr.path, os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("frontier: %w", err)
	}
	return nil
}

// append writes one entry and syncs it before returning, so that whatever
// the caller does next survives a kill.
func (fr *frontier) append(e entry) error {
	e.Run = fr.run
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	fr.mu.Lock()
	defer fr.mu.Unlock()
	if _, err := fr.f.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("frontier: %w", err)
	}
	if err := fr.f.Sync(); err != nil {
		return fmt.Errorf("frontier: %w", err)
	}
	switch e.Kind {
	case kindFetch:
		fr.fetched[e.URL] = e
	case kindDone:
		fr.done[e.URL] = true
	}
	return nil
}

// lookup returns the last fetch of a canonical URL, and whether it
// happened in this run (so must not be repeated).
func (fr *frontier) lookup(u string) (e entry, ok, thisRun bool) {
	fr.mu.Lock()
	defer fr.mu.Unlock()
	e, ok = fr.fetched[u]
	return e, ok, ok && e.Run == fr.run
}

func (fr *frontier) isDone(key string) bool {
	fr.mu.Lock()
	defer fr.mu.Unlock()
	return fr.done[key]
}

// finish marks the run complete: the next crawl is a re-crawl with
// conditional GETs, not a resume.
func (fr *frontier) finish() error {
	return fr.append(entry{Kind: kindRunEnd})
}

func (fr *frontier) close() error {
	if fr.f == nil {
		return nil
	}
	return fr.f.Close()
}
