package extract

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/klippa-app/go-pdfium"
	pdfiumerr "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"

	rightsearch "github.com/rightsearch/rightsearch"
)

// pdfiumWorkers is how many PDFs PDFium reads at once; each may use up to
// the memory limit.
var pdfiumWorkers = max(2, runtime.GOMAXPROCS(0))

// pdfiumPool compiles PDFium's WebAssembly module (about 5 MB; seconds the
// first time, then read from the compilation cache) once, on first use.
var pdfiumPool = sync.OnceValues(newPdfiumPool)

func newPdfiumPool() (pdfium.Pool, error) {
	rc := wazero.NewRuntimeConfig().
		WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
		WithCloseOnContextDone(true) // a call ends when its context does
	if dir, err := os.UserCacheDir(); err == nil {
		if cache, err := wazero.NewCompilationCacheWithDir(filepath.Join(dir, "rightsearch", "wazero")); err == nil {
			rc = rc.WithCompilationCache(cache)
		}
	}
	ctx := experimental.WithMemoryAllocator(context.Background(), experimental.MemoryAllocatorFunc(newWasmMemory))
	pool, err := webassembly.Init(webassembly.Config{
		Context:       ctx,
		MaxTotal:      pdfiumWorkers,
		MaxIdle:       pdfiumWorkers,
		RuntimeConfig: rc,
		FSConfig:      wazero.NewFSConfig(), // no host directory is visible to PDFium
		Stdout:        io.Discard,
		Stderr:        io.Discard,
		// ReuseWorkers stays false: every document gets a fresh instance,
		// so one that hit a limit or left PDFium in a bad state is thrown
		// away, and the memory it grew is returned.
	})
	if err != nil {
		return nil, fmt.Errorf("start pdfium: %w", err)
	}
	return pool, nil
}

// pdfResult is one engine's reading of a PDF, with what it cost.
type pdfResult struct {
	text  string // pages separated by rightsearch.PageBreak
	meta  pdfMeta
	pages int
	peak  int64 // bytes: guest memory (PDFium) or peak RSS (pdftotext)
}

// UUIDMu guards github.com/google/uuid's global state: gowarc v3.1.0
// writes its rand-pool flag unsynchronised whenever it builds record
// options (the crawler's archive holds the write lock around those calls),
// and go-pdfium reads it (uuid.New) throughout a document's reading, which
// holds the read lock. PDFs are read side by side; an archive write waits
// for the PDFs being read.
var UUIDMu sync.RWMutex

// pdfiumExtract reads a PDF with PDFium in a fresh WebAssembly instance
// whose memory is capped at lim.memory and whose calls end at lim.time.
func pdfiumExtract(ctx context.Context, body []byte, lim pdfLimits) (pdfResult, error) {
	UUIDMu.RLock()
	defer UUIDMu.RUnlock()
	pool, err := pdfiumPool()
	if err != nil {
		return pdfResult{}, fmt.Errorf("pdfium: %w", err)
	}
	memLimit.set(lim.memory) // read by newWasmMemory as the instance starts
	inst, err := pool.GetInstanceWithContext(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return pdfResult{}, fmt.Errorf("pdfium: %w", ctx.Err())
		}
		return pdfResult{}, fmt.Errorf("pdfium: start instance: %w", err)
	}
	runCtx, cancel := context.WithTimeoutCause(ctx, lim.time, ErrTimeLimit)
	defer cancel()
	mem := instanceMemory(inst)
	defer func() {
		_ = inst.Close() // before cancel: closing calls into the instance
		if mem != nil {
			// A module closed by its context between two calls is marked
			// closed, but its memory is only freed by the next call.
			mem.Free()
		}
	}()
	if mem == nil || !setInstanceContext(inst, runCtx) {
		return pdfResult{}, errors.New("pdfium: this go-pdfium version cannot be bounded (memory or context not found)")
	}
	res, err := pdfiumRead(runCtx, inst, body)
	res.peak = int64(mem.peak.Load())
	switch {
	case mem.refused.Load():
		return res, fmt.Errorf("pdfium: needs more than the %d MiB it may use: %w", lim.memory>>20, ErrMemoryLimit)
	case context.Cause(runCtx) == ErrTimeLimit:
		return res, fmt.Errorf("pdfium: not done after %v: %w: %w", lim.time, ErrTimeLimit, context.DeadlineExceeded)
	case ctx.Err() != nil:
		return res, fmt.Errorf("pdfium: %w", ctx.Err())
	case errors.Is(err, pdfiumerr.ErrPassword), errors.Is(err, pdfiumerr.ErrSecurity):
		return res, fmt.Errorf("pdfium: %v: %w", err, ErrEncrypted)
	case err != nil:
		return res, fmt.Errorf("pdfium: %v: %w", err, ErrMalformed)
	}
	return res, nil
}

// pdfiumRead opens the document and reads every page's text and the Info
// dictionary. A page PDFium cannot read is left empty; a trap in the guest
// ends the reading, as its state is no longer to be trusted.
func pdfiumRead(ctx context.Context, inst pdfium.Pdfium, body []byte) (pdfResult, error) {
	doc, err := inst.OpenDocument(&requests.OpenDocument{File: &body})
	if err != nil {
		return pdfResult{}, fmt.Errorf("open: %w", err)
	}
	count, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	if err != nil {
		return pdfResult{}, fmt.Errorf("page count: %w", err)
	}
	res := pdfResult{pages: count.PageCount}
	pages := make([]string, count.PageCount)
	var firstErr error
	for i := range pages {
		if ctx.Err() != nil {
			return res, ctx.Err()
		}
		pages[i], err = pdfiumPage(inst, doc.Document, i)
		if err != nil {
			firstErr = cmpOr(firstErr, fmt.Errorf("page %d: %w", i+1, err))
			if strings.Contains(err.Error(), "wasm error") || ctx.Err() != nil {
				break
			}
		}
	}
	res.text = tidyPages(strings.Join(pages, string(rightsearch.PageBreak)))
	if strings.TrimSpace(strings.ReplaceAll(res.text, string(rightsearch.PageBreak), "")) == "" && firstErr != nil {
		return res, firstErr
	}
	meta := func(tag string) string {
		r, err := inst.FPDF_GetMetaText(&requests.FPDF_GetMetaText{Document: doc.Document, Tag: tag})
		if err != nil {
			return "" // absent
		}
		return r.Value
	}
	res.meta = pdfMeta{title: meta("Title"), author: meta("Author")}
	res.meta.created, _ = pdfDate(meta("CreationDate"))
	return res, nil
}

func cmpOr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// pdfiumPage reads the text of page i, in PDFium's reading order.
func pdfiumPage(inst pdfium.Pdfium, doc references.FPDF_DOCUMENT, i int) (string, error) {
	page, err := inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: doc, Index: i})
	if err != nil {
		return "", err
	}
	defer inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: page.Page})
	tp, err := inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: requests.Page{ByReference: &page.Page}})
	if err != nil {
		return "", err
	}
	defer inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	n, err := inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
	if err != nil || n.Count <= 0 {
		return "", err
	}
	t, err := inst.FPDFText_GetText(&requests.FPDFText_GetText{TextPage: tp.TextPage, Count: n.Count})
	if err != nil {
		return "", err
	}
	return pdfiumClean(t.Text), nil
}

// pdfiumClean turns PDFium's CRLF line ends into newlines and drops
// control characters, a form feed above all (it would split a page).
// PDFium marks a hyphen it found at a line end with U+0002.
func pdfiumClean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\r':
			return '\n'
		case r == 2:
			return '-'
		case r < 0x20 || r == 0x7f || r == 0xfffe || r == 0xffff:
			return -1
		}
		return r
	}, s)
}

// instanceMemory finds the guest memory of inst among the live ones. The
// go-pdfium instance exposes its wazero module only through its
// implementation's Module field, hence the reflection.
func instanceMemory(inst pdfium.Pdfium) *wasmMemory {
	v := reflect.ValueOf(inst.GetImplementation())
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	mod := v.Elem().FieldByName("Module")
	if !mod.IsValid() || mod.IsNil() {
		return nil
	}
	get := mod.MethodByName("Memory")
	if !get.IsValid() || get.Type().NumIn() != 0 || get.Type().NumOut() != 1 {
		return nil
	}
	m, ok := get.Call(nil)[0].Interface().(interface {
		Read(offset, byteCount uint32) ([]byte, bool)
	})
	if !ok {
		return nil
	}
	b, ok := m.Read(0, 1)
	if !ok {
		return nil
	}
	return liveMemories.find(&b[0])
}

// setInstanceContext makes every call of inst run under ctx. go-pdfium
// calls with its worker's context, which only its Kill cancels, and Kill
// closes the module from another goroutine, freeing the memory under a
// running guest. A context that ends instead lets wazero stop the guest and
// free its memory on the goroutine that ran it.
func setInstanceContext(inst pdfium.Pdfium, ctx context.Context) bool {
	v := reflect.ValueOf(inst.GetImplementation())
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return false
	}
	f := v.Elem().FieldByName("Context")
	if !f.IsValid() || !f.CanSet() || f.Type() != reflect.TypeFor[context.Context]() {
		return false
	}
	f.Set(reflect.ValueOf(&ctx).Elem())
	return true
}

// limitNow is the memory limit new instances get.
type limitNow struct {
	mu sync.Mutex
	n  int64
}

func (l *limitNow) set(n int64) { l.mu.Lock(); l.n = n; l.mu.Unlock() }
func (l *limitNow) get() int64  { l.mu.Lock(); defer l.mu.Unlock(); return l.n }

var memLimit = limitNow{n: defaultPDFMemory}

// pdfiumStartup reports how long the first use takes (compiling or
// loading the module), for the evaluation.
func pdfiumStartup() (time.Duration, error) {
	start := time.Now()
	_, err := pdfiumPool()
	return time.Since(start), err
}
