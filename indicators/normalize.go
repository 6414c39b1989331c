package indicators

import (
	"net/netip"
	"strings"

	"github.com/rightsearch/rightsearch/indexer/entity"
)

// Indicator types (rightsearch.Indicator.Type). An app is a mobile
// application id (an Android package name), which STIX writes app:id.
const (
	TypeDomain  = "domain"
	TypeIP      = "ip"
	TypeURL     = "url"
	TypeEmail   = "email"
	TypeSHA256  = "sha256"
	TypeSHA1    = "sha1"
	TypeMD5     = "md5"
	TypeProcess = "process"
	TypeFile    = "file"
	TypeApp     = "app"
)

// verbatim types are names the tagger does not recognise in text: they
// are kept as written (trimmed), not refanged or lowercased.
func verbatim(typ string) bool {
	return typ == TypeProcess || typ == TypeFile || typ == TypeApp
}

// normalize returns the canonical value of raw and its type. want is the
// type the list says ("" when it does not); a value of another
// recognisable type keeps the type it is (a domains.txt line that is an
// address is an ip), since that is what the tagger will call it in a
// report.
func normalize(raw, want string) (value, typ string, ok bool) {
	raw = strings.Trim(strings.TrimSpace(raw), `"'`)
	if raw == "" || strings.ContainsAny(raw, "\n\r") {
		return "", "", false
	}
	if verbatim(want) {
		return raw, want, true
	}
	v, ok := entity.NormalizeIndicator(raw)
	if !ok && want == TypeURL && !strings.Contains(raw, "://") {
		v, ok = entity.NormalizeIndicator("http://" + raw) // MISP urls may lack a scheme
	}
	if !ok {
		return "", "", false
	}
	return v, classify(v), true
}

// classify names the type of a value NormalizeIndicator accepted.
func classify(v string) string {
	switch {
	case strings.Contains(v, "://"):
		return TypeURL
	case strings.Contains(v, "@"):
		return TypeEmail
	}
	if _, err := netip.ParseAddr(v); err == nil {
		return TypeIP
	}
	if isHex(v) {
		switch len(v) {
		case 32:
			return TypeMD5
		case 40:
			return TypeSHA1
		case 64:
			return TypeSHA256
		}
	}
	return TypeDomain
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return s != ""
}

// Key is how a value is matched across lists and documents: the index
// keeps indicators lower-cased, so a process name matches in any case.
func Key(value string) string {
	if v, ok := entity.NormalizeIndicator(value); ok {
		return v
	}
	return strings.ToLower(strings.TrimSpace(value))
}
