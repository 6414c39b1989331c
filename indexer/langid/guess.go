package langid

import (
	"strings"
	"unicode"
)

// guess is the best guess for text too short for trigram statistics, or
// that they are unsure of: its script where one script is one language
// (or its letters say which), else the function words and letters of a
// Latin-script language. "" when nothing makes one language clear.
func guess(s string) string {
	var c scriptCounts
	for _, r := range s {
		c.add(r)
	}
	total := c.total()
	if total == 0 {
		return ""
	}
	// One script carries two thirds of the letters: a Latin name in an
	// Arabic sentence does not make it less Arabic.
	major := func(n int) bool { return n*3 >= total*2 }
	switch {
	case major(c.arabic):
		return arabicScript(c)
	case major(c.cyrillic):
		return cyrillicScript(s)
	case major(c.kana + c.han):
		if c.kana > 0 {
			return "ja"
		}
		return "zh"
	case major(c.hangul):
		return "ko"
	case major(c.greek):
		return "el"
	case major(c.hebrew):
		return "he"
	case major(c.thai):
		return "th"
	case major(c.latin):
		return latinGuess(s)
	}
	return ""
}

type scriptCounts struct {
	latin, arabic, cyrillic, greek, hebrew, hangul, kana, han, thai, other int
	// urdu and persian count the Arabic-script letters those languages
	// add to the Arabic alphabet (Persian ی and ک for Arabic ي and ك).
	urdu, persian int
}

func (c *scriptCounts) add(r rune) {
	switch {
	case !unicode.IsLetter(r):
	case r < 0x250:
		c.latin++
	case unicode.Is(unicode.Arabic, r):
		c.arabic++
		switch {
		case strings.ContainsRune("ٹڈڑںےھ", r):
			c.urdu++
		case strings.ContainsRune("پچژگکی", r):
			c.persian++
		}
	case unicode.Is(unicode.Cyrillic, r):
		c.cyrillic++
	case unicode.Is(unicode.Greek, r):
		c.greek++
	case unicode.Is(unicode.Hebrew, r):
		c.hebrew++
	case unicode.Is(unicode.Hangul, r):
		c.hangul++
	case unicode.In(r, unicode.Hiragana, unicode.Katakana):
		c.kana++
	case unicode.Is(unicode.Han, r):
		c.han++
	case unicode.Is(unicode.Thai, r):
		c.thai++
	default:
		c.other++
	}
}

func (c scriptCounts) total() int {
	return c.latin + c.arabic + c.cyrillic + c.greek + c.hebrew + c.hangul + c.kana + c.han + c.thai + c.other
}

func arabicScript(c scriptCounts) string {
	switch {
	case c.urdu > 0:
		return "ur"
	case c.persian > 0:
		return "fa"
	}
	return "ar"
}

// cyrillicScript names the Cyrillic languages whose own letters show.
func cyrillicScript(s string) string {
	switch {
	case strings.ContainsAny(s, "іїєґІЇЄҐ"):
		return "uk"
	case strings.ContainsAny(s, "ыэЫЭ"):
		return "ru"
	}
	return ""
}

// letterVotes are letters that, among the languages function words know,
// belong to one: a word holding one is a vote for it.
var letterVotes = map[rune]string{
	'ß': "de", 'ä': "de", 'ö': "de", 'ü': "de",
	'ñ': "es", '¿': "es", '¡': "es",
	'ã': "pt", 'õ': "pt",
	'œ': "fr", 'ê': "fr", 'î': "fr", 'û': "fr", 'ù': "fr", 'ë': "fr", 'ï': "fr",
	'ł': "pl", 'ą': "pl", 'ę': "pl", 'ś': "pl", 'ź': "pl", 'ż': "pl", 'ć': "pl", 'ń': "pl",
}

// latinGuess votes with each word: a function word for its language, a
// word with a letter of letterVotes for that letter's. The leader must
// have at least twice the runner-up's votes.
func latinGuess(s string) string {
	votes := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '¿' && r != '¡' }) {
		if l := guessWords[w]; l != "" {
			votes[l]++
			continue
		}
		for _, r := range w {
			if l := letterVotes[r]; l != "" {
				votes[l]++
				break
			}
		}
	}
	best, second, bestLang := 0, 0, ""
	for l, n := range votes {
		switch {
		case n > best:
			best, second, bestLang = n, best, l
		case n > second:
			second = n
		}
	}
	if best >= 1 && best >= 2*second {
		return bestLang
	}
	return ""
}
