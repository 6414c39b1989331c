package indexer

import (
	rightsearch "github.com/rightsearch/rightsearch"
	"github.com/rightsearch/rightsearch/indexer/entity"
	"github.com/rightsearch/rightsearch/indexer/langid"
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
