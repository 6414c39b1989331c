package ingest

import (
	"bufio"
	"bytes"
	"context"
	"regexp"
	"strings"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/crawl/extract"
	"golang.org/x/text/encoding/charmap"
)

// extractPDF goes through crawl/extract, with the limits it puts on
// poppler and the pure-Go reader.
func extractPDF(ctx context.Context, data []byte) (rightsearch.Document, error) {
	return extract.Document(ctx, data, "application/pdf", "")
}

// savedFrom is the comment browsers put at the top of a saved page.
var savedFrom = regexp.MustCompile(`<!-- saved from url=\(\d+\)(\S+?) -->`)

// extractHTML reads a saved page as the crawler reads a fetched one; the
// address it was saved from, when the browser noted it, becomes its URL.
func extractHTML(ctx context.Context, data []byte) (rightsearch.Document, error) {
	pageURL := ""
	if m := savedFrom.FindSubmatch(data[:min(len(data), 1024)]); m != nil {
		pageURL = string(m[1])
	}
	return extract.Document(ctx, data, "text/html", pageURL)
}

// decodeText is data as UTF-8: as it is when valid, else read as
// Windows-1252 (a superset of Latin-1), the usual legacy encoding.
func decodeText(data []byte) string {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if validHead(data) {
		return strings.ToValidUTF8(string(data), "\uFFFD")
	}
	s, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return strings.ToValidUTF8(string(data), "\uFFFD")
	}
	return string(s)
}

func extractText(_ context.Context, data []byte) (rightsearch.Document, error) {
	text := strings.TrimSpace(strings.ReplaceAll(decodeText(data), "\r\n", "\n"))
	return rightsearch.Document{Title: firstLine(text), Body: text}, nil
}

// firstLine is a title of last resort: the first line of text, cut at
// 200 characters.
func firstLine(text string) string {
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		l := strings.Join(strings.Fields(sc.Text()), " ")
		if len([]rune(l)) >= 3 {
			if r := []rune(l); len(r) > 200 {
				l = string(r[:200])
			}
			return l
		}
	}
	return ""
}

var (
	mdHeading = regexp.MustCompile(`(?m)^ {0,3}#{1,6}[ \t]+\S`)
	mdSetext  = regexp.MustCompile(`(?m)^\S.*\n(=+|-+)[ \t]*$`)
	mdLink    = regexp.MustCompile(`!?\[([^\]\n]*)\]\([^)\n]*\)`)
	mdFence   = regexp.MustCompile("(?m)^ {0,3}(```|~~~)")
	mdList    = regexp.MustCompile(`(?m)^ {0,3}([*+-]|\d+\.)[ \t]+\S`)
	mdEmph    = regexp.MustCompile(`(\*\*|__|\*|_|` + "`" + `)([^\s*_` + "`" + `][^*_` + "`" + `\n]*?)(\*\*|__|\*|_|` + "`" + `)`)
)

// isMarkdown wants text with at least two kinds of Markdown markup (or a
// heading): a plain letter with one dash list stays text.
func isMarkdown(data []byte) bool {
	if !isText(data) || isHTML(data) {
		return false
	}
	if mdHeading.Match(data) && bytes.HasPrefix(bytes.TrimLeft(data, " \t\r\n"), []byte("#")) {
		return true
	}
	n := 0
	for _, re := range []*regexp.Regexp{mdHeading, mdSetext, mdLink, mdFence, mdList} {
		if re.Match(data) {
			n++
		}
	}
	return n >= 2
}

// extractMarkdown strips the markup lightly (heading marks, emphasis,
// link targets, fences) and takes the first heading as the title.
func extractMarkdown(_ context.Context, data []byte) (rightsearch.Document, error) {
	text := strings.ReplaceAll(decodeText(data), "\r\n", "\n")
	var out []string
	title := ""
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		trim := strings.TrimSpace(l)
		switch {
		case mdFence.MatchString(l):
			continue
		case strings.HasPrefix(trim, "#"):
			h := strings.TrimSpace(strings.Trim(strings.TrimLeft(trim, "#"), "# "))
			if title == "" && h != "" {
				title = stripInline(h)
			}
			out = append(out, stripInline(h))
			continue
		case isUnderline(trim):
			if title == "" && i > 0 && strings.TrimSpace(lines[i-1]) != "" {
				title = stripInline(strings.TrimSpace(lines[i-1]))
			}
			continue // a setext underline or a rule
		}
		out = append(out, stripInline(l))
	}
	body := strings.TrimSpace(strings.Join(out, "\n"))
	if title == "" {
		title = firstLine(body)
	}
	return rightsearch.Document{Title: title, Body: body}, nil
}

// isUnderline spots a setext heading's underline (=== or ---) or a rule.
func isUnderline(trim string) bool {
	return trim != "" && (strings.Trim(trim, "=") == "" || len(trim) >= 3 && strings.Trim(trim, "-") == "")
}

// stripInline keeps a link's or an image's text and drops emphasis marks.
func stripInline(s string) string {
	s = mdLink.ReplaceAllString(s, "$1")
	for i := 0; i < 3 && mdEmph.MatchString(s); i++ {
		s = mdEmph.ReplaceAllString(s, "$2")
	}
	return s
}
