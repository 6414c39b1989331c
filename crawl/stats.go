package crawl

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// statsFile keeps running totals of every crawl on a data directory, so
// that a running serve can export them as metrics.
const statsFile = "stats.json"

// Stats are the totals over every crawl of a data directory.
type Stats struct {
	Crawls      int       `json:"crawls"`
	Fetched     int       `json:"fetched"`
	NotModified int       `json:"not_modified"`
	Robots      int       `json:"robots"`
	Failed      int       `json:"failed"`
	Duplicates  int       `json:"duplicates"`
	LastCrawl   time.Time `json:"last_crawl"`
}

// RecordSummary adds a finished crawl's counts to the totals in
// DataDir/crawl/stats.json.
func RecordSummary(dataDir string, s Summary) error {
	st, err := LoadStats(dataDir)
	if err != nil {
		return err
	}
	st.Crawls++
	st.Fetched += s.Fetched
	st.NotModified += s.NotModified
	st.Robots += s.Robots
	st.Failed += s.Failed
	st.Duplicates += s.Duplicates
	st.LastCrawl = time.Now().UTC()
	b, err := json.Marshal(st)
	if err != nil {
		return fmt.Errorf("record crawl stats: %w", err)
	}
	dir := filepath.Join(dataDir, "crawl")
	tmp := filepath.Join(dir, statsFile+".tmp")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("record crawl stats: %w", err)
	}
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return fmt.Errorf("record crawl stats: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, statsFile)); err != nil {
		return fmt.Errorf("record crawl stats: %w", err)
	}
	return nil
}

// LoadStats reads the totals; none yet is zero Stats.
func LoadStats(dataDir string) (Stats, error) {
	var st Stats
	b, err := os.ReadFile(filepath.Join(dataDir, "crawl", statsFile))
	if os.IsNotExist(err) {
		return st, nil
	}
	if err != nil {
		return st, fmt.Errorf("load crawl stats: %w", err)
	}
	if err := json.Unmarshal(b, &st); err != nil {
		return st, fmt.Errorf("load crawl stats: %w", err)
	}
	return st, nil
}
