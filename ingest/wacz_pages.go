package ingest

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"strings"
)

// pageSet is a WACZ's pages (pages/pages.jsonl, pages/extraPages.jsonl):
// the pages that were the capture's point, by catalogKey of their URL,
// with the title the capturing browser saw. A nil pageSet takes every
// page: a bare WARC says nothing of what was its point.
type pageSet struct {
	titles map[string]string
}

// waczPage is one line of a pages file (the first line, the file's own
// header, has no url).
type waczPage struct {
	URL   string `json:"url"`
	Title string `json:"title"`
	TS    string `json:"ts"`
}

// maxPageLine bounds one line of a pages file: a line carries the page's
// text, which we do not need but must get past.
const maxPageLine = 64 << 20

// readPages adds the pages of one JSONL file to the set.
func (p *pageSet) readPages(r io.Reader, name string) error {
	br := bufio.NewReaderSize(r, 64<<10)
	for n := 1; ; n++ {
		line, err := readPageLine(br)
		if len(line) > 0 {
			var pg waczPage
			if jerr := json.Unmarshal(line, &pg); jerr != nil {
				return fmt.Errorf("%s line %d: %w", name, n, jerr)
			}
			if pg.URL != "" {
				k := catalogKey(pg.URL)
				if p.titles[k] == "" {
					p.titles[k] = strings.TrimSpace(pg.Title)
				}
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s line %d: %w", name, n, err)
		}
	}
}

func readPageLine(br *bufio.Reader) ([]byte, error) {
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(line)+len(chunk) > maxPageLine {
			return nil, fmt.Errorf("line longer than %d bytes", maxPageLine)
		}
		line = append(line, chunk...)
		if !errors.Is(err, bufio.ErrBufferFull) {
			return []byte(strings.TrimSpace(string(line))), err
		}
	}
}

func (p *pageSet) has(u string) bool {
	if p == nil {
		return true
	}
	_, ok := p.titles[catalogKey(u)]
	return ok
}

func (p *pageSet) title(u string) string {
	if p == nil {
		return ""
	}
	return p.titles[catalogKey(u)]
}

// redirect makes the target of a page's redirect a page too: pages.jsonl
// may name the URL a capture started from rather than the one it ended
// at. A WARC holds the redirect before its target.
func (p *pageSet) redirect(from, location string) {
	if p == nil || location == "" || !p.has(from) {
		return
	}
	base, err := url.Parse(from)
	if err != nil {
		return
	}
	to, err := base.Parse(location)
	if err != nil {
		return
	}
	if k := catalogKey(to.String()); p.titles[k] == "" {
		p.titles[k] = p.title(from)
	}
}

// betterTitle prefers the title extraction found, unless it found none
// or a worse one: the URL, a file name, "Untitled", a word processor's
// export name.
func betterTitle(extracted, page, pageURL string) string {
	e, p := strings.TrimSpace(extracted), strings.TrimSpace(page)
	if p == "" {
		return e
	}
	low := strings.ToLower(e)
	switch {
	case e == "", strings.EqualFold(e, pageURL), low == "untitled", low == "untitled document",
		strings.HasPrefix(low, "microsoft word - "), looksLikeFileName(e):
		return p
	}
	return e
}

func looksLikeFileName(s string) bool {
	if strings.ContainsAny(s, " \t") {
		return false
	}
	switch strings.ToLower(path.Ext(s)) {
	case ".pdf", ".doc", ".docx", ".html", ".htm", ".indd", ".odt":
		return true
	}
	return false
}
