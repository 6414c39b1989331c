package indexer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	rightsearch "github.com/rightsearch/rightsearch"
)

// Issue 13: any id up to 512 bytes of UTF-8 without control characters is
// stored under a file name derived from it, and listed as itself.
func TestStoreKeepsAnyID(t *testing.T) {
	ids := []string{
		"cl-2018-kingdom-came-to-canada", // the old form: its own file name
		"CL_2016_001",
		"cl_2016_001", // differs from the one above only in case
		"sotu-1888_grover_cleveland_d",
		"reports/2019/a b.pdf",
		"../../etc/passwd",
		"..",
		"CON",
		"أحمد منصور",
		"Ünïcode ✓ 😀",
		strings.Repeat("é", rightsearch.MaxIDBytes/2), // 512 bytes
	}
	dir := t.TempDir()
	s, err := NewStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if err := s.Put(&rightsearch.Document{ID: id, Title: "t " + id}); err != nil {
			t.Fatalf("put %q: %v", id, err)
		}
	}
	for _, id := range ids {
		d, err := s.Get(id)
		if err != nil || d.ID != id || d.Title != "t "+id || !s.Has(id) {
			t.Errorf("get %q: %+v, %v", id, d, err)
		}
	}
	got, err := s.IDs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := slices.Clone(ids)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("IDs() = %q,\nwant %q", got, want)
	}
	names, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != len(ids) {
		t.Errorf("%d files for %d ids", len(names), len(ids))
	}
	for _, n := range names {
		if len(n.Name()) > 255 || n.Name() != strings.ToLower(n.Name()) {
			t.Errorf("file name %q: longer than 255 bytes or not lowercase", n.Name())
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "cl-2018-kingdom-came-to-canada.json")); err != nil {
		t.Errorf("an old-form id keeps its file name: %v", err)
	}
}

func TestStoreRefusesBadIDs(t *testing.T) {
	s, err := NewStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"", "a\nb", "tab\there", "\x00", strings.Repeat("x", rightsearch.MaxIDBytes+1), "\xff\xfe", " padded "} {
		if err := s.Put(&rightsearch.Document{ID: id, Title: "t"}); !errors.Is(err, rightsearch.ErrInvalid) {
			t.Errorf("put %q: %v, want ErrInvalid", id, err)
		}
		if _, err := s.Get(id); !errors.Is(err, ErrNotFound) {
			t.Errorf("get %q: %v, want ErrNotFound", id, err)
		}
	}
}

// A data directory written before issue 13 loads as it is.
func TestStoreReadsOldDataDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "old-doc.json"), []byte(`{"id":"old-doc","title":"Old"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := NewStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := s.IDs(context.Background())
	if err != nil || !slices.Equal(ids, []string{"old-doc"}) {
		t.Fatalf("IDs() = %v, %v", ids, err)
	}
	if d, err := s.Get("old-doc"); err != nil || d.Title != "Old" {
		t.Errorf("get old-doc: %+v, %v", d, err)
	}
}

// Documents with ids of any form are imported, rebuilt by Build and
// found again after a restart (reconcile lists them by their real ids).
func TestAnyIDThroughIndex(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ix, err := Open(ctx, Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	lines := `{"id":"CL_2016_001","title":"Upper case and underscores"}
{"id":"sotu-1888_grover_cleveland_d","title":"State of the Union"}
{"id":"reports/2019/a b.pdf","title":"A path"}
`
	st, err := Import(ctx, strings.NewReader(lines), 10, ix.Put, nil)
	if err != nil || st.Imported != 3 || len(st.Skipped) != 0 {
		t.Fatalf("import: %+v, %v", st, err)
	}
	n := ix.Count()
	ix.Close()
	if _, err := Build(ctx, Options{DataDir: dir}); err != nil {
		t.Fatal(err)
	}
	ix, err = Open(ctx, Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if ix.Count() != n {
		t.Errorf("after a rebuild %d documents, before %d", ix.Count(), n)
	}
	for _, id := range []string{"CL_2016_001", "sotu-1888_grover_cleveland_d", "reports/2019/a b.pdf"} {
		if d, err := ix.Get(id); err != nil || d.ID != id {
			t.Errorf("get %q: %v", id, err)
		}
	}
}
