package crawl

import "testing"

func TestStatsAccumulate(t *testing.T) {
	dir := t.TempDir()
	if st, err := LoadStats(dir); err != nil || st.Crawls != 0 {
		t.Fatalf("empty: %+v %v", st, err)
	}
	RecordSummary(dir, Summary{Fetched: 3, Failed: 1})
	RecordSummary(dir, Summary{Fetched: 2, NotModified: 3, Robots: 1})
	st, err := LoadStats(dir)
	if err != nil || st.Crawls != 2 || st.Fetched != 5 || st.NotModified != 3 || st.Robots != 1 || st.Failed != 1 || st.LastCrawl.IsZero() {
		t.Errorf("stats %+v %v", st, err)
	}
}
