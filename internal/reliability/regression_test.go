package reliability

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/rightsearch/rightsearch/web"

	"github.com/rightsearch/rightsearch/indexer"
	"github.com/rightsearch/rightsearch/indexer/entity"
	"github.com/rightsearch/rightsearch/search"
	"github.com/rightsearch/rightsearch/seeds"
)

// Regression tests for bugs the fuzz targets and the reliability tests
// found in other packages (since fixed there). The fuzz crashers are kept
// in those packages' testdata/fuzz.

// A page whose page*size overflows int passes the 10,000-hit window check.
func TestPageWindowOverflowIs400(t *testing.T) {
	ctx := context.Background()
	ix, err := indexer.Open(ctx, indexer.Options{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ts := httptest.NewServer(web.NewServer(web.Config{Engine: search.New(ix, search.Options{})}))
	defer ts.Close()
	for _, q := range []string{"page=922337203685477581&size=10", "page=9223372036854775807&size=2", "page=4611686018427387904&size=4"} {
		body, code, _, err := get(ctx, ts.Client(), ts.URL+"/api/search?"+q)
		if err != nil {
			t.Fatal(err)
		}
		if code != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400 (page*size past the window): %.200s", q, code, body)
		}
	}
}

// NormalizeIndicator must keep what makes an indicator itself: a closing
// parenthesis the URL opened, and the "::" that ends an IPv6 address.
// Tag indexes these forms, so an indicator: search must find them.
func TestNormalizeIndicatorKeepsParensAndIPv6(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"https://en.wikipedia.org/wiki/Pegasus_(spyware)", "https://en.wikipedia.org/wiki/Pegasus_(spyware)"},
		{"2001:db8::", "2001:db8::"},
		{"0000:aa0::00", "0:aa0::"},
		{"::", "::"},
	} {
		got, ok := entity.NormalizeIndicator(c.in)
		if !ok || got != c.want {
			t.Errorf("NormalizeIndicator(%q) = %q, %v; want %q", c.in, got, ok, c.want)
		}
	}
	tg, err := entity.New(seeds.MustLoad().Targets)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"see https://en.wikipedia.org/wiki/Pegasus_(spyware).", "from 1000:100::00 and 2001:db8:: too"} {
		for _, ind := range tg.Tag(text).Indicators {
			if n, ok := entity.NormalizeIndicator(ind); !ok || n != ind {
				t.Errorf("Tag(%q) indexes %q, but a search for it normalizes to %q (ok=%v)", text, ind, n, ok)
			}
		}
	}
}

// Refang is not stable on nested brackets: refanging its output changes it.
func TestRefangNestedIsStable(t *testing.T) {
	for _, in := range []string{"((.))", "0((.))", "[[.]]", "evil[[dot]]com"} {
		once := entity.Refang(in)
		if twice := entity.Refang(once); twice != once {
			t.Errorf("Refang(%q) = %q, and Refang of that = %q", in, once, twice)
		}
	}
}

// A URL ending in punctuation and an empty fragment ("…/x!#") normalizes
// to "…/x!" (url.URL.String drops the empty fragment), and normalizing
// that trims the "!": NormalizeIndicator is not idempotent, and Tag
// indexes a form that an indicator: search for it does not produce.
func TestURLEmptyFragmentNormalizesOnce(t *testing.T) {
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
