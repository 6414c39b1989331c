package main

import (
	"context"
	"fmt"
	"os"

	"github.com/rightsearch/rightsearch/web"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/crawl"
	"github.com/rightsearch/rightsearch/indexer"
	"github.com/rightsearch/rightsearch/seeds"
)

func cmdCrawl(ctx context.Context, e env, args []string) error {
	fs, data := newFlags("crawl")
	allowPrivate := fs.Bool("allow-private", false, "allow fetching loopback and private addresses")
	depth := fs.Int("depth", 0, "follow same-site links to reports and PDFs this many `levels`")
	rate := fs.Float64("rate", 1, "`requests` per second per host")
	urls, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	indexer.LimitImportMemory()
	c, err := crawl.New(crawl.Options{DataDir: *data, Rate: *rate, Depth: *depth,
		AllowPrivate: *allowPrivate, Logger: e.log, Progress: os.Stderr})
	if err != nil {
		return err
	}
	w, err := indexer.OpenWriter(ctx, indexOptions(e, *data, 0),
		func() bool { _, ok := web.RunningServer(ctx, *data); return ok })
	if err != nil {
		return err
	}
	defer w.Close()
	seedList := crawl.CatalogSeeds(seeds.MustLoad().All())
	if len(urls) > 0 {
		seedList = crawl.URLSeeds(urls)
	}
	sum, err := c.Run(ctx, seedList, func(ctx context.Context, d rightsearch.Document) error {
		return w.Put(ctx, []rightsearch.Document{d})
	})
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	fmt.Fprintln(e.stdout, sum.String())
	if rerr := crawl.RecordSummary(*data, sum); rerr != nil {
		e.log.Warn("record crawl stats", "err", rerr)
	}
	return err
}
