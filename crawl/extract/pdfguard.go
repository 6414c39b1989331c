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

var (
	sizeEntry  = regexp.MustCompile(`/Size\s+(\d+)`)
	indexArray = regexp.MustCompile(`/Index\s*\[([^\]]*)\]`)
	widthArray = regexp.MustCompile(`/W\s*\[([^\]]*)\]`)
)

// checkXref refuses files whose /Size or xref subsection headers name more
// objects than the file could hold: real PDFs need bytes for every object.
func checkXref(body []byte) error {
	limit := min(4*len(body)+10_000, maxXrefObjects)
	for _, m := range sizeEntry.FindAllSubmatch(body, -1) {
		if n, err := strconv.Atoi(string(m[1])); err != nil || n > limit {
			return fmt.Errorf("/Size %s: %w", m[1], ErrMalformed)
		}
	}
	// Xref streams: /Index [start count …] sizes the table too, and /W
	// sizes a buffer (real files use field widths of at most 4 bytes).
	for _, m := range indexArray.FindAllSubmatch(body, -1) {
		f := bytes.Fields(m[1])
		for i := 0; i+1 < len(f); i += 2 {
			start, err1 := strconv.Atoi(string(f[i]))
			count, err2 := strconv.Atoi(string(f[i+1]))
			if err1 != nil || err2 != nil || start < 0 || count < 0 || start > limit || count > limit-start {
				return fmt.Errorf("/Index [%s]: %w", m[1], ErrMalformed)
			}
		}
	}
	for _, m := range widthArray.FindAllSubmatch(body, -1) {
		for _, w := range bytes.Fields(m[1]) {
			if n, err := strconv.Atoi(string(w)); err != nil || n < 0 || n > 16 {
				return fmt.Errorf("/W [%s]: %w", m[1], ErrMalformed)
			}
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

// checkXrefTable reads the subsection headers ("start count", then count
// entries of three tokens) of one classic xref table token by token, as
// the library does, so a header split across lines is still seen. It stops
// at the first token that does not fit, so stray "xref" words cost little.
func checkXrefTable(table []byte, limit int) error {
	next := func() []byte {
		table = bytes.TrimLeft(table, " \t\r\n\f\x00")
		i := bytes.IndexAny(table, " \t\r\n\f\x00")
		if i < 0 {
			i = len(table)
		}
		tok := table[:i]
		table = table[i:]
		return tok
	}
	for {
		start, err1 := strconv.Atoi(string(next()))
		count, err2 := strconv.Atoi(string(next()))
		if err1 != nil || err2 != nil {
			return nil // "trailer", or not a table after all
		}
		if start < 0 || count < 0 || start > limit || count > limit-start {
			return fmt.Errorf("xref subsection %d+%d: %w", start, count, ErrMalformed)
		}
		for range count * 3 {
			if len(next()) == 0 {
				return nil
			}
		}
	}
}
