package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/rightsearch/rightsearch/web"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/crawl"
	"github.com/rightsearch/rightsearch/indexer"
	"github.com/rightsearch/rightsearch/seeds"
)

// patterns is a repeatable flag: each use adds one.
type patterns []string

func (p *patterns) String() string     { return strings.Join(*p, " ") }
func (p *patterns) Set(v string) error { *p = append(*p, v); return nil }

func cmdCrawl(ctx context.Context, e env, args []string) error {
	fs, data := newFlags("crawl")
	allowPrivate := fs.Bool("allow-private", false, "allow fetching loopback and private addresses")
	depth := fs.Int("depth", 0, "follow in-scope links (and the seed hosts' sitemaps) this many `levels`")
	scope := fs.String("scope", "host", "which links --depth follows, by `mode`: page, prefix, host or domain")
	var include, exclude patterns
	fs.Var(&include, "include", "also follow URLs matching this `regexp` (repeatable)")
	fs.Var(&exclude, "exclude", "never request URLs matching this `regexp`, seeds included (repeatable; wins over --include)")
	maxPages := fs.Int("max-pages", 0, "queue at most this many `pages`, seeds included (0: no limit)")
	noSitemaps := fs.Bool("no-sitemaps", false, "with --depth, do not read sitemaps for URLs")
	asJSON := fs.Bool("json", false, "print the summary, every URL with its outcome, as JSON")
	rate := fs.Float64("rate", 1, "`requests` per second per host")
	urls, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	sc, err := crawl.ParseScope(*scope)
	if err != nil {
		return argErr(e, fs, "--scope: %v", err)
	}
	indexer.LimitImportMemory()
	c, err := crawl.New(crawl.Options{DataDir: *data, Rate: *rate, Depth: *depth, Scope: sc,
		Include: include, Exclude: exclude, MaxPages: *maxPages, NoSitemaps: *noSitemaps,
		AllowPrivate: *allowPrivate, Logger: e.log, Progress: os.Stderr})
	if err != nil {
		return argErr(e, fs, "%v", err)
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
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if jerr := enc.Encode(sum); err == nil {
			err = jerr
		}
	} else {
		fmt.Fprintln(e.stdout, sum.String())
	}
	if rerr := crawl.RecordSummary(*data, sum); rerr != nil {
		e.log.Warn("record crawl stats", "err", rerr)
	}
	return err
}
