package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"
)

// DefaultMaxSize is the largest file read unless Options.MaxSize says
// otherwise: past it a file is skipped, so that a stray disk image or a
// sparse file of gigabytes cannot take the memory an extractor needs.
const DefaultMaxSize = 512 << 20

// Skip is a file (or a member of one) that did not go in, and why.
type Skip struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// walker turns the paths given into Files, noting what it cannot take.
type walker struct {
	maxSize int64
	files   []File
	shown   []string // files[i] as the summary names it
	skipped []Skip
	hidden  int
	dataDir string // absolute, real: never read
	assets  int    // folders of saved pages' assets (page_files beside page.html)
}

// walk lists every regular file under roots, in a stable order. It never
// reads more than a file's head, so it is cheap even for large folders.
func walk(ctx context.Context, roots []string, maxSize int64, dataDir string) (*walker, error) {
	w := &walker{maxSize: maxSize}
	if real, err := filepath.EvalSymlinks(dataDir); err == nil {
		w.dataDir, _ = filepath.Abs(real)
	}
	for _, root := range roots {
		if err := w.root(ctx, root); err != nil {
			return nil, err
		}
	}
	return w, nil
}

func (w *walker) skip(p, format string, a ...any) {
	w.skipped = append(w.skipped, Skip{Path: p, Reason: fmt.Sprintf(format, a...)})
}

// root walks one argument. A symlink named on the command line is
// followed: the researcher chose it.
func (w *walker) root(ctx context.Context, root string) error {
	real, err := filepath.EvalSymlinks(root)
	if err != nil {
		w.skip(root, "%s", reason(err))
		return nil
	}
	abs, err := filepath.Abs(real)
	if err != nil {
		return fmt.Errorf("walk %s: %w", root, err)
	}
	info, err := os.Stat(abs)
	if err != nil {
		w.skip(root, "%s", reason(err))
		return nil
	}
	if w.dataDir != "" && inside(w.dataDir, abs) {
		w.skip(root, "inside the data directory %s", w.dataDir)
		return nil
	}
	if !info.IsDir() {
		w.file(root, filepath.Base(abs), abs, info)
		return nil
	}
	seen := map[string]bool{abs: true}
	return w.dir(ctx, root, abs, abs, "", seen)
}

// dir walks the folder at abs (rel inside the root at rootAbs). seen holds
// the real paths of the folders on the way down, to stop loops.
func (w *walker) dir(ctx context.Context, root, rootAbs, abs, rel string, seen map[string]bool) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		w.skip(shown(root, rel), "%s", reason(err))
		return nil
	}
	names := make(map[string]bool, len(entries))
	for _, e := range entries {
		names[e.Name()] = true
	}
	for _, e := range entries {
		name := e.Name()
		childRel := path.Join(rel, name)
		shownPath := shown(root, childRel)
		if strings.HasPrefix(name, ".") {
			w.hidden++ // .git, .DS_Store: not evidence
			continue
		}
		if stem, ok := strings.CutSuffix(name, "_files"); ok && e.IsDir() && (names[stem+".html"] || names[stem+".htm"]) {
			w.assets++ // a saved page's stylesheets, scripts and images
			continue
		}
		childAbs := filepath.Join(abs, name)
		info, err := os.Lstat(childAbs)
		if err != nil {
			w.skip(shownPath, "%s", reason(err))
			continue
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			target, tinfo, why := w.link(rootAbs, childAbs, seen)
			if why != "" {
				w.skip(shownPath, "%s", why)
				continue
			}
			childAbs, info = target, tinfo
		}
		switch {
		case info.IsDir() && childAbs == w.dataDir:
			// `add .` where the data directory is: its store and raw
			// copies are rightsearch's own, not evidence.
		case info.IsDir():
			seen[childAbs] = true
			err := w.dir(ctx, root, rootAbs, childAbs, childRel, seen)
			delete(seen, childAbs)
			if err != nil {
				return err
			}
		default:
			w.file(shownPath, childRel, childAbs, info)
		}
	}
	return nil
}

// link resolves a symlink met inside a folder. It is followed only when
// it stays inside the root and does not lead back up the path walked.
func (w *walker) link(rootAbs, linkAbs string, seen map[string]bool) (string, os.FileInfo, string) {
	target, err := filepath.EvalSymlinks(linkAbs)
	if err != nil {
		if errors.Is(err, syscall.ELOOP) || strings.Contains(err.Error(), "too many links") {
			return "", nil, "symlink loop"
		}
		return "", nil, "broken symlink: " + reason(err)
	}
	if !inside(rootAbs, target) {
		return "", nil, fmt.Sprintf("symlink points outside the folder given (to %s): not followed", target)
	}
	info, err := os.Stat(target)
	if err != nil {
		return "", nil, reason(err)
	}
	if info.IsDir() {
		if seen[target] {
			return "", nil, "symlink loop: it points back to a folder above it"
		}
		return "", nil, "symlink to a folder inside the one given: its files are added from there"
	}
	return target, info, ""
}

// file takes one entry that is not a folder, if it is a regular file of
// an acceptable size. Its head is read when it is processed: a walk of
// 100,000 files must not hold 100,000 heads.
func (w *walker) file(shownPath, rel, abs string, info os.FileInfo) {
	if !info.Mode().IsRegular() {
		w.skip(shownPath, "not a regular file (%s)", modeName(info.Mode()))
		return
	}
	if info.Size() > w.maxSize {
		w.skip(shownPath, "%s is over the size limit of %s (--max-size)", humanBytes(info.Size()), humanBytes(w.maxSize))
		return
	}
	w.files = append(w.files, File{Path: rel, Abs: abs, ID: fileID(abs), Size: info.Size(),
		ModTime: info.ModTime().UTC()})
	w.shown = append(w.shown, shownPath)
}

// hashHead reads f whole once, streaming: its sha256 and its head.
func hashHead(f *File) (string, error) {
	fh, err := os.Open(f.Abs)
	if err != nil {
		return "", err
	}
	defer fh.Close()
	h := sha256.New()
	head := &headWriter{max: HeadSize}
	if _, err := io.Copy(io.MultiWriter(h, head), fh); err != nil {
		return "", err
	}
	f.Head = head.b
	return hex.EncodeToString(h.Sum(nil)), nil
}

// headWriter keeps the first max bytes written to it.
type headWriter struct {
	b   []byte
	max int
}

func (hw *headWriter) Write(p []byte) (int, error) {
	if room := hw.max - len(hw.b); room > 0 {
		hw.b = append(hw.b, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

// inside reports whether p is dir or below it.
func inside(dir, p string) bool {
	r, err := filepath.Rel(dir, p)
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator))
}

// shown is how a file is named in the summary: as given, then the path
// inside it.
func shown(root, rel string) string {
	if rel == "" {
		return root
	}
	return filepath.Join(root, filepath.FromSlash(rel))
}

// reason is an error as a skip reason, without the path the summary
// already shows.
func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Op + ": " + pe.Err.Error()
	}
	return err.Error()
}

func modeName(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0:
		return "device"
	}
	return m.Type().String()
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
