package crawl

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFrontierRunsResumeAndCompaction(t *testing.T) {
	dir := t.TempDir()
	fr, err := openFrontier(dir)
	if err != nil {
		t.Fatal(err)
	}
	if fr.run != 1 || fr.resuming {
		t.Fatalf("fresh frontier: run %d resuming %v", fr.run, fr.resuming)
	}
	must(t, fr.append(entry{Kind: kindFetch, URL: "http://a.test/1", WARC: "w.warc.gz", Offset: 10, ETag: `"x"`}))
	must(t, fr.append(entry{Kind: kindDone, URL: "http://a.test/1"}))
	must(t, fr.close())
	// A torn last line, as a kill mid-write would leave.
	f, _ := os.OpenFile(filepath.Join(dir, "frontier.jsonl"), os.O_APPEND|os.O_WRONLY, 0)
	_, _ = f.WriteString(`{"kind":"fetch","run":1,"url":"http://a.te`)
	f.Close()

	fr, err = openFrontier(dir) // the run did not finish: resume it
	if err != nil {
		t.Fatal(err)
	}
	e, ok, thisRun := fr.lookup("http://a.test/1")
	if fr.run != 1 || !fr.resuming || !ok || !thisRun || e.Offset != 10 || !fr.isDone("http://a.test/1") {
		t.Fatalf("resumed: run %d resuming %v entry %+v %v %v", fr.run, fr.resuming, e, ok, thisRun)
	}
	must(t, fr.finish())
	must(t, fr.close())

	fr, err = openFrontier(dir) // finished: a new run that remembers validators
	if err != nil {
		t.Fatal(err)
	}
	defer fr.close()
	e, ok, thisRun = fr.lookup("http://a.test/1")
	if fr.run != 2 || fr.resuming || !ok || thisRun || e.ETag != `"x"` || fr.isDone("http://a.test/1") {
		t.Fatalf("new run: run %d resuming %v entry %+v %v %v", fr.run, fr.resuming, e, ok, thisRun)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
