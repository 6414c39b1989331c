package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	rightsearch "github.com/rightsearch/rightsearch"
)

// popplerPath finds pdftotext on PATH.
func popplerPath() (string, bool) {
	p, err := exec.LookPath("pdftotext")
	return p, err == nil
}

// popplerExtract runs pdftotext, which ends every page with a form feed,
// and pdfinfo for the Info dictionary, both under lim.
func popplerExtract(ctx context.Context, bin string, body []byte, lim pdfLimits) (pdfResult, error) {
	name, err := writeTemp(body)
	if err != nil {
		return pdfResult{}, err
	}
	defer os.Remove(name)
	out, rss, err := runPoppler(ctx, lim, bin, "-enc", "UTF-8", "-eol", "unix", name, "-")
	if err != nil {
		return pdfResult{peak: rss}, err
	}
	text := strings.TrimRight(strings.ReplaceAll(string(out), "\r\n", "\n"), "\f\n ")
	meta := popplerInfo(ctx, lim, filepath.Join(filepath.Dir(bin), "pdfinfo"), name)
	res := pdfResult{text: tidyPages(text), meta: meta, peak: rss}
	res.pages = strings.Count(res.text, string(rightsearch.PageBreak)) + 1
	return res, nil
}

// limitedCommand runs bin under an address-space limit of memory bytes:
// with prlimit(1) when it is installed, else through the shell's ulimit -v.
// Both exec bin, so the context's kill reaches it.
func limitedCommand(ctx context.Context, memory int64, bin string, args ...string) *exec.Cmd {
	if p, err := exec.LookPath("prlimit"); err == nil {
		return exec.CommandContext(ctx, p, append([]string{fmt.Sprintf("--as=%d", memory), "--", bin}, args...)...)
	}
	if _, err := os.Stat("/bin/sh"); err == nil {
		script := fmt.Sprintf(`ulimit -v %d && exec "$0" "$@"`, memory>>10)
		return exec.CommandContext(ctx, "/bin/sh", append([]string{"-c", script, bin}, args...)...)
	}
	return exec.CommandContext(ctx, bin, args...) // no means to limit memory here
}

// runPoppler runs one poppler tool under the limits and returns its
// output and peak resident memory.
func runPoppler(ctx context.Context, lim pdfLimits, bin string, args ...string) ([]byte, int64, error) {
	runCtx, cancel := context.WithTimeoutCause(ctx, lim.time, ErrTimeLimit)
	defer cancel()
	cmd := limitedCommand(runCtx, lim.memory, bin, args...)
	cmd.WaitDelay = time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var rss int64
	if cmd.ProcessState != nil {
		rss = maxRSS(cmd.ProcessState)
	}
	tool := filepath.Base(bin)
	switch {
	case ctx.Err() != nil:
		return nil, rss, fmt.Errorf("%s: %w", tool, ctx.Err())
	case context.Cause(runCtx) == ErrTimeLimit:
		return nil, rss, fmt.Errorf("%s: not done after %v: %w: %w", tool, lim.time, ErrTimeLimit, context.DeadlineExceeded)
	case err == nil:
		return stdout.Bytes(), rss, nil
	}
	msg := strings.TrimSpace(stderr.String())
	switch {
	case outOfMemory(msg):
		return nil, rss, fmt.Errorf("%s: needs more than the %d MiB it may use: %w", tool, lim.memory>>20, ErrMemoryLimit)
	case strings.Contains(msg, "Incorrect password") || strings.Contains(msg, "encrypted"):
		return nil, rss, fmt.Errorf("%s: %s: %w", tool, firstMsg(msg), ErrEncrypted)
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return nil, rss, fmt.Errorf("%s: %s: %w", tool, firstMsg(msg), ErrMalformed)
	}
	return nil, rss, fmt.Errorf("run %s: %w", tool, err)
}

// outOfMemory spots poppler's words when an allocation fails under the
// address-space limit (it then aborts).
func outOfMemory(stderr string) bool {
	for _, s := range []string{"Out of memory", "std::bad_alloc", "Cannot allocate memory"} {
		if strings.Contains(stderr, s) {
			return true
		}
	}
	return false
}

// firstMsg keeps the last line of poppler's complaints, which names the
// fatal one after a run of syntax warnings.
func firstMsg(msg string) string {
	lines := strings.Split(msg, "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// popplerInfo reads Title, Author and CreationDate from pdfinfo.
func popplerInfo(ctx context.Context, lim pdfLimits, bin, name string) pdfMeta {
	if _, err := os.Stat(bin); err != nil {
		return pdfMeta{}
	}
	out, _, err := runPoppler(ctx, lim, bin, "-enc", "UTF-8", "-rawdates", name)
	if err != nil {
		return pdfMeta{}
	}
	var m pdfMeta
	for _, l := range strings.Split(string(out), "\n") {
		k, v, ok := strings.Cut(l, ":")
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		switch k {
		case "Title":
			m.title = v
		case "Author":
			m.author = v
		case "CreationDate":
			m.created, _ = pdfDate(v)
		}
	}
	return m
}
