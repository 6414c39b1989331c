package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"strings"

	rightsearch "github.com/rightsearch/rightsearch"
)

// fileID is the id of a file's first document: a slug of its folder's
// and its own name, then 8 hex digits of the sha256 of its absolute path.
// The path, not the argument given, so that adding "evidence" or
// "evidence/mail/tip.eml" names tip.eml alike and a changed file replaces
// its document; only the hash, so that an id does not spell out the
// researcher's home folder.
func fileID(abs string) string {
	slug := trimHash(rightsearch.IDForURL(filepath.Base(filepath.Dir(abs)) + " " + filepath.Base(abs)))
	sum := sha256.Sum256([]byte("file:" + abs))
	return slug + "-" + hex.EncodeToString(sum[:4])
}

// MemberID is the id of a document found inside f other than its first
// (an mbox's third message "m3", its attachment "m3-a1"): stable across
// re-adds, so that a changed file replaces its members too.
func MemberID(f File, member string) string {
	slug := trimHash(rightsearch.IDForURL(trimHash(f.ID) + " " + member))
	sum := sha256.Sum256([]byte(f.ID + "#" + member))
	return slug + "-" + hex.EncodeToString(sum[:4])
}

// trimHash drops an id's trailing "-" and 8 hex digits.
func trimHash(id string) string {
	if i := strings.LastIndexByte(id, '-'); i > 0 && len(id)-i == 9 {
		return id[:i]
	}
	return id
}
