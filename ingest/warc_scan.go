package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/textproto"
	"strconv"
	"strings"
)

// warcScanner reads the records of a WARC stream, plain or gzipped (one
// member per record, or one for the whole file), with each record's byte
// offset in the stream. It is ours rather than gowarc's reader because
// that one, reading leniently, blanks any header field it cannot
// validate: the WARC/1.0 form of WARC-Target-URI ("<http://…>", which
// wget writes) comes back empty.
type warcScanner struct {
	cr     countingReader
	br     *bufio.Reader // over cr: what the file holds
	zr     *gzip.Reader  // reused across members
	inner  *bufio.Reader // the current gzip member's content, nil between members
	member int64         // offset of the current member
}

// warcRecord is one record: its header fields as written and its block,
// which the caller reads (or not) before asking for the next record.
type warcRecord struct {
	offset int64
	header textproto.MIMEHeader
	length int64
	block  *io.LimitedReader
}

// Bounds on a record's header, which has no length field of its own.
const (
	maxWARCHeaderLine = 64 << 10
	maxWARCHeader     = 1 << 20
)

func newWARCScanner(r io.Reader) *warcScanner {
	s := &warcScanner{cr: countingReader{r: r}}
	s.br = bufio.NewReaderSize(&s.cr, 64<<10)
	return s
}

func (s *warcScanner) pos() int64 { return s.cr.n - int64(s.br.Buffered()) }

// next finishes the previous record and returns the next one; io.EOF at
// the end of the stream between records. Any other error is damage.
func (s *warcScanner) next(prev *warcRecord) (*warcRecord, error) {
	src := s.br
	if prev != nil {
		if err := s.finish(prev); err != nil {
			return nil, err
		}
	}
	if s.inner != nil {
		skipNewlines(s.inner)
		if _, err := s.inner.Peek(1); err == nil {
			return s.read(s.inner, s.member) // another record in this member
		} else if !errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("gzip member at byte %d: %w", s.member, eofIsUnexpected(err))
		}
		s.inner = nil
	}
	skipNewlines(src)
	start := s.pos()
	magic, err := src.Peek(2)
	if len(magic) == 0 && errors.Is(err, io.EOF) {
		return nil, io.EOF
	}
	if bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		if s.zr == nil {
			s.zr, err = gzip.NewReader(src)
		} else {
			err = s.zr.Reset(src)
		}
		if err != nil {
			return nil, fmt.Errorf("gzip member at byte %d: %w", start, eofIsUnexpected(err))
		}
		s.zr.Multistream(false) // bufio.Reader is a ByteReader: the member ends where it ends
		s.inner, s.member = bufio.NewReaderSize(s.zr, 64<<10), start
		return s.read(s.inner, start)
	}
	return s.read(src, start)
}

// read parses a record's version line and header fields.
func (s *warcScanner) read(r *bufio.Reader, offset int64) (*warcRecord, error) {
	line, err := readWARCLine(r)
	if err != nil {
		return nil, fmt.Errorf("record at byte %d: %w", offset, eofIsUnexpected(err))
	}
	if !bytes.HasPrefix(line, []byte("WARC/")) {
		return nil, fmt.Errorf("record at byte %d: no WARC version line (%.20q)", offset, line)
	}
	h := textproto.MIMEHeader{}
	size, lastKey := 0, ""
	for {
		line, err = readWARCLine(r)
		if err != nil {
			return nil, fmt.Errorf("record at byte %d: header: %w", offset, eofIsUnexpected(err))
		}
		if size += len(line); size > maxWARCHeader {
			return nil, fmt.Errorf("record at byte %d: header over %d bytes", offset, maxWARCHeader)
		}
		l := strings.TrimRight(string(line), "\r\n")
		if l == "" {
			break
		}
		if (l[0] == ' ' || l[0] == '\t') && lastKey != "" { // a folded line continues the field
			vs := h[lastKey]
			vs[len(vs)-1] += " " + strings.TrimSpace(l)
			continue
		}
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			return nil, fmt.Errorf("record at byte %d: header line %.40q has no colon", offset, l)
		}
		lastKey = textproto.CanonicalMIMEHeaderKey(strings.TrimSpace(name))
		h.Add(lastKey, strings.TrimSpace(value))
	}
	n, err := strconv.ParseInt(h.Get("Content-Length"), 10, 64)
	if err != nil || n < 0 {
		return nil, fmt.Errorf("record at byte %d: Content-Length %q", offset, h.Get("Content-Length"))
	}
	return &warcRecord{offset: offset, header: h, length: n, block: &io.LimitedReader{R: r, N: n}}, nil
}

// finish skips what the caller left of a record's block and its closing
// blank lines. A block shorter than its Content-Length is a cut tail.
func (s *warcScanner) finish(rec *warcRecord) error {
	if _, err := io.Copy(io.Discard, rec.block); err != nil {
		return fmt.Errorf("record at byte %d: %w", rec.offset, eofIsUnexpected(err))
	}
	if rec.block.N > 0 {
		return fmt.Errorf("record at byte %d is cut short (%d of %d bytes): %w",
			rec.offset, rec.length-rec.block.N, rec.length, io.ErrUnexpectedEOF)
	}
	skipNewlines(rec.block.R.(*bufio.Reader)) // "\r\n\r\n", or a writer's "\n\n"
	return nil
}

// skipNewlines passes the blank lines that close a record (and any
// extra a writer left between records).
func skipNewlines(r *bufio.Reader) {
	for {
		b, err := r.Peek(1)
		if err != nil || (b[0] != '\r' && b[0] != '\n') {
			return
		}
		_, _ = r.Discard(1)
	}
}

func readWARCLine(r *bufio.Reader) ([]byte, error) {
	var line []byte
	for {
		chunk, err := r.ReadSlice('\n')
		if len(line)+len(chunk) > maxWARCHeaderLine {
			return nil, fmt.Errorf("header line over %d bytes", maxWARCHeaderLine)
		}
		line = append(line, chunk...)
		if !errors.Is(err, bufio.ErrBufferFull) {
			if errors.Is(err, io.EOF) && len(line) > 0 {
				err = io.ErrUnexpectedEOF
			}
			return line, err
		}
	}
}

func eofIsUnexpected(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
