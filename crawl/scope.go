package crawl

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/net/publicsuffix"
)

// Scope says which discovered URLs (links, sitemap entries, redirect
// targets) a crawl with Depth > 0 may request, as in Browsertrix and
// Heritrix. A URL is in scope when it is in the scope of any seed.
type Scope string

const (
	ScopePage   Scope = "page"   // only the seeds themselves: no link is followed
	ScopePrefix Scope = "prefix" // URLs under a seed's URL up to its last "/"
	ScopeHost   Scope = "host"   // URLs on a seed's host and port (http or https)
	ScopeDomain Scope = "domain" // URLs on a seed's registered domain, subdomains included
)

// ParseScope reads a --scope value.
func ParseScope(s string) (Scope, error) {
	switch sc := Scope(strings.ToLower(strings.TrimSpace(s))); sc {
	case ScopePage, ScopePrefix, ScopeHost, ScopeDomain:
		return sc, nil
	}
	return "", fmt.Errorf("unknown scope %q (want page, prefix, host or domain)", s)
}

// scope is the decision a crawl applies to every discovered URL: the
// seeds' scope, widened by the include patterns, with the exclude
// patterns winning over both.
type scope struct {
	mode     Scope
	prefixes map[string]bool // host/path-up-to-last-slash, without scheme
	hosts    map[string]bool // canonical host[:port]
	domains  map[string]bool // registered domain (eTLD+1), or the host when it has none
	include  []*regexp.Regexp
	exclude  []*regexp.Regexp
}

// verdict is one scope decision and why, in words for the summary.
type verdict struct {
	in     bool
	reason string
}

// newScope compiles the patterns and notes each seed URL's prefix, host
// and domain.
func newScope(mode Scope, seedURLs, include, exclude []string) (*scope, error) {
	s := &scope{mode: mode, prefixes: map[string]bool{}, hosts: map[string]bool{}, domains: map[string]bool{}}
	for _, raw := range seedURLs {
		u, err := url.Parse(canonical(raw))
		if err != nil || u.Host == "" {
			continue
		}
		s.prefixes[prefixOf(u)] = true
		s.hosts[u.Host] = true
		s.domains[domainOf(u.Hostname())] = true
	}
	var err error
	if s.include, err = compileAll("include", include); err != nil {
		return nil, err
	}
	if s.exclude, err = compileAll("exclude", exclude); err != nil {
		return nil, err
	}
	return s, nil
}

func compileAll(what string, patterns []string) ([]*regexp.Regexp, error) {
	var out []*regexp.Regexp
	for _, p := range patterns {
		re, err := regexp.Compile(p)
		if err != nil {
			return nil, fmt.Errorf("crawl options: --%s %q: %w", what, p, err)
		}
		out = append(out, re)
	}
	return out, nil
}

// decide says whether a canonical URL may be requested. It only looks at
// the URL: robots.txt and the SSRF guard are checked when it is fetched.
func (s *scope) decide(raw string) verdict {
	for _, re := range s.exclude {
		if re.MatchString(raw) {
			return verdict{false, reasonExclude + " " + re.String()}
		}
	}
	for _, re := range s.include {
		if re.MatchString(raw) {
			return verdict{true, "admitted by --include " + re.String()}
		}
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return verdict{false, "not an http(s) URL"}
	}
	in := false
	switch s.mode {
	case ScopePrefix:
		in = s.underPrefix(u)
	case ScopeHost:
		in = s.hosts[u.Host]
	case ScopeDomain:
		in = s.domains[domainOf(u.Hostname())]
	}
	if in {
		return verdict{true, "in scope (" + string(s.mode) + ")"}
	}
	return verdict{false, reasonOffScope + " (" + string(s.mode) + ")"}
}

// excluded is the part of decide that applies to seeds too: an exclude
// pattern wins even over a URL the user named.
func (s *scope) excluded(raw string) (string, bool) {
	for _, re := range s.exclude {
		if re.MatchString(raw) {
			return reasonExclude + " " + re.String(), true
		}
	}
	return "", false
}

// follows reports whether any discovered URL can be in scope at all (page
// scope without --include follows nothing).
func (s *scope) follows() bool {
	return s.mode != ScopePage || len(s.include) > 0
}

func (s *scope) underPrefix(u *url.URL) bool {
	p := u.Host + u.EscapedPath()
	for pre := range s.prefixes {
		if strings.HasPrefix(p, pre) {
			return true
		}
	}
	return false
}

// prefixOf is a seed's host and path up to its last "/", without the
// scheme: https://lab.example/pubs/list.html → lab.example/pubs/.
func prefixOf(u *url.URL) string {
	p := u.EscapedPath()
	return u.Host + p[:strings.LastIndex(p, "/")+1]
}

// domainOf is a host's registered domain (news.lab.example.org →
// example.org); an IP address or a name without a public suffix stands
// for itself.
func domainOf(host string) string {
	host = strings.ToLower(host)
	if d, err := publicsuffix.EffectiveTLDPlusOne(host); err == nil && !strings.Contains(host, ":") && !isIPv4(host) {
		return d
	}
	return host
}

func isIPv4(h string) bool {
	return strings.Trim(h, "0123456789.") == "" && strings.Count(h, ".") == 3
}
