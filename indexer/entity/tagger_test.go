package entity

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/seeds"
)

func newTagger(t testing.TB) *Tagger {
	t.Helper()
	tg, err := New(seeds.MustLoad().Targets)
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

func TestTagRules(t *testing.T) {
	tg := newTagger(t)
	tests := []struct {
		name, text string
		want       Tags
	}{
		{"word boundaries", "Romania, Nigeria and Cameroon", Tags{Countries: []string{"Cameroon", "Nigeria", "Romania"}}},
		{"stop phrase", "Albuquerque, New Mexico", Tags{}},
		{"demonym", "Emirati and Qatari officials", Tags{Countries: []string{"Qatar", "United Arab Emirates"}}},
		{"short forms", "the U.S., the UK and the U.A.E.", Tags{Countries: []string{"United Kingdom", "United States", "United Arab Emirates"}}},
		{"us pronoun", "tell US about it? no: tell us", Tags{Countries: []string{"United States"}}},
		{"diacritics fold", "Ghanem al-Masārīr y Simon Barquera en Mexico", Tags{
			Targets: []string{"Ghanem al-Masarir", "Simón Barquera"}, Countries: []string{"Mexico"}}},
		{"arabic with prefixes", "وفي السعودية وللمكسيك", Tags{Countries: []string{"Mexico", "Saudi Arabia"}}},
		{"arabic diacritics", "أَحْمَد مَنْصُور", Tags{Targets: []string{"Ahmed Mansoor"}}},
		{"weak surname needs its country", "Mansour spoke.", Tags{}},
		{"weak surname with country", "Mansour spoke about the UAE.", Tags{
			Targets: []string{"Ahmed Mansoor"}, Countries: []string{"United Arab Emirates"}}},
		{"other person's surname", "Adnan Khashoggi and King Abdulaziz", Tags{}},
		{"first-name country", "Jordan Peterson met Georgia Smith", Tags{}},
		{"language not country", "translated from French into Spanish", Tags{}},
		{"pegasus default", "Pegasus was installed", Tags{Spyware: []string{"Pegasus"}}},
		{"pegasus myth", "the winged horse Pegasus", Tags{}},
		{"ambiguous needs context", "Trident and Predator", Tags{}},
		{"ambiguous with context", "the Trident exploit and Predator spyware", Tags{Spyware: []string{"Predator", "Trident"}}},
		{"vendor", "NSO Group and Q Cyber", Tags{Spyware: []string{"NSO Group"}}},
		{"url words are not mentions", "https://mexico.example.org/pegasus", Tags{
			Indicators: []string{"https://mexico.example.org/pegasus", "mexico.example.org"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tg.Tag(tt.text)
			for _, f := range []struct {
				name      string
				got, want []string
			}{
				{"targets", got.Targets, tt.want.Targets}, {"countries", got.Countries, tt.want.Countries},
				{"spyware", got.Spyware, tt.want.Spyware}, {"indicators", got.Indicators, tt.want.Indicators},
			} {
				want := slices.Clone(f.want)
				slices.Sort(want)
				if !slices.Equal(f.got, want) {
					t.Errorf("%s of %q = %q, want %q", f.name, tt.text, f.got, want)
				}
			}
		})
	}
}

func TestTarget(t *testing.T) {
	tg := newTagger(t)
	tests := []struct{ query, want string }{
		{"Ahmed Mansoor", "Ahmed Mansoor"},
		{"ahmed mansour", "Ahmed Mansoor"},
		{"Khashukji", "Jamal Khashoggi"},
		{"GHANEM AL MASARIR", "Ghanem al-Masarir"},
		{"Simon Barquera", "Simón Barquera"},
		{"غانم المصارير", "Ghanem al-Masarir"},
		{"Nobody Atall", ""},
	}
	for _, tt := range tests {
		got, ok := tg.Target(tt.query)
		if ok != (tt.want != "") || got.Name != tt.want {
			t.Errorf("Target(%q) = %q, %v; want %q", tt.query, got.Name, ok, tt.want)
		}
	}
	m, _ := tg.Target("Ahmed Mansoor")
	for _, a := range []string{"Ahmed Mansour", "أحمد منصور", "Mansoor"} {
		if !slices.Contains(m.Aliases, a) {
			t.Errorf("Ahmed Mansoor aliases %q lack %q", m.Aliases, a)
		}
	}
	m.Aliases[0] = "changed"
	if again, _ := tg.Target("Ahmed Mansoor"); again.Aliases[0] == "changed" {
		t.Error("Target returned shared Aliases; a caller's change leaked into the Tagger")
	}
	if n := len(tg.Targets()); n != len(seeds.MustLoad().Targets) {
		t.Errorf("Targets() has %d, want %d", n, len(seeds.MustLoad().Targets))
	}
}

func TestApplyKeepsFacts(t *testing.T) {
	tg := newTagger(t)
	d := rightsearch.Document{
		Title:     "Reckless",
		Summary:   "Journalists in Mexico were sent links.",
		Body:      "Carmen Aristegui received messages pointing to unonoticias[.]net.",
		Targets:   []string{"Mario Patron"}, // an alias: becomes canonical
		Countries: []string{"United States"},
		Spyware:   []string{"Pegasus"},
	}
	tg.Apply(&d)
	want := map[string][]string{
		"targets":    {"Carmen Aristegui", "Mario Patrón"},
		"countries":  {"Mexico", "United States"},
		"spyware":    {"Pegasus"},
		"indicators": {"unonoticias.net"},
	}
	got := map[string][]string{"targets": d.Targets, "countries": d.Countries, "spyware": d.Spyware, "indicators": d.Indicators}
	for k := range want {
		if !slices.Equal(got[k], want[k]) {
			t.Errorf("%s = %q, want %q", k, got[k], want[k])
		}
	}
}

func TestNewRejectsEmptyTarget(t *testing.T) {
	if _, err := New([]rightsearch.Target{{Name: " "}}); err == nil {
		t.Error("New accepted a target without a name")
	}
}

func TestConcurrentTag(t *testing.T) {
	tg := newTagger(t)
	text := reportProse()
	want := fmt.Sprint(tg.Tag(text))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if got := fmt.Sprint(tg.Tag(text)); got != want {
				t.Errorf("concurrent Tag = %s, want %s", got, want)
			}
		})
	}
	wg.Wait()
}

// TestSeedsAgreeWithCatalog tags each catalog entry's title and summary
// (our own words) and checks that what the catalog lists as facts is found
// where the summary names it — a check on real use, not on the eval set.
func TestSeedsAgreeWithCatalog(t *testing.T) {
	tg := newTagger(t)
	cat := seeds.MustLoad()
	var found, named int
	for _, d := range cat.Documents {
		tags := tg.Tag(d.Title + "\n" + d.Summary)
		for _, c := range d.Countries {
			if strings.Contains(Fold(d.Summary+d.Title), Fold(c)) {
				named++
				if slices.Contains(tags.Countries, c) {
					found++
				} else {
					t.Errorf("%s: summary names %q, not tagged", d.ID, c)
				}
			}
		}
	}
	t.Logf("catalog countries named in summaries: %d, tagged: %d", named, found)
}

// reportProse is a few KB of report-like text we wrote, with names,
// countries, spyware and defanged indicators in realistic density.
func reportProse() string {
	return `Summary. In August 2016, Ahmed Mansoor, an internationally recognized human rights defender based in the
United Arab Emirates, received two SMS text messages on his iPhone promising new secrets about detainees tortured
in Emirati prisons. Instead of clicking, he forwarded the messages to researchers. The links led to an exploit
infrastructure connected to NSO Group, an Israel-based vendor that sells a product called Pegasus to governments.
When opened, the link would have used a chain of three zero-day vulnerabilities, which we call Trident, to
jailbreak the phone and install the implant. The implant can read messages and e-mail, track calls and contacts,
record sounds, collect passwords and trace the location of the phone.

Background. The operator behind the attack appears to be the same one that targeted journalists and lawyers in
Mexico the following year, when Carmen Aristegui, Carlos Loret de Mola and Mario Patrón received messages with
similar links. Public health researchers such as Simón Barquera, who supported a soda tax, were also targeted.
The Mexican government has said it acquired the software only to fight organized crime.

Method. We scanned the Internet for servers matching the fingerprint of the exploit infrastructure and found
domains such as webadv[.]co, smser[.]net and unonoticias[.]net, several of which resolved to 185.12.45[.]19.
One payload was fetched from hxxps://sms.webadv[.]co/3kw92x. The sample had the SHA-256 hash
d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592 and an MD5 of 9e107d9d372bb6826bd81d3542a419d6.
Version 9.3.5 of iOS fixed the vulnerabilities, e.g. the kernel flaws described in section 4.2.

Other cases. Saudi dissidents abroad, including Omar Abdulaziz in Canada and Yahya Assiri and Ghanem al-Masarir in
the United Kingdom, were later targeted. Friends of Jamal Khashoggi said the surveillance of Abdulaziz exposed
their conversations. Similar tools, such as FinFisher and Hacking Team's Remote Control System, have been sold to
governments in Turkey, Bahrain, Kazakhstan and Morocco. Readers can contact us at research [at] example-lab [dot] org.
`
}

func BenchmarkTag(b *testing.B) {
	tg := newTagger(b)
	text := strings.Repeat(reportProse(), 20)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		tg.Tag(text)
	}
}

func BenchmarkNew(b *testing.B) {
	targets := seeds.MustLoad().Targets
	for b.Loop() {
		if _, err := New(targets); err != nil {
			b.Fatal(err)
		}
	}
}
