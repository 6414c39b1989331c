// Command rightsearch crawls, indexes and serves a body of human-rights
// evidence. Its subcommands only parse flags and wire the packages
// seeds → crawl → indexer → search together.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

const usage = `rightsearch — search engine for human-rights evidence

usage:
  rightsearch serve   [--addr 127.0.0.1:8080] [--data ./data] [--log-queries]
  rightsearch crawl   [--data ./data] [--allow-private] [--depth N] [--rate 1] [URL...]
  rightsearch index   [--data ./data]
  rightsearch import  [--data ./data] FILE.jsonl
  rightsearch search  [--data ./data] [--org X]... [--type T] [--target N] [--country C]
                      [--from D] [--to D] [--sort relevance|date|-date] [--size N] [--json] QUERY
  rightsearch extract FILE|URL
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "rightsearch:", err)
		os.Exit(1)
	}
}

// env is what every subcommand writes to.
type env struct {
	stdout, stderr io.Writer
	log            *slog.Logger
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return flag.ErrHelp
	}
	e := env{stdout: stdout, stderr: stderr, log: slog.New(slog.NewTextHandler(stderr, nil))}
	cmds := map[string]func(context.Context, env, []string) error{
		"serve": cmdServe, "index": cmdIndex, "import": cmdImport,
		"search": cmdSearch, "crawl": cmdCrawl, "extract": cmdExtract,
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("unknown command %q", args[0])
	}
	return cmd(ctx, e, args[1:])
}

// newFlags makes a subcommand's FlagSet with the --data flag every one has.
func newFlags(e env, name string) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	data := fs.String("data", "./data", "data directory")
	return fs, data
}
