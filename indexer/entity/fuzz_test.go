package entity

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rightsearch/rightsearch/seeds"
)

// Every crawled page goes through Refang, NormalizeIndicator and Tag, so
// a hostile page is exactly a fuzz input. Crashers found by `make fuzz`
// are kept in testdata/fuzz/FuzzXxx once fixed.

var fuzzSeeds = []string{
	"hxxps[:]//evil[.]example/path?q=1",
	"press [at] ngo [dot] org",
	"h**p://1.2.3[.]4:8080/x",
	"HXXPS[://]Example(.)COM",
	"user(at)mail{.}example[.]org",
	"2001:db8::1 and [2001:db8::2]",
	"md5:D41D8CD98F00B204E9800998ECF8427E sha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	"version 1.2.3.4 and 10.0.0.1.",
	"see https://en.wikipedia.org/wiki/Pegasus_(spyware).",
	"2001:db8:: and ::", "evil[[dot]]com",
	"Ahmed Mansoor (أحمد منصور) was targeted with Pegasus by NSO Group in the United Arab Emirates.",
	"Mansour, Azam Ahmed, Riodoce and Ríodoce; FinFisher; Mexico's journalists",
	"[", "[ . ", "hxx", "h**", "(dot", "\xff\xfe[.]\x00", "..", "a@b@c.com",
	strings.Repeat("[.]", 50), strings.Repeat("a.", 130) + "com",
}

func FuzzRefang(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := Refang(s)
		if len(r) > len(s) {
			t.Fatalf("Refang(%q) = %q grew the text", s, r)
		}
		if utf8.ValidString(s) && !utf8.ValidString(r) {
			t.Fatalf("Refang(%q) = %q broke UTF-8", s, r)
		}
		if again := Refang(r); again != r {
			t.Fatalf("Refang is not stable: %q → %q → %q", s, r, again)
		}
	})
}

func FuzzNormalizeIndicator(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := NormalizeIndicator(s)
		if !ok {
			if n != "" {
				t.Fatalf("NormalizeIndicator(%q) = %q with ok=false", s, n)
			}
			return
		}
		if n == "" || strings.ContainsAny(n, " \t\n") {
			t.Fatalf("NormalizeIndicator(%q) = %q", s, n)
		}
		n2, ok2 := NormalizeIndicator(n)
		if !ok2 || n2 != n {
			t.Fatalf("not idempotent: %q → %q → %q (ok=%v)", s, n, n2, ok2)
		}
	})
}

func FuzzTag(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	tg, err := New(seeds.MustLoad().Targets)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tags := tg.Tag(s)
		for _, list := range [][]string{tags.Targets, tags.Countries, tags.Spyware, tags.Indicators} {
			for i, v := range list {
				if v == "" || i > 0 && list[i-1] >= v {
					t.Fatalf("Tag(%q): list %q is not sorted, unique and non-empty", s, list)
				}
			}
		}
		// Every indicator found is already canonical.
		for _, ind := range tags.Indicators {
			if n, ok := NormalizeIndicator(ind); !ok || n != ind {
				t.Fatalf("Tag(%q): indicator %q normalizes to %q (ok=%v)", s, ind, n, ok)
			}
		}
		// Every target found is a registry name.
		for _, name := range tags.Targets {
			if got, ok := tg.Target(name); !ok || got.Name != name {
				t.Fatalf("Tag(%q): target %q is not a canonical name", s, name)
			}
		}
	})
}
