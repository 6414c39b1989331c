package entity

import (
	"slices"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Masārīr", "masarir"},
		{"Peña Bojórquez Encarnación", "pena bojorquez encarnacion"},
		{"Straße Øresund Łódź", "strasse oresund lodz"},
		{"أَحْمَد", "احمد"},      // harakat dropped, hamza-on-alef unified
		{"السعودية", "السعوديه"}, // teh marbuta → heh
		{"مصطفى", "مصطفي"},       // alef maksura → yeh
		{"ÉMIRATS", "emirats"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokenize(t *testing.T) {
	var got []string
	for _, tk := range tokenize("al-Masarir's U.S. visit; Romania.", nil) {
		got = append(got, tk.norm)
	}
	want := []string{"al", "masarir", "s", "u", "s", "visit", "romania"}
	if !slices.Equal(got, want) {
		t.Errorf("tokens = %q, want %q", got, want)
	}
}

func TestArabicVariants(t *testing.T) {
	tests := []struct{ in, want string }{
		{Fold("والسعودية"), Fold("السعودية")},
		{Fold("للمكسيك"), Fold("المكسيك")},
		{Fold("بالإمارات"), Fold("الإمارات")},
	}
	for _, tt := range tests {
		if got := arabicVariants(tt.in); !slices.Contains(got, tt.want) {
			t.Errorf("arabicVariants(%q) = %q, want it to contain %q", tt.in, got, tt.want)
		}
	}
}
