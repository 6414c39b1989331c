package rightsearch

// IndicatorPage is everything known of one indicator: the documents that
// mention it (fanged or defanged) and the published lists that carry it,
// with what each list says of it. /api/indicators/{value} answers it.
type IndicatorPage struct {
	Value string `json:"value"` // normalised as the tagger writes indicators
	Type  string `json:"type,omitempty"`
	// Reports are the documents mentioning the value, newest first; the
	// lists' own documents are under Lists, not here.
	Reports []TimelineEntry `json:"reports"`
	Lists   []ListEntry     `json:"lists"`
}

// ListEntry is one published list's entry for an indicator.
type ListEntry struct {
	List  ListRef   `json:"list"`
	Entry Indicator `json:"entry"` // its type, campaign, malware, date, report
}

// ListRef names a stored IndicatorList without its indicators.
type ListRef struct {
	ID        string `json:"id"` // also the id of the list's own document
	Name      string `json:"name"`
	Format    string `json:"format"`
	Source    string `json:"source"`
	Published Date   `json:"published,omitzero"`
	Report    string `json:"report,omitempty"`
	Count     int    `json:"indicators"` // how many indicators the list has
}

// ListMatch is a published list and its entries for some of a document's
// indicators, for the document's page.
type ListMatch struct {
	List    ListRef     `json:"list"`
	Entries []Indicator `json:"entries"`
}

// Ref is the list without its indicators.
func (l *IndicatorList) Ref() ListRef {
	return ListRef{ID: l.ID, Name: l.Name, Format: l.Format, Source: l.Source,
		Published: l.Published, Report: l.Report, Count: len(l.Indicators)}
}
