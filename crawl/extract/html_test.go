package extract

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// para is enough prose for a container to count as an article body.
var para = "<p>" + strings.Repeat("The researchers documented the infection attempts in detail. ", 12) + "</p>"

func page(head, body string) []byte {
	return []byte("<!DOCTYPE html><html><head>" + head + "</head><body>" + body + "</body></html>")
}

func TestHTMLMetadata(t *testing.T) {
	cases := []struct {
		name, head, body        string
		title, date, lang, auth string
	}{
		{name: "og and article time",
			head:  `<title>Headline here | Site</title><meta property="og:title" content="Headline here"><meta property="article:published_time" content="2016-08-24T13:00:00+00:00"><meta name="author" content="Bill Marczak and John Scott-Railton">`,
			title: "Headline here", date: "2016-08-24", auth: "Bill Marczak|John Scott-Railton"},
		{name: "citation tags flip names",
			head:  `<meta name="citation_title" content="A Paper"><meta name="citation_author" content="Marczak, Bill"><meta name="citation_author" content="Deibert, Ronald"><meta name="citation_publication_date" content="2018/09/18">`,
			title: "A Paper", date: "2018-09-18", auth: "Bill Marczak|Ronald Deibert"},
		{name: "json-ld graph",
			head:  `<script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"Site"},{"@type":["NewsArticle"],"headline":"From LD","datePublished":"2020-05","author":[{"@type":"Person","name":"A One"},{"@type":"Person","name":"B Two"}]}]}</script>`,
			title: "From LD", date: "2020-05", auth: "A One|B Two"},
		{name: "zone keeps the publisher's day",
			head:  `<title>x</title><meta property="article:published_time" content="2019-01-01T01:00:00+03:00">`,
			title: "x", date: "2019-01-01"},
		{name: "time element and byline",
			head:  `<title>The Site - A much longer headline for this story</title>`,
			body:  `<article><h1>A much longer headline for this story</h1><p class="byline">By <a rel="author" href="/a">Rosa Díaz</a></p><time datetime="2021-03-04">4 March</time>` + para + `</article>`,
			title: "A much longer headline for this story", date: "2021-03-04", auth: "Rosa Díaz"},
		{name: "site name first in title",
			head:  `<title>Rights Monitor - Urgent Action: Lawyer Detained</title>`,
			title: "Urgent Action: Lawyer Detained"},
		{name: "language from html lang", head: `<title>t</title>`, title: "t", lang: "es"},
		{name: "language from og:locale", head: `<title>t</title><meta property="og:locale" content="ar_AR">`, title: "t", lang: "ar"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := page(c.head, c.body)
			if c.name == "language from html lang" {
				b = []byte(strings.Replace(string(b), "<html>", `<html lang="es-MX">`, 1))
			}
			d, err := HTML(b, "")
			if err != nil {
				t.Fatal(err)
			}
			if d.Title != c.title || d.Published.String() != c.date || d.Language != c.lang || strings.Join(d.Authors, "|") != c.auth {
				t.Errorf("got title %q date %q lang %q authors %q\nwant title %q date %q lang %q authors %q",
					d.Title, d.Published, d.Language, strings.Join(d.Authors, "|"), c.title, c.date, c.lang, c.auth)
			}
		})
	}
}

// A report page in WordPress markup: the article is kept, paragraphs stay
// apart, and the page's furniture (navigation, share bar, byline, comments,
// footer) is left out.
func TestHTMLBoilerplate(t *testing.T) {
	body := `<header><nav><a>Research</a><a>About</a></nav></header>
<article><h1>Report title</h1><div class="entry-meta">By someone</div>
<div class="entry-content"><p>Opening paragraph of the report.</p>` + para + `
<div class="sharedaddy"><h3>Share this:</h3><a>Twitter</a></div>
<p><strong>Read more:</strong> <a href="/other">Another report on the same operator</a></p>
<blockquote class="pullquote">A quote repeated in large type</blockquote>
<p>Closing paragraph.</p></div>
<div id="comments"><p>A reader comment that is not evidence.</p></div></article>
<footer>Copyright notice</footer>`
	d, err := HTML(page(`<title>Report title - The Citizen Lab</title>`, body), "https://citizenlab.ca/2018/09/report/")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Opening paragraph of the report.", "Closing paragraph."} {
		if !strings.Contains(d.Body, want) {
			t.Errorf("body lacks %q:\n%s", want, d.Body)
		}
	}
	for _, junk := range []string{"Share this", "Research", "reader comment", "Copyright", "By someone", "Report title"} {
		if strings.Contains(d.Body, junk) {
			t.Errorf("body keeps %q:\n%s", junk, d.Body)
		}
	}
	if !strings.Contains(d.Body, "report.\n\nThe researchers") {
		t.Errorf("paragraphs not separated by a blank line:\n%s", d.Body)
	}
}

func TestHTMLLegacyCharset(t *testing.T) {
	src := `<html><head><meta charset="windows-1252"><title>Déclaration sur la détention</title></head><body><p>Défenseurs des droits – « libérez-les ».</p></body></html>`
	b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	d, err := HTML(b, "")
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Déclaration sur la détention" || !strings.Contains(d.Body, "« libérez-les »") {
		t.Errorf("title %q body %q: charset not decoded", d.Title, d.Body)
	}
}

func TestHTMLEmpty(t *testing.T) {
	_, err := HTML([]byte("<html><body>   </body></html>"), "")
	if !errors.Is(err, ErrNoText) {
		t.Errorf("err = %v, want ErrNoText", err)
	}
}

// A UTF-8 page that declares no charset must not be read as windows-1252
// (charset's guess), which garbles every accented letter.
func TestHTMLUndeclaredUTF8(t *testing.T) {
	b := []byte(`<html><head><title>Défenseurs détenus</title></head><body><article><p>` +
		strings.Repeat("Les défenseurs des droits humains ont été détenus à Genève. ", 10) + `</p></article></body></html>`)
	d, err := HTML(b, "")
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Défenseurs détenus" || !strings.Contains(d.Body, "été détenus à Genève") {
		t.Errorf("title %q body %.80q: UTF-8 misread", d.Title, d.Body)
	}
}

func TestTrimTail(t *testing.T) {
	long := strings.TrimSpace(strings.Repeat("The court heard the evidence of the detention. ", 8))
	cases := []struct{ name, in, want string }{
		{"related list after the article is cut",
			long + "\n\n" + long + "\n\nRead more:\n\nAnother story\n\nA third story", long + "\n\n" + long},
		{"heading early in the text stays", "Related\n\n" + long + "\n\n" + long, "Related\n\n" + long + "\n\n" + long},
		{"long paragraph that starts like a heading stays",
			long + "\n\n" + long + "\n\nRelated to this, the lawyer said the charges were dropped.",
			long + "\n\n" + long + "\n\nRelated to this, the lawyer said the charges were dropped."},
	}
	for _, c := range cases {
		if got := trimTail(c.in); got != c.want {
			t.Errorf("%s:\ngot  %q\nwant %q", c.name, got, c.want)
		}
	}
}

func TestKeepPrecise(t *testing.T) {
	body := "The lawyer was detained on Monday in the capital.\n\nSubscribe to our newsletter for weekly updates.\n\nHis family has not been told where he is held."
	precise := "The lawyer was detained on Monday in the capital.\n\nHis family has not been told where he is held."
	want := "The lawyer was detained on Monday in the capital.\n\nHis family has not been told where he is held."
	if got := keepPrecise(body, precise); got != want {
		t.Errorf("paragraph the precise reading lacks kept:\n%q", got)
	}
	// A precise reading under half the length lost the article: ignored.
	if got := keepPrecise(body, "The lawyer was detained."); got != body {
		t.Errorf("much shorter precise reading applied:\n%q", got)
	}
	// Link words FavorPrecision drops inside a sentence do not cost the paragraph.
	linked := "The report by Citizen Lab names the operator behind the attack on the journalists."
	if got := keepPrecise(linked, "The report by names the operator behind the attack on the journalists."); got != linked {
		t.Errorf("paragraph with dropped link words lost:\n%q", got)
	}
}
