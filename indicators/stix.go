package indicators

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	rightsearch "github.com/rightsearch/rightsearch"
)

// stixObject holds the fields of the STIX 2.1 objects a list uses:
// indicators, malware, campaigns, intrusion sets, identities, reports and
// relationships.
type stixObject struct {
	Type         string   `json:"type"`
	ID           string   `json:"id"`
	Name         string   `json:"name"`
	Description  string   `json:"description"`
	Pattern      string   `json:"pattern"`
	PatternType  string   `json:"pattern_type"`
	ValidFrom    string   `json:"valid_from"`
	Created      string   `json:"created"`
	Published    string   `json:"published"`
	CreatedBy    string   `json:"created_by_ref"`
	RelType      string   `json:"relationship_type"`
	SourceRef    string   `json:"source_ref"`
	TargetRef    string   `json:"target_ref"`
	ObjectRefs   []string `json:"object_refs"`
	ExternalRefs []struct {
		SourceName string `json:"source_name"`
		URL        string `json:"url"`
	} `json:"external_references"`
}

type stixBundleJSON struct {
	Type    string       `json:"type"`
	ID      string       `json:"id"`
	Objects []stixObject `json:"objects"`
}

// stixGraph is a bundle's objects by id and what its relationships and
// reports say of each indicator.
type stixGraph struct {
	byID     map[string]*stixObject
	indicate map[string][]string // indicator id → ids it indicates
	reportOf map[string]*stixObject
	reports  []*stixObject
	ofType   map[string][]*stixObject
}

func parseSTIX(body []byte) (Parsed, error) {
	var b stixBundleJSON
	if err := json.Unmarshal(body, &b); err != nil {
		return Parsed{}, fmt.Errorf("STIX bundle: %w", err)
	}
	if b.Type != "bundle" {
		return Parsed{}, fmt.Errorf("STIX: top-level type is %q, not bundle", b.Type)
	}
	g := newGraph(b.Objects)
	p := Parsed{List: rightsearch.IndicatorList{ID: b.ID, Format: FormatSTIX}}
	if len(g.reports) > 0 {
		r := g.reports[0]
		p.List.Name, p.List.Report, p.List.Published = r.Name, reportRef(r), dateOf(r.Published)
	}
	for _, o := range g.ofType["indicator"] {
		ins, err := g.indicators(o)
		if err != nil {
			p.Skipped = append(p.Skipped, fmt.Sprintf("%s: %v", o.ID, err))
			continue
		}
		p.List.Indicators = append(p.List.Indicators, ins...)
	}
	p.Publisher = g.publisher()
	return p, nil
}

func newGraph(objs []stixObject) *stixGraph {
	g := &stixGraph{byID: map[string]*stixObject{}, indicate: map[string][]string{},
		reportOf: map[string]*stixObject{}, ofType: map[string][]*stixObject{}}
	for i := range objs {
		o := &objs[i]
		g.byID[o.ID] = o
		g.ofType[o.Type] = append(g.ofType[o.Type], o)
		switch o.Type {
		case "relationship":
			if o.RelType == "indicates" {
				g.indicate[o.SourceRef] = append(g.indicate[o.SourceRef], o.TargetRef)
			}
		case "report":
			g.reports = append(g.reports, o)
			for _, ref := range o.ObjectRefs {
				if g.reportOf[ref] == nil {
					g.reportOf[ref] = o
				}
			}
		}
	}
	return g
}

// indicators reads one indicator object: each comparison of its pattern
// is a value, with the malware and campaign it indicates (by
// relationship, else the bundle's only one), its date and its report.
func (g *stixGraph) indicators(o *stixObject) ([]rightsearch.Indicator, error) {
	if o.PatternType != "" && o.PatternType != "stix" {
		return nil, fmt.Errorf("pattern type %q is not read", o.PatternType)
	}
	base := rightsearch.Indicator{Date: dateOf(firstNonEmpty(o.ValidFrom, o.Created)),
		Comment: firstNonEmpty(o.Name, o.Description)}
	for _, ref := range g.indicate[o.ID] {
		t := g.byID[ref]
		if t == nil {
			continue
		}
		switch t.Type {
		case "malware", "tool":
			base.Malware = firstNonEmpty(base.Malware, t.Name)
		case "campaign", "intrusion-set", "threat-actor":
			base.Campaign = firstNonEmpty(base.Campaign, t.Name)
		}
	}
	if base.Malware == "" {
		base.Malware = g.only("malware")
	}
	if base.Campaign == "" {
		base.Campaign = g.only("campaign")
	}
	if r := g.reportOf[o.ID]; r != nil {
		base.Report = reportRef(r)
	} else if len(g.reports) == 1 {
		base.Report = reportRef(g.reports[0])
	}
	comps := stixComparison.FindAllStringSubmatch(o.Pattern, -1)
	if len(comps) == 0 {
		return nil, fmt.Errorf("pattern %q has no comparison this package reads", o.Pattern)
	}
	var out []rightsearch.Indicator
	var bad []string
	for _, c := range comps {
		typ, known := stixTypeOf(c[1], c[2])
		if !known {
			bad = append(bad, c[1]+":"+c[2])
			continue
		}
		raw := strings.NewReplacer(`\'`, `'`, `\\`, `\`).Replace(c[3])
		v, t, ok := normalize(raw, typ)
		if !ok {
			bad = append(bad, fmt.Sprintf("%q is not a %s", raw, typ))
			continue
		}
		in := base
		in.Value, in.Type = v, t
		out = append(out, in)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("nothing read from %s", strings.Join(bad, ", "))
	}
	return out, nil
}

// only is the name of the bundle's one object of type typ, or "".
func (g *stixGraph) only(typ string) string {
	if objs := g.ofType[typ]; len(objs) == 1 {
		return objs[0].Name
	}
	return ""
}

// publisher is the identity that created the report or the indicators,
// else the bundle's only identity.
func (g *stixGraph) publisher() string {
	refs := []string{}
	for _, r := range g.reports {
		refs = append(refs, r.CreatedBy)
	}
	for _, o := range g.ofType["indicator"] {
		refs = append(refs, o.CreatedBy)
	}
	for _, ref := range refs {
		if id := g.byID[ref]; id != nil && id.Type == "identity" && id.Name != "" {
			return id.Name
		}
	}
	return g.only("identity")
}

// reportRef is a report's URL (its first external reference with one),
// else its name.
func reportRef(r *stixObject) string {
	for _, e := range r.ExternalRefs {
		if e.URL != "" {
			return e.URL
		}
	}
	return r.Name
}

// stixComparison is one comparison of a STIX pattern:
// [domain-name:value = 'x'], [file:hashes.'SHA-256' = 'x'].
var stixComparison = regexp.MustCompile(`([a-z0-9-]+):([A-Za-z0-9_.'-]+)\s*=\s*'((?:[^'\\]|\\.)*)'`)

// stixTypeOf maps an object path of a pattern to an indicator type.
func stixTypeOf(object, prop string) (string, bool) {
	prop = strings.ToLower(strings.ReplaceAll(prop, "'", ""))
	switch object {
	case "domain-name":
		return TypeDomain, prop == "value"
	case "url":
		return TypeURL, prop == "value"
	case "ipv4-addr", "ipv6-addr":
		return TypeIP, prop == "value"
	case "email-addr":
		return TypeEmail, prop == "value"
	case "email-message":
		return TypeEmail, strings.HasSuffix(prop, "_ref.value")
	case "process":
		return TypeProcess, prop == "name"
	case "app":
		return TypeApp, prop == "id"
	case "file":
		switch {
		case strings.HasPrefix(prop, "hashes."):
			return "", true // the digest says its own type
		case prop == "name", prop == "path":
			return TypeFile, true
		}
	}
	return "", false
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}
