package main

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"strconv"
	"strings"

	"github.com/rightsearch/rightsearch/indexer"
	"github.com/rightsearch/rightsearch/search"
)

// multi is a repeatable string flag.
type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(v string) error { *m = append(*m, v); return nil }

func cmdSearch(ctx context.Context, e env, args []string) error {
	fs, data := newFlags(e, "search")
	var orgs, types, targets, countries, spyware, langs multi
	fs.Var(&orgs, "org", "organization filter (repeatable)")
	fs.Var(&types, "type", "type filter (repeatable)")
	fs.Var(&targets, "target", "target filter (repeatable)")
	fs.Var(&countries, "country", "country filter (repeatable)")
	fs.Var(&spyware, "spyware", "spyware filter (repeatable)")
	fs.Var(&langs, "lang", "language filter (repeatable)")
	from := fs.String("from", "", "from date (YYYY, YYYY-MM, YYYY-MM-DD)")
	to := fs.String("to", "", "to date")
	sort := fs.String("sort", "relevance", "relevance, date or -date")
	size := fs.Int("size", 10, "hits to show (1-100)")
	page := fs.Int("page", 1, "page")
	asJSON := fs.Bool("json", false, "print the API's JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	v := url.Values{"q": {strings.Join(fs.Args(), " ")}, "org": orgs, "type": types, "target": targets,
		"country": countries, "spyware": spyware, "lang": langs, "from": {*from}, "to": {*to},
		"sort": {*sort}, "size": {strconv.Itoa(*size)}, "page": {strconv.Itoa(*page)}}
	req, err := search.ParseRequest(v)
	if err != nil {
		return err
	}
	resp, err := runSearch(ctx, e, *data, req)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(resp)
	}
	printResults(e, resp)
	return nil
}

// runSearch asks the running server if there is one (it holds the index),
// else opens the index itself.
func runSearch(ctx context.Context, e env, data string, req search.Request) (*search.Response, error) {
	if base, ok := search.RunningServer(ctx, data); ok {
		return search.Remote(ctx, base, req)
	}
	ix, err := indexer.Open(ctx, indexer.Options{DataDir: data, Logger: e.log})
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	return newSearcher(ix).Search(ctx, req)
}

func printResults(e env, r *search.Response) {
	fmt.Fprintf(e.stdout, "%d results (%.1f ms)\n", r.Total, r.TookMS)
	for i, h := range r.Hits {
		meta := []string{}
		for _, s := range []string{h.Organization, h.Type, h.Published} {
			if s != "" {
				meta = append(meta, s)
			}
		}
		fmt.Fprintf(e.stdout, "\n%d. %s\n   %s — %s\n", (r.Page-1)*r.Size+i+1, h.Title, strings.Join(meta, ", "), h.ID)
		if h.URL != "" {
			fmt.Fprintf(e.stdout, "   %s\n", h.URL)
		}
		for _, s := range h.Snippets {
			s = strings.NewReplacer("<mark>", "[", "</mark>", "]").Replace(s)
			fmt.Fprintf(e.stdout, "   %s\n", html.UnescapeString(s))
		}
	}
}
