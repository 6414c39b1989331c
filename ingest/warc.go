package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
)

// WARCKind reads web archives in the WARC format, 1.0 and 1.1, whole or
// gzipped record by record, as wget, Heritrix, warcprox, Browsertrix and
// rightsearch's own crawler write them. Every HTML or PDF response in it
// becomes a document (see ReadWARC).
var WARCKind = Kind{Name: "warc", Match: matchWARC, Read: ReadWARC}

// matchWARC decides by content: a WARC record header at the start, or a
// gzip member that decompresses to one.
func matchWARC(f File) bool { return isWARCHead(f.Head) }

func isWARCHead(head []byte) bool {
	if bytes.HasPrefix(head, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(bytes.NewReader(head))
		if err != nil {
			return false
		}
		var b [8]byte
		n, _ := io.ReadFull(zr, b[:]) // Head may end inside the member
		head = b[:n]
	}
	return bytes.HasPrefix(head, []byte("WARC/1.0")) || bytes.HasPrefix(head, []byte("WARC/1.1"))
}

// ReadWARC emits a document for each response or resource record of f
// whose payload is an HTML page or a PDF answered 2xx. Its provenance names
// the archive, the record's byte offset in the (compressed) file, its
// WARC-Payload-Digest (checked: a record whose payload does not match is
// skipped) and the capture time. Revisit records and repeated payloads make
// no new document. A damaged archive keeps the documents read before the
// damage, and the damage is the error returned.
func ReadWARC(ctx context.Context, f File, emit func(Item) error) error {
	fh, err := os.Open(f.Abs)
	if err != nil {
		return fmt.Errorf("warc %s: %w", f.Path, err)
	}
	defer fh.Close()
	a := newArchiveReader(emit, nil)
	err = a.readWARC(ctx, fh, f.Path)
	if ferr := a.flush(); ferr != nil && err == nil {
		err = ferr
	}
	a.logSummary(f.Path, err)
	return err
}

// readWARC reads the records of one WARC stream; name is what provenance
// calls it.
func (a *archiveReader) readWARC(ctx context.Context, r io.Reader, name string) error {
	sc := newWARCScanner(r)
	var rec *warcRecord
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		var err error
		rec, err = sc.next(rec)
		if errors.Is(err, io.EOF) {
			return nil // the end, between records
		}
		if err != nil {
			return fmt.Errorf("warc %s: %w", name, err)
		}
		if err := a.record(ctx, name, rec); err != nil {
			return err
		}
	}
}
