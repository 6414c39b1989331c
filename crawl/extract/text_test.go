package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestNodeText(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"paragraphs", "<p>One  two\nthree</p><p>Four</p>", "One two three\n\nFour"},
		{"inline keeps words apart", "<p>a<b>b</b> c<i> d</i></p>", "ab c d"},
		{"list items are lines", "<ul><li>x</li><li>y</li></ul><p>z</p>", "x\ny\n\nz"},
		{"br", "<p>line one<br>line two</p>", "line one\nline two"},
		{"table rows", "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\nc"},
		{"pre keeps layout", "<pre>a  b\n  c</pre>", "a  b\n  c"},
		{"scripts skipped", "<p>seen</p><script>var x</script><style>p{}</style>", "seen"},
		{"nested divs", "<div><div><p>a</p></div></div><div>b</div>", "a\n\nb"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n, err := html.Parse(strings.NewReader(c.in))
			if err != nil {
				t.Fatal(err)
			}
			if got := nodeText(n); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}
