package indexer

import (
	"os"
	"runtime/debug"
)

// ImportMemoryLimit is the soft memory limit an importing process runs
// with (runtime/debug.SetMemoryLimit). Most of an import's peak RSS is
// garbage waiting for the collector, not live data: with this limit the
// 6,279-document import peaked at 306 MB instead of 426 MB, in the same
// time. Past it the collector works harder; it never fails an import.
const ImportMemoryLimit = 384 << 20

// LimitImportMemory applies ImportMemoryLimit unless GOMEMLIMIT is set.
// Commands that import (import, index, crawl) call it first.
func LimitImportMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(ImportMemoryLimit)
	}
}
