package web

import "testing"

func TestReplaceWords(t *testing.T) {
	fix := map[string]string{"Kashoggi": "Khashoggi"}
	show := func(w string) (string, bool) { c, ok := fix[w]; return c, ok }
	quote := func(w string) (string, bool) { _, ok := fix[w]; return `"` + w + `"`, ok }
	tests := []struct{ q, shown, exact string }{
		{"Kashoggi", "Khashoggi", `"Kashoggi"`},
		{"Kashoggi pegasus", "Khashoggi pegasus", `"Kashoggi" pegasus`},
		{"+Kashoggi -Kashoggi (Kashoggi OR x)", "+Khashoggi -Khashoggi (Khashoggi OR x)", `+"Kashoggi" -"Kashoggi" ("Kashoggi" OR x)`},
		{"title:Kashoggi^2", "title:Khashoggi^2", `title:"Kashoggi"^2`},
		{`"Kashoggi" "a Kashoggi b" Kashoggi`, `"Kashoggi" "a Kashoggi b" Khashoggi`, `"Kashoggi" "a Kashoggi b" "Kashoggi"`},
		{`Kashoggis Kashoggi* \"Kashoggi`, `Kashoggis Kashoggi* \"Kashoggi`, `Kashoggis Kashoggi* \"Kashoggi`},
		{`"unclosed Kashoggi`, `"unclosed Kashoggi`, `"unclosed Kashoggi`},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := replaceWords(tt.q, show); got != tt.shown {
			t.Errorf("replaceWords(%s, correction) = %s, want %s", tt.q, got, tt.shown)
		}
		if got := replaceWords(tt.q, quote); got != tt.exact {
			t.Errorf("replaceWords(%s, quoted) = %s, want %s", tt.q, got, tt.exact)
		}
	}
}
