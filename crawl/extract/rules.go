package extract

import (
	"regexp"
	"strings"
)

// Boilerplate rules kept because they raised precision on the comparison
// corpus's real pages without costing a wanted snippet (corpus_eval_test.go);
// every class pattern, CMS container and site rule tried besides these
// lowered the F-score there and was removed.

// pruneSelector names blocks go-trafilatura is told to drop before it reads
// the page: figures (photos, captions, credits) and the exact share,
// related-posts and newsletter boxes of common CMS plugins. Substring class
// matches ([class*=share], [class*=related]) cost recall and are not used.
const pruneSelector = "figure, .sharedaddy, .jp-relatedposts, .related-posts, .related-articles, " +
	".social-share, .share-buttons, .newsletter"

// tailHeading matches a short paragraph, trailing punctuation aside, that
// opens the "related reading" or "more from us" list editors put after an
// article.
var tailHeading = regexp.MustCompile(`(?i)^(read more|read also|see also|related( articles| stories| posts| content)?|` +
	`more (stories|from|on this)|you (may|might) also like|recommended( for you)?|most (read|popular)|trending|` +
	`sign up|subscribe|newsletter|share this( article| story)?|tags?|topics|neueste artikel|weitere themen|` +
	`mehr zum thema|das könnte sie auch interessieren|lesen sie auch.*|weitere informationen|kontakt|` +
	`videos zum thema|beiträge aus dem forum|zum weiterlesen|le puede interesar|temas|más sobre .*|` +
	`à lire aussi|lust auf mehr|quellen?|quellenangaben)$`)

// trimTail cuts the text at such a heading when it comes in the last third
// of the text: what follows is a list of other pages.
func trimTail(t string) string {
	paras := strings.Split(t, "\n\n")
	pos := 0
	for i, p := range paras {
		head := strings.TrimRight(strings.TrimSpace(p), ":：!?.…»›> -")
		if i > 0 && pos*3 > len(t)*2 && len(p) < 60 && tailHeading.MatchString(head) {
			return strings.TrimSpace(strings.Join(paras[:i], "\n\n"))
		}
		pos += len(p) + 2
	}
	return t
}
