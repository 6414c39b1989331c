package entity

// Word lists the context rules consult. They hold folded forms.

// neighbourOK lists capitalized words that may stand next to a surname or
// a first-name-like country without making it part of another name:
// sentence openers, function words and titles (Mr. Mansoor, Dr Barquera,
// When Khashoggi…, Según Aristegui…).
var neighbourOK = set(`a an and or but nor the this that these those then than when while after before as at by for from
	in into on onto of off to with without within about against between during since until upon via per
	if because although though unless whether both either neither also only even yet so
	he she it we they his her its our their who whom whose which what where why how
	said says told tells according dear mr mrs ms dr prof professor sir madam mister
	sr sra srta lic senor senora don dona y e o u de del la las el los en con por para que cuando segun mientras tras
	sobre entre ante al lo su sus como pero sin desde hasta incluso
	monday tuesday wednesday thursday friday saturday sunday
	january february march april may june july august september october november december
	lunes martes miercoles jueves viernes sabado domingo
	enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre`)

// titleMinor are the words Title Case headings leave lowercase.
var titleMinor = set(`a an the and or nor but of in on at to for by with from as vs v s de la el y en del los las al`)

// beforeOtherName marks a word before a surname that makes it part of
// someone else's name or title (King Abdulaziz, Sheikh Mansour, bin Zayed).
var beforeOtherName = set(`king prince princess sheikh shaikh sheikha emir sultan crown bin ibn bint abu umm saint san santa`)

// afterOtherName marks a word after a surname that makes it a given name
// or a place (Mansour bin Zayed, Abdulaziz University).
var afterOtherName = set(`bin ibn bint al el university universidad street road avenue airport mosque hospital city`)

// aroundLanguage marks a demonym used as a language name: "in French",
// "translated from Spanish", "Spanish-language", "the French version".
var beforeLanguage = set(`in into from en al del speak speaks spoke spoken speaking`)
var afterLanguage = set(`language languages translation translations translated version versions speaking speaker speakers
	text texts subtitles subtitled edition original dub dubbed idioma`)

// listJoin and languageWord let the language rule see through lists of
// languages ("in French and Spanish").
var listJoin = set(`and or nor y o e u ou`)
var languageWord = set(`english french spanish arabic german italian portuguese russian chinese japanese dutch turkish
	hebrew persian farsi urdu greek hungarian polish thai vietnamese swedish norwegian danish finnish ukrainian
	armenian bulgarian croatian serbian slovak czech estonian latvian lithuanian romanian icelandic catalan
	ingles frances espanol arabe aleman`)

// spywareCue marks a text as being about surveillance, so that an
// ambiguous spelling (Trident, Predator, Reign) counts, and so that
// Pegasus near "flight" still counts when "infected" is nearby too.
var spywareCue = set(`spyware malware implant implants exploit exploits exploited infection infections infected infect
	hacking hacked hacker hackers surveillance mercenary zero click day iphone ios android smartphone smartphones
	phone phones handset device devices forensic forensics citizen lab amnesty tech
	nso espionaje espia vigilancia malicioso infectado infeccion telefono celular`)

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range splitFields(words) {
		m[w] = true
	}
	return m
}

func splitFields(s string) []string {
	var out []string
	start := -1
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' || s[i] == '\n' || s[i] == '\t' {
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	return out
}

// cueWindow is how far (in words) a negative or positive cue reaches.
const cueWindow = 6
