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
	"strings"
	"syscall"

	"github.com/rightsearch/rightsearch/indexer"
)

// commands are the subcommands in the order the usage lists them: the
// arguments each takes after its flags, and one line on what it does.
var commands = []struct{ name, args, desc string }{
	{"serve", "", "serve the search pages and the JSON API (on loopback unless told otherwise)"},
	{"crawl", "[URL...]", "fetch the seed catalog, or the URLs given, into the data directory and index them"},
	{"index", "", "rebuild the index from the seeds and data/docs; a running serve switches to it"},
	{"import", "FILE.jsonl", "add or replace documents from a JSON Lines file (- for standard input)"},
	{"add", "PATH...", "add your own files and folders: PDF, HTML, text, Markdown, e-mail, DOCX, ODT, WARC"},
	{"delete", "ID...", "delete documents from the store and the index; a re-index keeps them deleted"},
	{"indicators", "import FILE...", "import published indicator lists: STIX 2.1, MISP JSON or CSV, mvt-indicators YAML, domains.txt…"},
	{"search", "[QUERY...]", "search from the terminal, through the running serve when there is one"},
	{"extract", "FILE|URL", "print the title, text, date, authors and language extracted from a file or URL"},
	{"version", "", "print the version"},
	{"help", "[COMMAND]", "print this, or a command's flags"},
}

// runners maps each command's name to its function.
func runners() map[string]func(context.Context, env, []string) error {
	return map[string]func(context.Context, env, []string) error{
		"serve": cmdServe, "crawl": cmdCrawl, "index": cmdIndex, "import": cmdImport, "add": cmdAdd, "delete": cmdDelete,
		"indicators": cmdIndicators, "search": cmdSearch, "extract": cmdExtract, "version": cmdVersion, "help": cmdHelp,
	}
}

// usage is the top-level help.
func usage() string {
	var b strings.Builder
	b.WriteString("rightsearch — search engine for human-rights evidence\n\n")
	b.WriteString("usage: rightsearch COMMAND [flags] [arguments]\n\ncommands:\n")
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-11s %s\n", c.name, c.desc)
	}
	b.WriteString("\nFlags may also follow the arguments; -- ends them.\n")
	b.WriteString(`"rightsearch help COMMAND" or "rightsearch COMMAND --help" lists a command's flags;` + "\n")
	b.WriteString(`"rightsearch --version" prints the version.` + "\n")
	return b.String()
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	code := exitCode(err)
	if code == 1 {
		fmt.Fprintln(os.Stderr, "rightsearch:", err)
	}
	stop()
	os.Exit(code)
}

// exitCode is 0 for success (and help asked for), 2 for a command line
// to change (run has written it to stderr with the usage), 1 for any
// other error.
func exitCode(err error) int {
	var ue *usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue):
		return 2
	}
	return 1
}

// env is what every subcommand writes to.
type env struct {
	stdout, stderr io.Writer
	log            *slog.Logger
}

// run runs the command line args. Help, asked for, goes to stdout and
// is no error; a command line to change is a *usageError, written to
// stderr with the usage.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	indexer.LimitExpansions()
	e := env{stdout: stdout, stderr: stderr, log: slog.New(slog.NewTextHandler(stderr, nil))}
	if len(args) == 0 {
		return usageErr(e, usage(), "no command given")
	}
	switch args[0] {
	case "-h", "-help", "--help":
		args = append([]string{"help"}, args[1:]...)
	case "-version", "--version":
		args = append([]string{"version"}, args[1:]...)
	}
	cmd, ok := runners()[args[0]]
	if !ok {
		return usageErr(e, usage(), "unknown command %q", args[0])
	}
	err := cmd(ctx, e, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return err
}

func cmdHelp(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("help")
	pos, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	switch len(pos) {
	case 0:
		fmt.Fprint(e.stdout, usage())
		return nil
	case 1:
		cmd, ok := runners()[pos[0]]
		if !ok {
			return usageErr(e, usage(), "help: unknown command %q", pos[0])
		}
		return cmd(ctx, e, []string{"--help"})
	}
	return argErr(e, fs, "want at most one COMMAND, got %q", pos)
}

func cmdVersion(_ context.Context, e env, args []string) error {
	fs := newFlagSet("version")
	pos, err := parseFlags(e, fs, args)
	if err != nil {
		return err
	}
	if err := noArgs(e, fs, pos); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "rightsearch %s\n", versionString())
	return nil
}
