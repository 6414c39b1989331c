package crawl

import "testing"

func TestCanonical(t *testing.T) {
	tests := []struct{ in, want string }{
		{"HTTPS://CitizenLab.CA/2016/08/report/#top", "https://citizenlab.ca/2016/08/report/"},
		{"https://citizenlab.ca:443/x", "https://citizenlab.ca/x"},
		{"http://example.org:80", "http://example.org/"},
		{"http://example.org:8080/a?b=1&a=2", "http://example.org:8080/a?b=1&a=2"},
		{"  https://example.org/a  ", "https://example.org/a"},
		{"http://[::1]:80/", "http://[::1]/"},
	}
	for _, tt := range tests {
		if got := canonical(tt.in); got != tt.want {
			t.Errorf("canonical(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
