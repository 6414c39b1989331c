package langid

import (
	"github.com/abadojack/whatlanggo"
	"strings"
	"testing"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"english report", "Researchers found that the phone of a prominent human rights defender had been targeted " +
			"with a link sent by text message. Clicking it would have installed surveillance software that can read " +
			"messages, record calls and track the location of the device.", "en"},
		{"spanish report", "Los investigadores encontraron que el teléfono de una periodista reconocida había recibido " +
			"mensajes con enlaces maliciosos. Si hubiera abierto el enlace, el programa habría permitido leer sus " +
			"conversaciones, escuchar sus llamadas y seguir su ubicación en todo momento.", "es"},
		{"arabic statement", "قال الباحثون إن هاتف المدافع عن حقوق الإنسان تلقى رسائل نصية تحتوي على روابط مشبوهة، " +
			"ولو فتح أحدها لتمكنت الجهة المهاجمة من قراءة رسائله وتسجيل مكالماته وتتبع موقعه في كل وقت.", "ar"},
		{"french summary", "Les chercheurs ont découvert que le téléphone d'un défenseur des droits humains avait reçu " +
			"des messages contenant des liens piégés. En cliquant, il aurait permis aux attaquants de lire ses " +
			"conversations et de suivre ses déplacements.", "fr"},
		{"empty", "", ""},
		{"one word", "Pegasus", ""},
		{"short title", "NSO Group", ""},
		{"numbers and links", "2016-08-24 https://example.org/a/b 10.0.0.1 41 42 43 44 45", ""},
		{"mixed too short", "Hola hello bonjour", ""},
		// Best guesses on text too short for trigrams (issue 11).
		{"short spanish", "El gobierno espió a los periodistas", "es"},
		{"short spanish with ñ", "Campaña contra periodistas", "es"},
		{"arabic one word", "منصور", "ar"},
		{"short persian", "این یک متن فارسی است", "fa"},
		{"short german", "Die Forscher fanden die Nachricht", "de"},
		{"short english", "The phone of the defender", "en"},
		{"greek", "Αγαπητέ λαέ της Ευρώπης", "el"},
		{"shared words only", "es en", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect(tt.text); got != tt.want {
				t.Errorf("Detect(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// A long body is judged on its start, so a long report stays cheap and
// keeps its language even if an appendix in another language follows.
func TestDetectLongBodyUsesStart(t *testing.T) {
	en := strings.Repeat("The investigation documented how the device was compromised after the target opened a link. ", 200)
	es := strings.Repeat("La investigación documentó cómo el dispositivo fue comprometido después de abrir el enlace. ", 200)
	if got := Detect(en + es); got != "en" {
		t.Errorf("Detect(long English then Spanish) = %q, want en", got)
	}
}

func BenchmarkDetect(b *testing.B) {
	text := strings.Repeat("The investigation documented how the device was compromised after the target opened a link sent by SMS. ", 100)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Detect(text)
	}
}

// quick must agree with whatlanggo wherever it answers.
func TestQuickAgreesWithTrigrams(t *testing.T) {
	texts := []string{
		"Researchers found that the phone of a prominent human rights defender had been targeted with a link sent by text message, and that the operator was in the region.",
		"Los investigadores encontraron que el teléfono de una periodista reconocida había recibido mensajes con enlaces maliciosos para el gobierno.",
		"Les chercheurs ont découvert que le téléphone d'un défenseur des droits humains avait reçu des messages contenant des liens piégés dans une campagne.",
		"Die Forscher fanden heraus, dass das Telefon des Journalisten mit einer Nachricht angegriffen wurde, die auf eine Seite der Angreifer führte und nicht sicher war.",
		"Os pesquisadores descobriram que o telefone de uma jornalista recebeu mensagens com links maliciosos para a instalação do programa espião no aparelho.",
		"قال الباحثون إن هاتف المدافع عن حقوق الإنسان تلقى رسائل نصية تحتوي على روابط مشبوهة",
	}
	for _, s := range texts {
		q := quick(s)
		if q == "" {
			continue
		}
		if w := whatlanggo.Detect(s).Lang.Iso6391(); w != q {
			t.Errorf("quick(%q) = %s, whatlanggo says %s", s[:40], q, w)
		}
	}
	if quick("این یک متن فارسی است که برای آزمایش نوشته شده و چند کلمه دارد") != "" {
		t.Error("Persian text must go to the trigram detector")
	}
}

// An HTML e-mail is judged on its words, not its markup: with the tags,
// its function words are too few a share for the quick path.
func TestMarkupIsNotLanguage(t *testing.T) {
	cell := `<td align="left" valign="top" bgcolor="#ffffff" style="font-family: Arial, Helvetica, sans-serif; ` +
		`font-size: small; line-height: normal; padding: none; margin: auto"><font face="Arial, Helvetica" size="2" color="#333333">`
	cell = cell + cell + cell
	html := `<html><body><table width="600" border="0" cellpadding="0" cellspacing="0"><tr>` +
		cell + `Our lowest prices of the year are here.</font></td>` +
		cell + `Order the new catalog&nbsp;with free shipping for all members.</font></td></tr></table></body></html>`
	if q := quick(html); q != "" {
		t.Fatalf("quick(html with its tags) = %q; the test needs markup that defeats it", q)
	}
	if got := quick(stripMarkup(html)); got != "en" {
		t.Errorf("quick(stripMarkup(html)) = %q, want en", got)
	}
	if got := Detect(html); got != "en" {
		t.Errorf("Detect(html) = %q, want en", got)
	}
	if got := stripMarkup("a < b & c; x<y"); got != "a < b & c; x<y" {
		t.Errorf("stripMarkup changed text without markup: %q", got)
	}
}
