package main

import (
	"context"
	"os"
	"runtime/debug"
	"time"

	"github.com/rightsearch/rightsearch/web"

	"github.com/rightsearch/rightsearch/indexer"
	"github.com/rightsearch/rightsearch/search"
)

func cmdServe(ctx context.Context, e env, args []string) error {
	fs, data := newFlags("serve")
	addr := fs.String("addr", "127.0.0.1:8080", "listen `address` (loopback unless told otherwise)")
	logQueries := fs.Bool("log-queries", false, "record query strings in access logs (they can endanger sources)")
	pos, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if err := noArgs(e, fs, pos); err != nil {
		return err
	}
	return serve(ctx, e, *data, *addr, *logQueries, nil)
}

// serve is cmdServe after flag parsing; ready gets the URL (tests).
func serve(ctx context.Context, e env, data, addr string, logQueries bool, ready func(string)) error {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(search.GCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		// GCPercent lets garbage pile up; a bulk write through the
		// journal must not take that to gigabytes.
		debug.SetMemoryLimit(search.ServeMemoryLimit)
	}
	ix, err := indexer.Open(ctx, indexOptions(e, data, 0))
	if err != nil {
		return err
	}
	defer ix.Close()
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// A round with nothing queued is a read of CURRENT and of an empty
	// folder: four a second cost nothing, and what add or import queues
	// is searchable well within a second.
	go ix.Watch(wctx, 250*time.Millisecond)
	srv := web.NewServer(web.Config{
		Engine: newSearcher(ix), Logger: e.log, LogQueries: logQueries, Raw: rawCopies(data),
		Collectors: crawlCollectors(data), AllowedHosts: web.LoopbackHosts(addr),
	})
	return web.Serve(ctx, addr, data, srv, e.log, ready)
}
