package web

import (
	"os/exec"
	"strings"
	"testing"
)

// TestWebKnowsNoIndex: the web face depends on the Engine interface, the
// query package and the vocabulary only, never on the indexer, the engine
// or Bleve (what `go list -deps` says of the package without its tests).
func TestWebKnowsNoIndex(t *testing.T) {
	// go test puts its own GOROOT/bin first on the test's PATH.
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("no go command on PATH: %v", err)
	}
	out, err := exec.Command(gobin, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 10 {
		t.Fatalf("go list -deps listed only %v", deps)
	}
	for _, d := range deps {
		if strings.HasPrefix(d, "github.com/blevesearch/") ||
			d == "github.com/rightsearch/rightsearch/indexer" || d == "github.com/rightsearch/rightsearch/search" {
			t.Errorf("web depends on %s", d)
		}
	}
}
