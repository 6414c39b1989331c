package ingest

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	rightsearch "github.com/rightsearch/rightsearch"
)

// adder is one Add run: the batch being gathered and the files it holds,
// whose ledger entries are written once the batch is stored.
type adder struct {
	opts       Options
	led        *ledger
	raw        *RawStore
	sum        Summary
	docs       []rightsearch.Document
	lists      []rightsearch.IndicatorList
	text       int
	pending    []pendingFile
	pendingSHA map[string]string // sha256 → shown path, for this run's duplicates
}

type pendingFile struct {
	e        entry
	replaced bool
	stale    []string // ids of the file's earlier version it no longer has
}

// file reads one file into the batch, or notes why not.
func (a *adder) file(ctx context.Context, f *File, shown string) error {
	sum, err := hashHead(f)
	if err != nil {
		a.skip(shown, reason(err))
		return nil
	}
	old, known := a.led.byID[f.ID]
	switch {
	case known && old.SHA256 == sum:
		a.sum.Unchanged++
		return nil
	case known: // changed: replaced, even by bytes another file has
	case a.pendingSHA[sum] != "":
		a.sum.Duplicates = append(a.sum.Duplicates, Duplicate{Path: shown, Of: a.pendingSHA[sum]})
		return nil
	case a.led.bySHA[sum] != "":
		a.sum.Duplicates = append(a.sum.Duplicates, Duplicate{Path: shown, Of: a.led.byID[a.led.bySHA[sum]].Path})
		return nil
	}
	kind := a.kindOf(*f)
	if kind == nil {
		a.skip(shown, "not a format rightsearch reads ("+describe(f.Head)+")")
		return nil
	}
	items, err := a.read(ctx, *kind, *f)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err != nil && len(items) == 0 {
		a.skip(shown, err.Error())
		return nil
	}
	if err != nil { // the documents read before the damage go in
		a.skip(shown, "partly read: "+err.Error())
	}
	e := entry{ID: f.ID, Path: shown, SHA256: sum, Size: f.Size, ModTime: f.ModTime, Added: time.Now().UTC()}
	for n, it := range items {
		d, err := a.document(f, sum, it)
		if err != nil {
			a.skip(fmt.Sprintf("%s (document %d of %d)", shown, n+1, len(items)), err.Error())
			continue
		}
		if it.List != nil {
			a.lists = append(a.lists, *it.List)
		}
		e.Docs = append(e.Docs, d.ID)
		a.docs = append(a.docs, d)
		a.text += len(d.Body)
	}
	if len(e.Docs) == 0 {
		return nil // every item was skipped, with its reason
	}
	pf := pendingFile{e: e, replaced: known}
	for _, id := range old.Docs {
		if !slices.Contains(e.Docs, id) {
			pf.stale = append(pf.stale, id)
		}
	}
	a.pending = append(a.pending, pf)
	a.pendingSHA[sum] = shown
	return nil
}

func (a *adder) skip(path, why string) {
	a.sum.Skipped = append(a.sum.Skipped, Skip{Path: path, Reason: why})
}

// kindOf is the first kind that matches f.
func (a *adder) kindOf(f File) *Kind {
	for i := range a.opts.Kinds {
		if k := &a.opts.Kinds[i]; k.Match(f) {
			return k
		}
	}
	return nil
}

// document fills what the reader left of an item's document: its id, its
// provenance (the file's path, size, mtime and sha256; the raw copy),
// the facts given to the whole run. It keeps the raw bytes.
func (a *adder) document(f *File, sum string, it Item) (rightsearch.Document, error) {
	d := it.Doc
	if d.ID == "" {
		d.ID = f.ID
	}
	p := rightsearch.Provenance{Source: rightsearch.SourceFile}
	if d.Provenance != nil {
		p = *d.Provenance
	}
	if p.Source == "" {
		p.Source = rightsearch.SourceFile
	}
	if p.Path == "" {
		p.Path, p.Size, p.ModTime = f.Path, f.Size, f.ModTime
	}
	if p.SHA256 == "" {
		p.SHA256 = sum
	}
	if p.FetchedAt.IsZero() {
		p.FetchedAt = time.Now().UTC()
	}
	if it.Raw != nil {
		rs, err := a.raw.Put(it.Raw)
		if err != nil {
			return d, err
		}
		p.Raw = rs
		if p.ContentType == "" {
			p.ContentType = it.RawType
		}
	}
	d.Provenance = &p
	if a.opts.Organization != "" {
		d.Organization = a.opts.Organization
	}
	if a.opts.Type != "" {
		d.Type = a.opts.Type
	}
	if !a.opts.Published.IsZero() {
		d.Published = a.opts.Published
	}
	if err := d.Normalize(); err != nil {
		return d, err
	}
	return d, nil
}

// flush stores the batch, then writes the ledger entries of its files:
// in that order, a kill between the two only makes the next add read
// those files again (to the same ids).
func (a *adder) flush(ctx context.Context) error {
	if len(a.docs) == 0 && len(a.pending) == 0 {
		return nil
	}
	if a.opts.List != nil {
		for _, l := range a.lists {
			if err := a.opts.List(ctx, l); err != nil {
				return fmt.Errorf("add indicator list %s: %w", l.ID, err)
			}
		}
	}
	if err := a.opts.Put(ctx, a.docs); err != nil {
		return fmt.Errorf("add: store documents: %w", err)
	}
	// Stale documents go before the ledger moves on: a kill in between
	// reads the file again and deletes them again.
	var stale []string
	for _, p := range a.pending {
		stale = append(stale, p.stale...)
	}
	switch {
	case len(stale) == 0:
	case a.opts.Delete == nil:
		a.sum.Stale = append(a.sum.Stale, stale...)
	default:
		if err := a.opts.Delete(ctx, stale); err != nil {
			return fmt.Errorf("add: delete what replaced files no longer hold: %w", err)
		}
		a.sum.Removed = append(a.sum.Removed, stale...)
	}
	for _, p := range a.pending {
		if err := a.led.put(p.e); err != nil {
			return fmt.Errorf("add: %w", err)
		}
		if p.replaced {
			a.sum.Replaced++
		} else {
			a.sum.Added++
		}
		a.sum.Documents += len(p.e.Docs)
	}
	a.docs, a.lists, a.pending, a.text = nil, nil, nil, 0
	return nil
}

// errAbandoned is what a reader that overran its timeout gets from emit.
var errAbandoned = errors.New("abandoned after the timeout")

// read runs the kind's reader with an idle timeout: when it goes
// Timeout without emitting, its context is cancelled (which stops
// pdftotext and every reader that looks at it) and the file is given up,
// even if the reader ignores the context; a panic is a skip too.
func (a *adder) read(ctx context.Context, k Kind, f File) ([]Item, error) {
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu     sync.Mutex
		items  []Item
		closed bool
	)
	alive := make(chan struct{}, 1)
	emit := func(it Item) error {
		mu.Lock()
		defer mu.Unlock()
		if closed {
			return errAbandoned
		}
		items = append(items, it)
		select {
		case alive <- struct{}{}:
		default:
		}
		return nil
	}
	done := make(chan error, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				a.opts.Logger.Error("reader panicked", "kind", k.Name, "file", f.Path, "panic", r, "stack", string(debug.Stack()))
				done <- fmt.Errorf("%s reader crashed: %v", k.Name, r)
			}
		}()
		done <- k.Read(rctx, f, emit)
	}()
	timer := time.NewTimer(a.opts.Timeout)
	defer timer.Stop()
	for {
		select {
		case err := <-done:
			mu.Lock()
			closed = true
			mu.Unlock()
			return items, err
		case <-alive:
			timer.Reset(a.opts.Timeout)
		case <-timer.C:
			mu.Lock()
			closed = true
			mu.Unlock()
			return nil, fmt.Errorf("%s reader gave nothing for %s (--timeout): stopped", k.Name, a.opts.Timeout)
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}
