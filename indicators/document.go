package indicators

import (
	"fmt"
	"slices"
	"strings"

	rightsearch "github.com/rightsearch/rightsearch"
)

// DocType is the document type of a list's own document.
const DocType = "indicator-list"

// Document is the list's searchable document: its id is the list's, its
// indicators every value, its body a readable listing (value, type,
// campaign, malware), so that indicator: and words alike find it.
func Document(p Parsed) rightsearch.Document {
	l := p.List
	d := rightsearch.Document{ID: l.ID, Title: "Indicator list: " + l.Name, Type: DocType,
		Organization: p.Publisher, Published: l.Published}
	var b strings.Builder
	counts := map[string]int{}
	var campaigns, malware []string
	for _, in := range l.Indicators {
		d.Indicators = append(d.Indicators, in.Value)
		counts[in.Type]++
		campaigns = addOnce(campaigns, in.Campaign)
		malware = addOnce(malware, in.Malware)
		b.WriteString(in.Value + " — " + in.Type)
		if in.Campaign != "" {
			b.WriteString(" — campaign: " + in.Campaign)
		}
		if in.Malware != "" {
			b.WriteString(" — malware: " + in.Malware)
		}
		if in.Comment != "" {
			b.WriteString(" — " + in.Comment)
		}
		b.WriteByte('\n')
	}
	d.Body = b.String()
	d.Summary = summary(l, counts, campaigns, malware)
	return d
}

func summary(l rightsearch.IndicatorList, counts map[string]int, campaigns, malware []string) string {
	types := make([]string, 0, len(counts))
	for t := range counts {
		types = append(types, t)
	}
	slices.Sort(types)
	parts := make([]string, len(types))
	for i, t := range types {
		parts[i] = fmt.Sprintf("%d %s", counts[t], t)
	}
	s := fmt.Sprintf("Published indicator list (%s) of %d indicators: %s.", l.Format, len(l.Indicators), strings.Join(parts, ", "))
	if len(campaigns) > 0 {
		s += " Campaign: " + strings.Join(campaigns, "; ") + "."
	}
	if len(malware) > 0 {
		s += " Malware: " + strings.Join(malware, "; ") + "."
	}
	if l.Report != "" {
		s += " Report: " + l.Report + "."
	}
	return s
}

func addOnce(ss []string, s string) []string {
	if s == "" || slices.Contains(ss, s) {
		return ss
	}
	return append(ss, s)
}
