package indicators

import (
	"bufio"
	"bytes"
	"fmt"
	"path"
	"path/filepath"
	"strings"

	rightsearch "github.com/rightsearch/rightsearch"
)

// typeFromName is the type a list's file name gives its lines
// (domains.txt, ip-addresses.txt, sha256.txt, processes.txt,
// package_names.txt), or "": a word of the name, in the singular or
// plural, with or without a number after it (domains2.txt).
func typeFromName(name string) string {
	base := strings.ToLower(path.Base(filepath.ToSlash(name)))
	base = strings.TrimSuffix(base, path.Ext(base))
	words := strings.FieldsFunc(base, func(r rune) bool { return !('a' <= r && r <= 'z' || '0' <= r && r <= '9') })
	for _, w := range words {
		switch w {
		case "sha256", "sha1", "md5":
			return w
		}
		w = strings.TrimRight(w, "0123456789")
		for _, m := range []struct{ word, typ string }{
			{"domain", TypeDomain}, {"hostname", TypeDomain}, {"url", TypeURL}, {"email", TypeEmail},
			{"ip", TypeIP}, {"process", TypeProcess}, {"package", TypeApp}, {"app", TypeApp}, {"file", TypeFile},
		} {
			if w == m.word || w == m.word+"s" || w == m.word+"es" {
				return m.typ
			}
		}
	}
	return ""
}

// textLines are the values of a typed list with their line numbers:
// blank lines and # comments are left out, and a value ends at the first
// blank or comma (what follows is its comment).
func textLines(body []byte) (vals []textLine) {
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") || strings.HasPrefix(l, "//") {
			continue
		}
		v, comment := l, ""
		if i := strings.IndexAny(l, " \t,"); i > 0 {
			v, comment = l[:i], strings.TrimLeft(strings.TrimSpace(l[i+1:]), "#/ ")
		}
		vals = append(vals, textLine{n, l, v, comment})
	}
	return vals
}

type textLine struct {
	n                    int
	line, value, comment string
}

// looksTyped says whether a text is a list of values: when asked to read
// it as one (loose), at least half its lines; else named as one and two
// thirds values, or three lines or more of nothing but indicators.
func looksTyped(name string, head []byte, loose bool) bool {
	if bytes.IndexByte(head, 0) >= 0 {
		return false
	}
	lines := textLines(head)
	if n := len(lines); n > 1 && !bytes.HasSuffix(head, []byte("\n")) {
		lines = lines[:n-1] // the head may cut the last line
	}
	if len(lines) == 0 {
		return false
	}
	want := typeFromName(name)
	good := 0
	for _, l := range lines {
		// A file name alone makes any word a process name: without an
		// explicit import, such a line must be one word and nothing else.
		if _, _, ok := normalize(l.value, want); ok && (loose || !verbatim(want) || l.comment == "") {
			good++
		}
	}
	switch {
	case loose: // asked to read it as a list: the bad lines are reported
		return good*2 >= len(lines)
	case want != "":
		return good*3 >= len(lines)*2
	}
	return len(lines) >= 3 && good == len(lines)
}

// parseText reads a typed list, one value a line, defanged or not; the
// type is the file name's, or each line's own.
func parseText(name string, body []byte) (Parsed, error) {
	want := typeFromName(name)
	p := Parsed{List: rightsearch.IndicatorList{Format: FormatText}}
	for _, l := range textLines(body) {
		v, typ, ok := normalize(l.value, want)
		if !ok {
			what := "an indicator"
			if want != "" {
				what = "a " + want
			}
			p.Skipped = append(p.Skipped, fmt.Sprintf("line %d: %q is not %s", l.n, l.line, what))
			continue
		}
		p.List.Indicators = append(p.List.Indicators, rightsearch.Indicator{Value: v, Type: typ, Comment: l.comment})
	}
	return p, nil
}
