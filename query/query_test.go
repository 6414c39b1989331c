package query

import (
	"errors"
	"testing"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		in   string
		want string // Query.String() of the parse
	}{
		{`pegasus mexico`, `pegasus mexico`},
		{`+pegasus -android`, `+pegasus -android`},
		{`"reckless exploit" nso`, `"reckless exploit" nso`},
		{`-"soda tax"`, `-"soda tax"`},
		{`surveil*`, `surveil*`},
		{`org:"Citizen Lab" type:report`, `+organization:"Citizen Lab" +type:report`}, // field clauses narrow
		{`TARGET:Mansoor`, `target:Mansoor`},
		{`indicator:hxxp://evil[.]com/x`, `indicator:hxxp\://evil[.]com/x`}, // a colon after letters is escaped to stay text
		{`http://example.com`, `http\://example.com`},                       // unknown prefix: a word
		{`  spaced   out  `, `spaced out`},
		{`أحمد منصور`, `أحمد منصور`},
		{``, ``},
	}
	for _, tt := range tests {
		q, err := ParseQuery(tt.in)
		if err != nil {
			t.Errorf("ParseQuery(%q): %v", tt.in, err)
			continue
		}
		if got := q.String(); got != tt.want {
			t.Errorf("ParseQuery(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseQueryErrors(t *testing.T) {
	for _, in := range []string{`"open`, `a "b`, `target:`, `org:""`, `+`, `a - b`, `ab"c`} {
		_, err := ParseQuery(in)
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseQuery(%q) error %v, want ErrInvalid", in, err)
		}
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{`pegasus`, `"a b" +c -d e*`, `target:"x y"`, `"`, `org:`, `+-`, "\xff",
		`"Ahmed Mansoor" AND (Pegasus OR NSO) NOT Android`, `title:(a OR b)^2 "x y"~3`, `published:{2018 TO 2019-06]`,
		`w?rd Kashoggi~1 a\:b \(x\) !c && d || e`, `((a))`, `url:a/b author:"c d"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQuery(s)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
			return
		}
		// What parses re-parses to the same tree.
		q2, err := ParseQuery(q.String())
		if err != nil || q2.Sexpr() != q.Sexpr() {
			t.Fatalf("round trip %q → %q → %s, want %s (%v)", s, q.String(), q2.Sexpr(), q.Sexpr(), err)
		}
	})
}
