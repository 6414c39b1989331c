package indicators

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestReimport: a changed version of a list replaces the stored one; the
// change names what it added and removed, and the removed values are no
// longer carried by the list.
func TestReimport(t *testing.T) {
	data, src := t.TempDir(), t.TempDir()
	file := filepath.Join(src, "paperkite", "domains.txt")
	st := NewStore(data)
	save := func(body string) Change {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		l, err := Parse(file, []byte(body))
		if err != nil {
			t.Fatal(err)
		}
		ch, err := st.Save(l)
		if err != nil {
			t.Fatal(err)
		}
		return ch
	}
	first := save("example[.]com\nold.example.net\n")
	if !first.New || first.Total != 2 || len(first.Added) != 2 || len(first.Removed) != 0 {
		t.Fatalf("first import: %+v", first)
	}
	if m, _ := st.Carrying([]string{"old.example.net"}); len(m) != 1 {
		t.Fatalf("old.example.net is carried by %d lists, want 1", len(m))
	}
	second := save("example[.]com\nnew.example.org\n")
	if second.New || second.ListID != first.ListID ||
		!slices.Equal(second.Added, []string{"domain new.example.org"}) || !slices.Equal(second.Removed, []string{"domain old.example.net"}) {
		t.Fatalf("re-import: %+v", second)
	}
	for v, n := range map[string]int{"old.example.net": 0, "new.example.org": 1, "example[.]com": 1, "EXAMPLE.COM": 1} {
		m, err := st.Carrying([]string{v})
		if err != nil || len(m) != n {
			t.Errorf("%s is carried by %d lists (%v), want %d", v, len(m), err, n)
		}
	}
	lists, _ := st.Lists()
	if len(lists) != 1 {
		t.Errorf("%d lists stored, want the one, replaced", len(lists))
	}
	same := save("example[.]com\nnew.example.org\n")
	if len(same.Added)+len(same.Removed) != 0 {
		t.Errorf("the same list again changed %+v", same)
	}
}

// TestStoreOddID: an id that is no file name is stored under a hashed
// name and read back as itself.
func TestStoreOddID(t *testing.T) {
	st := NewStore(t.TempDir())
	p := parseFixture(t, "lists/paperkite/ips.txt")
	p.List.ID = "../Lists/Ünïcode id"
	if _, err := st.Save(p.List); err != nil {
		t.Fatal(err)
	}
	got, err := st.Get(p.List.ID)
	if err != nil || got.ID != p.List.ID || len(got.Indicators) != 2 {
		t.Fatalf("Get = %q %d, %v", got.ID, len(got.Indicators), err)
	}
	if filepath.Dir(st.path(p.List.ID)) != st.dir {
		t.Errorf("%s is outside the store", st.path(p.List.ID))
	}
}
