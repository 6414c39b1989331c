package rightsearch

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxIDBytes bounds a Document id: any text of at most 512 bytes of
// UTF-8 without control characters (CL_2016_001, sotu-1888_grover, a
// path, a title in Arabic script) is an id.
const MaxIDBytes = 512

// slugPattern is what every id matched before issue 13, and what the ids
// this package derives (IDForURL, IDForContent) still match: such an id
// is its own file name in the store.
var slugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,119}$`)

// ValidID reports whether id is a well-formed Document id.
func ValidID(id string) bool { return CheckID(id) == nil }

// SlugID reports whether id is of the old, file-name-safe form.
func SlugID(id string) bool { return slugPattern.MatchString(id) }

// CheckID says why id is not a Document id (wrapping ErrInvalid), or nil.
func CheckID(id string) error {
	reason := ""
	switch {
	case id == "":
		reason = "is empty"
	case len(id) > MaxIDBytes:
		return fmt.Errorf("%w: id %.40q… is %d bytes, at most %d", ErrInvalid, id, len(id), MaxIDBytes)
	case !utf8.ValidString(id):
		reason = "is not UTF-8"
	case strings.TrimSpace(id) != id:
		reason = "begins or ends with white space"
	case strings.IndexFunc(id, unicode.IsControl) >= 0:
		reason = "has a control character"
	default:
		return nil
	}
	return fmt.Errorf("%w: id %q %s (an id is up to %d bytes of UTF-8 without control characters)", ErrInvalid, id, reason, MaxIDBytes)
}

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
