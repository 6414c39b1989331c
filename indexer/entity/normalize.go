package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// fold maps a rune to its case- and diacritic-free form for matching:
// Latin letters lose case and accents (Masārīr → masarir, Peña → pena),
// Arabic letters lose harakat and tatweel and have their variant forms
// unified (أ إ آ ٱ → ا, ة → ه, ى → ي). It returns "" for runes that are
// dropped.
func fold(r rune) string {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return string(r)
	}
	if s, ok := foldTable[r]; ok {
		return s
	}
	return string(unicode.ToLower(r))
}

// appendFold appends fold(r) to b.
func appendFold(b []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(b, byte(r))
	}
	return append(b, fold(r)...)
}

// foldTable holds every non-ASCII rune whose folded form is not simply its
// lower case. It is built once from Unicode decompositions plus the letters
// that do not decompose (ø, ł, æ…).
var foldTable = buildFoldTable()

func buildFoldTable() map[rune]string {
	t := map[rune]string{
		'ß': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ø': "o", 'Ø': "o",
		'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ı': "i", 'þ': "th", 'Þ': "th",
		'ð': "d", 'Ð': "d", 'ŀ': "l", 'ħ': "h",
		// Typographic apostrophes and hyphens separate tokens like ASCII ones.
		'’': "'", '‘': "'", 'ʼ': "'", '‐': "-", '‑': "-", '–': "-", '—': "-",
		// Arabic: unify alef, teh marbuta, alef maksura, hamza carriers.
		'أ': "ا", 'إ': "ا", 'آ': "ا", 'ٱ': "ا", 'ة': "ه", 'ى': "ي", 'ؤ': "و", 'ئ': "ي",
		'ک': "ك", 'ی': "ي", 'ـ': "",
	}
	for r := rune(0x64B); r <= 0x65F; r++ { // harakat, shadda, sukun
		t[r] = ""
	}
	t[0x670] = "" // superscript alef
	for r := rune(0xC0); r <= 0x24F; r++ {
		if _, ok := t[r]; ok {
			continue
		}
		base := []rune(norm.NFD.String(string(r)))
		if len(base) > 1 && base[0] < utf8.RuneSelf {
			t[r] = strings.ToLower(string(base[0]))
		}
	}
	// Latin letters with diacritics outside Latin Extended (e.g. ḥ in
	// transliterations: Ḥasan) fold the same way.
	for r := rune(0x1E00); r <= 0x1EFF; r++ {
		base := []rune(norm.NFD.String(string(r)))
		if len(base) > 1 && base[0] < utf8.RuneSelf {
			t[r] = strings.ToLower(string(base[0]))
		}
	}
	for r := rune(0x300); r <= 0x36F; r++ { // combining marks left in NFD text
		t[r] = ""
	}
	return t
}

// Fold returns s case- and diacritic-folded, the form names are compared in.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteString(fold(r))
	}
	return b.String()
}

// isArabic reports whether r is in the Arabic blocks.
func isArabic(r rune) bool {
	return r >= 0x600 && r <= 0x6FF || r >= 0x750 && r <= 0x77F || r >= 0x8A0 && r <= 0x8FF
}

// isWordRune reports whether r belongs inside a token. Combining marks
// stay inside (they are Arabic harakat or decomposed accents) and are
// dropped by fold.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}
