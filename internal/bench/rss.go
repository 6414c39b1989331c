package bench

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// PeakRSS reads this process's peak resident set (VmHWM) in bytes from
// /proc/self/status; 0 where /proc is not there.
func PeakRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	return parseVmHWM(bufio.NewScanner(f))
}

func parseVmHWM(sc *bufio.Scanner) int64 { return statusFields(sc, "VmHWM")["VmHWM"] }

// statusFields reads the named kB fields of /proc/self/status, in bytes.
func statusFields(sc *bufio.Scanner, names ...string) map[string]int64 {
	out := map[string]int64{}
	for sc.Scan() {
		k, rest, ok := strings.Cut(sc.Text(), ":")
		if !ok || !slices.Contains(names, k) {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
		if err == nil {
			out[k] = kb << 10
		}
	}
	return out
}

// RSSPeaks are the largest anonymous (heap, stacks) and file-backed
// (memory-mapped index segments) resident sets seen while sampling.
type RSSPeaks struct {
	Anon int64 `json:"peak_rss_anon"`
	File int64 `json:"peak_rss_file"`
}

// SampleRSS samples /proc/self/status every interval until stop is
// called, which returns the peaks. VmHWM alone cannot tell the process's
// own memory from mapped file pages the kernel may drop at will.
func SampleRSS(interval time.Duration) (stop func() RSSPeaks) {
	var mu sync.Mutex
	var peaks RSSPeaks
	sample := func() {
		f, err := os.Open("/proc/self/status")
		if err != nil {
			return
		}
		defer f.Close()
		m := statusFields(bufio.NewScanner(f), "RssAnon", "RssFile")
		mu.Lock()
		peaks.Anon, peaks.File = max(peaks.Anon, m["RssAnon"]), max(peaks.File, m["RssFile"])
		mu.Unlock()
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			sample()
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() RSSPeaks {
		close(done)
		<-finished
		sample()
		mu.Lock()
		defer mu.Unlock()
		return peaks
	}
}

// DirSize is the bytes of every regular file under dir.
func DirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			n += info.Size()
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("size of %s: %w", dir, err)
	}
	return n, nil
}

// MachineInfo reads the CPU model and total memory from /proc ("" and 0
// where /proc is not there).
func MachineInfo() (cpuModel string, memBytes int64) {
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				cpuModel = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if rest, ok := strings.CutPrefix(l, "MemTotal:"); ok {
				kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
				memBytes = kb << 10
			}
		}
	}
	return cpuModel, memBytes
}

// LoadAverage is the 1-minute load average from /proc/loadavg, "" where
// it cannot be read.
func LoadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return ""
	}
	return f[0]
}
