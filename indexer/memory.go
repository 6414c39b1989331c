package indexer

import (
	"os"
	"runtime/debug"
)

// ImportMemoryLimit is the soft memory limit an importing process runs
// with (runtime/debug.SetMemoryLimit). Much of an import's memory is
// garbage waiting for the collector, not live data (the live heap of a
// 100,000-document import peaks near 255 MB): with this limit the
// process's own memory stayed at 382 MB instead of 518 MB, and at 342–371
// MB instead of 411–413 MB for 6,279 documents, in the same time within
// the machine's noise. Past it the collector works harder; it never fails
// an import.
const ImportMemoryLimit = 384 << 20

// LimitImportMemory applies ImportMemoryLimit unless GOMEMLIMIT is set.
// Commands that import (import, index, crawl) call it first.
func LimitImportMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(ImportMemoryLimit)
	}
}
