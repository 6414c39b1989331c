package entity

import (
	"bufio"
	"net/netip"
	"net/url"
	"slices"
	"strings"
)

// tlds is the set of real top-level domains (data/tlds.txt), so that
// report.pdf or e.g. is not taken for a domain.
var tlds = loadTLDs()

func loadTLDs() map[string]bool {
	f, err := dataFS.Open("data/tlds.txt")
	if err != nil {
		panic(err) // embedded; the tests catch a missing file
	}
	defer f.Close()
	m := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			m[l] = true
		}
	}
	return m
}

// fileExtTLDs are real TLDs that are far more often a file extension
// (archive.zip, readme.md, run.sh): a bare name.ext with one of them is a
// file name. With a subdomain or in a URL it is a domain.
var fileExtTLDs = set(`zip mov md sh py rs pl pm ps so`)

// packagePrefixes start reverse-DNS package names (com.example.app),
// which read like domains with a real TLD at the end.
var packagePrefixes = set(`com org net edu gov io`)

// versionWords before a dotted quad make it a version, not an address:
// "version 1.2.3.4", "iOS 10.3.1.2", "build 4.1.0.12".
var versionWords = set(`version versions ver v build release ios android firmware update chrome windows macos os version versiones`)

// NormalizeIndicator refangs s and returns its canonical form (lower-case
// domain, e-mail, hash; compressed IPv6; URL with lower-case scheme and
// host) and ok=true, or ok=false when s is not a URL, domain, IP address,
// e-mail address or MD5/SHA-1/SHA-256 hash.
func NormalizeIndicator(s string) (string, bool) {
	s = strings.TrimLeft(strings.TrimSpace(Refang(strings.TrimSpace(s))), `([{'"‘“«`)
	if s == "" || strings.ContainsAny(s, " \t\n") {
		return "", false
	}
	if strings.Contains(s, "://") {
		// A URL keeps a closing parenthesis it opened (Pegasus_(spyware)).
		u, _, ok := normalizeURL(trimURLTail(s))
		return u, ok
	}
	// An IPv6 address may end in "::", which trimPunct would cut.
	if ip, ok := normalizeIP(strings.TrimRight(s, `.,;!?)]}'"’”»…`)); ok {
		return ip, true
	}
	s = trimPunct(s)
	if strings.Contains(s, "@") {
		return normalizeEmail(s)
	}
	if ip, ok := normalizeIP(s); ok {
		return ip, true
	}
	if h, ok := normalizeHash(s); ok {
		return h, true
	}
	return normalizeDomain(s, false)
}

// findIndicators returns the canonical indicators in text (already
// refanged), sorted, and the byte spans of URLs, e-mails and domains,
// whose words are not entity mentions.
func findIndicators(text string) ([]string, [][2]int) {
	var found []string
	var spans [][2]int
	for start := 0; start < len(text); {
		end, marks := start, false
		for end < len(text) && !isChunkBreak(text[end]) {
			if c := text[end]; c == '.' || c == ':' || c == '@' {
				marks = true
			}
			end++
		}
		if marks || end-start >= 32 {
			found, spans = chunkIndicators(text, start, end, found, spans)
		}
		start = end + 1
	}
	slices.Sort(found)
	return slices.Compact(found), spans
}

func isChunkBreak(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '\f', '\v', '"', '<', '>':
		return true
	}
	return false
}

// chunkIndicators classifies one whitespace-delimited chunk at
// text[start:end].
func chunkIndicators(text string, start, end int, found []string, spans [][2]int) ([]string, [][2]int) {
	chunk := text[start:end]
	if i := strings.Index(chunk, "://"); i > 0 {
		s := i
		for s > 0 && isSchemeByte(chunk[s-1]) {
			s--
		}
		raw := trimURLTail(chunk[s:])
		if u, host, ok := normalizeURL(raw); ok {
			found = append(found, u, host)
			spans = append(spans, [2]int{start + s, start + s + len(raw)})
			return found, spans
		}
	}
	for off := 0; off < len(chunk); {
		n := strings.IndexAny(chunk[off:], ",;()[]{}'|!*")
		if n < 0 {
			n = len(chunk) - off
		}
		piece, at := chunk[off:off+n], start+off
		if v, lead, size, ok := pieceIndicator(text, piece, at); ok {
			found = append(found, v)
			spans = append(spans, [2]int{at + lead, at + lead + size})
		}
		off += n + 1
	}
	return found, spans
}

// pieceIndicator classifies a piece of a chunk between separators; lead
// and size give where the indicator lies in it.
func pieceIndicator(text, piece string, at int) (v string, lead, size int, ok bool) {
	trimmed := trimPunct(piece)
	if len(trimmed) < 32 && !strings.ContainsAny(trimmed, ".:@") {
		return "", 0, 0, false // a word with a full stop after it
	}
	lead = strings.Index(piece, trimmed)
	if strings.Contains(trimmed, "@") {
		v, ok = normalizeEmail(trimmed)
		return v, lead, len(trimmed), ok
	}
	if strings.Count(trimmed, ":") >= 2 {
		if v, ok = normalizeIP(trimmed); ok {
			return v, lead, len(trimmed), true
		}
	}
	// host:port, md5:HASH, sha256=HASH, example.com/path: the path is not
	// part of a host, the other parts may each be the indicator.
	host, _, _ := strings.Cut(trimmed, "/")
	for _, part := range strings.FieldsFunc(host, func(r rune) bool { return r == ':' || r == '=' }) {
		p := trimPunct(part)
		if p == "" {
			continue
		}
		plead := lead + strings.Index(trimmed, p)
		if v, ok = normalizeHash(p); ok {
			return v, plead, len(p), true
		}
		if ip, err := netip.ParseAddr(p); err == nil && ip.Is4() {
			if versionBefore(text, at+plead) {
				return "", 0, 0, false
			}
			return ip.String(), plead, len(p), true
		}
		if v, ok = normalizeDomain(p, true); ok {
			return v, plead, len(p), true
		}
	}
	return "", 0, 0, false
}

// versionBefore reports a version word right before offset i.
func versionBefore(text string, i int) bool {
	j := i
	for j > 0 && (text[j-1] == ' ' || text[j-1] == '\t') {
		j--
	}
	k := j
	for k > 0 && isASCIIAlnum(text[k-1]) {
		k--
	}
	return k < j && versionWords[strings.ToLower(text[k:j])]
}

func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isSchemeByte(c byte) bool {
	return isASCIIAlnum(c) || c == '+' || c == '.' || c == '-'
}

// trimPunct drops sentence punctuation around an indicator.
func trimPunct(s string) string {
	s = strings.TrimLeft(s, `([{'"‘“«`)
	return strings.TrimRight(s, `.,;:!?)]}'"’”»…`)
}

// trimURLTail drops trailing punctuation from a URL, keeping a closing
// parenthesis that the URL itself opened (wiki/Pegasus_(spyware)).
func trimURLTail(s string) string {
	for s != "" {
		last := s[len(s)-1]
		switch {
		case strings.IndexByte(`.,;:!?'"]}`, last) >= 0:
			s = s[:len(s)-1]
		case last == ')' && strings.Count(s, "(") < strings.Count(s, ")"):
			s = s[:len(s)-1]
		default:
			return s
		}
	}
	return s
}

var urlSchemes = set(`http https ftp ftps sftp ws wss`)

// normalizeURL returns the URL with lower-case scheme and host, and its
// host (domain or IP) as a separate indicator.
func normalizeURL(raw string) (u, host string, ok bool) {
	// url.URL.String drops an empty fragment ("…/x!#" → "…/x!"), which can
	// leave punctuation a second pass would trim: repeat until stable, so
	// that normalizing a normalized URL changes nothing.
	for range 4 {
		u, host, ok = normalizeURLOnce(raw)
		if !ok {
			return "", "", false
		}
		next := trimURLTail(u)
		if next == u {
			return u, host, true
		}
		raw = next
	}
	return u, host, ok
}

func normalizeURLOnce(raw string) (u, host string, ok bool) {
	p, err := url.Parse(raw)
	if err != nil || !urlSchemes[strings.ToLower(p.Scheme)] || p.Host == "" {
		return "", "", false
	}
	h := p.Hostname()
	if ip, err := netip.ParseAddr(h); err == nil {
		host = ip.String()
	} else if host, ok = normalizeDomain(h, false); !ok {
		return "", "", false
	}
	p.Scheme = strings.ToLower(p.Scheme)
	p.Host = strings.ToLower(p.Host)
	return p.String(), host, true
}

func normalizeEmail(s string) (string, bool) {
	local, domain, found := strings.Cut(s, "@")
	if !found || local == "" || len(local) > 64 || strings.Contains(domain, "@") {
		return "", false
	}
	for i := 0; i < len(local); i++ {
		if c := local[i]; !isASCIIAlnum(c) && strings.IndexByte("._%+-", c) < 0 {
			return "", false
		}
	}
	if local[0] == '.' || local[len(local)-1] == '.' {
		return "", false
	}
	d, ok := normalizeDomain(domain, false)
	if !ok {
		return "", false
	}
	return strings.ToLower(local) + "@" + d, true
}

// normalizeIP accepts IPv4 and IPv6 addresses; IPv4 must be dotted-quad
// decimal without leading zeros (netip's rule).
func normalizeIP(s string) (string, bool) {
	ip, err := netip.ParseAddr(strings.Trim(s, "[]"))
	if err != nil || ip.Zone() != "" {
		return "", false
	}
	return ip.String(), true
}

// normalizeHash accepts MD5, SHA-1 and SHA-256 hex digests. A digest has
// both digits and letters; a 32-digit number is not one.
func normalizeHash(s string) (string, bool) {
	switch len(s) {
	case 32, 40, 64:
	default:
		return "", false
	}
	digits, letters := false, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9':
			digits = true
		case 'a' <= c && c <= 'f', 'A' <= c && c <= 'F':
			letters = true
		default:
			return "", false
		}
	}
	if !digits || !letters {
		return "", false
	}
	return strings.ToLower(s), true
}

// normalizeDomain checks a host name against the TLD list and label rules.
// In prose (strict) it also refuses what is more likely a sentence run
// together ("phone.It"), an abbreviation, or a file name (notes.md).
func normalizeDomain(s string, strict bool) (string, bool) {
	s = strings.TrimSuffix(s, ".")
	if len(s) > 253 || !strings.Contains(s, ".") {
		return "", false
	}
	labels := strings.Split(s, ".")
	for _, l := range labels {
		if !validLabel(l) {
			return "", false
		}
	}
	tld := labels[len(labels)-1]
	lower := strings.ToLower(s)
	ltld := strings.ToLower(tld)
	if !tlds[ltld] || isDigits(ltld) {
		return "", false
	}
	if strict {
		if tld != ltld && s != strings.ToUpper(s) {
			return "", false // "phone.It", "Canada.The": only ALL CAPS may have a capital TLD
		}
		if len(labels) == 2 && fileExtTLDs[ltld] {
			return "", false
		}
		if len(labels) >= 3 && packagePrefixes[strings.ToLower(labels[0])] {
			return "", false // com.network.android: a Java/Android package name
		}
	}
	return lower, true
}

func validLabel(l string) bool {
	if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
		return false
	}
	for i := 0; i < len(l); i++ {
		if c := l[i]; !isASCIIAlnum(c) && c != '-' {
			return false
		}
	}
	return true
}
