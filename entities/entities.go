// Package entities finds the people, organisations and places named in a sentence of news text.
//
// The method is a documented heuristic over capitalised-token runs, kept small and predictable
// (see README.md for the measurement against a statistical tagger):
//
//  1. A run is a sequence of capitalised words, possibly joined by "of", "for", "the", "and" or
//     "al" when a capitalised word follows. A dateline ("TEHRAN –") and common words that are
//     capitalised only because they start a sentence ("The", "Earlier") are not part of a run.
//  2. Inside a run, left to right: the longest match in the gazetteer (data/places.txt,
//     data/orgs.txt: countries, capitals, well-known organisations, with aliases) wins; words up
//     to an organisation keyword ("Ministry", "Council", data/orgkeywords.txt) make an
//     organisation; a title or honorific ("President", "Foreign Minister", data/roles.txt) is
//     dropped and makes the words after it a person; demonyms ("Iranian") are dropped.
//  3. What is left: two or more name-like words are a person; an acronym is an organisation; a
//     single word is a person when the document names a person with that surname elsewhere,
//     a place after a locative preposition ("in Herat"), otherwise nothing (precision first).
//
// Names come back canonical: gazetteer aliases resolved ("U.S." is "United States"), a surname
// expanded to the full name the document gives ("Atmar" is "Mohammad Hanif Atmar").
package entities

import (
	"embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Kind is what an entity names.
type Kind string

const (
	Person       Kind = "person"
	Organisation Kind = "organisation"
	Place        Kind = "place"
)

// Entity is one name found in a sentence.
type Entity struct {
	Name       string // canonical name
	Kind       Kind
	Start, End int // byte offsets of the words in the sentence
}

//go:embed data/*.txt
var dataFS embed.FS

// lexicon holds the word lists of data/, loaded once per Document.
type lexicon struct {
	gazetteer   map[string]gazEntry // lower-case word sequence joined by spaces -> entry
	gazFirst    map[string]bool     // the lower-case first words of gazetteer names
	maxGazWords int
	orgKeywords map[string]bool
	roles       map[string]bool // single words of titles and honorifics
	portfolios  map[string]bool // words that complete a title after "of" ("Secretary of State")
	demonyms    map[string]bool
	common      map[string]bool // words that are not names when capitalised
	locatives   map[string]bool
	media       map[string]bool // canonical lower-case names of news agencies and outlets
	connectors  map[string]bool
}

type gazEntry struct {
	name string
	kind Kind
}

// loadLexicon reads data/ once, on first use; the lexicon is read-only afterwards.
var loadLexicon = sync.OnceValue(func() *lexicon {
	lx := &lexicon{gazetteer: map[string]gazEntry{}, gazFirst: map[string]bool{}}
	for _, f := range []struct {
		file string
		kind Kind
	}{{"data/places.txt", Place}, {"data/orgs.txt", Organisation}} {
		for _, line := range lines(f.file) {
			names := strings.Split(line, "|")
			for _, alias := range names {
				key := strings.ToLower(strings.TrimSpace(alias))
				lx.gazetteer[key] = gazEntry{strings.TrimSpace(names[0]), f.kind}
				lx.gazFirst[strings.Fields(key)[0]] = true
				if n := len(strings.Fields(key)); n > lx.maxGazWords {
					lx.maxGazWords = n
				}
			}
		}
	}
	lx.orgKeywords = set(lines("data/orgkeywords.txt"))
	lx.roles = set(lines("data/roles.txt"))
	lx.portfolios = set(lines("data/portfolios.txt"))
	lx.demonyms = set(lines("data/demonyms.txt"))
	lx.common = set(lines("data/common.txt"))
	lx.media = map[string]bool{}
	for _, m := range lines("data/media.txt") {
		name := m
		if e, ok := lx.gazetteer[strings.ToLower(m)]; ok {
			name = e.name
		}
		lx.media[strings.ToLower(name)] = true
	}
	lx.locatives = set([]string{"in", "at", "to", "from", "near", "across", "outside", "inside", "into", "toward", "towards", "throughout", "around"})
	lx.connectors = set([]string{"of", "for", "the", "and", "al", "de", "bin", "von", "van", "la", "du", "da", "el", "es"})
	return lx
})

// lines returns the non-empty, non-comment lines of an embedded data file.
func lines(file string) []string {
	b, err := dataFS.ReadFile(file)
	if err != nil {
		panic("entities: missing embedded " + file) // a build mistake, not an input error
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

func set(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[strings.ToLower(w)] = true
	}
	return m
}

// Document holds what a whole article says about its names, so that a surname alone ("Atmar")
// is known as the person named in full elsewhere ("Mohammad Hanif Atmar").
type Document struct {
	lx       *lexicon
	surnames map[string]string // lower-case surname -> full name; "" when ambiguous
	given    map[string]string // lower-case first name -> full name; "" when ambiguous
	firms    map[string]bool   // lower-case company names the document gives with a legal suffix, suffix dropped
}

// legalSuffixes end a company's name ("Milton Roy Co."); without one, later mentions ("Milton
// Roy") would look like a person's name.
var legalSuffixes = map[string]bool{"corp": true, "co": true, "cos": true, "inc": true, "ltd": true, "llc": true,
	"plc": true, "ag": true, "sa": true, "nv": true, "gmbh": true, "corporation": true, "company": true, "bancorp": true, "holdings": true}

// remember maps key to name, or to "" once two names claim it.
func remember(m map[string]string, key, name string) {
	if prev, ok := m[key]; ok && prev != name {
		m[key] = ""
	} else {
		m[key] = name
	}
}

// NewDocument scans text for people named in full.
func NewDocument(text string) *Document {
	d := &Document{lx: loadLexicon(), surnames: map[string]string{}, given: map[string]string{}, firms: map[string]bool{}}
	for _, sent := range splitSentences(text) {
		for _, e := range d.find(sent, false) {
			if e.Kind == Organisation {
				if ws := strings.Fields(e.Name); len(ws) > 1 && legalSuffixes[strings.ToLower(strings.TrimSuffix(ws[len(ws)-1], "."))] {
					d.firms[strings.ToLower(strings.Join(ws[:len(ws)-1], " "))] = true
				}
			}
			if e.Kind != Person {
				continue
			}
			words := strings.Fields(e.Name)
			if len(words) < 2 {
				continue
			}
			remember(d.surnames, strings.ToLower(Surname(e.Name)), e.Name)
			remember(d.given, strings.ToLower(words[0]), e.Name)
		}
	}
	return d
}

// splitSentences cuts text roughly at sentence ends and line breaks; NewDocument only needs runs
// not to cross sentences.
func splitSentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '\n' || (c == '.' || c == '!' || c == '?') && i+1 < len(text) && text[i+1] == ' ' && !abbreviation(text[start:i]) {
			out = append(out, text[start:i+1])
			start = i + 1
		}
	}
	return append(out, text[start:])
}

// abbreviation reports whether s ends in a word that a period does not end a sentence after
// ("U.S", "Mr").
func abbreviation(s string) bool {
	i := strings.LastIndexAny(s, " \n")
	w := s[i+1:]
	return strings.Contains(w, ".") || w == "Mr" || w == "Mrs" || w == "Ms" || w == "Dr" || w == "St"
}

// Find returns the entities named in sentence, in order.
func (d *Document) Find(sentence string) []Entity { return d.find(sentence, true) }

// Actors returns the distinct names of people and organisations among es, in order.
func Actors(es []Entity) []string { return names(es, Person, Organisation) }

// Places returns the distinct names of places among es, in order.
func Places(es []Entity) []string { return names(es, Place, Place) }

func names(es []Entity, a, b Kind) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, e := range es {
		if (e.Kind == a || e.Kind == b) && !seen[e.Name] {
			seen[e.Name] = true
			out = append(out, e.Name)
		}
	}
	return out
}

// token is one word of a sentence.
type token struct {
	text       string // without a possessive 's
	start, end int
	possessive bool // ended in 's: a name ends here
	punctAfter bool // a comma, colon, quote, bracket or dash follows: a name ends here
}

func (t token) capitalised() bool {
	r, n := utf8.DecodeRuneInString(t.text)
	return unicode.IsUpper(r) && len(t.text) > n // a lone letter ("C$9") names nothing
}

func (t token) acronym() bool {
	letters := 0
	for _, r := range t.text {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}

// tokenize splits a sentence into words: letters, digits, inner hyphens, apostrophes and the
// periods of abbreviations such as "U.S.".
func tokenize(s string) []token {
	var toks []token
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += n
			continue
		}
		start := i
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				i += n
				continue
			}
			if r == '-' || r == '\'' || r == '’' || r == '.' {
				nr, _ := utf8.DecodeRuneInString(s[i+n:])
				if i+n < len(s) && unicode.IsLetter(nr) {
					i += n
					continue
				}
				// "U.S." keeps its final period, and so does an initial ("John C. Maxwell").
				if r == '.' && (strings.Contains(s[start:i], ".") || i-start == 1 && s[start] >= 'A' && s[start] <= 'Z') {
					i += n
				}
			}
			break
		}
		t := token{text: s[start:i], start: start, end: i}
		for _, p := range []string{"'s", "’s"} {
			if strings.HasSuffix(t.text, p) && len(t.text) > len(p) {
				t.text, t.possessive = t.text[:len(t.text)-len(p)], true
				break
			}
		}
		rest := strings.TrimLeft(s[i:], " ")
		if r, _ := utf8.DecodeRuneInString(rest); rest != "" && strings.ContainsRune(",;:()[]“”\"–—-/!?", r) {
			t.punctAfter = true
		}
		toks = append(toks, t)
	}
	return toks
}
