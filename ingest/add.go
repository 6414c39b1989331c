package ingest

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	rightsearch "github.com/rightsearch/rightsearch"
)

// DefaultTimeout is how long a reader may go without producing a
// document before its file is skipped.
const DefaultTimeout = 60 * time.Second

// Options tune Add.
type Options struct {
	DataDir string // the raw store (data/raw) and the ledger (data/added)
	Kinds   []Kind // nil: DefaultKinds()
	MaxSize int64  // bytes; 0: DefaultMaxSize
	// Timeout is how long a reader may go without emitting before its
	// file is skipped (an idle timeout, so a large mbox is not cut while
	// it makes progress); 0: DefaultTimeout.
	Timeout time.Duration
	// Organization, Type and Published, when set, are the facts of every
	// document added, over what the files say (the researcher knows the
	// batch better than a PDF's metadata does).
	Organization, Type string
	Published          rightsearch.Date
	// BatchSize is how many documents go to Put at once; 0: 200.
	BatchSize int
	// Put stores and indexes a batch of normalized documents (an
	// indexer.Writer's Put); when it returns they must survive a kill.
	Put func(context.Context, []rightsearch.Document) error
	// Delete removes documents an earlier version of a replaced file had
	// and this one has not (an mbox that lost a message); it must accept
	// ids already gone. nil leaves them, listed in Summary.Stale.
	Delete func(context.Context, []string) error
	// List receives the indicator lists found, before their documents
	// go to Put; nil keeps only the documents.
	List func(context.Context, rightsearch.IndicatorList) error
	// Progress is called after each file with the files done and the
	// total; nil for none.
	Progress func(done, total int)
	Logger   *slog.Logger

	afterWalk func() // tests: change the folder between the walk and the reads
}

// Duplicate is a file whose bytes were already added under another path.
type Duplicate struct {
	Path string `json:"path"`
	Of   string `json:"of"`
}

// Summary is what one Add did, file by file.
type Summary struct {
	Files      int         `json:"files"`     // regular files found
	Added      int         `json:"added"`     // files new to the data directory
	Replaced   int         `json:"replaced"`  // files whose bytes changed since they were added
	Unchanged  int         `json:"unchanged"` // files added before with the same bytes
	Documents  int         `json:"documents"` // documents written for the added and replaced files
	Duplicates []Duplicate `json:"duplicates,omitempty"`
	// Skipped lists the files, and the members of files, that did not go
	// in, with the reason.
	Skipped []Skip `json:"skipped,omitempty"`
	// Hidden counts the files and folders whose names start with a dot
	// (.git, .DS_Store), which are not read.
	Hidden int `json:"hidden,omitempty"`
	// Assets counts the folders a browser saved beside a page
	// (page_files beside page.html), which are not read: their scripts
	// and stylesheets are not evidence, the page is.
	Assets int `json:"assets,omitempty"`
	// Removed lists the documents an earlier version of a replaced file
	// had and this one has not, deleted; Stale the same when there was no
	// Options.Delete, still in the index.
	Removed []string `json:"removed,omitempty"`
	Stale   []string `json:"stale,omitempty"`
}

func (o *Options) defaults() {
	if o.Kinds == nil {
		o.Kinds = DefaultKinds()
	}
	if o.MaxSize <= 0 {
		o.MaxSize = DefaultMaxSize
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.BatchSize <= 0 {
		o.BatchSize = 200
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
}

// Add reads every file under roots (files and folders, recursively) and
// gives their documents to opts.Put in batches. A file that cannot be
// read, is of no known format, or hangs or bombs its reader is skipped
// with the reason and the rest goes on; the error is for what stops the
// whole run (the context, a failing Put, the data directory).
func Add(ctx context.Context, roots []string, opts Options) (Summary, error) {
	opts.defaults()
	if opts.Put == nil {
		return Summary{}, fmt.Errorf("add: no Put")
	}
	w, err := walk(ctx, roots, opts.MaxSize, opts.DataDir)
	if err != nil {
		return Summary{}, fmt.Errorf("add: %w", err)
	}
	if opts.afterWalk != nil {
		opts.afterWalk()
	}
	led, err := openLedger(opts.DataDir)
	if err != nil {
		return Summary{}, fmt.Errorf("add: %w", err)
	}
	raw := NewRawStore(opts.DataDir)
	raw.sweep(time.Hour)
	a := &adder{opts: opts, led: led, raw: raw, pendingSHA: map[string]string{}}
	a.sum.Files, a.sum.Hidden, a.sum.Assets = len(w.files), w.hidden, w.assets
	a.sum.Skipped = append(a.sum.Skipped, w.skipped...)
	for i := range w.files {
		if err := ctx.Err(); err != nil {
			return a.sum, err
		}
		if err := a.file(ctx, &w.files[i], w.shown[i]); err != nil {
			return a.sum, err
		}
		if len(a.docs) >= opts.BatchSize || a.text >= 8<<20 {
			if err := a.flush(ctx); err != nil {
				return a.sum, err
			}
		}
		if opts.Progress != nil {
			opts.Progress(i+1, len(w.files))
		}
	}
	return a.sum, a.flush(ctx)
}
