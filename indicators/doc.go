// Package indicators reads published indicator lists for the indexer:
// STIX 2.1 bundles (Amnesty International's, mvt-indicators'), MISP
// events as JSON and as CSV exports (Citizen Lab's), mvt-indicators'
// indicators.yaml collections, and plain typed lists (domains.txt,
// sha256.txt, defanged or not). Each list becomes a
// rightsearch.IndicatorList whose values are normalised as the entity
// tagger writes a document's indicators, so that a list's entry and a
// report's mention meet, and one searchable Document. The Store keeps the
// lists in data/indicators, says what a re-import added and removed, and
// answers which lists carry a value.
package indicators
