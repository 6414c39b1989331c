package main

import (
	"context"
	"fmt"
	"os"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/crawl"
	"github.com/rightsearch/rightsearch/indexer"
	"github.com/rightsearch/rightsearch/search"
	"github.com/rightsearch/rightsearch/seeds"
)

func cmdCrawl(ctx context.Context, e env, args []string) error {
	fs, data := newFlags(e, "crawl")
	allowPrivate := fs.Bool("allow-private", false, "allow fetching loopback and private addresses")
	depth := fs.Int("depth", 0, "follow same-site links to reports and PDFs this many levels")
	rate := fs.Float64("rate", 1, "requests per second per host")
	if err := fs.Parse(args); err != nil {
		return err
	}
	c, err := crawl.New(crawl.Options{DataDir: *data, Rate: *rate, Depth: *depth,
		AllowPrivate: *allowPrivate, Logger: e.log, Progress: os.Stderr})
	if err != nil {
		return err
	}
	w, err := indexer.OpenWriter(ctx, indexer.Options{DataDir: *data, Logger: e.log},
		func() bool { _, ok := search.RunningServer(ctx, *data); return ok })
	if err != nil {
		return err
	}
	defer w.Close()
	sum, err := c.Run(ctx, crawlSeeds(fs.Args()), func(ctx context.Context, d rightsearch.Document) error {
		if err := d.Normalize(); err != nil {
			return err
		}
		return w.Put(ctx, []rightsearch.Document{d})
	})
	fmt.Fprintln(e.stdout, sum.String())
	return err
}

// crawlSeeds are the given URLs, or else every catalog entry's page and PDF.
func crawlSeeds(urls []string) []crawl.Seed {
	var out []crawl.Seed
	if len(urls) > 0 {
		for _, u := range urls {
			out = append(out, crawl.Seed{URLs: []string{u}})
		}
		return out
	}
	for _, d := range seeds.MustLoad().All() {
		var us []string
		for _, u := range []string{d.URL, d.PDFURL} {
			if u != "" {
				us = append(us, u)
			}
		}
		if len(us) > 0 {
			out = append(out, crawl.Seed{URLs: us, Base: d})
		}
	}
	return out
}
