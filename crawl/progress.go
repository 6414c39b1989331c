package crawl

import (
	"io"
	"log/slog"
	"os"
	"sync"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress reports each finished document: a bar on a terminal, one log
// line each otherwise (a pipe or a CI log has no use for a redrawn bar).
type progress struct {
	mu    sync.Mutex
	bar   *progressbar.ProgressBar
	log   *slog.Logger
	total int
	n     int
}

func newProgress(w io.Writer) *progress {
	p := &progress{}
	switch {
	case w == nil:
	case isTerminal(w):
		p.bar = progressbar.NewOptions(0, progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription("crawling"), progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish())
	default:
		p.log = slog.New(slog.NewTextHandler(w, nil))
	}
	return p
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// grow adds n documents to the expected total (links found with --depth).
func (p *progress) grow(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.total += n
	if p.bar != nil {
		p.bar.ChangeMax(p.total)
	}
}

// step records one finished document and how it went.
func (p *progress) step(url, outcome string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n++
	switch {
	case p.bar != nil:
		_ = p.bar.Add(1)
	case p.log != nil:
		p.log.Info("crawl progress", "done", p.n, "total", p.total, "url", url, "outcome", outcome)
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
