package langid

import (
	"strings"
	"unicode"
)

// quick answers the common cases without trigram statistics, which cost
// about 2 ms a document: Arabic-script text without Persian or Urdu
// letters is Arabic, and Latin-script text whose function words clearly
// belong to one language is that language. It returns "" when unsure, and
// Detect then asks whatlanggo.
func quick(s string) string {
	var latin, arabic, other, persian int
	for _, r := range s {
		switch {
		case !unicode.IsLetter(r):
		case r < 0x250:
			latin++
		case unicode.Is(unicode.Arabic, r):
			arabic++
			if strings.ContainsRune("پچژگکیۀ", r) {
				persian++
			}
		default:
			other++
		}
	}
	total := latin + arabic + other
	switch {
	case total == 0:
		return ""
	case arabic*10 >= total*9:
		if persian == 0 {
			return "ar"
		}
		return ""
	case latin*10 >= total*9:
		return byFunctionWords(s)
	}
	return ""
}

// functionWords are frequent words that mostly belong to one language.
// One-letter words (a, e, o, y) are left out: markup and initials are full
// of them.
var functionWords = buildFunctionWords(wordLists)

// guessWords are functionWords and more, for the best guess on short
// text, where each vote counts: words two languages share are listed
// for both to take their vote away (es: Spanish and German).
var guessWords = buildFunctionWords(append(wordLists[:len(wordLists):len(wordLists)], moreWords...))

type wordList struct{ lang, words string }

var wordLists = []wordList{
	{"en", "the and of to is was that with for this are have from by which were has been their not they it its an be or at"},
	{"es", "el la los las del que en y por con una para es se su al lo como más pero sus fue ha este esta entre"},
	{"fr", "le les des et est une dans du pour que qui sur au aux pas sont par ont ses cette avec il elle ne"},
	{"de", "der die das und ist nicht mit den dem ein eine zu von sich auf für im auch wurde sind des bei"},
	{"pt", "os dos das uma para não por mais foi são pelo pela seu sua também isso ela eles muito quando"},
	{"it", "il di che per una con non sono gli della del nel alla anche come più degli dalla questo essere"},
}

var moreWords = []wordList{
	{"fr", "en mais nous vous leur été"},
	{"de", "es an dass ich wir sie aber noch nach oder wenn hat über wie nur werden einen einer vom zum zur"},
	{"es", "muy hay ya hasta donde sin también así hoy después aquí puede tiene están fueron había cuando eso años"},
}

func buildFunctionWords(lists []wordList) map[string]string {
	functionWords := map[string]string{}
	for _, l := range lists {
		for _, w := range strings.Fields(l.words) {
			if prev, dup := functionWords[w]; dup && prev != l.lang {
				functionWords[w] = "" // shared by two languages: no vote
				continue
			}
			functionWords[w] = l.lang
		}
	}
	return functionWords
}

func byFunctionWords(s string) string {
	votes := map[string]int{}
	words := 0
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		words++
		if l := functionWords[w]; l != "" {
			votes[l]++
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
	// Enough evidence, and a clear margin over the runner-up.
	if best >= 5 && best*25 >= words && best >= 3*second {
		return bestLang
	}
	return ""
}
