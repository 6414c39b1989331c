package indexer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/gofrs/flock"
	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/seeds"
)

// lockFile is held by the one process that writes the live index.
const lockFile = "LOCK"

// ErrLocked means another process (a running serve, or an import) is the
// index's writer.
var ErrLocked = errors.New("index is locked by another rightsearch process")

// Options configure an Index.
type Options struct {
	DataDir   string
	Logger    *slog.Logger
	Tagger    Tagger // nil: NewTagger with the catalog's targets
	BatchSize int    // documents per Bleve batch; default 500
	// Facets is the facet registry the index is built for; nil is
	// rightsearch.DefaultFacets(), resolved once when the index opens.
	Facets rightsearch.Facets
	// Seeds are the catalog's documents every generation holds; nil is
	// the embedded catalog (seeds.Load).
	Seeds *seeds.Catalog
}

// defaults fills what the caller left out; the commands pass the seeds
// and tagger they set up, tests may leave them to the embedded catalog.
func (o *Options) defaults() error {
	if o.DataDir == "" {
		o.DataDir = "data"
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.BatchSize <= 0 {
		o.BatchSize = 500
	}
	if o.Facets == nil {
		o.Facets = rightsearch.DefaultFacets()
	}
	if o.Seeds == nil {
		c, err := seeds.Load()
		if err != nil {
			return fmt.Errorf("seeds: %w", err)
		}
		o.Seeds = c
	}
	if o.Tagger == nil {
		t, err := NewTagger(o.Seeds.Targets)
		if err != nil {
			return fmt.Errorf("entity tagger: %w", err)
		}
		o.Tagger = t
	}
	return nil
}

// Index is the live index with its store: the one writer of data/index.
type Index struct {
	opts     Options
	indexDir string
	store    *Store
	seeds    *seeds.Catalog
	mapping  mapping.IndexMapping
	facets   *FacetTable
	lock     *flock.Flock

	mu   sync.RWMutex // guards live and gen against a swap
	live bleve.Index
	gen  string

	liveMu  sync.Mutex
	liveLog []liveEntry // ids indexed live, replayed into a newer generation

	version atomic.Uint64 // changes whenever what a search sees may have

	tombs tombstones // deleted ids (delete.go), as last read or written
}

type liveEntry struct {
	id string
	at time.Time
}

// Open takes the writer lock and opens the live generation, building one
// (from seeds + store) when there is none or when its seeds or mapping are
// out of date. Documents whose indexing a crash interrupted are indexed.
func Open(ctx context.Context, opts Options) (*Index, error) {
	if err := opts.defaults(); err != nil {
		return nil, fmt.Errorf("open index: %w", err)
	}
	ix := &Index{opts: opts, indexDir: filepath.Join(opts.DataDir, "index"), seeds: opts.Seeds}
	if err := os.MkdirAll(filepath.Join(ix.indexDir, journalDir), 0o755); err != nil {
		return nil, fmt.Errorf("open index: %w", err)
	}
	ix.lock = flock.New(filepath.Join(ix.indexDir, lockFile))
	ok, err := ix.lock.TryLock()
	if err != nil {
		return nil, fmt.Errorf("open index: lock: %w", err)
	}
	if !ok {
		return nil, fmt.Errorf("open index %s: %w", ix.indexDir, ErrLocked)
	}
	if err := ix.open(ctx); err != nil {
		ix.lock.Unlock()
		return nil, err
	}
	return ix, nil
}

func (ix *Index) open(ctx context.Context) error {
	var err error
	if ix.store, err = NewStore(filepath.Join(ix.opts.DataDir, "docs")); err != nil {
		return err
	}
	names, err := ix.store.names()
	if err != nil {
		return err
	}
	if n := ix.store.sweepTemp(names, time.Hour); n > 0 {
		ix.opts.Logger.Info("removed temporary files left by a crash", "count", n)
	}
	if ix.mapping, err = newMapping(ix.Facets()); err != nil {
		return err
	}
	tombs, _, err := readTombstones(ix.opts.DataDir)
	if err != nil {
		return err
	}
	ix.tombs.set(tombs)
	ix.facets = NewFacetTable(ix.mapping)
	gen, err := readCurrent(ix.indexDir)
	if err != nil {
		ix.opts.Logger.Warn("unreadable CURRENT; rebuilding", "err", err)
	}
	if gen != "" {
		bi, m, err := openGeneration(filepath.Join(ix.indexDir, gen))
		switch {
		case err != nil:
			ix.opts.Logger.Warn("cannot open index generation; rebuilding", "gen", gen, "err", err)
		case m.SeedHash != ix.seeds.Hash || m.MappingVersion != MappingVersion:
			ix.opts.Logger.Info("seeds or mapping changed; rebuilding", "gen", gen)
			bi.Close()
		default:
			ix.live, ix.gen = bi, gen
		}
	}
	if ix.live == nil {
		if gen, err = Build(ctx, ix.opts); err != nil {
			return err
		}
		if ix.live, _, err = openGeneration(filepath.Join(ix.indexDir, gen)); err != nil {
			return fmt.Errorf("open new generation %s: %w", gen, err)
		}
		ix.gen = gen
	}
	ix.removeOldGenerations()
	if err := ix.replayJournals(ctx); err != nil {
		return err
	}
	return ix.reconcile(ctx, ix.store.idsOf(names))
}

func openGeneration(dir string) (bleve.Index, meta, error) {
	var m meta
	bi, err := bleve.Open(filepath.Join(dir, "bleve"))
	if err != nil {
		return nil, m, fmt.Errorf("open %s: %w", dir, err)
	}
	b, err := bi.GetInternal([]byte(metaKey))
	if err == nil {
		err = json.Unmarshal(b, &m)
	}
	if err != nil {
		bi.Close()
		return nil, m, fmt.Errorf("open %s: read meta: %w", dir, err)
	}
	return bi, m, nil
}

// removeOldGenerations deletes every generation but the live one: they are
// finished builds that lost a race, or crashed builds.
func (ix *Index) removeOldGenerations() {
	for _, g := range generations(ix.indexDir) {
		if g != ix.gen {
			if err := os.RemoveAll(filepath.Join(ix.indexDir, g)); err != nil {
				ix.opts.Logger.Warn("remove old generation", "gen", g, "err", err)
			}
		}
	}
}

// Search runs a Bleve request against the live generation.
func (ix *Index) Search(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	res, err := ix.live.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return res, nil
}

// SearchFacets runs req against the live generation, offering each text
// match to the filters prepare returns (see FacetTable.Search).
func (ix *Index) SearchFacets(ctx context.Context, req *bleve.SearchRequest, prepare Prepare) (*bleve.SearchResult, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	res, err := ix.facets.Search(ctx, ix.live, req, prepare)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return res, nil
}

// Version changes whenever a write or a generation switch may change
// what a search finds: results keyed by it are never stale.
func (ix *Index) Version() uint64 { return ix.version.Load() }

// BleveStats are the live generation's Bleve statistics (StatsMap).
func (ix *Index) BleveStats() map[string]any {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.live.StatsMap()
}

// Count is the number of documents in the live generation.
func (ix *Index) Count() uint64 {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	n, _ := ix.live.DocCount()
	return n
}

// Generation names the live generation.
func (ix *Index) Generation() string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.gen
}

// Facets is the facet registry the index was opened with.
func (ix *Index) Facets() rightsearch.Facets { return ix.opts.Facets }

// Mapping is the index mapping, for analyzing queries as the text was.
func (ix *Index) Mapping() mapping.IndexMapping { return ix.mapping }

// Tagger resolves target names and aliases.
func (ix *Index) Tagger() Tagger { return ix.opts.Tagger }

// Get returns the full Document with the given id, tagged as it is indexed.
func (ix *Index) Get(id string) (rightsearch.Document, error) {
	d, err := ix.store.Get(id)
	if errors.Is(err, ErrNotFound) {
		s, ok := ix.seeds.Get(id)
		if !ok || ix.tombs.has(id) {
			return d, err
		}
		d, err = s, nil
	}
	if err != nil {
		return d, err
	}
	ix.opts.Tagger.Apply(&d)
	return d, nil
}

// Close releases the live generation and the writer lock.
func (ix *Index) Close() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	err := ix.live.Close()
	if uerr := ix.lock.Unlock(); err == nil {
		err = uerr
	}
	if err != nil {
		return fmt.Errorf("close index: %w", err)
	}
	return nil
}
