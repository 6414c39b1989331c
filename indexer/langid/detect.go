package langid

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
)

const (
	// minLetters is the least text worth a guess: below it, trigram
	// statistics say more about the words chosen than about the language.
	minLetters = 40
	minWords   = 5
	// sampleBytes bounds the work on long bodies: the language of a report
	// shows in its first pages, and whatlanggo's cost grows with the text.
	sampleBytes  = 4 << 10
	trigramBytes = 1 << 10
	// minConfidence is whatlanggo's own threshold for a reliable answer.
	minConfidence = whatlanggo.ReliableConfidenceThreshold
)

// Detect returns the ISO 639-1 code of text's language ("en", "es", "ar",
// "fr", …). Text long enough for statistics is judged by them; shorter
// text, or text they are unsure of, gets a best guess from its script or
// its function words, and "" when neither makes one clear.
func Detect(text string) string {
	sample := stripMarkup(sampleOf(text))
	if enoughText(sample) {
		if l := confident(sample); l != "" {
			return l
		}
	}
	// Too short for statistics, or they are unsure: a best guess where the
	// script or the words make one clear (guess.go).
	return guess(sample)
}

// confident is the answer of the function words or, failing them, of
// whatlanggo's trigrams when it is confident; "" otherwise.
func confident(sample string) string {
	if l := quick(sample); l != "" {
		return l
	}
	// Trigram statistics cost by the byte; their first KB decides as well
	// as four.
	info := whatlanggo.Detect(cut(sample, trigramBytes))
	if info.Lang < 0 || info.Confidence < minConfidence {
		return ""
	}
	return info.Lang.Iso6391()
}

// Sample is as much of a long text as Detect reads, for callers that
// would otherwise copy all of it into Detect's argument.
func Sample(text string) string { return cut(text, sampleBytes) }

// sampleOf cuts text to sampleBytes at a rune boundary, after skipping
// leading white space.
func sampleOf(text string) string { return cut(strings.TrimSpace(text), sampleBytes) }

// cut shortens text to at most n bytes at a rune boundary.
func cut(text string, n int) string {
	if len(text) <= n {
		return text
	}
	for n > 0 && !utf8.RuneStart(text[n]) {
		n--
	}
	return text[:n]
}

// stripMarkup blanks HTML tags and entities: an HTML e-mail's markup
// words (font, td, nbsp) drown its function words and send it to the
// slow trigram path, and say nothing of its language.
func stripMarkup(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '<' && i+1 < len(s) && (isASCIILetter(s[i+1]) || s[i+1] == '/' || s[i+1] == '!') {
			if end := strings.IndexByte(s[i:], '>'); end > 0 {
				b = append(b, ' ')
				i += end
				continue
			}
		}
		if c == '&' {
			if end := strings.IndexByte(s[i:min(len(s), i+10)], ';'); end > 1 && isEntityName(s[i+1:i+end]) {
				b = append(b, ' ')
				i += end
				continue
			}
		}
		b = append(b, c)
	}
	return string(b)
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// isEntityName reports whether s could be what stands between & and ; in
// an HTML entity (nbsp, #160, #xA0).
func isEntityName(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isASCIILetter(c) && (c < '0' || c > '9') && c != '#' {
			return false
		}
	}
	return true
}

// enoughText reports whether s has enough letters and words for trigram
// statistics to mean anything.
func enoughText(s string) bool {
	letters, words := 0, 0
	inWord := false
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if !inWord {
				words++
			}
			inWord = true
			continue
		}
		inWord = false
	}
	return letters >= minLetters && words >= minWords
}
