package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2"
	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/indexer"
	"github.com/rightsearch/rightsearch/indexer/langid"
	"github.com/rightsearch/rightsearch/internal/bench"
)

// childResult is what an import child prints on stdout.
type childResult struct {
	Docs        int     `json:"docs"`
	Bytes       int64   `json:"bytes"`
	Skipped     int     `json:"skipped"`
	OpenSeconds float64 `json:"open_seconds"` // rightsearch: first generation (seeds)
	Seconds     float64 `json:"seconds"`      // import incl. close
	CPUSeconds  float64 `json:"cpu_seconds"`  // user+system during it
	PeakRSS     int64   `json:"peak_rss"`     // VmHWM
	bench.RSSPeaks
}

type childFlags struct {
	in, cpuProfile, memProfile string
	batch                      int
}

func (c *childFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&c.in, "in", "", "JSONL file to import")
	fs.IntVar(&c.batch, "batch", 500, "documents per Bleve batch")
	fs.StringVar(&c.cpuProfile, "cpuprofile", "", "write a CPU profile of the import here")
	fs.StringVar(&c.memProfile, "memprofile", "", "write an allocation profile here")
}

// profile runs fn under the CPU profiler and writes an allocation profile
// afterwards, as the flags ask.
func (c *childFlags) profile(fn func() error) error {
	if c.memProfile != "" {
		runtime.MemProfileRate = 64 << 10
	}
	if c.cpuProfile != "" {
		f, err := os.Create(c.cpuProfile)
		if err != nil {
			return fmt.Errorf("profile: %w", err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fmt.Errorf("profile: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	if err := fn(); err != nil {
		return err
	}
	if c.memProfile != "" {
		f, err := os.Create(c.memProfile)
		if err != nil {
			return fmt.Errorf("profile: %w", err)
		}
		defer f.Close()
		return pprof.Lookup("allocs").WriteTo(f, 0)
	}
	return nil
}

// cmdImportChild imports through the real path: OpenWriter (the seeds
// generation), then indexer.Import into Writer.Put (store, journal, entity
// tagging, language detection, Bleve batch), as `rightsearch import` does.
func cmdImportChild(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	var cf childFlags
	cf.register(fs)
	data := fs.String("data", "", "data directory")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var res childResult
	indexer.LimitImportMemory() // as the import command runs
	start := time.Now()
	w, err := indexer.OpenWriter(ctx, indexer.Options{DataDir: *data, BatchSize: cf.batch}, func() bool { return false })
	if err != nil {
		return err
	}
	res.OpenSeconds = time.Since(start).Seconds()
	return measureImport(ctx, cf, res, func() (sinkFunc, func() error, error) { return w.Put, w.Close, nil })
}

type sinkFunc = func(context.Context, []rightsearch.Document) error

// measureImport opens a sink (inside the timing), imports cf.in into it
// under the profiler, closes it and prints the child's result.
func measureImport(ctx context.Context, cf childFlags, res childResult, open func() (sinkFunc, func() error, error)) error {
	f, err := os.Open(cf.in)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer f.Close()
	stopRSS := bench.SampleRSS(100 * time.Millisecond)
	err = cf.profile(func() error {
		start, cpu0 := time.Now(), cpuTime()
		sink, closeSink, err := open()
		if err != nil {
			return err
		}
		st, err := indexer.Import(ctx, f, cf.batch, sink, nil)
		if cerr := closeSink(); err == nil {
			err = cerr
		}
		res.Seconds, res.CPUSeconds = time.Since(start).Seconds(), cpuTime()-cpu0
		res.Docs, res.Bytes, res.Skipped = st.Imported, st.Bytes, len(st.Skipped)
		return err
	})
	if err != nil {
		return err
	}
	res.PeakRSS, res.RSSPeaks = bench.PeakRSS(), stopRSS()
	return json.NewEncoder(os.Stdout).Encode(res)
}

// cpuTime is the process's user+system CPU seconds so far.
func cpuTime() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	tv := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return tv(ru.Utime) + tv(ru.Stime)
}

// copySuffix is what bench.Scale adds to a copy's id.
var copySuffix = regexp.MustCompile(`-r[0-9]+$`)

// cmdRawChild indexes the same JSONL with plain Bleve: the same mapping,
// batch size and field map, no tagging and no store. Languages are
// detected before the clock starts, so both indexes analyze every text
// with the same analyzer.
func cmdRawChild(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("raw", flag.ContinueOnError)
	var cf childFlags
	cf.register(fs)
	dir := fs.String("dir", "", "index directory to create")
	if err := fs.Parse(args); err != nil {
		return err
	}
	langs, err := detectLanguages(ctx, cf.in)
	if err != nil {
		return err
	}
	m, err := bench.RawMapping()
	if err != nil {
		return err
	}
	return measureImport(ctx, cf, childResult{}, func() (sinkFunc, func() error, error) {
		bi, err := bleve.New(filepath.Clean(*dir), m)
		if err != nil {
			return nil, nil, fmt.Errorf("raw: %w", err)
		}
		sink := func(_ context.Context, docs []rightsearch.Document) error {
			b := bi.NewBatch()
			for i := range docs {
				d := &docs[i]
				if d.Language == "" {
					d.Language = langs[copySuffix.ReplaceAllString(d.ID, "")]
				}
				if err := b.Index(d.ID, indexer.Fields(d)); err != nil {
					return fmt.Errorf("raw %s: %w", d.ID, err)
				}
			}
			return bi.Batch(b)
		}
		return sink, bi.Close, nil
	})
}

// detectLanguages guesses, once per distinct text (copies share their
// original's), the language of each document that does not give one.
func detectLanguages(ctx context.Context, in string) (map[string]string, error) {
	f, err := os.Open(in)
	if err != nil {
		return nil, fmt.Errorf("raw: %w", err)
	}
	defer f.Close()
	langs := map[string]string{}
	_, err = indexer.Import(ctx, f, 500, func(_ context.Context, docs []rightsearch.Document) error {
		for _, d := range docs {
			key := copySuffix.ReplaceAllString(d.ID, "")
			if _, ok := langs[key]; !ok && d.Language == "" {
				langs[key] = langid.Detect(d.Title + "\n" + d.Summary + "\n" + d.Body)
			}
		}
		return nil
	}, nil)
	return langs, err
}
