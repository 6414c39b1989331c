package main

import (
	"context"
	"fmt"

	"github.com/rightsearch/rightsearch/indexer"
)

func cmdIndex(ctx context.Context, e env, args []string) error {
	indexer.LimitImportMemory()
	fs, data := newFlags(e, "index")
	if err := fs.Parse(args); err != nil {
		return err
	}
	gen, err := indexer.Build(ctx, indexer.Options{DataDir: *data, Logger: e.log})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "built %s; a running serve switches to it within a second\n", gen)
	return nil
}
