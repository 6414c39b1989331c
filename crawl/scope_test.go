package crawl

import "testing"

// The scope decision for every mode, with --include widening and
// --exclude winning, and why in words.
func TestScopeDecide(t *testing.T) {
	seeds := []string{"https://lab.example/pubs/index.html", "http://127.0.0.1:8080/list"}
	tests := []struct {
		mode             Scope
		include, exclude []string
		url              string
		in               bool
		reason           string
	}{
		{ScopeHost, nil, nil, "https://lab.example/p/8831", true, "in scope (host)"},
		{ScopeHost, nil, nil, "http://lab.example/moved", true, "in scope (host)"}, // http or https
		{ScopeHost, nil, nil, "https://news.lab.example/x", false, "off scope (host)"},
		{ScopeHost, nil, nil, "https://lab.example:8443/x", false, "off scope (host)"},
		{ScopeHost, nil, nil, "http://127.0.0.1:8080/p/1", true, "in scope (host)"},
		{ScopeHost, nil, nil, "http://127.0.0.1:9090/p/1", false, "off scope (host)"}, // another port
		{ScopeHost, nil, nil, "mailto:someone@lab.example", false, "not an http(s) URL"},
		{ScopePrefix, nil, nil, "https://lab.example/pubs/2019/a.html", true, "in scope (prefix)"},
		{ScopePrefix, nil, nil, "https://lab.example/pubs/", true, "in scope (prefix)"},
		{ScopePrefix, nil, nil, "https://lab.example/pubs", false, "off scope (prefix)"},
		{ScopePrefix, nil, nil, "https://lab.example/p/8831", false, "off scope (prefix)"},
		{ScopePrefix, nil, nil, "http://127.0.0.1:8080/anything", true, "in scope (prefix)"}, // seed at the root
		{ScopeDomain, nil, nil, "https://news.lab.example/x", true, "in scope (domain)"},
		{ScopeDomain, nil, nil, "https://other.example/x", false, "off scope (domain)"},
		{ScopeDomain, nil, nil, "http://127.0.0.2:8080/x", false, "off scope (domain)"}, // an IP is its own domain
		{ScopePage, nil, nil, "https://lab.example/pubs/2019/a.html", false, "off scope (page)"},
		{ScopePage, []string{`/pubs/20\d\d/`}, nil, "https://lab.example/pubs/2019/a.html", true, "admitted by --include /pubs/20\\d\\d/"},
		{ScopePrefix, []string{`^https://lab\.example/p/`}, nil, "https://lab.example/p/8831", true, "admitted by --include ^https://lab\\.example/p/"},
		{ScopeHost, nil, []string{`/admin/`}, "https://lab.example/admin/export", false, "excluded by --exclude /admin/"},
		{ScopeHost, []string{`/admin/`}, []string{`/admin/`}, "https://lab.example/admin/x", false, "excluded by --exclude /admin/"},
		{ScopeHost, nil, []string{`/admin/`}, "https://lab.example/administration", true, "in scope (host)"},
	}
	for _, tt := range tests {
		t.Run(string(tt.mode)+" "+tt.url, func(t *testing.T) {
			sc, err := newScope(tt.mode, seeds, tt.include, tt.exclude)
			if err != nil {
				t.Fatal(err)
			}
			if v := sc.decide(canonical(tt.url)); v.in != tt.in || v.reason != tt.reason {
				t.Errorf("decide = %v %q, want %v %q", v.in, v.reason, tt.in, tt.reason)
			}
		})
	}
}

func TestScopeOptionsRejected(t *testing.T) {
	for _, o := range []Options{
		{DataDir: "d", Scope: "site"},
		{DataDir: "d", Include: []string{"("}},
		{DataDir: "d", Exclude: []string{"[a-"}},
		{DataDir: "d", MaxPages: -1},
	} {
		if _, err := New(o); err == nil {
			t.Errorf("New(%+v) accepted", o)
		}
	}
}
