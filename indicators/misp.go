package indicators

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	rightsearch "github.com/rightsearch/rightsearch"
)

type mispAttribute struct {
	Type      string `json:"type"`
	Category  string `json:"category"`
	Value     string `json:"value"`
	Comment   string `json:"comment"`
	Deleted   bool   `json:"deleted"`
	FirstSeen string `json:"first_seen"`
}

type mispTag struct {
	Name string `json:"name"`
}

type mispEventJSON struct {
	UUID      string                `json:"uuid"`
	Info      string                `json:"info"`
	Date      string                `json:"date"`
	Orgc      struct{ Name string } `json:"Orgc"`
	Org       struct{ Name string } `json:"Org"`
	Attribute []mispAttribute       `json:"Attribute"`
	Object    []struct {
		Name      string          `json:"name"`
		Attribute []mispAttribute `json:"Attribute"`
	} `json:"Object"`
	Tag    []mispTag `json:"Tag"`
	Galaxy []struct {
		Type          string `json:"type"`
		GalaxyCluster []struct {
			Value string `json:"value"`
		} `json:"GalaxyCluster"`
	} `json:"Galaxy"`
}

// mispEvents reads the shapes MISP exports an event in: {"Event": …},
// {"response": [{"Event": …}]} and [{"Event": …}].
func mispEvents(body []byte) ([]mispEventJSON, error) {
	type wrapped struct {
		Event *mispEventJSON `json:"Event"`
	}
	var one struct {
		wrapped
		Response []wrapped `json:"response"`
	}
	var list []wrapped
	if err := json.Unmarshal(body, &one); err != nil {
		if err2 := json.Unmarshal(body, &list); err2 != nil {
			return nil, fmt.Errorf("MISP JSON: %w", err)
		}
	}
	list = append(append([]wrapped{one.wrapped}, one.Response...), list...)
	var out []mispEventJSON
	for _, w := range list {
		if w.Event != nil {
			out = append(out, *w.Event)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("MISP JSON: no Event")
	}
	return out, nil
}

// parseMISPJSON reads MISP events: the event's info is the campaign of
// its attributes, its date their date, its creator the publisher, a
// link attribute the report; malware comes from galaxy clusters and tags.
func parseMISPJSON(body []byte) (Parsed, error) {
	evs, err := mispEvents(body)
	if err != nil {
		return Parsed{}, err
	}
	p := Parsed{List: rightsearch.IndicatorList{Format: FormatMISPJSON}}
	for i, ev := range evs {
		if i == 0 {
			if ev.UUID != "" {
				p.List.ID = "misp-" + ev.UUID
			}
			p.List.Name, p.List.Published = ev.Info, dateOf(ev.Date)
			p.Publisher = firstNonEmpty(orgName(ev.Orgc.Name), orgName(ev.Org.Name), sourceTag(ev.Tag))
		}
		attrs := ev.Attribute
		for _, o := range ev.Object {
			attrs = append(attrs, o.Attribute...)
		}
		report := ""
		for _, a := range attrs {
			if a.Type == "link" && !a.Deleted {
				report = firstNonEmpty(report, a.Value)
			}
		}
		if i == 0 {
			p.List.Report = report
		}
		base := rightsearch.Indicator{Campaign: ev.Info, Malware: mispMalware(ev), Date: dateOf(ev.Date), Report: report}
		for _, a := range attrs {
			if a.Deleted || a.Type == "link" {
				continue
			}
			ins, why := mispValues(a.Type, a.Value)
			if why != "" {
				p.Skipped = append(p.Skipped, why)
			}
			for _, in := range ins {
				m := base
				m.Value, m.Type, m.Comment = in.Value, in.Type, firstNonEmpty(a.Comment, in.Comment)
				if d := dateOf(a.FirstSeen); !d.IsZero() {
					m.Date = d
				}
				p.List.Indicators = append(p.List.Indicators, m)
			}
		}
	}
	return p, nil
}

// mispMalware is the event's malware: a malware galaxy's cluster, else a
// misp-galaxy tag's value.
func mispMalware(ev mispEventJSON) string {
	for _, g := range ev.Galaxy {
		if strings.Contains(g.Type, "malware") || g.Type == "malpedia" || g.Type == "tool" || g.Type == "android" {
			for _, c := range g.GalaxyCluster {
				if c.Value != "" {
					return c.Value
				}
			}
		}
	}
	for _, t := range ev.Tag {
		if k, v, ok := strings.Cut(t.Name, "="); ok && strings.HasPrefix(k, "misp-galaxy:") &&
			(strings.Contains(k, "malware") || strings.Contains(k, "malpedia") || strings.Contains(k, "tool")) {
			return strings.Trim(v, `"`)
		}
	}
	return ""
}

// orgName spells the organisations whose MISP names are handles, and
// drops the names a MISP instance has by default ("MAIN", "ORGNAME").
func orgName(s string) string {
	switch strings.ToLower(strings.ReplaceAll(s, " ", "")) {
	case "citizenlab":
		return "Citizen Lab"
	case "amnesty", "amnestyinternational", "amnestytech":
		return "Amnesty International"
	case "main", "orgname", "admin", "":
		return ""
	}
	return s
}

// sourceTag is the organisation a SOURCE:NAME tag names.
func sourceTag(tags []mispTag) string {
	for _, t := range tags {
		if k, v, ok := strings.Cut(t.Name, ":"); ok && strings.EqualFold(k, "source") {
			return orgName(v)
		}
	}
	return ""
}

// mispTypes maps MISP attribute types to indicator types; a composite
// type (filename|sha256, domain|ip, ip-dst|port) maps each part ("" drops it).
var mispTypes = map[string][]string{
	"domain": {TypeDomain}, "hostname": {TypeDomain},
	"ip-src": {TypeIP}, "ip-dst": {TypeIP}, "ip-src|port": {TypeIP, ""}, "ip-dst|port": {TypeIP, ""},
	"domain|ip": {TypeDomain, TypeIP}, "hostname|port": {TypeDomain, ""},
	"url": {TypeURL}, "uri": {TypeURL},
	"email": {TypeEmail}, "email-src": {TypeEmail}, "email-dst": {TypeEmail}, "email-reply-to": {TypeEmail},
	"whois-registrant-email": {TypeEmail},
	"md5":                    {TypeMD5}, "sha1": {TypeSHA1}, "sha256": {TypeSHA256},
	"filename": {TypeFile}, "filename|md5": {TypeFile, TypeMD5}, "filename|sha1": {TypeFile, TypeSHA1},
	"filename|sha256": {TypeFile, TypeSHA256},
}

// mispValues reads one attribute; why says what was skipped.
func mispValues(typ, value string) ([]rightsearch.Indicator, string) {
	types, known := mispTypes[typ]
	if !known {
		return nil, fmt.Sprintf("MISP type %s (%.60q) is not an indicator this package reads", typ, value)
	}
	parts := []string{value}
	if len(types) > 1 {
		parts = strings.SplitN(value, "|", len(types))
	}
	var out []rightsearch.Indicator
	for i, t := range types {
		if t == "" || i >= len(parts) {
			continue
		}
		v, got, ok := normalize(parts[i], t)
		if !ok {
			return out, fmt.Sprintf("%q is not a %s", parts[i], t)
		}
		out = append(out, rightsearch.Indicator{Value: v, Type: got})
	}
	return out, ""
}

// mispCSVHeader recognises MISP's CSV export header.
func mispCSVHeader(head []byte) bool {
	line, _, _ := bytes.Cut(head, []byte("\n"))
	l := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(string(line)), " ", ""))
	return strings.HasPrefix(l, "uuid,event_id,category,type,value")
}

// parseMISPCSV reads MISP's CSV export; it names no event, so the list
// has no campaign of its own and its id comes from its path.
func parseMISPCSV(body []byte) (Parsed, error) {
	r := csv.NewReader(bytes.NewReader(body))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return Parsed{}, fmt.Errorf("MISP CSV: %w", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(h)] = i
	}
	get := func(rec []string, name string) string {
		if i, ok := col[name]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	p := Parsed{List: rightsearch.IndicatorList{Format: FormatMISPCSV}}
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			p.Skipped = append(p.Skipped, fmt.Sprintf("line %d: %v", line, err))
			continue
		}
		typ, value := get(rec, "type"), get(rec, "value")
		if typ == "link" {
			p.List.Report = firstNonEmpty(p.List.Report, value)
			continue
		}
		ins, why := mispValues(typ, value)
		if why != "" {
			p.Skipped = append(p.Skipped, fmt.Sprintf("line %d: %s", line, why))
		}
		for _, in := range ins {
			in.Comment, in.Date = get(rec, "comment"), dateOf(get(rec, "date"))
			p.List.Indicators = append(p.List.Indicators, in)
		}
	}
	for i := range p.List.Indicators {
		p.List.Indicators[i].Report = p.List.Report
	}
	return p, nil
}
