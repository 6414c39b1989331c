package extract

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckXref(t *testing.T) {
	good := makePDF(reportPDF)
	cases := []struct {
		name string
		body []byte
		bad  bool
	}{
		{"fixture", good, false},
		{"forged subsection", []byte(strings.Replace(string(good), "xref\n0 ", "xref\n444444440 ", 1)), true},
		{"forged subsection across lines", []byte(strings.Replace(string(good), "xref\n0 ", "xref\n4444444401\n", 1)), true},
		{"forged size", []byte(strings.Replace(string(good), "/Size ", "/Size 99999999", 1)), true},
		{"forged xref stream index", []byte("%PDF-1.5\n<< /Type /XRef /Size 5 /Index [4000000000 5] /W [1 2 1] >>"), true},
		{"forged xref stream widths", []byte("%PDF-1.5\n<< /Type /XRef /Size 5 /W [1 99999999999 1] >>"), true},
		{"sane xref stream", []byte("%PDF-1.5\n<< /Type /XRef /Size 5 /Index [0 5] /W [1 2 1] >>"), false},
		{"xref word in text", []byte("%PDF-1.4\n(see the xref table) Tj\n1 2\n"), false},
	}
	for _, c := range cases {
		err := checkXref(c.body)
		if got := errors.Is(err, ErrMalformed); got != c.bad {
			t.Errorf("%s: err = %v, want refused %v", c.name, err, c.bad)
		}
	}
}

func TestHexStringsClosed(t *testing.T) {
	cases := []struct {
		in   string
		want bool
	}{
		{"BT (a < b) Tj ET", true},
		{"BT <48656c6c6f> Tj ET", true},
		{"<< /MCID 0 >> BDC (x) Tj EMC", true},
		{"% a comment with < in it\nBT ET", true},
		{"BT (nested (paren) < ) Tj <0a", false},
		{"T\nE<j\n", false},
		{"(escaped \\) < still text) Tj", true},
	}
	for _, c := range cases {
		if got := hexStringsClosed([]byte(c.in)); got != c.want {
			t.Errorf("hexStringsClosed(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}
