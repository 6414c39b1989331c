package ingest

// archiveKinds are the web-archive formats (warc.go, wacz.go), which
// DefaultKinds puts before the others: an uncompressed WARC is text, and
// a WACZ is a zip as DOCX and ODT are.
func archiveKinds() []Kind {
	return []Kind{WARCKind, WACZKind}
}
