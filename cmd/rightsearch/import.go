package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/rightsearch/rightsearch/web"

	"github.com/rightsearch/rightsearch/indexer"
)

func cmdImport(ctx context.Context, e env, args []string) error {
	fs, data := newFlags("import")
	batch := fs.Int("batch", 500, "`documents` per batch")
	pos, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return argErr(e, fs, "want one FILE.jsonl (- for standard input), got %d arguments", len(pos))
	}
	indexer.LimitImportMemory()
	in := os.Stdin
	if name := pos[0]; name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		defer f.Close()
		in = f
	}
	w, err := indexer.OpenWriter(ctx, indexOptions(e, *data, *batch),
		func() bool { _, ok := web.RunningServer(ctx, *data); return ok })
	if err != nil {
		return err
	}
	defer w.Close()
	start, last := time.Now(), time.Now()
	st, err := indexer.Import(ctx, in, *batch, w.Put, func(st indexer.ImportStats) {
		if time.Since(last) >= time.Second {
			last = time.Now()
			fmt.Fprintf(e.stderr, "imported %d documents (%.1f MB, %.0f docs/s)\n", st.Imported,
				float64(st.Bytes)/1e6, float64(st.Imported)/time.Since(start).Seconds())
		}
	})
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	for i, le := range st.Skipped {
		if i == 100 {
			fmt.Fprintf(e.stderr, "… and %d more bad lines\n", len(st.Skipped)-100)
			break
		}
		fmt.Fprintln(e.stderr, le)
	}
	where := "indexed"
	if w.Queued() {
		where = "stored and queued for the running server"
	}
	fmt.Fprintf(e.stdout, "imported %d documents (%s), skipped %d bad lines, in %s\n",
		st.Imported, where, len(st.Skipped), time.Since(start).Round(time.Millisecond))
	if err == nil && len(st.Skipped) > 0 {
		// A script must notice lost lines: exit status 1, the rest kept.
		err = fmt.Errorf("import: skipped %d of %d lines (listed above); the other %d documents are imported",
			len(st.Skipped), st.Lines, st.Imported)
	}
	return err
}
