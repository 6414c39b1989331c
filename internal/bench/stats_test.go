package bench

import (
	"bufio"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestSummarize(t *testing.T) {
	var ds []time.Duration
	for i := 100; i >= 1; i-- { // unsorted on purpose
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	l := Summarize(ds)
	if l.N != 100 || l.P50 != 50 || l.P90 != 90 || l.P99 != 99 || l.Max != 100 || l.Mean != 50.5 {
		t.Errorf("Summarize(1..100 ms) = %+v", l)
	}
	if one := Summarize([]time.Duration{3 * time.Millisecond}); one.P50 != 3 || one.P99 != 3 {
		t.Errorf("one sample: %+v", one)
	}
	if (Summarize(nil) != Latency{}) {
		t.Error("no samples should give the zero Latency")
	}
}

func TestRatio(t *testing.T) {
	if Ratio(1, 0) != 0 || Ratio(9, 10) != 0.9 || Ratio(2, 3) != 0.667 {
		t.Errorf("ratios: %v %v %v", Ratio(1, 0), Ratio(9, 10), Ratio(2, 3))
	}
}

func TestParseVmHWM(t *testing.T) {
	status := "Name:\trsbench\nVmPeak:\t 2000 kB\nVmHWM:\t  123456 kB\nVmRSS:\t 100 kB\n"
	if got := parseVmHWM(bufio.NewScanner(strings.NewReader(status))); got != 123456<<10 {
		t.Errorf("VmHWM = %d", got)
	}
	if got := parseVmHWM(bufio.NewScanner(strings.NewReader("Name: x\n"))); got != 0 {
		t.Errorf("no VmHWM = %d", got)
	}
	if PeakRSS() <= 0 {
		t.Error("PeakRSS of this process should be positive on Linux")
	}
}

func TestSampleRSSSeesThisProcess(t *testing.T) {
	stop := SampleRSS(time.Millisecond)
	buf := make([]byte, 64<<20) // touched: resident anonymous memory
	for i := range buf {
		buf[i] = byte(i)
	}
	p := stop()
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc here")
	}
	if p.Anon < 64<<20 || p.File <= 0 {
		t.Errorf("peaks %+v: want ≥ 64 MB anonymous after touching 64 MB, and some mapped file (the binary)", p)
	}
	runtime.KeepAlive(buf)
}

func TestMergingReadsScorchStats(t *testing.T) {
	stats := func(beg, end uint64) map[string]any {
		return map[string]any{"index": map[string]any{"TotFileMergeZapBeg": beg, "TotFileMergeZapEnd": end}}
	}
	if !Merging(stats(3, 2)) || Merging(stats(3, 3)) || Merging(map[string]any{}) {
		t.Error("Merging misreads the merge counters")
	}
}
