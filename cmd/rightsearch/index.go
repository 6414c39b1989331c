package main

import (
	"context"
	"fmt"

	"github.com/rightsearch/rightsearch/indexer"
)

func cmdIndex(ctx context.Context, e env, args []string) error {
	fs, data := newFlags("index")
	pos, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if err := noArgs(e, fs, pos); err != nil {
		return err
	}
	indexer.LimitImportMemory()
	gen, err := indexer.Build(ctx, indexOptions(e, *data, 0))
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "built %s; a running serve switches to it within a second\n", gen)
	return nil
}
