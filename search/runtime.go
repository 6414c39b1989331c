package search

// GCPercent is the garbage-collection target serve runs with (unless
// GOGC is set). A search allocates much and briefly while the heap beside
// the memory-mapped index stays small, so Go's default of 100 collects
// very often: 400 took the benchmark mix's p50 from 2.1 to 1.5 ms.
const GCPercent = 400

// ServeMemoryLimit is the soft memory limit serve runs with (unless
// GOMEMLIMIT is set), so that GCPercent's extra garbage stays bounded.
const ServeMemoryLimit = 1 << 30
