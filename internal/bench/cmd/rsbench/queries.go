package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/rightsearch/rightsearch/indexer"
	"github.com/rightsearch/rightsearch/internal/bench"
	"github.com/rightsearch/rightsearch/query"
	"github.com/rightsearch/rightsearch/search"
	"github.com/rightsearch/rightsearch/web"
)

// asker answers query i of the mix once.
type asker func(ctx context.Context, i int) error

// timed is one answered query.
type timed struct {
	i  int
	d  time.Duration
	ok bool
}

// measure asks the mix rounds times over, from conc goroutines taking the
// next query in turn, after one warm-up pass.
func measure(ctx context.Context, n, rounds, conc int, ask asker) ([]timed, time.Duration) {
	for i := 0; i < n; i++ {
		_ = ask(ctx, i)
	}
	total := n * rounds
	out := make([]timed, total)
	var next atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < conc; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				j := int(next.Add(1)) - 1
				if j >= total || ctx.Err() != nil {
					return
				}
				t0 := time.Now()
				err := ask(ctx, j%n)
				out[j] = timed{i: j % n, d: time.Since(t0), ok: err == nil}
			}
		}()
	}
	wg.Wait()
	return out, time.Since(start)
}

func summarize(path string, conc int, ts []timed, elapsed time.Duration) bench.QueryResult {
	ds := make([]time.Duration, 0, len(ts))
	errs := 0
	for _, t := range ts {
		ds = append(ds, t.d)
		if !t.ok {
			errs++
		}
	}
	return bench.QueryResult{Path: path, Concurrency: conc, Latency: bench.Summarize(ds),
		PerSecond: float64(len(ts)) / elapsed.Seconds(), Errors: errs}
}

// queryBench holds what the query measurements need.
type queryBench struct {
	mix  []bench.MixQuery
	reqs []query.Request
	ix   *indexer.Index
	s    *search.Searcher // with the result cache
	// uncached answers every search itself.
	uncached *search.Searcher
	raw      bleve.Index
	rounds   int
	closers  []func()
}

func newQueryBench(mix []bench.MixQuery, ix *indexer.Index, raw bleve.Index, rounds int) (*queryBench, error) {
	qb := &queryBench{mix: mix, ix: ix, s: search.New(ix, search.Options{}), raw: raw, rounds: rounds,
		uncached: search.New(ix, search.Options{CacheEntries: -1})}
	for _, q := range mix {
		r, err := query.ParseRequest(q.Params)
		if err != nil {
			return nil, fmt.Errorf("query %s: %w", q.Name, err)
		}
		qb.reqs = append(qb.reqs, r)
	}
	return qb, nil
}

// run measures every path at concurrency 1 and 16 and fills sr.
func (qb *queryBench) run(ctx context.Context, sr *bench.ScaleResult) error {
	n := len(qb.mix)
	uncached := qb.uncached
	inproc := func(s *search.Searcher) asker {
		return func(ctx context.Context, i int) error {
			r, err := query.ParseRequest(qb.mix[i].Params)
			if err != nil {
				return err
			}
			_, err = s.Search(ctx, r)
			return err
		}
	}
	rawAsk := func(years []int) asker {
		return func(ctx context.Context, i int) error {
			_, err := qb.raw.SearchInContext(ctx, bench.RawRequest(qb.reqs[i], years))
			return err
		}
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}, Timeout: 30 * time.Second}
	defer client.CloseIdleConnections()
	httpAsk := func(s *search.Searcher) asker {
		srv := httptest.NewServer(web.NewServer(web.Config{Engine: s}))
		qb.closers = append(qb.closers, srv.Close)
		return func(ctx context.Context, i int) error {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/api/search?"+qb.mix[i].Params.Encode(), nil)
			if err != nil {
				return err
			}
			resp, err := client.Do(req)
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			if _, err := io.Copy(io.Discard, resp.Body); err != nil {
				return err
			}
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("status %d", resp.StatusCode)
			}
			return nil
		}
	}
	defer func() {
		for _, c := range qb.closers {
			c()
		}
	}()
	for _, p := range []struct {
		name string
		ask  asker
	}{{"in-process", inproc(uncached)}, {"raw-bleve", rawAsk(nil)},
		{"http", httpAsk(uncached)}, {"in-process-cached", inproc(qb.s)}, {"http-cached", httpAsk(qb.s)}} {
		for _, conc := range []int{1, 16} {
			rounds := qb.rounds
			if conc > 1 {
				rounds *= 2
			}
			ts, el := measure(ctx, n, rounds, conc, p.ask)
			if err := ctx.Err(); err != nil {
				return err
			}
			sr.Queries = append(sr.Queries, summarize(p.name, conc, ts, el))
			if p.name == "in-process" && conc == 1 {
				sr.ByKind = qb.byKind(ts)
			}
		}
	}
	return qb.yearFacets(ctx, sr, rawAsk)
}

func (qb *queryBench) byKind(ts []timed) map[string]bench.Latency {
	kinds := map[string][]time.Duration{}
	for _, t := range ts {
		k := qb.mix[t.i].Kind
		kinds[k] = append(kinds[k], t.d)
	}
	out := map[string]bench.Latency{}
	for k, ds := range kinds {
		out[k] = bench.Summarize(ds)
	}
	return out
}

// yearFacets compares years counted as terms of the facets field with a date-range facet of
// one bucket per year present, on raw Bleve at concurrency 1.
func (qb *queryBench) yearFacets(ctx context.Context, sr *bench.ScaleResult, rawAsk func([]int) asker) error {
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 0, 0, false)
	req.AddFacet("facets", bleve.NewFacetRequest(indexer.FieldFacets, 100000))
	res, err := qb.raw.SearchInContext(ctx, req)
	if err != nil {
		return fmt.Errorf("year list: %w", err)
	}
	years := bench.YearsOf(res.Facets["facets"])
	sr.YearRanges = len(years)
	ts, el := measure(ctx, len(qb.mix), qb.rounds, 1, rawAsk(nil))
	sr.YearTerm = summarize("", 1, ts, el).Latency
	ts, el = measure(ctx, len(qb.mix), qb.rounds, 1, rawAsk(years))
	sr.YearRange = summarize("", 1, ts, el).Latency
	return ctx.Err()
}
