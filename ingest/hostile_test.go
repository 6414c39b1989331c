package ingest

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/ingest/fixture"
)

// hostile makes a folder of everything add must survive, beside two
// good files, and returns it with the reason each bad one must be
// skipped for (a substring).
func hostile(t *testing.T) (string, map[string]string) {
	t.Helper()
	base := t.TempDir()
	dir := filepath.Join(base, "hostile")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(fixture.Write(dir, map[string][]byte{
		"good/notes.txt":    []byte("Interview notes: the source described the checkpoint in detail."),
		"good/report.pdf":   fixture.PDF("A good report", "", "D:2022", []string{"This report goes in whatever else is in the folder."}),
		"bomb.docx":         fixture.ZipBomb(100 << 20),
		"hangs.txt":         []byte("HANG: this file makes the test's reader block and ignore its context"),
		"panics.txt":        []byte("PANIC: this file makes the test's reader panic"),
		"vanishes.txt":      []byte("removed between the walk and the read"),
		"photo.png":         {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R'},
		"sub/deeper/ok.txt": []byte("A note in a nested folder that must still be read."),
	}))
	must(os.WriteFile(filepath.Join(base, "outside.txt"), []byte("a file outside the folder given"), 0o644))
	must(os.Symlink(filepath.Join(base, "outside.txt"), filepath.Join(dir, "outside-link")))
	must(os.Symlink("loop-b", filepath.Join(dir, "loop-a")))
	must(os.Symlink("loop-a", filepath.Join(dir, "loop-b")))
	must(os.Symlink("../..", filepath.Join(dir, "sub", "deeper", "up")))
	must(syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o644))
	sparse, err := os.Create(filepath.Join(dir, "disk.img"))
	must(err)
	must(sparse.Truncate(2 << 30))
	must(sparse.Close())
	want := map[string]string{
		"outside-link":  "outside the folder given",
		"loop-a":        "symlink loop",
		"loop-b":        "symlink loop",
		"sub/deeper/up": "symlink loop",
		"pipe":          "not a regular file (named pipe)",
		"disk.img":      "2.0 GiB is over the size limit",
		"bomb.docx":     "zip bomb",
		"hangs.txt":     "gave nothing for 300ms",
		"panics.txt":    "crashed",
		"vanishes.txt":  "no such file",
		"photo.png":     "not a format rightsearch reads (image/png)",
	}
	if os.Geteuid() != 0 {
		must(os.WriteFile(filepath.Join(dir, "locked.txt"), []byte("no one may read this"), 0o000))
		want["locked.txt"] = "permission denied"
	} else {
		t.Log("running as root, which reads a mode-000 file: the unreadable file is the one that vanishes")
	}
	return dir, want
}

// hostileKinds are the default kinds behind two that misbehave on
// purpose: one blocks without looking at its context, one panics.
func hostileKinds(release chan struct{}) []Kind {
	return append([]Kind{
		{Name: "hang", Match: func(f File) bool { return bytes.HasPrefix(f.Head, []byte("HANG")) },
			Read: func(context.Context, File, func(Item) error) error { <-release; return nil }},
		{Name: "panic", Match: func(f File) bool { return bytes.HasPrefix(f.Head, []byte("PANIC")) },
			Read: func(context.Context, File, func(Item) error) error { panic("boom") }},
	}, DefaultKinds()...)
}

func TestAddHostileFolder(t *testing.T) {
	dir, want := hostile(t)
	release := make(chan struct{})
	defer close(release)
	c := &collect{docs: map[string]rightsearch.Document{}}
	start := time.Now()
	sum, err := Add(context.Background(), []string{dir}, Options{DataDir: t.TempDir(), Put: c.put,
		Kinds: hostileKinds(release), Timeout: 300 * time.Millisecond,
		afterWalk: func() { os.Remove(filepath.Join(dir, "vanishes.txt")) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("hostile folder: %s, %+v", time.Since(start).Round(time.Millisecond), sum)
	got := map[string]string{}
	for _, s := range sum.Skipped {
		rel, _ := filepath.Rel(dir, s.Path)
		got[filepath.ToSlash(rel)] = s.Reason
	}
	for path, reason := range want {
		if !strings.Contains(got[path], reason) {
			t.Errorf("%s: skipped for %q, want %q", path, got[path], reason)
		}
	}
	for path, reason := range got {
		if _, ok := want[path]; !ok {
			t.Errorf("%s: skipped unexpectedly: %s", path, reason)
		}
	}
	for _, p := range []string{"good/notes.txt", "good/report.pdf", "sub/deeper/ok.txt"} {
		if len(byPath(c, p)) != 1 {
			t.Errorf("%s did not go in", p)
		}
	}
	if sum.Added != 3 || len(c.docs) != 3 {
		t.Errorf("added %d files, %d documents; want the 3 good ones", sum.Added, len(c.docs))
	}
}
