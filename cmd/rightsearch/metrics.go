package main

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/rightsearch/rightsearch/crawl"
)

// crawlCollectors export the data directory's crawl totals, which the
// crawl command records, on the server's /metrics.
func crawlCollectors(data string) []prometheus.Collector {
	gauge := func(name, help string, get func(crawl.Stats) int) prometheus.Collector {
		return prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, func() float64 {
			st, _ := crawl.LoadStats(data)
			return float64(get(st))
		})
	}
	return []prometheus.Collector{
		gauge("rightsearch_crawl_runs", "Crawls run on this data directory.", func(s crawl.Stats) int { return s.Crawls }),
		gauge("rightsearch_crawl_fetched", "URLs fetched and archived, over all crawls.", func(s crawl.Stats) int { return s.Fetched }),
		gauge("rightsearch_crawl_not_modified", "URLs answered 304 on re-crawl.", func(s crawl.Stats) int { return s.NotModified }),
		gauge("rightsearch_crawl_robots", "URLs disallowed by robots.txt.", func(s crawl.Stats) int { return s.Robots }),
		gauge("rightsearch_crawl_failed", "URLs that failed.", func(s crawl.Stats) int { return s.Failed }),
	}
}
