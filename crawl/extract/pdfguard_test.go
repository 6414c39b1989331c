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
		{"forged size", []byte(strings.Replace(string(good), "/Size ", "/Size 99999999", 1)), true},
		{"xref word in text", []byte("%PDF-1.4\n(see the xref table) Tj\n1 2\n"), false},
	}
	for _, c := range cases {
		err := checkXref(c.body)
		if got := errors.Is(err, ErrMalformed); got != c.bad {
			t.Errorf("%s: err = %v, want refused %v", c.name, err, c.bad)
		}
	}
}
