package reliability

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/rightsearch/rightsearch/indexer"
	"github.com/rightsearch/rightsearch/seeds"
)

// binary is the rightsearch command built once for the package's tests.
var binary string

func TestMain(m *testing.M) {
	indexer.LimitExpansions() // in-process servers bound patterns as serve does
	os.Exit(buildAndRun(m))
}

func buildAndRun(m *testing.M) int {
	dir, err := os.MkdirTemp("", "rightsearch-reliability-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "reliability:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	binary = filepath.Join(dir, "rightsearch")
	// go test puts its own GOROOT/bin first on the test's PATH.
	goTool, err := exec.LookPath("go")
	if err != nil {
		fmt.Fprintln(os.Stderr, "reliability: no go command on PATH:", err)
		return 1
	}
	// A plain build (no -race): the subprocess is the product as shipped.
	cmd := exec.Command(goTool, "build", "-o", binary, "github.com/rightsearch/rightsearch/cmd/rightsearch")
	if out, err := cmd.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "reliability: go build: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}

// runCLI runs the binary to completion and returns its output.
func runCLI(ctx context.Context, t testing.TB, args ...string) string {
	t.Helper()
	cmd := exec.CommandContext(ctx, binary, args...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("rightsearch %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// storeIDs lists data/docs/*.json: the documents the store holds.
func storeIDs(t testing.TB, data string) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(data, "docs", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(paths))
	for i, p := range paths {
		ids[i] = strings.TrimSuffix(filepath.Base(p), ".json")
	}
	return ids
}

// wantIDs is what the index must hold: the store and the seeds, sorted.
func wantIDs(t testing.TB, data string) []string {
	t.Helper()
	ids := storeIDs(t, data)
	for _, d := range seeds.MustLoad().All() {
		ids = append(ids, d.ID)
	}
	sort.Strings(ids)
	return slices.Compact(ids)
}

// indexIDs lists every id the live generation answers a match-all with.
func indexIDs(ctx context.Context, t testing.TB, ix *indexer.Index) []string {
	t.Helper()
	n := int(ix.Count())
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), n+1, 0, false)
	res, err := ix.Search(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, 0, len(res.Hits))
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	if int(res.Total) != len(ids) || len(ids) != n {
		t.Errorf("index: count %d, match-all total %d, %d hits", n, res.Total, len(ids))
	}
	sort.Strings(ids)
	return ids
}

// diff describes how got differs from want (both sorted), briefly.
func diff(want, got []string) string {
	var missing, extra []string
	i, j := 0, 0
	for i < len(want) || j < len(got) {
		switch {
		case j == len(got) || i < len(want) && want[i] < got[j]:
			missing = append(missing, want[i])
			i++
		case i == len(want) || got[j] < want[i]:
			extra = append(extra, got[j])
			j++
		default:
			i, j = i+1, j+1
		}
	}
	if len(missing)+len(extra) == 0 {
		return ""
	}
	return fmt.Sprintf("%d missing %v, %d extra %v", len(missing), head(missing), len(extra), head(extra))
}

func head(s []string) []string { return s[:min(len(s), 5)] }

// percentile returns the p-th percentile (0–100) of sorted durations.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted)-1) * p / 100)
	return sorted[i]
}

func TestDiff(t *testing.T) {
	for _, c := range []struct {
		want, got []string
		empty     bool
	}{
		{[]string{"a", "b"}, []string{"a", "b"}, true},
		{[]string{"a", "b"}, []string{"a"}, false},
		{[]string{"a"}, []string{"a", "c"}, false},
		{nil, nil, true},
	} {
		if got := diff(c.want, c.got); (got == "") != c.empty {
			t.Errorf("diff(%v, %v) = %q", c.want, c.got, got)
		}
	}
}

// runCLIErr runs the binary to completion, returning its output and error.
func runCLIErr(ctx context.Context, args ...string) (string, error) {
	out, err := exec.CommandContext(ctx, binary, args...).CombinedOutput()
	return string(out), err
}
