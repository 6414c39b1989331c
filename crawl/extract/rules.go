package extract

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// siteRule names, for one publisher, the element that holds a report's
// text and what to cut out of it. Publishers in the catalog get a rule
// because a miss there costs most.
type siteRule struct {
	hosts     []string // host or parent domain
	container []string // tried in order; the first with enough text wins
	drop      string   // removed inside the container, besides the generic junk
}

var siteRules = []siteRule{
	{hosts: []string{"citizenlab.ca"},
		container: []string{"article .entry-content", ".entry-content", "article"},
		drop:      ".sharedaddy, .jp-relatedposts, .post-meta, .entry-meta, .lab-author, .wp-block-buttons"},
	{hosts: []string{"amnesty.org"},
		container: []string{"article .wysiwyg", ".article-content .wysiwyg", "main article", "main"},
		drop:      ".article-share, .relatedContent, .postInfo-container, .topics-container, .download-list"},
	{hosts: []string{"lookout.com", "blog.lookout.com"},
		container: []string{".blog-post-body", ".post-body", "article .rich-text", "article"},
		drop:      ".blog-post-author, .blog-cta, .post-share"},
	{hosts: []string{"r3d.mx"},
		container: []string{"article .entry-content", ".entry-content", "article"},
		drop:      ".addtoany_share_save_container, .sharedaddy, .entry-meta"},
	{hosts: []string{"blogspot.com", "googleblog.com", "security.googleblog.com"},
		container: []string{".post-body", ".post .entry-content", "article"},
		drop:      ".post-footer, .post-share-buttons, .blog-pager"},
}

// genericContainers are the markup conventions of common CMSs (WordPress,
// Drupal, Blogger, schema.org microdata) for the article body.
var genericContainers = []string{
	`[itemprop="articleBody"]`, "article .entry-content", ".entry-content", ".post-body",
	".field--name-body", ".field-name-body", ".article-body", ".article__body", ".story-body",
	".post-content", ".single-content", ".govspeak", ".gh-content",
}

func ruleFor(pageURL string) *siteRule {
	u, err := url.Parse(pageURL)
	if err != nil {
		return nil
	}
	host := strings.ToLower(u.Hostname())
	for i := range siteRules {
		for _, h := range siteRules[i].hosts {
			if host == h || strings.HasSuffix(host, "."+h) {
				return &siteRules[i]
			}
		}
	}
	return nil
}

// junkTags are dropped anywhere in a chosen container.
const junkTags = "nav, aside, footer, header, form, figure, button, [hidden], [aria-hidden=true], " +
	"[role=navigation], [role=complementary], [role=banner], [role=contentinfo], .screen-reader-text, .sr-only, .visually-hidden"

// junkClass matches class and id words of boilerplate blocks: one of these
// as a whole dash- or underscore-separated part of a class or id.
var junkClass = regexp.MustCompile(`(?i)(^|[-_])(share|sharing|sharedaddy|social|related|relatedposts|newsletter|subscribe|subscription|signup|cookies?|consent|gdpr|comments?|respond|disqus|breadcrumbs?|pullquote|pull|advert|advertisement|ads?|promo|sidebar|widget|byline|bio|tags?|meta|author|popular|trending|recommended|more-stories|paywall|donate|cta|toolbar|print|feedback|rating|reactions)([-_]|$)`)

func isJunkElement(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		for _, w := range strings.Fields(a.Val) {
			if junkClass.MatchString(w) {
				return true
			}
		}
	}
	return false
}

// inlineRelated matches the "Read more: <link>" paragraphs editors put in
// the middle of a story.
var inlineRelated = regexp.MustCompile(`(?i)^\s*(read more|related|see also|also read|read also|recommended|more on this|lee también|lea también|te recomendamos|ver también|relacionado|اقرأ أيضا|اقرأ أيضاً|إقرأ أيضا)\s*[:：»›>-]`)

// clean removes boilerplate inside sel (a chosen container) in place.
func clean(sel *goquery.Selection, extra string) {
	sel.Find(junkTags).Remove()
	if extra != "" {
		sel.Find(extra).Remove()
	}
	// A junk-sounding wrapper ("has-sidebar") that holds most of the
	// text is layout, not boilerplate.
	total := len(cleanSpace(sel.Text()))
	sel.Find("*").Each(func(_ int, s *goquery.Selection) {
		n := s.Get(0)
		if n.Parent == nil || !isJunkElement(n) {
			return
		}
		if total > 500 && len(cleanSpace(s.Text()))*10 > total*7 {
			return
		}
		s.Remove()
	})
	sel.Find("p, li, div").Each(func(_ int, s *goquery.Selection) {
		if isLinkBlurb(s) {
			s.Remove()
		}
	})
}

// isLinkBlurb spots short blocks that are mostly a link announced as
// related reading.
func isLinkBlurb(s *goquery.Selection) bool {
	text := cleanSpace(s.Text())
	if text == "" || len(text) > 300 || !inlineRelated.MatchString(text) {
		return false
	}
	linked := len(cleanSpace(s.Find("a").Text()))
	return linked*2 >= len(text)-20
}
