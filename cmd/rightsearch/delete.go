package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/rightsearch/rightsearch/indexer"
	"github.com/rightsearch/rightsearch/web"
)

// cmdDelete removes documents by id from the store and the index and
// tombstones them, so no re-index brings them back; with a serve running,
// through its journal (it removes them within a second).
func cmdDelete(ctx context.Context, e env, args []string) error {
	fs, data := newFlags("delete")
	pos, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return argErr(e, fs, "want one or more document IDs")
	}
	w, err := indexer.OpenWriter(ctx, indexOptions(e, *data, 0),
		func() bool { _, ok := web.RunningServer(ctx, *data); return ok })
	if err != nil {
		return err
	}
	deleted, err := w.Delete(ctx, pos)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if len(deleted) > 0 {
		where := "from the index"
		if w.Queued() {
			where = "queued for the running server, which removes them within a second"
		}
		fmt.Fprintf(e.stdout, "deleted %d documents (%s): %s\n", len(deleted), where, strings.Join(quoteAll(deleted), ", "))
		fmt.Fprintln(e.stdout, "a re-index keeps them deleted; importing or adding an id again brings it back")
	}
	if err != nil {
		return fmt.Errorf("delete: %w", err)
	}
	return nil
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}
