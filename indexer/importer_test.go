package indexer

import (
	"context"
	"fmt"
	"strings"
	"testing"

	rightsearch "github.com/rightsearch/rightsearch"
)

func TestImportSkipsBadLinesAndBatches(t *testing.T) {
	in := strings.Join([]string{
		`{"id":"good-1","title":"One","type":"report"}`,
		`{"id":"bad\u0007id","title":"x"}`, // a control character
		`not json`,
		``,
		`{"url":"https://example.org/a/report","title":"No id","published":"2019-05"}`,
		`{"id":"bad-type","title":"x","type":"blog"}`,
		`{"id":"bad-date","title":"x","published":"May 2019"}`,
		`{"body":"only a body"}`,
		`{"id":"empty"}`,
		`{"id":"good-2","title":"Two","published":"2020-01-02T23:30:00-05:00"}`,
	}, "\n")
	var got []rightsearch.Document
	var batches []int
	st, err := Import(context.Background(), strings.NewReader(in), 2, func(_ context.Context, ds []rightsearch.Document) error {
		batches = append(batches, len(ds))
		got = append(got, ds...)
		return nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var lines []int
	for _, le := range st.Skipped {
		lines = append(lines, le.Line)
	}
	if fmt.Sprint(lines) != "[2 3 6 7 9]" {
		t.Errorf("skipped lines %v (%v), want [2 3 6 7 9]", lines, st.Skipped)
	}
	if st.Imported != 4 || len(got) != 4 {
		t.Fatalf("imported %d", st.Imported)
	}
	for _, b := range batches {
		if b > 2 {
			t.Errorf("batch of %d, want at most 2", b)
		}
	}
	if !strings.HasPrefix(got[1].ID, "example-org-a-report-") || got[1].Published.String() != "2019-05" {
		t.Errorf("derived id/date: %s %s", got[1].ID, got[1].Published)
	}
	if !strings.HasPrefix(got[2].ID, "doc-") || got[2].Type != "other" {
		t.Errorf("content id: %+v", got[2])
	}
	if got[3].Published.String() != "2020-01-03" || got[3].Provenance.Source != "import" {
		t.Errorf("RFC 3339 date kept in UTC: %s", got[3].Published)
	}
	if !strings.Contains(st.Skipped[0].String(), "line 2: invalid document: id \"bad\\aid\" has a control character") {
		t.Errorf("message %q", st.Skipped[0])
	}
	if !strings.Contains(st.Skipped[1].String(), "line 3: invalid JSON") {
		t.Errorf("message %q", st.Skipped[1])
	}
}

func TestImportSkipsOverlongLine(t *testing.T) {
	big := `{"id":"big","title":"` + strings.Repeat("x", MaxLineBytes) + `"}`
	in := big + "\n" + `{"id":"after-big","title":"ok"}` + "\n"
	var ids []string
	st, err := Import(context.Background(), strings.NewReader(in), 10, func(_ context.Context, ds []rightsearch.Document) error {
		for _, d := range ds {
			ids = append(ids, d.ID)
		}
		return nil
	}, nil)
	if err != nil || len(st.Skipped) != 1 || st.Skipped[0].Line != 1 || fmt.Sprint(ids) != "[after-big]" {
		t.Errorf("err %v skipped %v ids %v", err, st.Skipped, ids)
	}
}

func TestImportStopsAtASinkError(t *testing.T) {
	var in strings.Builder
	for i := range 10 {
		fmt.Fprintf(&in, `{"id":"d-%d","title":"t"}`+"\n", i)
	}
	calls := 0
	var seen []int
	st, err := Import(context.Background(), strings.NewReader(in.String()), 3, func(_ context.Context, ds []rightsearch.Document) error {
		calls++
		if calls == 2 {
			return fmt.Errorf("disk full")
		}
		return nil
	}, func(st ImportStats) { seen = append(seen, st.Lines) })
	if err == nil || !strings.Contains(err.Error(), "disk full") || !strings.Contains(err.Error(), "import at line 6") {
		t.Errorf("err = %v", err)
	}
	if st.Imported != 3 || calls != 2 {
		t.Errorf("imported %d in %d calls, want 3 in 2", st.Imported, calls)
	}
	if len(seen) == 0 || seen[0] != 3 {
		t.Errorf("progress saw lines %v", seen)
	}
}
