package rightsearch

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"regexp"
	"strings"
)

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,119}$`)

// ValidID reports whether id is a well-formed Document id.
func ValidID(id string) bool { return idPattern.MatchString(id) }

// IDForURL gives a page outside the catalog its id: a slug of host and
// path, then 8 hex digits of the URL's sha256 so that two URLs with the same
// slug stay apart.
func IDForURL(raw string) string {
	sum := sha256.Sum256([]byte(raw))
	suffix := hex.EncodeToString(sum[:4])
	slug := raw
	if u, err := url.Parse(raw); err == nil && u.Host != "" {
		slug = strings.TrimPrefix(u.Hostname(), "www.") + " " + u.Path
	}
	s := slugify(slug)
	if max := 120 - len(suffix) - 1; len(s) > max {
		s = strings.TrimRight(s[:max], "-")
	}
	if s == "" {
		return suffix
	}
	return s + "-" + suffix
}

// IDForContent gives an imported document without id or url an id from the
// sha256 of its text.
func IDForContent(text string) string {
	sum := sha256.Sum256([]byte(text))
	return "doc-" + hex.EncodeToString(sum[:8])
}

func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimRight(b.String(), "-")
}
