package crawl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/nlnwa/gowarc/v3"
	"github.com/rightsearch/rightsearch/crawl/extract"
)

// warcMu serialises every gowarc call that builds record options
// (NewRecordBuilder, NewWarcFileReader, and WarcFileWriter.Write, which
// builds a warcinfo record when it opens a file): gowarc v3.1.0 sets the
// global uuid.EnableRandPool flag there without synchronisation, a data
// race under concurrent use, also with PDFium starting an instance (it
// calls uuid.New), so it is extract's lock.
var warcMu = &extract.UUIDMu

// archive appends request/response pairs to gzipped WARC 1.1 files.
type archive struct {
	dir string
	w   *gowarc.WarcFileWriter
}

var recordOptions = []gowarc.WarcRecordOption{
	gowarc.WithAddMissingDigest(true), // WARC-Block-Digest and WARC-Payload-Digest, sha256
	gowarc.WithDefaultDigestAlgorithm("sha256"),
	gowarc.WithAddMissingRecordId(true),
}

func openArchive(dir, userAgent string) (*archive, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("archive: %w", err)
	}
	w := gowarc.NewWarcFileWriter(
		gowarc.WithFileNameGenerator(&warcNames{dir: dir}),
		gowarc.WithCompression(true), // one gzip member per record
		// Records are synced and the file keeps its final name from the
		// start, so a killed crawl leaves a readable archive that the
		// frontier can point into.
		gowarc.WithFlush(true),
		gowarc.WithOpenFileSuffix(""),
		gowarc.WithAddWarcConcurrentToHeader(true),
		gowarc.WithRecordOptions(recordOptions...),
		gowarc.WithWarcInfoFunc(func(b gowarc.WarcRecordBuilder) error {
			_, err := fmt.Fprintf(b, "software: rightsearch crawl\r\nformat: WARC File Format 1.1\r\nhttp-header-user-agent: %s\r\n", userAgent)
			return err
		}),
	)
	return &archive{dir: dir, w: w}, nil
}

func (a *archive) close() error {
	warcMu.Lock()
	defer warcMu.Unlock()
	return a.w.Close()
}

// write archives one exchange and returns the file (relative to the
// archive directory) and offset of its response record.
func (a *archive) write(r *response) (file string, offset int64, err error) {
	warcMu.Lock()
	defer warcMu.Unlock()
	req, err := buildRecord(gowarc.Request, r, r.Request)
	if err != nil {
		return "", 0, err
	}
	var head bytes.Buffer
	head.WriteString(r.StatusLine + "\r\n")
	if err := r.Header.Write(&head); err != nil {
		return "", 0, err
	}
	head.WriteString("\r\n")
	resp, err := buildRecord(gowarc.Response, r, append(head.Bytes(), r.Raw...))
	if err != nil {
		_ = req.Close()
		return "", 0, err
	}
	res := a.w.Write(req, resp)
	if len(res) != 2 {
		return "", 0, errors.New("archive: writer is closed")
	}
	for _, x := range res {
		if x.Err != nil {
			return "", 0, fmt.Errorf("archive %s: %w", r.URL, x.Err)
		}
	}
	return res[1].FileName, res[1].FileOffset, nil
}

func buildRecord(typ gowarc.RecordType, r *response, block []byte) (gowarc.WarcRecord, error) {
	b := gowarc.NewRecordBuilder(typ, recordOptions...)
	if _, err := b.Write(block); err != nil {
		return nil, err
	}
	b.AddWarcHeader(gowarc.WarcTargetURI, r.URL)
	b.AddWarcHeaderTime(gowarc.WarcDate, r.FetchedAt)
	msg := "request"
	if typ == gowarc.Response {
		msg = "response"
		if r.ContentType != "" {
			b.AddWarcHeader(gowarc.WarcIdentifiedPayloadType, r.ContentType)
		}
	}
	b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype="+msg)
	if host, _, err := net.SplitHostPort(r.RemoteIP); err == nil {
		b.AddWarcHeader(gowarc.WarcIPAddress, host)
	}
	rec, _, err := b.Build()
	if err != nil {
		return nil, fmt.Errorf("warc %s record for %s: %w", msg, r.URL, err)
	}
	return rec, nil
}

// warcNames names files rightsearch-<UTC timestamp>-<n>.warc(.gz), with n
// the first number not yet used in the directory, so that two crawls in
// the same second never collide.
type warcNames struct {
	dir string
	mu  sync.Mutex
}

func (g *warcNames) NewWarcfileName() (string, string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	ts := time.Now().UTC().Format("20060102150405")
	for n := 1; ; n++ {
		name := fmt.Sprintf("rightsearch-%s-%d.warc", ts, n)
		if _, err := os.Stat(filepath.Join(g.dir, name+".gz")); errors.Is(err, os.ErrNotExist) {
			return g.dir, name
		}
	}
}

// maxReadPayload bounds what ReadPayload decodes: well above any crawl cap,
// but not unbounded for a tampered archive.
const maxReadPayload = 1 << 30

// ErrNotResponse: the record at the offset is not an HTTP response.
var ErrNotResponse = errors.New("not a WARC response record")

// ReadPayload reads back the response record at offset in warcFile (a
// file name inside archiveDir, as in Provenance.WARC) and returns its
// content type and payload, with any Content-Encoding removed: the same
// bytes whose sha256 is Provenance.SHA256.
func ReadPayload(ctx context.Context, archiveDir, warcFile string, offset int64) (contentType string, payload []byte, err error) {
	if err := ctx.Err(); err != nil {
		return "", nil, err
	}
	if warcFile == "" || filepath.Base(warcFile) != warcFile || strings.HasPrefix(warcFile, ".") ||
		!(strings.HasSuffix(warcFile, ".warc.gz") || strings.HasSuffix(warcFile, ".warc")) {
		return "", nil, fmt.Errorf("read payload: %q is not a WARC file name", warcFile)
	}
	if offset < 0 {
		return "", nil, fmt.Errorf("read payload %s: negative offset", warcFile)
	}
	warcMu.Lock()
	rd, err := gowarc.NewWarcFileReader(filepath.Join(archiveDir, warcFile), offset)
	warcMu.Unlock()
	if err != nil {
		return "", nil, fmt.Errorf("read payload %s: %w", warcFile, err)
	}
	defer rd.Close()
	rec, err := rd.Next()
	if err != nil {
		return "", nil, fmt.Errorf("read payload %s@%d: %w", warcFile, offset, err)
	}
	defer rec.Close()
	block, ok := rec.WarcRecord.Block().(gowarc.HttpResponseBlock)
	// A record that says it is a response may hold no parsable HTTP
	// header (found by FuzzReadPayload): that is no response either.
	if rec.WarcRecord.Type() != gowarc.Response || !ok || block.HttpHeader() == nil {
		return "", nil, fmt.Errorf("read payload %s@%d: %w", warcFile, offset, ErrNotResponse)
	}
	pr, err := block.PayloadBytes()
	if err != nil {
		return "", nil, fmt.Errorf("read payload %s@%d: %w", warcFile, offset, err)
	}
	raw, err := io.ReadAll(io.LimitReader(pr, maxReadPayload+1))
	if err != nil {
		return "", nil, fmt.Errorf("read payload %s@%d: %w", warcFile, offset, err)
	}
	h := block.HttpHeader()
	payload, err = decode(raw, h.Get("Content-Encoding"), maxReadPayload)
	if err != nil {
		return "", nil, fmt.Errorf("read payload %s@%d: %w", warcFile, offset, err)
	}
	return sniffContentType(h.Get("Content-Type"), payload), payload, nil
}
