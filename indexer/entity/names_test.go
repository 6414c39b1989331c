package entity

import (
	"bufio"
	"encoding/json"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/rightsearch/rightsearch/seeds"
)

func TestAliasWords(t *testing.T) {
	tg := newTagger(t)
	tests := []struct {
		word string
		want []string // in any order; nil: none
	}{
		{"Mansour", []string{"Mansoor", "Mansur", "منصور"}},
		{"mansoor", []string{"Mansour", "Mansur", "منصور"}},
		{"MANSÚR", []string{"Mansoor", "Mansour", "منصور"}}, // case and accents fold
		{"منصور", []string{"Mansoor", "Mansour", "Mansur"}},
		{"Ahmed", []string{"Ahmad", "أحمد"}},
		{"Khashoggi", []string{"Khashukji", "Khashogji", "خاشقجي"}},
		{"Yahya", []string{"Yehya", "Yahia", "يحيى"}},
		{"Masarir", []string{"Almasarir", "Dosari", "المصارير", "الدوسري"}},
		// Particles and descriptions stand for nothing.
		{"al", nil},
		{"staffer", nil},
		{"member", nil},
		{"Group", nil},
		{"Interdisciplinary", nil},
		// Not a name word, or not one word.
		{"pegasus", nil},
		{"Mexico", nil},
		{"Ahmed Mansour", nil},
		{"", nil},
	}
	for _, tt := range tests {
		got := tg.AliasWords(tt.word)
		if !sameSet(got, tt.want) {
			t.Errorf("AliasWords(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestAliasPhrases(t *testing.T) {
	tg := newTagger(t)
	tests := []struct {
		phrase   string
		has, not []string
	}{
		{"Ahmed Mansour", []string{"Ahmed Mansoor", "أحمد منصور", "Ahmed Mansur", "Ahmed Mansoor Al Shehhi"}, []string{"Ahmed Mansour", "Mansoor", "Mansour"}},
		{"ahmed MANSOOR", []string{"Ahmed Mansour", "Ahmad Mansour"}, []string{"Ahmed Mansoor"}},
		{"جمال خاشقجي", []string{"Jamal Khashoggi", "Jamal Khashukji"}, []string{"Khashoggi"}},
	}
	for _, tt := range tests {
		got := tg.AliasPhrases(tt.phrase)
		for _, w := range tt.has {
			if !slices.Contains(got, w) {
				t.Errorf("AliasPhrases(%q) = %q, lacks %q", tt.phrase, got, w)
			}
		}
		for _, w := range tt.not {
			if slices.Contains(got, w) {
				t.Errorf("AliasPhrases(%q) = %q, has %q", tt.phrase, got, w)
			}
		}
	}
	// A surname alone is not a whole name, nor is any other phrase; a name
	// whose spellings differ only in accents (Simón, Simon) has no other.
	for _, p := range []string{"Mansour", "Khashoggi", "the Mansour family", "Pegasus spyware", "Simon Barquera", ""} {
		if got := tg.AliasPhrases(p); got != nil {
			t.Errorf("AliasPhrases(%q) = %q, want none", p, got)
		}
	}
}

func TestCorrect(t *testing.T) {
	tg := newTagger(t)
	tests := []struct{ word, want string }{ // want "": not corrected
		{"Kashoggi", "Khashoggi"},  // h left out
		{"kashoggi", "Khashoggi"},  // any case: the answer is as the name writes it
		{"Khashogi", "Khashoggi"},  // g undoubled
		{"Khasoggi", "Khashoggi"},  // h left out
		{"Kashoggy", "Khashoggi"},  // two edits in a word of eight letters
		{"Khashgogi", "Khashoggi"}, // transposition
		{"Mansuur", "Mansoor"},     // closest is the alias Mansur, answered as the canonical word
		{"Mansor", "Mansoor"},
		{"Villareal", "Villarreal"},
		{"Aristegi", "Aristegui"},
		{"Bojorques", "Bojórquez"}, // the canonical name's accent
		{"Encarnasion", "Encarnación"},
		{"Abdulazis", "Abdulaziz"},
		{"Barqera", "Barquera"},
		// Already a spelling of a name: left as it is.
		{"Khashoggi", ""}, {"Mansour", ""}, {"Khashukji", ""}, {"Patron", ""},
		// Too far, too short, another first letter, or another kind of edit.
		{"Kashogi", ""},  // two edits in seven letters
		{"Hashoggi", ""}, // first letter
		{"Mans", ""},
		{"Assisi", ""},   // s for r: not how names are misspelt
		{"Castillo", ""}, // two consonants off Calvillo
		{"partings", ""}, // Pardinas
		{"barquero", ""}, // a final vowel: Spanish inflection
		// Ordinary words near short names and descriptions.
		{"sales", ""}, {"patrol", ""}, {"manual", ""}, {"groups", ""}, {"internationally", ""},
		{"experts", ""}, {"michael", ""},
		// Country, spyware and cue words.
		{"Mexico", ""}, {"Pegasus", ""}, {"spyware", ""},
		// Not one word of ASCII letters.
		{"Kashoggi Mansuur", ""}, {"Kashoggi2", ""}, {"خاشقجى", ""}, {"", ""},
	}
	for _, tt := range tests {
		got, ok := tg.Correct(tt.word)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("Correct(%q) = %q, %v; want %q", tt.word, got, ok, tt.want)
		}
	}
}

// TestCorrectLeavesProseAlone runs Correct over every distinct word of the
// catalog (the letter, titles, summaries) and of the tagging eval set: our
// own prose about these targets, where any correction is a false one. If
// /usr/share/dict has word lists (Debian's wamerican, wspanish), they are
// measured too and what they correct is logged.
func TestCorrectLeavesProseAlone(t *testing.T) {
	tg := newTagger(t)
	var text strings.Builder
	for _, d := range seeds.MustLoad().All() {
		text.WriteString(d.Title + "\n" + d.Summary + "\n" + d.Body + "\n")
	}
	f, err := os.Open("testdata/eval.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var c evalCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		text.WriteString(c.Text + "\n")
	}
	n, fixed := corrections(tg, text.String())
	t.Logf("catalog and eval set: %d distinct words, %d corrected %q", n, len(fixed), fixed)
	if len(fixed) > 0 {
		t.Errorf("corrected words of our own prose: %q", fixed)
	}
	for _, dict := range []string{"/usr/share/dict/american-english", "/usr/share/dict/spanish"} {
		b, err := os.ReadFile(dict)
		if err != nil {
			continue
		}
		n, fixed := corrections(tg, string(b))
		t.Logf("%s: %d distinct words, %d corrected %q", dict, n, len(fixed), fixed)
	}
}

// corrections counts the distinct words of text and lists those Correct
// changes, as "word → correction".
func corrections(tg *Tagger, text string) (int, []string) {
	seen := map[string]bool{}
	var out []string
	for _, tk := range tokenize(text, nil) {
		if seen[tk.norm] {
			continue
		}
		seen[tk.norm] = true
		w := text[tk.start:tk.end]
		if c, ok := tg.Correct(w); ok {
			out = append(out, w+" → "+c)
		}
	}
	sort.Strings(out)
	return len(seen), out
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func TestNameDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int // with limit 2; 3 means too far
	}{
		{"khashoggi", "khashoggi", 0},
		{"kashoggi", "khashoggi", 1},
		{"khashgogi", "khashoggi", 1},
		{"mansuur", "mansur", 1},
		{"mansuur", "mansoor", 2},
		{"villareal", "villarreal", 1},
		{"bojorques", "bojorquez", 1},
		{"castillo", "calvillo", 3},
		{"partings", "pardinas", 3},
		{"ab", "abcdef", 3},
	}
	for _, tt := range tests {
		if got := nameDistance(tt.a, tt.b, 2); got != tt.want {
			t.Errorf("nameDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := nameDistance(tt.b, tt.a, 2); got != tt.want {
			t.Errorf("nameDistance(%q, %q) = %d, want %d (not symmetric)", tt.b, tt.a, got, tt.want)
		}
	}
}

func BenchmarkCorrect(b *testing.B) {
	tg := newTagger(b)
	for b.Loop() {
		tg.Correct("Kashoggi")
		tg.Correct("surveillance")
	}
}
