// Package entity is the tagging step of the indexer (seeds → crawl →
// indexer → search): it finds the targets, countries, spyware and
// indicators a document mentions, by canonical name, for the facets and
// the target pages.
//
// How it matches: the text is refanged, indicators are found first (their
// words are not mentions: mexico.example.org is not Mexico), then the text
// is split into folded words (lower case, accents dropped, Arabic letter
// variants and harakat unified) and scanned once; at each word the
// gazetteer's spellings that start with it are tried longest first. So a
// name never matches inside a word (Oman in Romania, Niger in Nigeria)
// and the longest name wins (Papua New Guinea, United States Minor
// Outlying Islands). The gazetteers are data files in data/, embedded.
//
// Decisions, each tested in testdata/eval.jsonl or the unit tests:
//
//   - Targets: the catalog's names and aliases plus data/targets.txt.
//     A distinctive surname counts alone (Khashoggi, Aristegui, Mansoor,
//     Abdulaziz, al-Masarir); a common one (Mansour, Assiri, Anaya,
//     Calvillo) counts only when the same text names one of the target's
//     countries. Any surname is refused when it is part of someone else's
//     name: a capitalized word before or after it that is not a title or a
//     function word (Adnan Khashoggi, Ahmed Asiri), King/Sheikh/Prince/bin
//     before it, bin/al/University after it. In Title Case headings the
//     capitalized-neighbour test is skipped. A full alias that is also
//     someone else's name (Ahmed Mansour the broadcaster) is not told apart.
//   - Countries: every ISO 3166-1 entry under the catalog's short names
//     (United States, United Kingdom, Turkey, Russia…), official names,
//     short forms (UAE, U.A.E., US only in capitals), English demonyms and
//     their plurals, Spanish and Arabic names for the countries of this
//     field. Phrases in data/stop.txt are not mentions (New Mexico, Georgia
//     Tech, Michael Jordan, Jordan River, Latin American, guinea pig).
//     Words that are also common nouns count only capitalized (turkey,
//     china). Jordan, Georgia, Israel, Chad, India, Kenya are not counted
//     when a capitalized word follows that is not a known name (Jordan
//     Peterson, Israel Vázquez). Georgia otherwise means the country: the
//     catalog uses it that way (Chrysaor infections), and the U.S. state
//     is caught only by the stop phrases. A demonym counts for its country
//     except as a language name ("in French and Spanish",
//     "Spanish-language").
//   - Spyware: vendors are in the spyware facet under their own name (NSO
//     Group, Cytrox, Candiru, Cellebrite…), as DESIGN says "spyware and
//     vendors"; where the catalog already names vendor and product as one
//     family (FinFisher, Hacking Team RCS) the vendor maps there. Pegasus
//     counts by default in this corpus, and is refused near a myth, sky or
//     airline word (winged horse, constellation, Pegasus Airlines) unless a
//     spyware word is near too. Spellings that are ordinary words (Trident,
//     Predator, Reign, Karma, Circles, Galileo, Graphite) count only when
//     the text is about spyware elsewhere and no negative cue is near.
//   - Indicators: URLs (and their host), domains, IPv4, IPv6, e-mail
//     addresses, MD5/SHA-1/SHA-256, fanged or defanged (see Refang), in
//     canonical form. A domain needs a real TLD (data/tlds.txt, from the
//     Public Suffix List), so report.pdf and e.g. are not domains; in prose
//     a two-label name with a TLD that is mostly a file extension
//     (notes.zip, run.sh, readme.md), a reverse-DNS package name
//     (com.example.app) and "phone.It" (a sentence run together) are
//     refused. A dotted quad is an IPv4 address unless a version word is
//     right before it (version 1.2.3.4, build 4.1.0.12). A hash must mix
//     digits and letters. Citation URLs are indicators too: the facet is
//     "what addresses does this document name", and search by indicator
//     should find a report that merely cites a domain.
package entity
