package reliability

import (
	"context"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/rightsearch/rightsearch/indexer"
)

// crashDocs is how many documents the crash test imports.
const crashDocs = 10000

// TestImportSurvivesSIGKILL kills `rightsearch import` with SIGKILL at
// random moments and checks, after each kill, that the index opens and
// holds exactly what the store holds (plus the seeds): a document written
// to data/docs is never lost to the index, whatever the moment of the
// crash. A last import runs to completion and all documents are there.
func TestImportSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test imports 10,000 documents several times")
	}
	ctx := context.Background()
	seed := testSeed(t)
	rng := rand.New(rand.NewPCG(seed, 2))
	data, file := t.TempDir(), filepath.Join(t.TempDir(), "corpus.jsonl")
	ids := writeCorpus(t, file, crashDocs, 30)

	for kill := 1; kill <= 5; kill++ {
		// Later kills may come later, so that they land across the import
		// (each run starts the file again), not only in its first seconds.
		delay := 200*time.Millisecond + time.Duration(rng.Int64N(int64(kill)*int64(time.Second)))
		finished := importAndKill(t, data, file, delay)
		pending, _ := filepath.Glob(filepath.Join(data, "index", "pending", "*.ids"))
		temps, _ := filepath.Glob(filepath.Join(data, "docs", ".tmp-*"))
		stored := len(storeIDs(t, data))
		took := checkRecovered(ctx, t, data)
		t.Logf("kill %d at %v (finished first: %v): %d stored, %d journals pending, %d temp files left; recovered in %v",
			kill, delay, finished, stored, len(pending), len(temps), took.Round(time.Millisecond))
	}

	start := time.Now()
	runCLI(ctx, t, "import", "--data", data, file)
	t.Logf("complete import of %d documents: %v", crashDocs, time.Since(start).Round(time.Millisecond))
	checkRecovered(ctx, t, data)
	if got := diff(ids, storeIDs(t, data)); got != "" {
		t.Errorf("store after a complete import: %s", got)
	}
}

// testSeed is the seed for random choices: RELIABILITY_SEED or a fixed one,
// logged so that a failure can be replayed.
func testSeed(t *testing.T) uint64 {
	seed := uint64(20191118)
	if s := os.Getenv("RELIABILITY_SEED"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("RELIABILITY_SEED=%q: %v", s, err)
		}
		seed = v
	}
	t.Logf("random seed %d (set RELIABILITY_SEED to replay another)", seed)
	return seed
}

// importAndKill starts an import and kills it with SIGKILL after delay. It
// reports whether the import finished first.
func importAndKill(t *testing.T, data, file string, delay time.Duration) bool {
	t.Helper()
	cmd := exec.Command(binary, "import", "--data", data, file)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("import exited before the kill: %v", err)
		}
		return true
	case <-time.After(delay):
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-done
	return false
}

// checkRecovered opens the index as the next process would and compares
// its documents with the store's and the seeds'. It returns how long the
// open (with its recovery) took.
func checkRecovered(ctx context.Context, t *testing.T, data string) time.Duration {
	t.Helper()
	start := time.Now()
	ix, err := indexer.Open(ctx, indexer.Options{DataDir: data})
	if err != nil {
		t.Fatalf("open after kill: %v", err)
	}
	took := time.Since(start)
	defer ix.Close()
	want := wantIDs(t, data)
	if got := diff(want, indexIDs(ctx, t, ix)); got != "" {
		t.Fatalf("index after recovery differs from store ∪ seeds: %s", got)
	}
	if left, _ := filepath.Glob(filepath.Join(data, "index", "pending", "*.ids")); len(left) > 0 {
		t.Errorf("%d journals still pending after open", len(left))
	}
	return took
}
