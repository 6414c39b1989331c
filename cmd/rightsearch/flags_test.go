package main

import (
	"bytes"
	"flag"
	"regexp"
	"slices"
	"strings"
	"testing"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/internal/testenv"
	"github.com/rightsearch/rightsearch/query"
)

// TestHelpExitsZero: every way of asking for help prints it to stdout
// and exits 0.
func TestHelpExitsZero(t *testing.T) {
	type tc struct {
		args []string
		want []string
	}
	top := []string{"usage: rightsearch COMMAND"}
	for _, c := range commands {
		top = append(top, c.name+" ", c.desc)
	}
	cases := []tc{
		{[]string{"--help"}, top},
		{[]string{"-h"}, top},
		{[]string{"-help"}, top},
		{[]string{"help"}, top},
		{[]string{"search", "--help"}, []string{"usage: rightsearch search [flags] [QUERY...]", "--org organization", "keep this organization"}},
		{[]string{"search", "pegasus", "--org", "Citizen Lab", "-h"}, []string{"usage: rightsearch search"}},
		{[]string{"help", "import"}, []string{"usage: rightsearch import [flags] FILE.jsonl", "--batch documents", "(default 500)"}},
		{[]string{"serve", "-h"}, []string{"usage: rightsearch serve [flags]\n", "--addr address", "(default 127.0.0.1:8080)"}},
		{[]string{"help", "version"}, []string{"usage: rightsearch version\n"}},
	}
	for _, c := range commands {
		want := []string{"usage: rightsearch " + c.name, c.desc}
		cases = append(cases, tc{[]string{"help", c.name}, want}, tc{[]string{c.name, "--help"}, want})
	}
	for _, c := range cases {
		out, errOut, err := runCmd(t, c.args...)
		if code := exitCode(err); code != 0 || errOut != "" {
			t.Errorf("%q: exit %d (%v), stderr %q", c.args, code, err, errOut)
		}
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("%q: stdout lacks %q:\n%s", c.args, w, out)
			}
		}
	}
}

// TestEveryCommandIsDescribed: each command run dispatches is on the
// usage's list, with its one line.
func TestEveryCommandIsDescribed(t *testing.T) {
	var listed []string
	for _, c := range commands {
		if c.desc == "" || strings.Contains(c.desc, "\n") {
			t.Errorf("%s: description %q, want one line", c.name, c.desc)
		}
		listed = append(listed, c.name)
	}
	for name := range runners() {
		if !slices.Contains(listed, name) {
			t.Errorf("command %s is not in the usage", name)
		}
	}
	if len(listed) != len(runners()) {
		t.Errorf("usage lists %v; commands are %d", listed, len(runners()))
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"-version"}, {"version"}} {
		out, _, err := runCmd(t, args...)
		if err != nil || !regexp.MustCompile(`^rightsearch \S+\n$`).MatchString(out) {
			t.Errorf("%q: %v %q", args, err, out)
		}
	}
	defer func(v string) { version = v }(version)
	version = "v1.2.3" // as -ldflags "-X main.version=v1.2.3" sets it
	if out, _, _ := runCmd(t, "--version"); out != "rightsearch v1.2.3\n" {
		t.Errorf("with main.version set: %q", out)
	}
}

// TestUsageErrorsExitTwo: a command line to change exits 2 with a
// message naming what is wrong and the usage on stderr; nothing runs.
func TestUsageErrorsExitTwo(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "no command given"},
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"help", "frobnicate"}, `help: unknown command "frobnicate"`},
		{[]string{"--data", "x", "search"}, `unknown command "--data"`},
		{[]string{"search", "pegasus", "--organization", "Citizen Lab"}, "search: unknown flag --organization (use --org)"},
		{[]string{"search", "--year", "2018", "pegasus"}, "search: unknown flag --year (use --from and --to)"},
		{[]string{"search", "--language=es", "pegasus"}, "search: unknown flag --language=es (use --lang)"},
		{[]string{"search", "pegasus", "-android"}, "search: unknown flag -android (an argument that starts with - goes after --)"},
		{[]string{"search", "pegasus", "--size"}, "search: flag needs an argument"},
		{[]string{"search", "--size", "ten"}, `search: invalid value "ten" for flag -size`},
		{[]string{"import", "--organization", "x", "f.jsonl"}, "import: unknown flag --organization"},
		{[]string{"import"}, "import: want one FILE.jsonl (- for standard input), got 0 arguments"},
		{[]string{"extract", "a.html", "b.html"}, "extract: want one FILE or URL, got 2 arguments"},
		{[]string{"extract", "--data", "x", "a.html"}, "extract: unknown flag --data"},
		{[]string{"crawl", "--depht", "1"}, "crawl: unknown flag --depht"},
		{[]string{"serve", "--data", "x", "extra"}, `serve: takes no arguments, got ["extra"]`},
		{[]string{"index", "gen-000001"}, `index: takes no arguments, got ["gen-000001"]`},
		{[]string{"version", "--short"}, "version: unknown flag --short"},
	} {
		out, errOut, err := runCmd(t, tc.args...)
		if code := exitCode(err); code != 2 {
			t.Errorf("%q: exit %d (%v), want 2", tc.args, code, err)
		}
		if !strings.HasPrefix(errOut, "rightsearch: "+tc.want) || !strings.Contains(errOut, "usage: rightsearch") {
			t.Errorf("%q: stderr %q, want rightsearch: %s and the usage", tc.args, errOut, tc.want)
		}
		if out != "" {
			t.Errorf("%q: stdout %q", tc.args, out)
		}
	}
}

// TestSearchFlagsAnywhere: flags among and after the query words are
// applied as flags; "--" makes the rest words.
func TestSearchFlagsAnywhere(t *testing.T) {
	for _, tc := range []struct {
		args       []string
		q          string
		orgs       []string
		types      []string
		size       int
		json       bool
		data, sort string
	}{
		{args: []string{"pegasus", "--org", "Citizen Lab"}, q: "pegasus", orgs: []string{"Citizen Lab"}},
		{args: []string{"--org", "Citizen Lab", "pegasus"}, q: "pegasus", orgs: []string{"Citizen Lab"}},
		{args: []string{"pegasus", "--org=Lookout", "spyware", "-size", "5"}, q: "pegasus spyware", orgs: []string{"Lookout"}, size: 5},
		{args: []string{"--json", "pegasus"}, q: "pegasus", json: true}, // a bool flag takes no value
		{args: []string{"pegasus", "--json", "--type", "report", "--type", "letter"}, q: "pegasus", types: []string{"report", "letter"}, json: true},
		{args: []string{"mansoor", "--data", "/srv/rs", "--sort", "-date"}, q: "mansoor", data: "/srv/rs", sort: "-date"},
		{args: []string{"--", "-android"}, q: "-android"},
		{args: []string{"pegasus", "--", "--org", "x"}, q: "pegasus --org x"},
		{args: []string{"--org", "--", "pegasus"}, q: "pegasus", orgs: []string{"--"}}, // a value, not the end of flags
		{args: nil, q: ""},
	} {
		var out, errOut bytes.Buffer
		sa, err := parseSearch(env{stdout: &out, stderr: &errOut}, rightsearch.DefaultFacets(), tc.args)
		if err != nil {
			t.Errorf("%q: %v\n%s", tc.args, err, errOut.String())
			continue
		}
		if tc.size == 0 {
			tc.size = query.DefaultSize
		}
		if tc.data == "" {
			tc.data = "./data"
		}
		if tc.sort == "" {
			tc.sort = query.SortRelevance
		}
		r := sa.req
		orgs, types := r.FilterValues("organization"), r.FilterValues("type")
		if r.Q != tc.q || !slices.Equal(orgs, tc.orgs) || !slices.Equal(types, tc.types) || r.Size != tc.size ||
			sa.json != tc.json || sa.data != tc.data || r.Sort != tc.sort {
			t.Errorf("%q: q %q orgs %q types %q size %d json %v data %q sort %q\nwant q %q orgs %q types %q size %d json %v data %q sort %q",
				tc.args, r.Q, orgs, types, r.Size, sa.json, sa.data, r.Sort,
				tc.q, tc.orgs, tc.types, tc.size, tc.json, tc.data, tc.sort)
		}
	}
}

// TestSearchHasAFlagPerAPIParameter: the search command offers every
// parameter of /api/search (q is the words), so the CLI and the API
// accept the same filters and nothing else.
func TestSearchHasAFlagPerAPIParameter(t *testing.T) {
	out, _, err := runCmd(t, "search", "--help")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range query.SearchParams()[1:] {
		if !regexp.MustCompile(`(?m)^  --` + p + ` `).MatchString(out) {
			t.Errorf("search --help lists no --%s:\n%s", p, out)
		}
	}
}

// TestParseFlags runs parseFlags on a FlagSet with each kind of flag.
func TestParseFlags(t *testing.T) {
	for _, tc := range []struct {
		args, pos []string
		name      string
		verbose   bool
		tags      []string
	}{
		{args: []string{"a", "--name", "x", "b"}, pos: []string{"a", "b"}, name: "x"},
		{args: []string{"a", "-v", "b", "--tag", "t1", "-tag=t2"}, pos: []string{"a", "b"}, verbose: true, tags: []string{"t1", "t2"}},
		{args: []string{"-", "--v=false"}, pos: []string{"-"}}, // "-" is an argument (standard input)
		{args: []string{"--name", "-x", "--", "-v", "--"}, pos: []string{"-v", "--"}, name: "-x"},
		{args: []string{"a", "b"}, pos: []string{"a", "b"}},
	} {
		fs := newFlagSet("test")
		name := fs.String("name", "", "")
		verbose := fs.Bool("v", false, "")
		var tags multi
		fs.Var(&tags, "tag", "")
		pos, err := parseFlags(env{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}}, fs, tc.args)
		if err != nil || !slices.Equal(pos, tc.pos) || *name != tc.name || *verbose != tc.verbose || !slices.Equal(tags, multi(tc.tags)) {
			t.Errorf("%q: err %v pos %q name %q v %v tags %q", tc.args, err, pos, *name, *verbose, tags)
		}
	}
	fs := newFlagSet("test")
	if _, err := parseFlags(env{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}}, fs, []string{"--help"}); err != flag.ErrHelp {
		t.Errorf("--help: %v, want flag.ErrHelp", err)
	}
}

// TestSearchFlagPerFacet: a facet added to the registry is a flag of the
// search command, filtering as the API's parameter does, with no other
// edit (the registry's other readers: web's TestFacetIsOneRegistryEntry).
func TestSearchFlagPerFacet(t *testing.T) {
	fs := append(rightsearch.DefaultFacets(), testenv.SourceListFacet())
	var out, errOut bytes.Buffer
	sa, err := parseSearch(env{stdout: &out, stderr: &errOut}, fs, []string{"pegasus", "--source_list", "seed", "--org", "Lookout"})
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut.String())
	}
	if got := sa.req.FilterValues("source_list"); !slices.Equal(got, []string{"seed"}) || sa.req.Q != "pegasus" {
		t.Errorf("q %q source_list %q", sa.req.Q, got)
	}
	if v := sa.req.Values(); v.Get("source_list") != "seed" || v.Get("org") != "Lookout" {
		t.Errorf("the request writes %s", v.Encode())
	}
	if _, err := parseSearch(env{stdout: &out, stderr: &errOut}, rightsearch.DefaultFacets(), []string{"--source_list", "seed"}); err == nil {
		t.Error("--source_list accepted without the facet in the registry")
	}
}
