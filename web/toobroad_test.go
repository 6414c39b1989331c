package web

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/rightsearch/rightsearch/indexer"
	"github.com/rightsearch/rightsearch/internal/testenv"
	"github.com/rightsearch/rightsearch/search"
)

// TestTooBroadPatternIs400: a prefix that expands past the index's bound
// answers 400 with a message saying so, never a 500.
func TestTooBroadPatternIs400(t *testing.T) {
	var b strings.Builder
	for i := range indexer.MaxExpansion + 100 {
		fmt.Fprintf(&b, "zqw%05d ", i)
	}
	docs := fmt.Sprintf(`{"id": "many-words", "title": "Many words", "language": "en", "body": %q}`+"\n", b.String())
	e, err := testenv.Open(t.TempDir(), []byte(docs), func(ix *indexer.Index) http.Handler {
		return NewServer(Config{Engine: search.New(ix, search.Options{})})
	})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	var body struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	if st := e.Get(t, "/api/search?q=zqw*", &body); st != http.StatusBadRequest || !strings.Contains(body.Error.Message, "too many words") {
		t.Errorf("q=zqw*: %d %+v", st, body.Error)
	}
	if st := e.Get(t, "/api/search?q=zqw0001*", &body); st != http.StatusOK {
		t.Errorf("q=zqw0001*: %d", st)
	}
}
