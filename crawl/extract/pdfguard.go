package extract

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
)

// maxXrefObjects caps the object numbers the pure-Go reader may be asked to
// hold. It sizes its cross-reference table from numbers in the file, so a
// single forged "xref 444444440 11" would make it allocate gigabytes.
const maxXrefObjects = 2_000_000

var sizeEntry = regexp.MustCompile(`/Size\s+(\d+)`)

// checkXref refuses files whose /Size or xref subsection headers name more
// objects than the file could hold: real PDFs need bytes for every object.
func checkXref(body []byte) error {
	limit := min(4*len(body)+10_000, maxXrefObjects)
	for _, m := range sizeEntry.FindAllSubmatch(body, -1) {
		if n, err := strconv.Atoi(string(m[1])); err != nil || n > limit {
			return fmt.Errorf("/Size %s: %w", m[1], ErrMalformed)
		}
	}
	for rest := body; ; {
		i := bytes.Index(rest, []byte("xref"))
		if i < 0 {
			return nil
		}
		rest = rest[i+4:]
		if err := checkXrefTable(rest, limit); err != nil {
			return err
		}
	}
}

// checkXrefTable reads the subsection headers ("start count") of one
// classic xref table; it stops at the first line that is neither a header
// nor an entry, so stray "xref" words cost little.
func checkXrefTable(table []byte, limit int) error {
	for len(table) > 0 {
		line := table
		if i := bytes.IndexAny(table, "\r\n"); i >= 0 {
			line, table = table[:i], table[i+1:]
		} else {
			table = nil
		}
		f := bytes.Fields(line)
		switch len(f) {
		case 0:
			continue
		case 2:
			start, err1 := strconv.Atoi(string(f[0]))
			count, err2 := strconv.Atoi(string(f[1]))
			if err1 != nil || err2 != nil {
				return nil
			}
			if start < 0 || count < 0 || start+count > limit {
				return fmt.Errorf("xref subsection %d+%d: %w", start, count, ErrMalformed)
			}
		case 3: // an entry: offset generation n|f
		default:
			return nil
		}
	}
	return nil
}
