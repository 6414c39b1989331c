package ingest

// archiveKinds are the web-archive formats (warc.go, wacz.go), which
// DefaultKinds puts before the text formats. The WACZ kind joins here
// once wacz.go defines it.
func archiveKinds() []Kind {
	return []Kind{WARCKind}
}
