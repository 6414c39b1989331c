package indexer

import (
	"log/slog"
	"strings"
	"sync"

	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/indexer/entity"
	"github.com/rightsearch/rightsearch/indexer/langid"
	"github.com/rightsearch/rightsearch/seeds"
)

// Tagger fills a Document's derived fields (named targets, countries,
// spyware, indicators, language) from its text, keeping the facts it
// already has, and resolves any spelling of a target to its record.
type Tagger interface {
	Apply(d *rightsearch.Document)
	Target(nameOrAlias string) (rightsearch.Target, bool)
	Targets() []rightsearch.Target
}

// NameTagger is a Tagger that knows how the targets' names are spelt:
// search asks it for the other spellings of a name's word (AliasWords),
// of a whole name (AliasPhrases), and for the surname a misspelt word
// stands for (Correct). See entity.Tagger for what each answers.
type NameTagger interface {
	Tagger
	AliasWords(word string) []string
	AliasPhrases(phrase string) []string
	Correct(word string) (string, bool)
}

var _ NameTagger = entityTagger{}

// NewTagger is the default Tagger: the entity gazetteers with the given
// targets, and language detection for documents that do not say theirs.
func NewTagger(targets []rightsearch.Target) (Tagger, error) {
	t, err := entity.New(targets)
	if err != nil {
		return nil, err
	}
	return entityTagger{t}, nil
}

type entityTagger struct{ *entity.Tagger }

func (t entityTagger) Apply(d *rightsearch.Document) {
	t.Tagger.Apply(d)
	if d.Language == "" {
		d.Language = langid.Detect(d.Title + "\n" + d.Summary + "\n" + langid.Sample(d.Body))
	}
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

var (
	defaultOnce sync.Once
	defaultTag  Tagger
)

// defaultTagger builds NewTagger(catalog targets) once per process; the
// gazetteers are read-only and safe to share.
func defaultTagger() Tagger {
	defaultOnce.Do(func() {
		t, err := NewTagger(seeds.MustLoad().Targets)
		if err != nil {
			// The gazetteers are embedded and tested; fall back rather than fail.
			slog.Error("entity tagger unavailable; tagging disabled", "err", err)
			defaultTag = newRegistryTagger(seeds.MustLoad().Targets)
			return
		}
		defaultTag = t
	})
	return defaultTag
}
