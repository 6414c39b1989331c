package rightsearch

// IndicatorList is a published list of indicators of compromise (a STIX 2.1
// bundle, a MISP event or CSV export, an mvt-indicators collection, a typed
// list of domains or hashes), as `rightsearch add` and `rightsearch
// indicators import` keep it.
type IndicatorList struct {
	ID        string `json:"id"`     // stable across re-imports of the same list
	Name      string `json:"name"`   // the list's own name, or its file name
	Format    string `json:"format"` // stix, misp-csv, misp-json, mvt-yaml, text
	Source    string `json:"source"` // the path or URL it was read from
	SHA256    string `json:"sha256"`
	Published Date   `json:"published,omitzero"`
	// Report is the URL or document id of the report the list comes with,
	// when the list names one.
	Report     string      `json:"report,omitempty"`
	Indicators []Indicator `json:"indicators"`
}

// Indicator is one entry of an IndicatorList.
type Indicator struct {
	Value    string `json:"value"` // fanged and normalised as the tagger writes indicators
	Type     string `json:"type"`  // domain, ip, url, email, sha256, sha1, md5, process, file
	Campaign string `json:"campaign,omitempty"`
	Malware  string `json:"malware,omitempty"`
	Date     Date   `json:"date,omitzero"`
	Report   string `json:"report,omitempty"`
	Comment  string `json:"comment,omitempty"`
}
