package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/indexer"
	"github.com/rightsearch/rightsearch/indicators"
	"github.com/rightsearch/rightsearch/ingest"
	"github.com/rightsearch/rightsearch/web"
)

// moreKinds are the formats of packages with readers of their own. They
// are tried before the built-in ones, which end with plain text: almost
// anything textual passes that.
var moreKinds = []ingest.Kind{indicators.Kind}

func cmdAdd(ctx context.Context, e env, args []string) error {
	fs, data := newFlags("add")
	org := fs.String("org", "", "`organization` of every document added")
	typ := fs.String("type", "", "`type` of every document added ("+strings.Join(rightsearch.Types, ", ")+")")
	published := fs.String("published", "", "publication `date` of every document added (YYYY, YYYY-MM or YYYY-MM-DD)")
	maxSize := fs.Int64("max-size", ingest.DefaultMaxSize>>20, "skip files larger than this many `MiB`")
	timeout := fs.Duration("timeout", ingest.DefaultTimeout, "skip a file whose reader gives nothing for this `long`")
	asJSON := fs.Bool("json", false, "print the summary as JSON")
	pos, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return argErr(e, fs, "want at least one PATH (a file or a folder)")
	}
	opts := ingest.Options{DataDir: *data, Organization: strings.TrimSpace(*org), MaxSize: *maxSize << 20,
		Timeout: *timeout, Logger: e.log}
	if opts.Type = strings.ToLower(strings.TrimSpace(*typ)); opts.Type != "" && !slices.Contains(rightsearch.Types, opts.Type) {
		return argErr(e, fs, "--type %q is not one of %s", *typ, strings.Join(rightsearch.Types, ", "))
	}
	if *published != "" {
		if opts.Published, err = rightsearch.ParseDate(*published); err != nil {
			return argErr(e, fs, "--published: %v", err)
		}
	}
	opts.Kinds = append(slices.Clone(moreKinds), ingest.DefaultKinds()...)

	indexer.LimitImportMemory()
	w, err := indexer.OpenWriter(ctx, indexOptions(e, *data, 0),
		func() bool { _, ok := web.RunningServer(ctx, *data); return ok })
	if err != nil {
		return err
	}
	defer w.Close()
	opts.Put = w.Put
	opts.Delete = func(ctx context.Context, ids []string) error {
		_, err := w.Delete(ctx, ids)
		if errors.Is(err, indexer.ErrNotFound) {
			return nil // gone already: a killed add deleted them before its ledger moved on
		}
		return err
	}
	opts.List = saveList(e.stderr, *data)
	bar := progress(e.stderr)
	opts.Progress = bar.update
	start := time.Now()
	sum, err := ingest.Add(ctx, pos, opts)
	bar.finish()
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if jerr := enc.Encode(sum); err == nil {
			err = jerr
		}
	} else {
		printSummary(e.stdout, sum, w.Queued(), time.Since(start))
	}
	if err == nil && len(sum.Skipped) > 0 {
		err = fmt.Errorf("add: %d skipped (see the list above)", len(sum.Skipped))
	}
	return err
}

// printSummary says what went in and, file by file, what did not and why.
func printSummary(out io.Writer, sum ingest.Summary, queued bool, took time.Duration) {
	where := "indexed"
	if queued {
		where = "stored and queued for the running server"
	}
	fmt.Fprintf(out, "added %d files (%d documents, %s), replaced %d, unchanged %d, duplicates %d, skipped %d, in %s\n",
		sum.Added, sum.Documents, where, sum.Replaced, sum.Unchanged, len(sum.Duplicates), len(sum.Skipped),
		took.Round(time.Millisecond))
	for _, d := range sum.Duplicates {
		fmt.Fprintf(out, "  duplicate %s: same bytes as %s\n", d.Path, d.Of)
	}
	for _, s := range sum.Skipped {
		fmt.Fprintf(out, "  skipped %s: %s\n", s.Path, s.Reason)
	}
	if sum.Hidden > 0 {
		fmt.Fprintf(out, "  not read: %d hidden files and folders (names starting with a dot)\n", sum.Hidden)
	}
	if sum.Assets > 0 {
		fmt.Fprintf(out, "  not read: %d folders of saved pages' assets (page_files beside page.html)\n", sum.Assets)
	}
	if len(sum.Removed) > 0 {
		fmt.Fprintf(out, "  removed %d documents that replaced files no longer hold: %s\n",
			len(sum.Removed), strings.Join(sum.Removed, " "))
	}
	if len(sum.Stale) > 0 {
		fmt.Fprintf(out, "  %d documents of earlier versions of replaced files are still in the index: %s\n",
			len(sum.Stale), strings.Join(sum.Stale, " "))
	}
}

// bar is a progress bar on a terminal, nothing elsewhere.
type bar struct{ pb *progressbar.ProgressBar }

func progress(w io.Writer) *bar {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return &bar{}
	}
	return &bar{pb: progressbar.NewOptions(-1, progressbar.OptionSetWriter(f), progressbar.OptionSetDescription("adding"),
		progressbar.OptionShowCount(), progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100*time.Millisecond))}
}

func (b *bar) update(done, total int) {
	if b.pb == nil {
		return
	}
	if b.pb.GetMax() != total {
		b.pb.ChangeMax(total)
	}
	_ = b.pb.Set(done)
}

func (b *bar) finish() {
	if b.pb != nil {
		_ = b.pb.Finish()
	}
}

// rawCopies serves a document's original bytes: from the raw store when
// add kept them, else from the crawl's WARC archive.
func rawCopies(data string) web.RawFunc {
	store, archive := ingest.NewRawStore(data), rawArchive(data)
	return func(ctx context.Context, d rightsearch.Document) (string, []byte, error) {
		if d.Provenance == nil || d.Provenance.Raw == "" {
			return archive(ctx, d)
		}
		b, err := store.Get(d.Provenance.Raw)
		if err != nil {
			return "", nil, fmt.Errorf("raw copy of %s: %w", d.ID, err)
		}
		return d.Provenance.ContentType, b, nil
	}
}
