package bench

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// Results is one run of the harness: the machine, then each corpus size.
type Results struct {
	StartedAt   time.Time     `json:"started_at"`
	GoVersion   string        `json:"go_version"`
	CPUModel    string        `json:"cpu_model"`
	CPUs        int           `json:"cpus"`
	MemoryBytes int64         `json:"memory_bytes"`
	BatchSize   int           `json:"batch_size"`
	Scales      []ScaleResult `json:"scales"`
	// ServeFirstQueryMS is from starting `rightsearch serve` on the largest
	// existing index to its first answered search.
	ServeFirstQueryMS float64 `json:"serve_first_query_ms"`
	// LoadAverage is the 1-minute load at the start and the end: other
	// work on the machine moves absolute numbers, ratios less so.
	LoadAverage []string `json:"load_average"`
	Notes       []string `json:"notes,omitempty"`
}

// ScaleResult is everything measured on one corpus size.
type ScaleResult struct {
	Docs       int                `json:"docs"`
	JSONLBytes int64              `json:"jsonl_bytes"`
	Import     ImportResult       `json:"import"`
	Raw        ImportResult       `json:"raw_bleve"`
	Queries    []QueryResult      `json:"queries"`
	ByKind     map[string]Latency `json:"in_process_by_kind"`
	YearTerm   Latency            `json:"raw_year_term_facet"`
	YearRange  Latency            `json:"raw_year_date_range_facet"`
	YearRanges int                `json:"year_range_buckets"`
}

// ImportResult is one import of the corpus.
type ImportResult struct {
	Docs        int     `json:"docs"`
	Bytes       int64   `json:"bytes"`
	Seconds     float64 `json:"seconds"`
	CPUSeconds  float64 `json:"cpu_seconds"`
	DocsPerCPU  float64 `json:"docs_per_cpu_s"`
	OpenSeconds float64 `json:"open_seconds,omitempty"`
	DocsPerSec  float64 `json:"docs_per_s"`
	MBPerSec    float64 `json:"mb_per_s"`
	IndexBytes  int64   `json:"index_bytes"`
	StoreBytes  int64   `json:"store_bytes,omitempty"`
	PeakRSS     int64   `json:"peak_rss"`
	MaxRSS      int64   `json:"rusage_maxrss"`
	RSSPeaks
}

// Finish fills the rates from the counts and the time.
func (r *ImportResult) Finish() {
	if r.Seconds > 0 {
		r.DocsPerSec = float64(r.Docs) / r.Seconds
		r.MBPerSec = float64(r.Bytes) / 1e6 / r.Seconds
	}
	if r.CPUSeconds > 0 {
		r.DocsPerCPU = float64(r.Docs) / r.CPUSeconds
	}
}

// QueryResult is the query mix asked one way at one concurrency.
type QueryResult struct {
	Path        string  `json:"path"` // in-process, http, raw-bleve, in-process-cached, http-cached
	Concurrency int     `json:"concurrency"`
	Latency     Latency `json:"latency"`
	PerSecond   float64 `json:"per_second"`
	Errors      int     `json:"errors"`
}

// Query finds the result of path at concurrency c.
func (s *ScaleResult) Query(path string, c int) QueryResult {
	for _, q := range s.Queries {
		if q.Path == path && q.Concurrency == c {
			return q
		}
	}
	return QueryResult{}
}

// Markdown writes the results as tables, one per corpus size.
func (r *Results) Markdown(w io.Writer) {
	fmt.Fprintf(w, "# rightsearch benchmark, %s\n\n", r.StartedAt.Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(w, "Machine: %d CPUs (%s), %.1f GB memory, %s; batch size %d; 1-minute load average at start and end: %s.\n",
		r.CPUs, r.CPUModel, float64(r.MemoryBytes)/(1<<30), r.GoVersion, r.BatchSize, strings.Join(r.LoadAverage, ", "))
	for i := range r.Scales {
		r.Scales[i].markdown(w)
	}
	fmt.Fprintf(w, "\n`serve` on the existing %d-document index answered its first search %.0f ms after start (target ≤ 1000 ms).\n",
		r.lastDocs(), r.ServeFirstQueryMS)
	for _, n := range r.Notes {
		fmt.Fprintf(w, "\n- %s", n)
	}
	if len(r.Notes) > 0 {
		fmt.Fprintln(w)
	}
}

func (r *Results) lastDocs() int {
	if len(r.Scales) == 0 {
		return 0
	}
	return r.Scales[len(r.Scales)-1].Docs
}

func (s *ScaleResult) markdown(w io.Writer) {
	fmt.Fprintf(w, "\n## %d documents (%.1f MB of JSONL)\n\n", s.Docs, float64(s.JSONLBytes)/1e6)
	fmt.Fprintln(w, "| measure | rightsearch | raw Bleve | ratio | target |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---|")
	big := s.Docs >= 50000
	row := func(name string, a, b float64, unit, target string) {
		rb, ratio := "—", "—"
		if b != 0 {
			rb, ratio = num(b)+unit, fmt.Sprintf("%.2f×", Ratio(a, b))
		}
		fmt.Fprintf(w, "| %s | %s%s | %s | %s | %s |\n", name, num(a), unit, rb, ratio, target)
	}
	mb := func(n int64) float64 { return float64(n) / (1 << 20) }
	row("import docs/s", s.Import.DocsPerSec, s.Raw.DocsPerSec, "", "≥ 0.9× raw")
	row("import MB/s", s.Import.MBPerSec, s.Raw.MBPerSec, "", "")
	row("import seconds (wall)", s.Import.Seconds, s.Raw.Seconds, "", "")
	row("import docs per CPU-second", s.Import.DocsPerCPU, s.Raw.DocsPerCPU, "", "")
	row("index size (Bleve)", mb(s.Import.IndexBytes), mb(s.Raw.IndexBytes), " MB", "")
	row("document store (data/docs)", mb(s.Import.StoreBytes), 0, " MB", "")
	row("peak RSS of the import (VmHWM)", mb(s.Import.PeakRSS), mb(s.Raw.PeakRSS), " MB", "≤ 500 MB, flat")
	row("… of it anonymous (heap, stacks), peak", mb(s.Import.Anon), mb(s.Raw.Anon), " MB", "")
	row("… of it mapped index files, peak", mb(s.Import.File), mb(s.Raw.File), " MB", "")
	in1, raw1 := s.Query("in-process", 1), s.Query("raw-bleve", 1)
	in16, raw16 := s.Query("in-process", 16), s.Query("raw-bleve", 16)
	h1, h16 := s.Query("http", 1), s.Query("http", 16)
	p50, p99 := "≤ 1 ms", "≤ 5 ms"
	if big {
		p50, p99 = "", "≤ 25 ms"
	}
	row("query p50, c=1, in-process", in1.Latency.P50, raw1.Latency.P50, " ms", p50)
	row("query p90, c=1, in-process", in1.Latency.P90, raw1.Latency.P90, " ms", "")
	row("query p99, c=1, in-process", in1.Latency.P99, raw1.Latency.P99, " ms", p99)
	row("searches/s, c=1, in-process", in1.PerSecond, raw1.PerSecond, "", "")
	row("query p50, c=16, in-process", in16.Latency.P50, raw16.Latency.P50, " ms", "")
	row("query p99, c=16, in-process", in16.Latency.P99, raw16.Latency.P99, " ms", "")
	row("searches/s, c=16, in-process", in16.PerSecond, raw16.PerSecond, "", "")
	row("HTTP p50, c=1", h1.Latency.P50, raw1.Latency.P50, " ms", "")
	row("HTTP p99, c=1", h1.Latency.P99, raw1.Latency.P99, " ms", "")
	row("HTTP requests/s, c=16", h16.PerSecond, raw16.PerSecond, "", "≥ 2000")
	row("HTTP p50, c=16", h16.Latency.P50, raw16.Latency.P50, " ms", "")
	row("HTTP p99, c=16", h16.Latency.P99, raw16.Latency.P99, " ms", "≤ 20 ms")
	fmt.Fprintf(w, "| HTTP errors (c=1 + c=16) | %d | — | — | 0 |\n", h1.Errors+h16.Errors)
	c1, ch16 := s.Query("in-process-cached", 1), s.Query("http-cached", 16)
	fmt.Fprintf(w, "\nEvery row above runs each search (the Searcher's result cache off). A repeated search "+
		"(paging back, a reload, a script polling) is answered from the result cache: in-process c=1 p50 %s ms, p99 %s ms; "+
		"HTTP c=16 %s requests/s, p50 %s ms, p99 %s ms, %d errors.\n",
		num(c1.Latency.P50), num(c1.Latency.P99), num(ch16.PerSecond), num(ch16.Latency.P50), num(ch16.Latency.P99),
		ch16.Errors+s.Query("http-cached", 1).Errors)
	fmt.Fprintf(w, "\nRaw Bleve, year facet as the keyword term facet vs a date-range facet with %d yearly buckets: "+
		"p50 %s vs %s ms, p99 %s vs %s ms (%.2f× at p50).\n",
		s.YearRanges, num(s.YearTerm.P50), num(s.YearRange.P50), num(s.YearTerm.P99), num(s.YearRange.P99),
		Ratio(s.YearRange.P50, s.YearTerm.P50))
	fmt.Fprintf(w, "\nIn-process latency by query kind (c=1):\n\n| kind | n | p50 ms | p90 ms | p99 ms |\n|---|---:|---:|---:|---:|\n")
	for _, k := range []string{"match", "phrase", "filtered", "date"} {
		l := s.ByKind[k]
		fmt.Fprintf(w, "| %s | %d | %s | %s | %s |\n", k, l.N, num(l.P50), num(l.P90), num(l.P99))
	}
}

// num prints a measure with the precision it deserves.
func num(v float64) string {
	switch {
	case v == 0:
		return "0"
	case v < 0.1:
		return fmt.Sprintf("%.3f", v)
	case v >= 100:
		return commas(fmt.Sprintf("%.0f", v))
	case v >= 10:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.2f", v)
}

func commas(s string) string {
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	pre := len(s) % 3
	b.WriteString(s[:pre])
	for i := pre; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}
