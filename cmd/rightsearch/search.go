package main

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"strconv"
	"strings"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/query"
	"github.com/rightsearch/rightsearch/web"

	"github.com/rightsearch/rightsearch/indexer"
)

// multi is a repeatable string flag.
type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(v string) error { *m = append(*m, v); return nil }

func cmdSearch(ctx context.Context, e env, args []string) error {
	sa, err := parseSearch(e, rightsearch.DefaultFacets(), args)
	if err != nil {
		return err
	}
	resp, err := runSearch(ctx, e, sa.data, sa.req)
	if err != nil {
		return err
	}
	if sa.json {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(resp)
	}
	printResults(e, resp)
	return nil
}

// searchArgs is a search command line, parsed.
type searchArgs struct {
	data string
	req  query.Request
	json bool
}

// parseSearch reads the search command line: flags anywhere among the
// query words, which are joined into q, a flag for each filter facet of
// the registry and for each other parameter of /api/search; an unknown
// flag (--organization) is refused.
func parseSearch(e env, facets rightsearch.Facets, args []string) (searchArgs, error) {
	fs, data := newFlags("search")
	filters := map[string]*multi{}
	for _, f := range facets.Filters() {
		m := &multi{}
		filters[f.Param] = m
		fs.Var(m, f.Param, "keep this `"+strings.ToLower(f.Label)+"`: "+f.Help+" (repeat for OR)")
	}
	from := fs.String("from", "", "keep documents from this `date` (YYYY, YYYY-MM or YYYY-MM-DD) on")
	to := fs.String("to", "", "keep documents up to this `date`")
	sort := fs.String("sort", "relevance", "`order`: relevance, date (oldest first) or -date")
	size := fs.Int("size", 10, "`hits` a page (1-100)")
	page := fs.Int("page", 1, "`page` to show, from 1")
	asJSON := fs.Bool("json", false, "print the API's JSON")
	words, err := parseFlags(e, fs, args)
	if err != nil {
		return searchArgs{}, err
	}
	v := url.Values{"q": {strings.Join(words, " ")}, "from": {*from}, "to": {*to},
		"sort": {*sort}, "size": {strconv.Itoa(*size)}, "page": {strconv.Itoa(*page)}}
	for param, m := range filters {
		v[param] = *m
	}
	req, err := query.ParseRequestIn(facets, v)
	if err != nil {
		return searchArgs{}, err
	}
	return searchArgs{data: *data, req: req, json: *asJSON}, nil
}

// runSearch asks the running server if there is one (it holds the index),
// else opens the index itself.
func runSearch(ctx context.Context, e env, data string, req query.Request) (*rightsearch.Response, error) {
	if base, ok := web.RunningServer(ctx, data); ok {
		return web.Remote(ctx, base, req)
	}
	ix, err := indexer.Open(ctx, indexOptions(e, data, 0))
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	return newSearcher(ix).Search(ctx, req)
}

func printResults(e env, r *rightsearch.Response) {
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
