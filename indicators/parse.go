package indicators

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	rightsearch "github.com/rightsearch/rightsearch"
)

// List formats (rightsearch.IndicatorList.Format).
const (
	FormatSTIX     = "stix"
	FormatMISPJSON = "misp-json"
	FormatMISPCSV  = "misp-csv"
	FormatMVT      = "mvt-yaml"
	FormatText     = "text"
)

// ErrNotList means the bytes are in none of the formats this package reads.
var ErrNotList = errors.New("not an indicator list")

// Parsed is a list as read, with what the list says beyond its
// indicators.
type Parsed struct {
	List rightsearch.IndicatorList
	// Publisher is the organisation that published the list, when it
	// says (a STIX identity, a MISP event's creator).
	Publisher string
	// Skipped are the entries that were not read, each with why.
	Skipped []string
}

// Parse reads a published indicator list, its format detected from the
// content. name is the path it was read from (an mvt-indicators YAML's
// STIX files are looked for next to it).
func Parse(name string, body []byte) (rightsearch.IndicatorList, error) {
	p, err := ParseFile(name, body)
	return p.List, err
}

// ParseFile is Parse keeping the publisher and the skipped entries.
func ParseFile(name string, body []byte) (Parsed, error) {
	abs, err := filepath.Abs(name)
	if err != nil {
		abs = name
	}
	return parseIn(name, abs, body, true)
}

// parseIn reads body; name is the list's Source, abs the file on disk
// (an id made from a path is made from its last two parts, and an
// indicators.yaml's neighbours are next to it). loose accepts any text as
// a typed list (an explicit import); add only takes what looks like one.
func parseIn(name, abs string, body []byte, loose bool) (Parsed, error) {
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	var (
		p   Parsed
		err error
	)
	switch format := Detect(name, body, loose); format {
	case FormatSTIX:
		p, err = parseSTIX(body)
	case FormatMISPJSON:
		p, err = parseMISPJSON(body)
	case FormatMISPCSV:
		p, err = parseMISPCSV(body)
	case FormatMVT:
		p, err = parseMVT(filepath.Dir(abs), body)
	case FormatText:
		p, err = parseText(name, body)
	default:
		return p, fmt.Errorf("%s: %w (STIX 2.1 bundle, MISP JSON or CSV, mvt-indicators YAML, or a typed list one value a line)", name, ErrNotList)
	}
	if err != nil {
		return p, fmt.Errorf("%s: %w", name, err)
	}
	finish(&p, name, abs, body)
	if len(p.List.Indicators) == 0 {
		why := p.Skipped[:min(len(p.Skipped), 3)]
		return p, fmt.Errorf("%s: %s list with no indicator this package reads (%d entries skipped: %s)",
			name, p.List.Format, len(p.Skipped), strings.Join(why, "; "))
	}
	return p, nil
}

var (
	stixBundle = regexp.MustCompile(`"type"\s*:\s*"bundle"`)
	mispEvent  = regexp.MustCompile(`"Event"\s*:\s*\{`)
	mvtYAML    = regexp.MustCompile(`(?m)^indicators:\s*$`)
)

// Detect names the format of body (its head is enough), or "" for none.
// Only a loose detection takes text that is not named as a typed list
// and has fewer than three lines.
func Detect(name string, body []byte, loose bool) string {
	head := bytes.TrimLeft(bytes.TrimPrefix(body[:min(len(body), 4096)], []byte("\xef\xbb\xbf")), " \t\r\n")
	switch {
	case len(head) == 0:
		return ""
	case head[0] == '{' || head[0] == '[':
		if stixBundle.Match(head) {
			return FormatSTIX
		}
		if mispEvent.Match(head) {
			return FormatMISPJSON
		}
		return ""
	case mispCSVHeader(head):
		return FormatMISPCSV
	case mvtYAML.Match(head) && bytes.Contains(head, []byte("name:")):
		return FormatMVT
	case looksTyped(name, head, loose):
		return FormatText
	}
	return ""
}

// finish fills what every format shares: the file's facts, a stable id,
// one entry per value and type (the first, completed from later ones).
func finish(p *Parsed, name, abs string, body []byte) {
	l := &p.List
	sum := sha256.Sum256(body)
	l.SHA256 = hex.EncodeToString(sum[:])
	l.Source = name
	if l.Name == "" {
		l.Name = path.Base(filepath.ToSlash(name))
	}
	if l.ID == "" {
		l.ID = "list-" + slug(lastTwo(abs))
	}
	seen := map[[2]string]int{}
	out := l.Indicators[:0]
	for _, in := range l.Indicators {
		k := [2]string{Key(in.Value), in.Type}
		if i, dup := seen[k]; dup {
			merge(&out[i], in)
			continue
		}
		seen[k] = len(out)
		out = append(out, in)
	}
	l.Indicators = out
	if l.Published.IsZero() {
		l.Published = latestDate(l.Indicators)
	}
}

func merge(dst *rightsearch.Indicator, src rightsearch.Indicator) {
	for _, f := range [][2]*string{{&dst.Campaign, &src.Campaign}, {&dst.Malware, &src.Malware},
		{&dst.Report, &src.Report}, {&dst.Comment, &src.Comment}} {
		if *f[0] == "" {
			*f[0] = *f[1]
		}
	}
	if dst.Date.IsZero() {
		dst.Date = src.Date
	}
}

func latestDate(ins []rightsearch.Indicator) rightsearch.Date {
	var d rightsearch.Date
	for _, in := range ins {
		if !in.Date.IsZero() && (d.IsZero() || in.Date.Start().After(d.Start())) {
			d = in.Date
		}
	}
	return d
}

// lastTwo is the file's folder and name ("2023_quadream/domains.txt"), so
// that a list keeps its id whatever folder it is imported from, and two
// domains.txt of two campaigns do not share one.
func lastTwo(name string) string {
	name = filepath.ToSlash(filepath.Clean(name))
	dir, file := path.Split(name)
	if d := path.Base(strings.TrimSuffix(dir, "/")); d != "." && d != "/" && d != "" {
		return d + "/" + file
	}
	return file
}

// slug is s in lower-case letters, digits and dashes.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimRight(b.String(), "-")
	if len(out) > 100 {
		out = strings.TrimRight(out[:100], "-")
	}
	return out
}

// dateOf reads the date part of a timestamp (RFC 3339, YYYY-MM-DD,
// YYYYMMDD) or a Unix time in seconds, or the zero date.
func dateOf(s string) rightsearch.Date {
	s = strings.TrimSpace(s)
	if len(s) == 8 && isDigits(s) {
		s = s[:4] + "-" + s[4:6] + "-" + s[6:]
	} else if len(s) >= 9 && len(s) <= 11 && isDigits(s) {
		var sec int64
		fmt.Sscan(s, &sec)
		s = time.Unix(sec, 0).UTC().Format(time.DateOnly)
	}
	if len(s) > 10 {
		s = s[:10]
	}
	d, err := rightsearch.ParseDate(s)
	if err != nil {
		return rightsearch.Date{}
	}
	return d
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
