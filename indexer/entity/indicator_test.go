package entity

import (
	"slices"
	"testing"
)

func TestNormalizeIndicator(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"Example.COM", "example.com", true},
		{"webadv[.]co", "webadv.co", true},
		{"hxxps://Sms.WebAdv[.]co/Path?A=1", "https://sms.webadv.co/Path?A=1", true},
		{"185.12.45[.]19", "185.12.45.19", true},
		{"2001:DB8:0:0:0:0:0:1", "2001:db8::1", true},
		{"[2001:db8::1]", "2001:db8::1", true},
		{"Ops[at]Evil[.]com", "ops@evil.com", true},
		{"D41D8CD98F00B204E9800998ECF8427E", "d41d8cd98f00b204e9800998ecf8427e", true},
		{"report.zip", "report.zip", true}, // asked directly, a real TLD is a domain
		{"report.pdf", "", false},
		{"e.g.", "", false},
		{"1.2.3", "", false},
		{"256.1.1.1", "", false},
		{"01.02.03.04", "", false},
		{"10:30:00", "", false},
		{"12345678901234567890123456789012", "", false},
		{"ftp://", "", false},
		{"two words.com", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := NormalizeIndicator(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NormalizeIndicator(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestFindIndicatorsInProse(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"url keeps balanced parenthesis", "see (https://en.example.org/wiki/Pegasus_(spyware)).",
			[]string{"en.example.org", "https://en.example.org/wiki/Pegasus_(spyware)"}},
		{"sentence run together", "The phone.It was seized.", nil},
		{"file names", "Files: notes.md, run.sh, photo.jpeg, data.csv.", nil},
		{"android package", "The app com.network.android asked for root.", nil},
		{"version quad", "Build 4.1.0.12 shipped; v1.2.3.4 too.", nil},
		{"ip with port and hash with prefix", "C2 203.0.113.9:443 md5:9e107d9d372bb6826bd81d3542a419d6",
			[]string{"203.0.113.9", "9e107d9d372bb6826bd81d3542a419d6"}},
		{"all caps domain", "VISIT EXAMPLE.ORG TODAY", []string{"example.org"}},
		{"subdomain with file-like tld", "cdn.files.zip served it", []string{"cdn.files.zip"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := findIndicators(Refang(tt.text))
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("indicators in %q = %q, want %q", tt.text, got, want)
			}
		})
	}
}
