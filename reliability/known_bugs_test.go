package reliability

import (
	"os"
	"testing"

	"github.com/rightsearch/rightsearch/indexer/entity"
	"github.com/rightsearch/rightsearch/seeds"
)

// Bugs found in packages this one does not own and not fixed yet. Each
// test fails until its bug is fixed, so they run only with
// RELIABILITY_KNOWN_BUGS=1. Once one passes, move it to regression_test.go
// and its crasher from testdata/crashers to the target package's
// testdata/fuzz.

func knownBug(t *testing.T) {
	t.Helper()
	if os.Getenv("RELIABILITY_KNOWN_BUGS") == "" {
		t.Skip("known bug, reported to the integrator; run with RELIABILITY_KNOWN_BUGS=1")
	}
}

// A URL ending in punctuation and an empty fragment ("…/x!#") normalizes
// to "…/x!" (url.URL.String drops the empty fragment), and normalizing
// that trims the "!": NormalizeIndicator is not idempotent, and Tag
// indexes a form that an indicator: search for it does not produce.
func TestKnownBugURLEmptyFragment(t *testing.T) {
	knownBug(t)
	for _, in := range []string{"HXXP(://)0(.)AC/!#", "http://example.org/page!#", "https://example.com/a.#"} {
		n, ok := entity.NormalizeIndicator(in)
		if !ok {
			continue
		}
		if n2, ok2 := entity.NormalizeIndicator(n); !ok2 || n2 != n {
			t.Errorf("NormalizeIndicator(%q) = %q, and of that %q (ok=%v)", in, n, n2, ok2)
		}
	}
	tg, err := entity.New(seeds.MustLoad().Targets)
	if err != nil {
		t.Fatal(err)
	}
	for _, ind := range tg.Tag("see http://0.org/00!# and http://example.org/page!#").Indicators {
		if n, ok := entity.NormalizeIndicator(ind); !ok || n != ind {
			t.Errorf("Tag indexes %q, but a search for it normalizes to %q (ok=%v)", ind, n, ok)
		}
	}
}
