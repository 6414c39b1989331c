package bench

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/rightsearch/rightsearch/indexer"
)

// RawMapping is the raw-Bleve yardstick's mapping: the product's
// analyzers and fields, so that the comparison measures the engine rather
// than a different analysis, plus doc values on the facets field, which
// Bleve's own term facet reads and the product (counting from the term
// dictionary) does not store.
func RawMapping() (mapping.IndexMapping, error) {
	m, err := indexer.NewMapping()
	if err != nil {
		return nil, err
	}
	im, ok := m.(*mapping.IndexMappingImpl)
	if !ok {
		return nil, fmt.Errorf("raw mapping: unexpected %T", m)
	}
	docValues := func(dm *mapping.DocumentMapping) {
		if dm == nil {
			return
		}
		if p := dm.Properties[indexer.FieldFacets]; p != nil {
			for _, f := range p.Fields {
				f.DocValues = true
			}
		}
	}
	docValues(im.DefaultMapping)
	for _, dm := range im.TypeMapping {
		docValues(dm)
	}
	return im, nil
}
