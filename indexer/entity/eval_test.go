package entity

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"testing"

	"github.com/rightsearch/rightsearch/seeds"
)

// evalCase is one labelled line of testdata/eval.jsonl: a sentence or a
// short document we wrote, with the canonical names a careful reader would
// tag. Many are hard negatives (Romania, New Mexico, Pegasus the horse,
// King Abdulaziz, report.pdf, version 1.2.3.4).
type evalCase struct {
	Text       string   `json:"text"`
	Targets    []string `json:"targets"`
	Countries  []string `json:"countries"`
	Spyware    []string `json:"spyware"`
	Indicators []string `json:"indicators"`
	Note       string   `json:"note"`
}

type score struct{ tp, fp, fn int }

func (s score) precision() float64 {
	if s.tp+s.fp == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.tp+s.fp)
}

func (s score) recall() float64 {
	if s.tp+s.fn == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.tp+s.fn)
}

// add compares one case's tags with its labels, and returns what was
// wrong (extra and missing names) for the log.
func (s *score) add(got, want []string) (extra, missing []string) {
	for _, g := range got {
		if slices.Contains(want, g) {
			s.tp++
		} else {
			s.fp++
			extra = append(extra, g)
		}
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			s.fn++
			missing = append(missing, w)
		}
	}
	return extra, missing
}

func loadEval(t *testing.T) []evalCase {
	t.Helper()
	f, err := os.Open("testdata/eval.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []evalCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		var c evalCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("eval.jsonl line %d: %v", n, err)
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

// TestEvaluation measures precision and recall on the labelled set and
// holds them to the brief: targets and countries P ≥ 0.95, R ≥ 0.90;
// indicators (fanged and defanged) exactly right.
func TestEvaluation(t *testing.T) {
	tg, err := New(seeds.MustLoad().Targets)
	if err != nil {
		t.Fatal(err)
	}
	cases := loadEval(t)
	if len(cases) < 150 {
		t.Fatalf("eval set has %d cases, want at least 150", len(cases))
	}
	fields := []string{"targets", "countries", "spyware", "indicators"}
	scores := map[string]*score{}
	for _, f := range fields {
		scores[f] = &score{}
	}
	for _, c := range cases {
		got := tg.Tag(c.Text)
		pairs := map[string][2][]string{
			"targets": {got.Targets, c.Targets}, "countries": {got.Countries, c.Countries},
			"spyware": {got.Spyware, c.Spyware}, "indicators": {got.Indicators, c.Indicators},
		}
		for _, f := range fields {
			extra, missing := scores[f].add(pairs[f][0], pairs[f][1])
			if len(extra)+len(missing) > 0 {
				t.Logf("%s: extra %q missing %q in %.70q", f, extra, missing, c.Text)
			}
		}
	}
	min := map[string][2]float64{
		"targets": {0.95, 0.90}, "countries": {0.95, 0.90}, "spyware": {0.95, 0.90}, "indicators": {1, 1},
	}
	for _, f := range fields {
		s := scores[f]
		line := fmt.Sprintf("eval %-10s cases=%d tp=%d fp=%d fn=%d precision=%.3f recall=%.3f",
			f, len(cases), s.tp, s.fp, s.fn, s.precision(), s.recall())
		t.Log(line)
		if testing.Verbose() {
			fmt.Println(line)
		}
		if s.precision() < min[f][0] || s.recall() < min[f][1] {
			t.Errorf("%s: precision %.3f recall %.3f, want at least %.2f and %.2f",
				f, s.precision(), s.recall(), min[f][0], min[f][1])
		}
	}
}
