package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/rightsearch/rightsearch/indexer"
	"github.com/rightsearch/rightsearch/internal/bench"
	"github.com/rightsearch/rightsearch/search"
)

type runFlags struct {
	cache, out, rightsearch, profile string
	scale, rounds, batch             int
}

func cmdRun(ctx context.Context, log *slog.Logger, args []string) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	var f runFlags
	fs.StringVar(&f.cache, "cache", "internal/bench/cache", "directory with the npm tarballs; work files go under it")
	fs.StringVar(&f.out, "out", "internal/bench/results", "where results.json and results.md are written")
	fs.StringVar(&f.rightsearch, "rightsearch", "bin/rightsearch", "the rightsearch binary, for the serve start-up measure")
	fs.StringVar(&f.profile, "profile", "", "if set, write CPU and allocation profiles of the imports and queries here")
	fs.IntVar(&f.scale, "scale", 100000, "documents in the scaled corpus (0: base corpus only)")
	fs.IntVar(&f.rounds, "rounds", 20, "passes over the query mix per measure (twice that at concurrency 16)")
	fs.IntVar(&f.batch, "batch", 500, "documents per batch, for both imports")
	if err := fs.Parse(args); err != nil {
		return err
	}
	mix, err := bench.Mix()
	if err != nil {
		return err
	}
	work := filepath.Join(f.cache, "work")
	if err := os.RemoveAll(work); err != nil {
		return fmt.Errorf("run: %w", err)
	}
	if err := os.MkdirAll(work, 0o755); err != nil {
		return fmt.Errorf("run: %w", err)
	}
	res := machine()
	res.BatchSize = f.batch
	log.Info("converting datasets", "cache", f.cache)
	docs, err := corpus(f.cache)
	if err != nil {
		return err
	}
	sizes := []int{len(docs)}
	if f.scale > len(docs) {
		sizes = append(sizes, f.scale)
	}
	var lastData string
	for _, n := range sizes {
		in := filepath.Join(work, fmt.Sprintf("corpus-%d.jsonl", n))
		jsonlBytes, err := writeJSONL(in, bench.Scale(docs, n))
		if err != nil {
			return err
		}
		sr := bench.ScaleResult{Docs: n, JSONLBytes: jsonlBytes}
		lastData = filepath.Join(work, fmt.Sprintf("rs-%d", n))
		rawDir := filepath.Join(work, fmt.Sprintf("raw-%d", n))
		if err := measureScale(ctx, log, f, mix, in, lastData, rawDir, &sr); err != nil {
			return err
		}
		res.Scales = append(res.Scales, sr)
	}
	log.Info("timing serve start-up", "data", lastData)
	if res.ServeFirstQueryMS, err = serveFirstQuery(ctx, f.rightsearch, lastData, filepath.Join(work, "serve.log")); err != nil {
		res.Notes = append(res.Notes, fmt.Sprintf("serve start-up not measured: %v", err))
	}
	res.LoadAverage = append(res.LoadAverage, bench.LoadAverage())
	return writeResults(f.out, res)
}

// measureScale imports one corpus both ways and asks it the query mix.
func measureScale(ctx context.Context, log *slog.Logger, f runFlags, mix []bench.MixQuery, in, data, rawDir string, sr *bench.ScaleResult) error {
	prof := func(kind string) []string {
		if f.profile == "" {
			return nil
		}
		base := filepath.Join(f.profile, fmt.Sprintf("%s-%d", kind, sr.Docs))
		return []string{"--cpuprofile", base + ".cpu.pprof", "--memprofile", base + ".alloc.pprof"}
	}
	batch := fmt.Sprint(f.batch)
	log.Info("raw Bleve import", "docs", sr.Docs)
	if err := child(ctx, &sr.Raw, append([]string{"raw", "--dir", rawDir, "--in", in, "--batch", batch}, prof("raw")...)); err != nil {
		return err
	}
	log.Info("rightsearch import", "docs", sr.Docs)
	if err := child(ctx, &sr.Import, append([]string{"import", "--data", data, "--in", in, "--batch", batch}, prof("import")...)); err != nil {
		return err
	}
	var err error
	if sr.Raw.IndexBytes, err = bench.DirSize(rawDir); err != nil {
		return err
	}
	if sr.Import.IndexBytes, err = bench.DirSize(filepath.Join(data, "index")); err != nil {
		return err
	}
	if sr.Import.StoreBytes, err = bench.DirSize(filepath.Join(data, "docs")); err != nil {
		return err
	}
	log.Info("queries", "docs", sr.Docs, "mix", len(mix))
	ix, err := indexer.Open(ctx, indexer.Options{DataDir: data})
	if err != nil {
		return err
	}
	defer ix.Close()
	raw, err := bleve.Open(rawDir)
	if err != nil {
		return fmt.Errorf("open raw index: %w", err)
	}
	defer raw.Close()
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(search.GCPercent) // as serve runs; raw Bleve is measured alike
	}
	log.Info("waiting for background merges to settle")
	bench.Settle(ctx, 2*time.Second, 2*time.Minute, ix.BleveStats, raw.StatsMap)
	qb, err := newQueryBench(mix, ix, raw, f.rounds)
	if err != nil {
		return err
	}
	stop, err := cpuProfile(f.profile, fmt.Sprintf("query-%d", sr.Docs))
	if err != nil {
		return err
	}
	defer stop()
	return qb.run(ctx, sr)
}

// child runs this program with args and reads its JSON result; the
// kernel's account of the child's peak RSS is kept beside its own.
func child(ctx context.Context, ir *bench.ImportResult, args []string) error {
	self, err := os.Executable()
	if err != nil {
		return fmt.Errorf("child: %w", err)
	}
	cmd := exec.CommandContext(ctx, self, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("child %s: %w", args[0], err)
	}
	var cr childResult
	if err := json.Unmarshal(out.Bytes(), &cr); err != nil {
		return fmt.Errorf("child %s: result %q: %w", args[0], out.String(), err)
	}
	*ir = bench.ImportResult{Docs: cr.Docs, Bytes: cr.Bytes, Seconds: cr.Seconds, CPUSeconds: cr.CPUSeconds, OpenSeconds: cr.OpenSeconds, PeakRSS: cr.PeakRSS, RSSPeaks: cr.RSSPeaks}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		ir.MaxRSS = ru.Maxrss << 10 // KiB on Linux
	}
	ir.Finish()
	return nil
}

func writeResults(dir string, res bench.Results) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("results: %w", err)
	}
	b, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return fmt.Errorf("results: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "results.json"), append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("results: %w", err)
	}
	var md bytes.Buffer
	res.Markdown(&md)
	if err := os.WriteFile(filepath.Join(dir, "results.md"), md.Bytes(), 0o644); err != nil {
		return fmt.Errorf("results: %w", err)
	}
	_, err = os.Stdout.Write(md.Bytes())
	return err
}

func machine() bench.Results {
	r := bench.Results{StartedAt: time.Now().UTC(), GoVersion: runtime.Version(), CPUs: runtime.NumCPU()}
	r.CPUModel, r.MemoryBytes = bench.MachineInfo()
	r.LoadAverage = []string{bench.LoadAverage()}
	return r
}
