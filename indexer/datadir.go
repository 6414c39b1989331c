package indexer

// DataDir is the data directory the index was opened on, where the
// engine finds what lives beside the index (data/indicators).
func (ix *Index) DataDir() string { return ix.opts.DataDir }
