package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	rightsearch "github.com/rightsearch/rightsearch"
)

func TestLoopbackRemote(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:5555": true, "127.8.9.10:1": true, "[::1]:80": true, "::1": true,
		"192.168.1.20:5555": false, "203.0.113.5:443": false, "[2001:db8::1]:80": false,
		"[::ffff:10.0.0.1]:80": false, "": false, "localhost:80": false, "garbage": false,
	} {
		if got := loopbackRemote(addr); got != want {
			t.Errorf("loopbackRemote(%q) = %v, want %v", addr, got, want)
		}
	}
}

func del(t *testing.T, base, id string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodDelete, base+"/api/documents/"+url.PathEscape(id), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// DELETE over real HTTP from loopback removes a document at once: from
// search, facets, a target's timeline and the CSV; an unknown id is a 404.
func TestDeleteOverHTTP(t *testing.T) {
	e := oddEnv(t, []string{"CL_2016_001", "a/b c"})
	const seed = "cl-2018-kingdom-came-to-canada"
	timeline := func() []string {
		var tl rightsearch.TargetTimeline
		if st := e.Get(t, "/api/targets/Omar%20Abdulaziz", &tl); st != http.StatusOK {
			t.Fatalf("timeline: %d", st)
		}
		var ids []string
		for _, en := range tl.Timeline {
			ids = append(ids, en.ID)
		}
		return ids
	}
	csv := func() string {
		_, _, b := e.Fetch(t, "/api/search.csv?target=Omar+Abdulaziz&size=100")
		return string(b)
	}
	citizenLab := func() int {
		return facetCount(e.Search(t, url.Values{"size": {"1"}}).Facets["organization"], "Citizen Lab")
	}
	if !slices.Contains(timeline(), seed) || !strings.Contains(csv(), seed) {
		t.Fatalf("%s is not on Omar Abdulaziz's timeline and CSV to begin with", seed)
	}
	labBefore := citizenLab()

	for _, id := range []string{seed, "a/b c"} {
		if st, body := del(t, e.Srv.URL, id); st != http.StatusOK || !strings.Contains(body, `"deleted"`) {
			t.Errorf("DELETE %s: %d %s", id, st, body)
		}
		if st := e.Get(t, "/api/documents/"+url.PathEscape(id), nil); st != http.StatusNotFound {
			t.Errorf("GET %s after DELETE: %d", id, st)
		}
	}
	if slices.Contains(timeline(), seed) || strings.Contains(csv(), seed) {
		t.Errorf("%s still on the timeline or in the CSV", seed)
	}
	if got := citizenLab(); got != labBefore-1 {
		t.Errorf("Citizen Lab facet %d, want %d", got, labBefore-1)
	}
	if ids := hitIDs(e.Search(t, url.Values{"q": {"zyqqor"}})); !slices.Equal(ids, []string{"CL_2016_001"}) {
		t.Errorf("zyqqor finds %v after deleting a/b c", ids)
	}
	st, body := del(t, e.Srv.URL, "no such id")
	if st != http.StatusNotFound || !strings.Contains(body, `no document with id [\"no such id\"]`) {
		t.Errorf("DELETE unknown: %d %s", st, body)
	}
}

// From anywhere but loopback, a DELETE is refused with a JSON 403 and
// deletes nothing.
func TestDeleteRefusedFromElsewhere(t *testing.T) {
	e := oddEnv(t, []string{"kept-doc"})
	h := e.Srv.Config.Handler
	req := httptest.NewRequest(http.MethodDelete, "/api/documents/kept-doc", nil)
	req.RemoteAddr = "203.0.113.5:40000"
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), `"code":"forbidden"`) ||
		rec.Header().Get("Content-Type") != "application/json; charset=utf-8" {
		t.Errorf("DELETE from 203.0.113.5: %d %s", rec.Code, rec.Body)
	}
	if st := e.Get(t, "/api/documents/kept-doc", nil); st != http.StatusOK {
		t.Errorf("kept-doc after a refused DELETE: %d", st)
	}
}
