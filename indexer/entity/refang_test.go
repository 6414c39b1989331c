package entity

import "testing"

func TestRefang(t *testing.T) {
	tests := []struct{ in, want string }{
		{"hxxps://evil[.]example/a", "https://evil.example/a"},
		{"hXXp://10[.]0[.]0[.]1/x", "http://10.0.0.1/x"},
		{"http[:]//site(.)org", "http://site.org"},
		{"example [dot] com", "example.com"},
		{"example(dot)net", "example.net"},
		{"user[@]mail[.]ru", "user@mail.ru"},
		{"press [at] ngo [dot] org", "press@ngo.org"},
		{"hxxps[://]host{.}io", "https://host.io"},
		{"plain text (with an aside) stays", "plain text (with an aside) stays"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Refang(tt.in); got != tt.want {
			t.Errorf("Refang(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func BenchmarkRefang(b *testing.B) {
	text := reportProse()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Refang(text)
	}
}
