package reliability

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/web"

	"github.com/rightsearch/rightsearch/indexer"
	"github.com/rightsearch/rightsearch/search"
	"github.com/rightsearch/rightsearch/seeds"
)

const (
	loadDocs        = 3000
	loadConcurrency = 32
	loadDuration    = 20 * time.Second
)

// loadQueries is the fixed mix the load generator sends: words, phrases,
// required and excluded words, prefixes, field prefixes, filters, date
// ranges, sorts and pages.
func loadQueries() []url.Values {
	target := seeds.MustLoad().Targets[0].Name
	qs := []string{
		"q=surveillance",
		"q=%22remote+exploitation%22",
		"q=%2Bspyware+-court",
		"q=evid*&size=5",
		"q=Evidence+file+42",
		"q=organization:%22Access+Now%22+surveillance",
		"q=journalist&sort=-date&page=2",
		"q=forensic+analysis&org=Lookout&from=2012&to=2020&page=3&size=20",
		"org=Citizen+Lab",
		"org=Amnesty+International&org=R3D&type=report",
		"from=2015&to=2018",
		"from=2019-06&sort=date",
		"country=Mexico&q=phone",
		"country=Spain&country=Hungary&sort=-date&size=50",
		"target=" + url.QueryEscape(target),
		"type=letter&type=news&size=50",
		"lang=en&sort=date&page=5",
		"size=100&page=30",
		"spyware=Pegasus",
		"q=Mansoor",
	}
	out := make([]url.Values, len(qs))
	for i, q := range qs {
		v, err := url.ParseQuery(q)
		if err != nil {
			panic(err)
		}
		out[i] = v
	}
	return out
}

// loadStats is what the load generator counts.
type loadStats struct {
	ok, busy, bad, wrongTotal, wrongFacets, docChecks, docFailures atomic.Int64
	mu                                                             sync.Mutex
	latencies                                                      []time.Duration
	perQuery                                                       map[int][]time.Duration
	failures                                                       []string
}

func (s *loadStats) fail(format string, a ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.failures) < 10 {
		s.failures = append(s.failures, fmt.Sprintf(format, a...))
	}
}

// TestLoadWhileRebuilding sends faceted searches from 32 clients for 20 s
// while `rightsearch index` rebuilds the index twice and the server
// switches generations. No request may fail (a 503 with Retry-After is
// allowed), every total and facet must equal what it was before the load
// (the corpus does not change), and every hit must be retrievable.
func TestLoadWhileRebuilding(t *testing.T) {
	if testing.Short() {
		t.Skip("load test runs for 20 s")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	data, file := t.TempDir(), filepath.Join(t.TempDir(), "corpus.jsonl")
	writeCorpus(t, file, loadDocs, 120)
	start := time.Now()
	runCLI(ctx, t, "import", "--data", data, file)
	t.Logf("imported %d documents in %v", loadDocs, time.Since(start).Round(time.Millisecond))

	ix, err := indexer.Open(ctx, indexer.Options{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	watchDone := make(chan struct{})
	go func() { ix.Watch(ctx, 250*time.Millisecond); close(watchDone) }()
	defer func() { cancel(); <-watchDone }()
	ts := httptest.NewServer(web.NewServer(web.Config{Engine: search.New(ix, search.Options{})}))
	defer ts.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2 * loadConcurrency}, Timeout: 30 * time.Second}
	defer client.CloseIdleConnections()

	queries := loadQueries()
	baseline := make([]*rightsearch.Response, len(queries))
	for i, q := range queries {
		if baseline[i], err = getSearch(ctx, client, ts.URL, q); err != nil {
			t.Fatalf("baseline %s: %v", q.Encode(), err)
		}
	}
	wantDocs := ix.Count()

	st := loadStats{perQuery: map[int][]time.Duration{}}
	rebuilt := make(chan []string, 1)
	go func() { rebuilt <- rebuildTwice(ctx, t, data, ix) }()
	deadline := time.Now().Add(loadDuration)
	loadStart := time.Now()
	var wg sync.WaitGroup
	for w := range loadConcurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			loadWorker(ctx, client, ts.URL, w, deadline, queries, baseline, &st)
		}()
	}
	gens := <-rebuilt
	wg.Wait()
	elapsed := time.Since(loadStart)

	slices.Sort(st.latencies)
	n := len(st.latencies)
	t.Logf("%d searches in %v at concurrency %d: %.0f req/s, p50 %v, p99 %v, max %v",
		n, elapsed.Round(time.Millisecond), loadConcurrency, float64(n)/elapsed.Seconds(),
		percentile(st.latencies, 50).Round(time.Microsecond), percentile(st.latencies, 99).Round(time.Microsecond),
		percentile(st.latencies, 100).Round(time.Microsecond))
	t.Logf("ok %d, 503 %d, bad %d, wrong totals %d, wrong facets %d, documents checked %d (failed %d); generations %v",
		st.ok.Load(), st.busy.Load(), st.bad.Load(), st.wrongTotal.Load(), st.wrongFacets.Load(),
		st.docChecks.Load(), st.docFailures.Load(), gens)
	logSlowest(t, queries, st.perQuery)
	for _, f := range st.failures {
		t.Error(f)
	}
	if st.bad.Load()+st.wrongTotal.Load()+st.wrongFacets.Load()+st.docFailures.Load() > 0 {
		t.Errorf("failures under load (see above)")
	}
	if len(gens) != 3 {
		t.Errorf("served generations %v, want the first and two rebuilt ones", gens)
	}
	if got := ix.Count(); got != wantDocs {
		t.Errorf("after the rebuilds the index has %d documents, want %d", got, wantDocs)
	}
}

// logSlowest logs the median latency of the three slowest queries of the
// mix, to show where the time goes.
func logSlowest(t *testing.T, queries []url.Values, per map[int][]time.Duration) {
	type qm struct {
		q      string
		median time.Duration
	}
	var ms []qm
	for qi, ds := range per {
		slices.Sort(ds)
		ms = append(ms, qm{queries[qi].Encode(), percentile(ds, 50)})
	}
	slices.SortFunc(ms, func(a, b qm) int { return int(b.median - a.median) })
	for _, m := range ms[:min(3, len(ms))] {
		t.Logf("slow: p50 %v for %s", m.median.Round(time.Millisecond), m.q)
	}
}

// rebuildTwice runs `rightsearch index` twice while the load runs and
// waits each time for the server to switch to the new generation. It
// returns the generations served, in order.
func rebuildTwice(ctx context.Context, t *testing.T, data string, ix *indexer.Index) []string {
	gens := []string{ix.Generation()}
	for range 2 {
		select {
		case <-ctx.Done():
			return gens
		case <-time.After(2 * time.Second):
		}
		start := time.Now()
		out, err := runCLIErr(ctx, "index", "--data", data)
		if err != nil {
			t.Errorf("rightsearch index: %v\n%s", err, out)
			return gens
		}
		built := "?"
		if i := strings.Index(out, "built gen-"); i >= 0 {
			built = strings.TrimRight(strings.Fields(out[i:])[1], ";")
		}
		for time.Since(start) < 30*time.Second && ix.Generation() == gens[len(gens)-1] {
			time.Sleep(20 * time.Millisecond)
		}
		gens = append(gens, ix.Generation())
		t.Logf("built %s, server switched to %s, in %v", built, ix.Generation(), time.Since(start).Round(time.Millisecond))
	}
	return gens
}

func loadWorker(ctx context.Context, c *http.Client, base string, w int, deadline time.Time,
	queries []url.Values, baseline []*rightsearch.Response, st *loadStats) {
	rng := rand.New(rand.NewPCG(uint64(w), 3))
	for i := w; time.Now().Before(deadline); i++ {
		qi := i % len(queries)
		start := time.Now()
		resp, code, retry, err := getSearchStatus(ctx, c, base, queries[qi])
		took := time.Since(start)
		switch {
		case code == http.StatusServiceUnavailable && retry != "":
			st.busy.Add(1)
			time.Sleep(100 * time.Millisecond)
			continue
		case err != nil:
			st.bad.Add(1)
			st.fail("%s: %v", queries[qi].Encode(), err)
			continue
		}
		st.ok.Add(1)
		st.mu.Lock()
		st.latencies = append(st.latencies, took)
		st.perQuery[qi] = append(st.perQuery[qi], took)
		st.mu.Unlock()
		want := baseline[qi]
		if resp.Total != want.Total || len(resp.Hits) != len(want.Hits) {
			st.wrongTotal.Add(1)
			st.fail("%s: total %d with %d hits, want %d with %d", queries[qi].Encode(), resp.Total, len(resp.Hits), want.Total, len(want.Hits))
		}
		if !reflect.DeepEqual(resp.Facets, want.Facets) {
			st.wrongFacets.Add(1)
			st.fail("%s: facets %v, want %v", queries[qi].Encode(), resp.Facets, want.Facets)
		}
		if len(resp.Hits) > 0 {
			id := resp.Hits[rng.IntN(len(resp.Hits))].ID
			st.docChecks.Add(1)
			if err := getDocument(ctx, c, base, id); err != nil {
				st.docFailures.Add(1)
				st.fail("hit %s of %s: %v", id, queries[qi].Encode(), err)
			}
		}
	}
}

func getSearch(ctx context.Context, c *http.Client, base string, q url.Values) (*rightsearch.Response, error) {
	r, _, _, err := getSearchStatus(ctx, c, base, q)
	return r, err
}

// getSearchStatus asks /api/search and decodes a 200 answer; any other
// status is an error (with the status and Retry-After returned).
func getSearchStatus(ctx context.Context, c *http.Client, base string, q url.Values) (*rightsearch.Response, int, string, error) {
	body, code, hdr, err := get(ctx, c, base+"/api/search?"+q.Encode())
	if err != nil {
		return nil, 0, "", err
	}
	if code != http.StatusOK {
		return nil, code, hdr.Get("Retry-After"), fmt.Errorf("status %d: %.200s", code, body)
	}
	var r rightsearch.Response
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, code, "", fmt.Errorf("decode: %w", err)
	}
	if r.Hits == nil {
		return nil, code, "", fmt.Errorf("hits is null")
	}
	return &r, code, "", nil
}

// getDocument checks that /api/documents/{id} answers that document.
func getDocument(ctx context.Context, c *http.Client, base, id string) error {
	body, code, _, err := get(ctx, c, base+"/api/documents/"+url.PathEscape(id))
	if err != nil {
		return err
	}
	if code != http.StatusOK {
		return fmt.Errorf("status %d: %.200s", code, body)
	}
	var d struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(body, &d); err != nil || d.ID != id {
		return fmt.Errorf("answered id %q (%v)", d.ID, err)
	}
	return nil
}

func get(ctx context.Context, c *http.Client, u string) ([]byte, int, http.Header, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, 0, nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, 0, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, 0, nil, fmt.Errorf("read %s: %w", u, err)
	}
	return body, resp.StatusCode, resp.Header, nil
}
