package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/rightsearch/rightsearch/query"
)

// usageError is a command line the user must change: main exits 2. Its
// message and the usage have already been written to stderr.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// usageErr writes "rightsearch: msg" and help to stderr and returns the
// usageError.
func usageErr(e env, help, format string, a ...any) error {
	msg := fmt.Sprintf(format, a...)
	fmt.Fprintf(e.stderr, "rightsearch: %s\n\n%s", msg, help)
	return &usageError{msg}
}

// argErr is usageErr for the command fs belongs to, with its help.
func argErr(e env, fs *flag.FlagSet, format string, a ...any) error {
	return usageErr(e, commandHelp(fs), fs.Name()+": "+format, a...)
}

// noArgs refuses positional arguments to a command that takes none.
func noArgs(e env, fs *flag.FlagSet, pos []string) error {
	if len(pos) > 0 {
		return argErr(e, fs, "takes no arguments, got %q", pos)
	}
	return nil
}

// newFlagSet makes a subcommand's FlagSet. It writes nothing itself:
// parseFlags writes help and errors.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// newFlags makes a subcommand's FlagSet with the --data flag every one
// that reads the data directory has.
func newFlags(name string) (*flag.FlagSet, *string) {
	fs := newFlagSet(name)
	data := fs.String("data", "./data", "data `directory`")
	return fs, data
}

// parseFlags parses args into fs and returns the positional arguments.
// Flags may stand anywhere, before or after the arguments ("search
// pegasus --org X"), where the flag package alone stops at the first
// argument and would take the rest as words; "--" ends the flags, so
// "search -- -android" searches -android. An unknown flag is a
// usageError naming it, never an argument. -h or --help writes the
// command's help to stdout and returns flag.ErrHelp.
func parseFlags(e env, fs *flag.FlagSet, args []string) ([]string, error) {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			pos = append(pos, a)
			continue
		}
		name, _, hasValue := strings.Cut(strings.TrimPrefix(a[1:], "-"), "=")
		if name == "h" || name == "help" {
			fmt.Fprint(e.stdout, commandHelp(fs))
			return nil, flag.ErrHelp
		}
		f := fs.Lookup(name)
		if f == nil {
			return nil, unknownFlag(e, fs, a, name)
		}
		flags = append(flags, a)
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); !hasValue && !(ok && b.IsBoolFlag()) && i+1 < len(args) {
			i++
			flags = append(flags, args[i]) // the flag's value, whatever it looks like
		}
	}
	if err := fs.Parse(flags); err != nil {
		return nil, argErr(e, fs, "%v", err)
	}
	return pos, nil
}

// unknownFlag is the usageError for flag arg (called name): what to use
// instead when there is an obvious substitute (--organization → --org,
// --year → --from and --to), else how to pass an argument that starts
// with -.
func unknownFlag(e env, fs *flag.FlagSet, arg, name string) error {
	var known []string
	fs.VisitAll(func(f *flag.Flag) { known = append(known, f.Name) })
	if use := query.SuggestParams(name, known); len(use) > 0 {
		return argErr(e, fs, "unknown flag %s (use --%s)", arg, strings.Join(use, " and --"))
	}
	return argErr(e, fs, "unknown flag %s (an argument that starts with - goes after --)", arg)
}

// commandHelp is the help of the command fs belongs to: its synopsis,
// what it does and its flags.
func commandHelp(fs *flag.FlagSet) string {
	var b strings.Builder
	for _, c := range commands {
		if c.name != fs.Name() {
			continue
		}
		fmt.Fprintf(&b, "usage: rightsearch %s", c.name)
		n := 0
		fs.VisitAll(func(*flag.Flag) { n++ })
		if n > 0 {
			b.WriteString(" [flags]")
		}
		if c.args != "" {
			b.WriteString(" " + c.args)
		}
		fmt.Fprintf(&b, "\n\n%s\n", c.desc)
		if n > 0 && c.args != "" {
			b.WriteString("\nFlags may also follow the arguments; -- ends them.\n")
		}
	}
	type line struct{ flag, usage string }
	var lines []line
	width := 0
	fs.VisitAll(func(f *flag.Flag) {
		arg, usage := flag.UnquoteUsage(f)
		l := line{"--" + f.Name, usage}
		if arg != "" {
			l.flag += " " + arg
		}
		if d := f.DefValue; d != "" && d != "0" && d != "false" {
			l.usage += " (default " + d + ")"
		}
		width = max(width, len(l.flag))
		lines = append(lines, l)
	})
	if len(lines) > 0 {
		b.WriteString("\nflags:\n")
	}
	for _, l := range lines {
		fmt.Fprintf(&b, "  %-*s  %s\n", width, l.flag, l.usage)
	}
	return b.String()
}
