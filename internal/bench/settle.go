package bench

import (
	"context"
	"time"
)

// Merging reports whether a Bleve index's statistics (StatsMap) show a
// segment merge under way.
func Merging(stats map[string]any) bool {
	idx, _ := stats["index"].(map[string]any)
	beg, _ := idx["TotFileMergeZapBeg"].(uint64)
	end, _ := idx["TotFileMergeZapEnd"].(uint64)
	return beg != end
}

// Settle waits until none of the indexes has merged for quiet, at most
// max: an index just imported keeps merging segments in the background,
// which would be measured as query latency.
func Settle(ctx context.Context, quiet, max time.Duration, stats ...func() map[string]any) {
	deadline := time.Now().Add(max)
	calm := time.Now()
	for time.Now().Before(deadline) && ctx.Err() == nil {
		for _, st := range stats {
			if Merging(st()) {
				calm = time.Now()
			}
		}
		if time.Since(calm) >= quiet {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
}
