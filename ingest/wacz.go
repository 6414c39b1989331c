package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"log/slog"
	"path"
	"slices"
	"strings"
)

// WACZKind reads WACZ files, the web archives Browsertrix and
// ArchiveWeb.page make: a zip of WARCs (archive/), the list of pages the
// capture was for (pages/pages.jsonl) and a datapackage.json.
var WACZKind = Kind{Name: "wacz", Match: matchWACZ, Read: ReadWACZ}

// Bounds on a WACZ's entries: a zip declares its sizes, and archive/zip
// fails an entry that inflates past what it declared.
const (
	maxWACZWARC     = 64 << 30
	maxWACZMetadata = 64 << 20
	maxWACZPages    = 4 << 30
)

// matchWACZ looks for a zip (DOCX and ODT are zips too) holding a
// datapackage.json and at least one WARC under archive/.
func matchWACZ(f File) bool {
	if !bytes.HasPrefix(f.Head, []byte("PK\x03\x04")) {
		return false
	}
	zr, err := zip.OpenReader(f.Abs)
	if err != nil {
		return false
	}
	defer zr.Close()
	hasPackage := false
	for _, zf := range zr.File {
		hasPackage = hasPackage || zf.Name == "datapackage.json"
	}
	return hasPackage && len(waczWARCs(zr.File)) > 0
}

// ReadWACZ reads every WARC in the WACZ as ReadWARC does, into one set
// of documents: the pages listed in pages.jsonl (and extraPages.jsonl),
// with their titles where extraction finds none or a worse one, and
// every PDF. Other HTML responses (a page's frames and widgets) are not
// documents. A WACZ without pages files takes every HTML page. The
// provenance's Archive is "<wacz>#archive/<warc>", its offset the
// record's in that WARC. Each WARC is also checked against the sha256
// datapackage.json gives it.
func ReadWACZ(ctx context.Context, f File, emit func(Item) error) error {
	zr, err := zip.OpenReader(f.Abs)
	if err != nil {
		return fmt.Errorf("wacz %s: %w", f.Path, err)
	}
	defer zr.Close()
	entries := map[string]*zip.File{}
	for _, zf := range zr.File {
		entries[zf.Name] = zf
	}
	// Broken metadata loses nothing: without hashes the records' own
	// digests are still checked; without pages every HTML page is taken.
	hashes, err := packageHashes(entries["datapackage.json"])
	if err != nil {
		slog.Warn("wacz datapackage.json unreadable; reading on without its hashes", "archive", f.Path, "err", err)
	}
	pages, err := readWACZPages(entries)
	if err != nil {
		slog.Warn("wacz pages unreadable; taking every HTML page", "archive", f.Path, "err", err)
		pages = nil
	}
	a := newArchiveReader(emit, pages)
	var errs []error
	for _, zf := range waczWARCs(zr.File) {
		// A damaged WARC keeps what was read of it; the next one is read.
		err := a.readEntry(ctx, zf, f.Path+"#"+zf.Name, hashes[zf.Name])
		if ctx.Err() != nil {
			return ctx.Err()
		}
		errs = append(errs, err)
	}
	errs = append(errs, a.flush())
	err = errors.Join(errs...)
	a.logSummary(f.Path, err)
	return err
}

// waczWARCs are the WARC entries under archive/, in name order.
func waczWARCs(files []*zip.File) []*zip.File {
	var out []*zip.File
	for _, zf := range files {
		n := zf.Name
		if path.Dir(n) == "archive" && (strings.HasSuffix(n, ".warc") || strings.HasSuffix(n, ".warc.gz")) {
			out = append(out, zf)
		}
	}
	slices.SortFunc(out, func(a, b *zip.File) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// readEntry reads one WARC of the zip, hashing it on the way when the
// datapackage gave it a sha256.
func (a *archiveReader) readEntry(ctx context.Context, zf *zip.File, name, want string) error {
	if zf.UncompressedSize64 > maxWACZWARC {
		return fmt.Errorf("wacz %s: %d bytes is over the %d-byte cap", name, zf.UncompressedSize64, int64(maxWACZWARC))
	}
	rc, err := zf.Open()
	if err != nil {
		return fmt.Errorf("wacz %s: %w", name, err)
	}
	defer rc.Close()
	var r io.Reader = rc
	var h hash.Hash
	if alg, _, _ := strings.Cut(want, ":"); alg == "sha256" {
		h = sha256.New()
		r = io.TeeReader(rc, h)
	}
	if err := a.readWARC(ctx, r, name); err != nil {
		return err
	}
	if h == nil {
		return nil
	}
	if _, err := io.Copy(h, rc); err != nil { // whatever follows the last record
		return fmt.Errorf("wacz %s: %w", name, err)
	}
	if got := "sha256:" + hex.EncodeToString(h.Sum(nil)); !strings.EqualFold(got, want) {
		slog.Warn("wacz archive does not match its datapackage.json hash; each record's own digest was checked",
			"archive", name, "datapackage", want, "computed", got)
	}
	return nil
}

// packageHashes reads datapackage.json's resources: path → hash.
func packageHashes(zf *zip.File) (map[string]string, error) {
	out := map[string]string{}
	if zf == nil {
		return out, nil
	}
	b, err := readSmallEntry(zf, maxWACZMetadata)
	if err != nil {
		return nil, err
	}
	var pkg struct {
		Resources []struct {
			Path string `json:"path"`
			Hash string `json:"hash"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(b, &pkg); err != nil {
		return nil, fmt.Errorf("datapackage.json: %w", err)
	}
	for _, r := range pkg.Resources {
		out[r.Path] = r.Hash
	}
	return out, nil
}

// readWACZPages reads the pages files, or gives nil when there are none.
func readWACZPages(entries map[string]*zip.File) (*pageSet, error) {
	var p *pageSet
	for _, n := range []string{"pages/pages.jsonl", "pages/extraPages.jsonl"} {
		zf := entries[n]
		if zf == nil {
			continue
		}
		if zf.UncompressedSize64 > maxWACZPages {
			return nil, fmt.Errorf("%s: %d bytes is over the %d-byte cap", n, zf.UncompressedSize64, int64(maxWACZPages))
		}
		if p == nil {
			p = &pageSet{titles: map[string]string{}}
		}
		rc, err := zf.Open()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", n, err)
		}
		err = p.readPages(rc, n)
		rc.Close()
		if err != nil {
			return nil, err
		}
	}
	return p, nil
}

func readSmallEntry(zf *zip.File, limit int64) ([]byte, error) {
	if zf.UncompressedSize64 > uint64(limit) {
		return nil, fmt.Errorf("%s: %d bytes is over the %d-byte cap", zf.Name, zf.UncompressedSize64, limit)
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", zf.Name, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", zf.Name, err)
	}
	return b, nil
}
