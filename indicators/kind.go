package indicators

import (
	"context"
	"fmt"
	"os"

	"github.com/rightsearch/rightsearch/ingest"
)

// Kind is the published indicator lists as `rightsearch add` reads them.
// It must come before the text and JSON formats, which would take a list
// for a plain text; it matches only what is clearly a list (a STIX
// bundle, a MISP event or export, an indicators.yaml, a file named and
// filled as a typed list).
var Kind = ingest.Kind{
	Name:  "indicator-list",
	Match: func(f ingest.File) bool { return Detect(f.Path, f.Head, false) != "" },
	Read:  readList,
}

// readList emits the list's document with the list.
func readList(_ context.Context, f ingest.File, emit func(ingest.Item) error) error {
	body, err := os.ReadFile(f.Abs)
	if err != nil {
		return fmt.Errorf("read %s: %w", f.Path, err)
	}
	p, err := parseIn(f.Path, f.Abs, body, false)
	if err != nil {
		return err
	}
	l := p.List
	return emit(ingest.Item{Doc: Document(p), Raw: body, RawType: MediaType(l.Format), List: &l})
}

// MediaType is the media type of a list's file in format.
func MediaType(format string) string {
	switch format {
	case FormatSTIX, FormatMISPJSON:
		return "application/json"
	case FormatMISPCSV:
		return "text/csv"
	case FormatMVT:
		return "application/yaml"
	}
	return "text/plain"
}
