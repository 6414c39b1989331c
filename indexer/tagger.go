package indexer

import (
	"strings"

	rightsearch "github.com/rightsearch/rightsearch"
)

// Tagger fills a Document's derived fields (named targets, countries,
// spyware, indicators, language) from its text, keeping the facts it
// already has, and resolves any spelling of a target to its record.
type Tagger interface {
	Apply(d *rightsearch.Document)
	Target(nameOrAlias string) (rightsearch.Target, bool)
	Targets() []rightsearch.Target
}

// registryTagger knows the catalog's targets and tags nothing: the
// fallback when no richer Tagger is given.
type registryTagger struct {
	targets []rightsearch.Target
	byName  map[string]int
}

func newRegistryTagger(targets []rightsearch.Target) *registryTagger {
	r := &registryTagger{targets: targets, byName: map[string]int{}}
	for i, t := range targets {
		r.byName[strings.ToLower(t.Name)] = i
		for _, a := range t.Aliases {
			r.byName[strings.ToLower(a)] = i
		}
	}
	return r
}

func (r *registryTagger) Apply(*rightsearch.Document) {}

func (r *registryTagger) Target(name string) (rightsearch.Target, bool) {
	i, ok := r.byName[strings.ToLower(strings.TrimSpace(name))]
	if !ok {
		return rightsearch.Target{}, false
	}
	return r.targets[i], true
}

func (r *registryTagger) Targets() []rightsearch.Target { return r.targets }
