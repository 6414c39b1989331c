package ingest

import (
	"context"
	"time"

	rightsearch "github.com/rightsearch/rightsearch"
)

// File is one regular file found under a path given to `rightsearch add`.
type File struct {
	// Path is slash-separated and relative to the argument given (the base
	// name when the argument was the file itself).
	Path string
	Abs  string // where it is on disk
	// ID is the id the file's first document takes (derived from the
	// folder given and Path, so that a changed file replaces its
	// document); MemberID derives the ids of the others from it.
	ID      string
	Size    int64
	ModTime time.Time
	// Head is the file's first bytes (up to HeadSize), for sniffing: the
	// type is decided by content, not by name.
	Head []byte
}

// HeadSize is how much of a file File.Head holds.
const HeadSize = 4096

// Item is one thing a reader found in a file: a document, or a published
// indicator list (then Doc is the list's own searchable document).
type Item struct {
	// Doc's Provenance is filled by the reader where it knows better than
	// the walker (a WARC record's archive, offset and digest; an
	// attachment's parent); the walker fills the file's path, size, mtime
	// and sha256 when the reader left them empty.
	Doc rightsearch.Document
	// Raw is the original bytes Doc was extracted from (the file, an
	// attachment, a WARC record's payload); RawType their media type.
	Raw     []byte
	RawType string
	// List is set when the file is a published indicator list.
	List *rightsearch.IndicatorList
}

// A Reader turns one file into items, calling emit for each. It returns an
// error for a file it cannot read; the walker skips that file with the
// reason and goes on.
type Reader func(ctx context.Context, f File, emit func(Item) error) error

// Kind is a format the walker recognises: Match looks at a file (its Head
// above all) and Read reads it.
type Kind struct {
	Name  string
	Match func(f File) bool
	Read  Reader
}
