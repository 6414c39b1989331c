// Package seeds is the start of the pipeline seeds → crawl → indexer →
// search: the letter and the catalog of what it cites, embedded so that a
// fresh binary can serve them with no data directory. It holds facts and
// our own summaries; it fetches and indexes nothing.
package seeds

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"

	rightsearch "github.com/rightsearch/rightsearch"
)

//go:embed catalog.json
var catalogJSON []byte

//go:embed letter-deibert-jefferies.txt
var letterText string

// LetterID is the id of the seed letter.
const LetterID = "letter-deibert-jefferies"

// Catalog is the embedded body of evidence: the letter, every document it
// cites or that gives context, and the registry of named targets.
type Catalog struct {
	Letter    rightsearch.Document
	Documents []rightsearch.Document // cited and context entries, catalog order
	Targets   []rightsearch.Target
	// Hash identifies this version of the seeds; an index built from other
	// seeds is rebuilt.
	Hash string
}

type rawEntry struct {
	rightsearch.Document
	PDFURL   string `json:"pdf_url"`
	TextFile string `json:"text_file"`
}

type rawCatalog struct {
	Letter    rawEntry             `json:"letter"`
	Documents []rawEntry           `json:"documents"`
	Targets   []rightsearch.Target `json:"targets"`
}

var (
	once    sync.Once
	catalog *Catalog
	loadErr error
)

// Load parses the embedded catalog once. It fails only if the embedded
// files are broken, which the tests catch.
func Load() (*Catalog, error) {
	once.Do(func() { catalog, loadErr = parse(catalogJSON, letterText) })
	return catalog, loadErr
}

// MustLoad is Load for callers that cannot go on without the seeds.
func MustLoad() *Catalog {
	c, err := Load()
	if err != nil {
		panic(err)
	}
	return c
}

func parse(raw []byte, letter string) (*Catalog, error) {
	var rc rawCatalog
	if err := json.Unmarshal(raw, &rc); err != nil {
		return nil, fmt.Errorf("parse catalog: %w", err)
	}
	c := &Catalog{Targets: rc.Targets}
	c.Letter = rc.Letter.Document
	c.Letter.PDFURL = rc.Letter.PDFURL
	c.Letter.Body = strings.TrimSpace(letter)
	c.Letter.Summary = letterSummary
	c.Letter.Relation = ""
	byID := map[string]int{}
	for _, e := range rc.Documents {
		d := e.Document
		d.PDFURL = e.PDFURL
		byID[d.ID] = len(c.Documents)
		c.Documents = append(c.Documents, d)
	}
	for _, id := range c.Letter.Cites {
		i, ok := byID[id]
		if !ok {
			return nil, fmt.Errorf("parse catalog: letter cites unknown id %q", id)
		}
		c.Documents[i].CitedBy = append(c.Documents[i].CitedBy, c.Letter.ID)
	}
	all := append([]rightsearch.Document{c.Letter}, c.Documents...)
	for i := range all {
		all[i].Provenance = &rightsearch.Provenance{Source: rightsearch.SourceSeed}
		if err := all[i].Normalize(); err != nil {
			return nil, fmt.Errorf("parse catalog: %w", err)
		}
	}
	c.Letter, c.Documents = all[0], all[1:]
	for i := range c.Targets {
		if c.Targets[i].Aliases == nil {
			c.Targets[i].Aliases = []string{}
		}
		if c.Targets[i].Countries == nil {
			c.Targets[i].Countries = []string{}
		}
	}
	sum := sha256.Sum256(append(append([]byte{}, raw...), letter...))
	c.Hash = hex.EncodeToString(sum[:])
	return c, nil
}

// All returns the letter followed by every catalog document, as fresh
// copies the caller may change.
func (c *Catalog) All() []rightsearch.Document {
	out := make([]rightsearch.Document, 0, len(c.Documents)+1)
	out = append(out, clone(c.Letter))
	for _, d := range c.Documents {
		out = append(out, clone(d))
	}
	return out
}

// Get returns a copy of the seed document with the given id.
func (c *Catalog) Get(id string) (rightsearch.Document, bool) {
	if id == c.Letter.ID {
		return clone(c.Letter), true
	}
	for _, d := range c.Documents {
		if d.ID == id {
			return clone(d), true
		}
	}
	return rightsearch.Document{}, false
}

func clone(d rightsearch.Document) rightsearch.Document {
	for _, s := range []*[]string{&d.Authors, &d.Targets, &d.Countries, &d.Spyware,
		&d.Indicators, &d.Cites, &d.CitedBy, &d.Uncertain} {
		*s = slices.Clone(*s)
	}
	if d.Provenance != nil {
		p := *d.Provenance
		d.Provenance = &p
	}
	return d
}

// letterSummary is our own one-paragraph account of the letter.
const letterSummary = "Ronald Deibert, director of the Citizen Lab, alerts Jefferies " +
	"Financial Group and lenders weighing a loan for the management buyout of NSO Group " +
	"to the evidence that NSO's Pegasus spyware has been abused against human rights " +
	"defenders, journalists and dissidents — Ahmed Mansoor in the United Arab Emirates, " +
	"24 people in Mexico, Omar Abdulaziz in Canada, an Amnesty International staff member " +
	"and Ghanem al-Masarir in the United Kingdom — and asks how the bank met its human " +
	"rights due-diligence duties."
