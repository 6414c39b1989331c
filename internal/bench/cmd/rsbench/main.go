// Command rsbench is the benchmark harness behind `make bench`
// (internal/bench/run.sh): it converts the cached npm datasets to import JSONL,
// imports them through the real indexer and through raw Bleve (each in a
// child process, so peak RSS is the import's own), runs the committed
// query mix in-process and over HTTP, and writes internal/bench/results.
//
//	rsbench run    --cache internal/bench/cache --out internal/bench/results --rightsearch bin/rightsearch
//	rsbench import --data DIR --in FILE.jsonl   (child: prints a JSON result)
//	rsbench raw    --dir DIR --in FILE.jsonl    (child: prints a JSON result)
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if err := dispatch(ctx, log, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "rsbench:", err)
		os.Exit(1)
	}
}

func dispatch(ctx context.Context, log *slog.Logger, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("want a command: run, import, raw")
	}
	switch args[0] {
	case "run":
		return cmdRun(ctx, log, args[1:])
	case "import":
		return cmdImportChild(ctx, args[1:])
	case "raw":
		return cmdRawChild(ctx, args[1:])
	}
	return fmt.Errorf("unknown command %q: want run, import, raw", args[0])
}
