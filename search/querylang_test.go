package search

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/rightsearch/rightsearch/internal/testenv"
	"github.com/rightsearch/rightsearch/query"
)

// qlOrg is the organization of testenv.QueryLab: every search of
// the table is filtered to it, so the seeds in every index do not count.
const qlOrg = "Query Lab"

var qlAll = []string{"ql-far", "ql-khashoggi", "ql-mansoor-android", "ql-mansoor-pegasus", "ql-near",
	"ql-nso-android", "ql-patterns", "ql-spanish", "ql-symbols", "ql-title-only"}

// qlTable is the query language, query by query: what each parses to (as
// an s-expression) and exactly which of the fixture documents it returns.
var qlTable = []struct {
	q, ast string
	want   []string
}{
	{`pegasus`, `pegasus`, []string{"ql-mansoor-pegasus", "ql-title-only"}},
	{`"Ahmed Mansoor" AND (Pegasus OR NSO)`, `(and "Ahmed Mansoor" (or Pegasus NSO))`, []string{"ql-mansoor-pegasus"}},
	{`"Ahmed Mansoor" && (Pegasus || NSO)`, `(and "Ahmed Mansoor" (or Pegasus NSO))`, []string{"ql-mansoor-pegasus"}},
	{`Mansoor NOT Android`, `(group Mansoor -Android)`, []string{"ql-mansoor-pegasus"}},
	{`Mansoor !Android`, `(group Mansoor -Android)`, []string{"ql-mansoor-pegasus"}},
	{`Mansoor -Android`, `(group Mansoor -Android)`, []string{"ql-mansoor-pegasus"}},
	{`Mansoor AND NOT Android`, `(and Mansoor (not Android))`, []string{"ql-mansoor-pegasus"}},
	{`NOT Android`, `(group -Android)`, without(qlAll, "ql-mansoor-android", "ql-nso-android")},
	{`NSO OR Khashoggi`, `(or NSO Khashoggi)`, []string{"ql-far", "ql-khashoggi", "ql-mansoor-pegasus", "ql-near", "ql-nso-android"}},
	{`NSO exploit`, `(group NSO exploit)`, []string{"ql-far", "ql-mansoor-pegasus", "ql-near", "ql-nso-android"}},
	{`+NSO +exploit`, `(group +NSO +exploit)`, []string{"ql-far", "ql-near", "ql-nso-android"}},
	{`"NSO exploit"`, `"NSO exploit"`, []string{"ql-nso-android"}},
	{`"NSO exploit"~5`, `"NSO exploit"~5`, []string{"ql-near", "ql-nso-android"}},
	{`"NSO exploit"~1`, `"NSO exploit"~1`, []string{"ql-nso-android"}},
	{`"NSO exploit"~3`, `"NSO exploit"~3`, []string{"ql-near", "ql-nso-android"}}, // "NSO zero click exploit", not the two words 14 apart
	{`"NSO exploit"~5^2`, `"NSO exploit"~5^2`, []string{"ql-near", "ql-nso-android"}},
	{`"exploit NSO"~3`, `"exploit NSO"~3`, []string{"ql-nso-android"}},
	{`"exploit NSO"~4`, `"exploit NSO"~4`, []string{"ql-near", "ql-nso-android"}},
	{`Kashoggi~`, `Kashoggi~2`, []string{"ql-khashoggi"}},
	{`Kashoggi~1`, `Kashoggi~1`, []string{"ql-khashoggi"}},
	{`zorblut~1`, `zorblut~1`, []string{"ql-patterns"}},
	{`zorbluu~1`, `zorbluu~1`, nil},
	{`zorbluu~2`, `zorbluu~2`, []string{"ql-patterns"}},
	{`zorbl*`, `zorbl*`, []string{"ql-patterns"}},
	{`w?rd`, `w?rd`, []string{"ql-patterns", "ql-symbols"}},
	{`zorbl?x`, `zorbl?x`, []string{"ql-patterns"}},
	{`zorbla?`, `zorbla\?`, nil}, // a ? that ends a word is punctuation
	{`zor*ax`, `zor*ax`, []string{"ql-patterns"}},
	{`pegasus?`, `pegasus\?`, []string{"ql-mansoor-pegasus", "ql-title-only"}},
	{`title:Pegasus`, `title:Pegasus`, []string{"ql-mansoor-pegasus", "ql-title-only"}},
	{`body:Pegasus`, `body:Pegasus`, []string{"ql-mansoor-pegasus"}},
	{`title:(Pegasus OR exploit)`, `(or title:Pegasus title:exploit)`, []string{"ql-mansoor-pegasus", "ql-nso-android", "ql-title-only"}},
	{`body:"exploit chain"`, `body:"exploit chain"`, []string{"ql-nso-android"}},
	{`summary:Pegasus`, `summary:Pegasus`, nil},
	{`author:Marczak`, `author:Marczak`, []string{"ql-mansoor-pegasus"}},
	{`author:"John Scott-Railton"`, `author:"John Scott-Railton"`, []string{"ql-mansoor-android"}},
	{`authors:guarn*`, `author:guarn*`, []string{"ql-nso-android"}},
	{`url:analysis`, `url:analysis`, []string{"ql-near", "ql-nso-android"}},
	{`url:"reports/2016"`, `url:"reports/2016"`, []string{"ql-mansoor-pegasus"}},
	{`type:report`, `type:report`, []string{"ql-mansoor-android", "ql-mansoor-pegasus"}},
	{`type:(report OR news)`, `(or type:report type:news)`, []string{"ql-khashoggi", "ql-mansoor-android", "ql-mansoor-pegasus"}},
	{`type:tech*`, `type:tech*`, []string{"ql-near", "ql-nso-android"}},
	{`org:"Query Lab" type:news`, `(group +organization:"Query Lab" +type:news)`, []string{"ql-khashoggi"}},
	{`org:Query*`, `organization:Query*`, qlAll},
	{`target:"Ahmed Mansoor"`, `target:"Ahmed Mansoor"`, []string{"ql-mansoor-android", "ql-mansoor-pegasus"}},
	{`target:Mansour`, `target:Mansour`, []string{"ql-mansoor-android", "ql-mansoor-pegasus"}},
	{`country:Mexico`, `country:Mexico`, []string{"ql-spanish"}},
	{`country:(Mexico OR Canada)`, `(or country:Mexico country:Canada)`, []string{"ql-khashoggi", "ql-spanish"}},
	{`lang:es`, `language:es`, []string{"ql-spanish"}},
	{`language:fr`, `language:fr`, []string{"ql-patterns"}},
	{`indicator:parcel-notice.com`, `indicator:parcel-notice.com`, []string{"ql-symbols"}},
	{`indicator:parcel-notice[.]com`, `indicator:parcel-notice[.]com`, []string{"ql-symbols"}},
	{`indicator:PARCEL-NOTICE(dot)COM`, `indicator:PARCEL-NOTICE\(dot\)COM`, []string{"ql-symbols"}},
	{`published:2018`, `published:[2018 TO 2018]`, []string{"ql-far", "ql-khashoggi"}},
	{`year:2017`, `published:[2017 TO 2017]`, []string{"ql-mansoor-android", "ql-spanish"}},
	{`published:[2018 TO 2019-06]`, `published:[2018 TO 2019-06]`, []string{"ql-far", "ql-khashoggi", "ql-nso-android"}},
	{`published:{2017 TO 2019}`, `published:{2017 TO 2019}`, []string{"ql-far", "ql-khashoggi"}},
	{`published:[2017-03 TO 2018-01-10}`, `published:[2017-03 TO 2018-01-10}`, []string{"ql-mansoor-android", "ql-spanish"}},
	{`published:>=2019`, `published:[2019 TO *]`, []string{"ql-near", "ql-nso-android", "ql-title-only"}},
	{`published:>2019`, `published:{2019 TO *]`, []string{"ql-title-only"}},
	{`published:<2016`, `published:[* TO 2016}`, []string{"ql-patterns"}},
	{`published:<=2016-08`, `published:[* TO 2016-08]`, []string{"ql-mansoor-pegasus", "ql-patterns"}},
	{`published:[* TO 2015]`, `published:[* TO 2015]`, []string{"ql-patterns"}},
	{`Pegasus^2 spyware`, `(group Pegasus^2 spyware)`, []string{"ql-mansoor-pegasus", "ql-title-only"}},
	{`exploit^3 OR click`, `(or exploit^3 click)`, []string{"ql-far", "ql-near", "ql-nso-android"}},
	{`(NSO OR Pegasus) -Android`, `(group (or NSO Pegasus) -Android)`, []string{"ql-far", "ql-mansoor-pegasus", "ql-near", "ql-title-only"}},
	{`-(NSO OR Pegasus) zorblat`, `(group -(or NSO Pegasus) zorblat)`, []string{"ql-patterns"}},
	{`((NSO))`, `NSO`, []string{"ql-far", "ql-mansoor-pegasus", "ql-near", "ql-nso-android"}},
	{`NSO AND (exploit AND (chain OR click))`, `(and NSO exploit (or chain click))`, []string{"ql-near", "ql-nso-android"}},
	{`NOT (NSO OR Mansoor OR Khashoggi)`, `(group -(or NSO Mansoor Khashoggi))`, []string{"ql-patterns", "ql-spanish", "ql-symbols", "ql-title-only"}},
	{`NOT NOT zorblat`, `zorblat`, []string{"ql-patterns"}},
	{`zorblat zorblax`, `(group zorblat zorblax)`, []string{"ql-patterns"}},
	{`+zorblat -zorblax`, `(group +zorblat -zorblax)`, nil},
	{`zorblat || NSO`, `(or zorblat NSO)`, []string{"ql-far", "ql-mansoor-pegasus", "ql-near", "ql-nso-android", "ql-patterns"}},
	{`!NSO zorblat`, `(group -NSO zorblat)`, []string{"ql-patterns"}},
	{`zorblat OR click AND NSO`, `(or zorblat (and click NSO))`, []string{"ql-near", "ql-patterns"}},
	{`pegasus and android`, `(group pegasus and android)`, []string{"ql-mansoor-android", "ql-mansoor-pegasus", "ql-nso-android", "ql-title-only"}},
	{`rock \AND roll`, `(group rock AND roll)`, []string{"ql-symbols"}},
	{`"rock and roll"`, `"rock and roll"`, []string{"ql-symbols"}},
	{`"Jamal Khashoggi"`, `"Jamal Khashoggi"`, []string{"ql-khashoggi"}},
	{`Abdulaziz AND Montreal`, `(and Abdulaziz Montreal)`, []string{"ql-khashoggi"}},
	{`periodista`, `periodista`, []string{"ql-spanish"}},
	{`100`, `100`, []string{"ql-symbols"}},
	{`zorblat\*`, `zorblat\*`, []string{"ql-patterns"}},
	{`title\:Pegasus`, `title\:Pegasus`, nil}, // the words "title pegasus"
	{`(Mansoor OR Khashoggi) AND published:[2018 TO *]`, `(and (or Mansoor Khashoggi) published:[2018 TO *])`, []string{"ql-khashoggi"}},
}

func without(all []string, drop ...string) []string {
	var out []string
	for _, s := range all {
		if !slices.Contains(drop, s) {
			out = append(out, s)
		}
	}
	return out
}

var (
	qlOnce sync.Once
	qlEnv  *testEnv
	qlErr  error
)

// mustQLEnv is a real index of the seeds and testenv.QueryLab, served
// through httptest.
func mustQLEnv(tb testing.TB) *testEnv {
	tb.Helper()
	qlOnce.Do(func() { qlEnv, qlErr = newEnv(testenv.QueryLab) })
	if qlErr != nil {
		tb.Fatal(qlErr)
	}
	return qlEnv
}

func TestQueryLanguage(t *testing.T) {
	e := mustQLEnv(t)
	if len(qlTable) < 60 {
		t.Fatalf("%d queries in the table; the language needs at least 60", len(qlTable))
	}
	for _, tt := range qlTable {
		t.Run(tt.q, func(t *testing.T) {
			q, err := query.ParseQuery(tt.q)
			if err != nil {
				t.Fatalf("ParseQuery: %v", err)
			}
			if got := q.Sexpr(); got != tt.ast {
				t.Errorf("parses to %s, want %s", got, tt.ast)
			}
			if q2, err := query.ParseQuery(q.String()); err != nil || q2.Sexpr() != q.Sexpr() {
				t.Errorf("String %q parses back to %s (%v)", q.String(), q2.Sexpr(), err)
			}
			v := url.Values{"q": {tt.q}, "org": {qlOrg}, "size": {"100"}}
			r, err := query.ParseRequest(v)
			if err != nil {
				t.Fatalf("ParseRequest: %v", err)
			}
			resp, err := e.s.Search(context.Background(), r)
			if err != nil {
				t.Fatalf("Search: %v", err)
			}
			checkIDs(t, "in process", hitIDs(*resp), tt.want)
			checkIDs(t, "over HTTP", hitIDs(e.search(t, v)), tt.want)
		})
	}
}

func checkIDs(t *testing.T, how string, got, want []string) {
	t.Helper()
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("%s: returns %v, want %v", how, got, want)
	}
}

// TestQueryLanguageErrors: a query that does not parse is a 400 whose
// error names the column and what was expected there.
func TestQueryLanguageErrors(t *testing.T) {
	e := mustQLEnv(t)
	tests := []struct{ q, want string }{
		{`(NSO OR Pegasus`, `q: column 16: ")" expected to close the "(" at column 1`},
		{`NSO OR`, `q: column 5: a word or a phrase expected after OR`},
		{`AND pegasus`, `q: column 1: a word or a phrase expected before AND`},
		{`"open`, `q: column 6: '"' expected to close the quote at column 1`},
		{`title:`, `q: column 7: a value expected after title:`},
		{`title: x`, `q: column 7: a value expected after title:`},
		{`published:[2018 2019]`, `q: column 12: range "FROM TO TO" expected`},
		{`published:[2018 TO x]`, `q: column 11: "x" is not a date`},
		{`published:soon`, `q: column 11: "soon" is not a date`},
		{`pegasus~3`, `q: column 8: ~1 or ~2 expected`},
		{`pegasus^0`, `q: column 8: a boost above 0`},
		{`a)`, `q: column 2: ")" without "(" before it`},
		{`()`, `q: column 1: a word or a phrase expected inside ( )`},
		{`org:[a TO b]`, `q: column 5: ranges are for published: only`},
		{strings.Repeat("(", 17) + "a" + strings.Repeat(")", 17), `q: column 17: nested more than 16 deep`},
		{`- a`, `q: column 1: a word or a phrase expected after "-"`},
		{`NOT`, `q: column 1: a word or a phrase expected after NOT`},
		{`z*`, `q: z* is too short a prefix`},
		{`*`, `q: column 1: a word expected before *`},
		{`ab~`, `q: ab~ is too short for a fuzzy match`},
		{`ab* bc* cd* de* e?f`, `q: 5 patterns`},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			_, err := query.ParseRequest(url.Values{"q": {tt.q}})
			if !errors.Is(err, query.ErrInvalid) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want ErrInvalid with %q", err, tt.want)
			}
			var body struct {
				Error struct{ Message string } `json:"error"`
			}
			st := e.get(t, "/api/search?"+url.Values{"q": {tt.q}}.Encode(), &body)
			if st != http.StatusBadRequest || !strings.Contains(body.Error.Message, tt.want) {
				t.Errorf("HTTP %d %q, want 400 with %q", st, body.Error.Message, tt.want)
			}
		})
	}
}
