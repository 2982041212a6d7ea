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
	"encoding/binary"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"
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
	maxGazWords int
	media       map[string]bool // canonical lower-case names of news agencies and outlets
	locatives   map[string]bool
	// oneWordFirm is whether a gazetteer name of one word stands for a company's name with a
	// legal suffix ("Apple|Apple Inc."): then NewDocument must classify lone words too.
	oneWordFirm bool
	// classes says, for a lower-case word, which lists hold it: one lookup per word of a
	// sentence instead of one per list and per question.
	classes map[string]wordClass
}

// wordClass is a set of the lists a lower-case word belongs to.
type wordClass uint16

const (
	gazFirst         wordClass = 1 << iota // the first word of a gazetteer name
	gazName                                // a gazetteer name by itself
	common                                 // not a name when capitalised (data/common.txt)
	connector                              // joins capitalised words ("of", "al")
	role                                   // a title or honorific (data/roles.txt)
	rolePlural                             // a role, or a role followed by "s" ("Presidents")
	demonymPlural                          // a demonym, or a demonym followed by "s"
	orgKeyword                             // data/orgkeywords.txt
	orgKeywordPlural                       // an organisation keyword, or one followed by "s"
	portfolio                              // completes a title after "of" (data/portfolios.txt)
)

// class returns the lists holding the lower-case word w.
func (lx *lexicon) class(w string) wordClass { return lx.classes[w] }

// mark adds class c to each lower-case word of ws and, when plural is not 0, class plural to the
// word and to the word followed by "s".
func (lx *lexicon) mark(ws []string, c, plural wordClass) {
	for _, w := range ws {
		w = strings.ToLower(w)
		lx.classes[w] |= c | plural
		if plural != 0 {
			lx.classes[w+"s"] |= plural
		}
	}
}

type gazEntry struct {
	name string
	kind Kind
}

// loadLexicon reads data/ once, on first use; the lexicon is read-only afterwards.
var loadLexicon = sync.OnceValue(func() *lexicon {
	lx := &lexicon{gazetteer: map[string]gazEntry{}, classes: map[string]wordClass{}}
	for _, f := range []struct {
		file string
		kind Kind
	}{{"data/places.txt", Place}, {"data/orgs.txt", Organisation}} {
		for _, line := range lines(f.file) {
			names := strings.Split(line, "|")
			for _, alias := range names {
				key := strings.ToLower(strings.TrimSpace(alias))
				lx.gazetteer[key] = gazEntry{strings.TrimSpace(names[0]), f.kind}
				words := strings.Fields(key)
				lx.classes[words[0]] |= gazFirst
				if len(words) > lx.maxGazWords {
					lx.maxGazWords = len(words)
				}
			}
		}
	}
	for key, e := range lx.gazetteer {
		lx.classes[key] |= gazName
		if ws := strings.Fields(e.name); len(ws) > 1 && legalSuffixes[strings.ToLower(strings.TrimSuffix(ws[len(ws)-1], "."))] && !strings.Contains(key, " ") {
			lx.oneWordFirm = true
		}
	}
	lx.mark(lines("data/orgkeywords.txt"), orgKeyword, orgKeywordPlural)
	lx.mark(lines("data/roles.txt"), role, rolePlural)
	lx.mark(lines("data/portfolios.txt"), portfolio, 0)
	lx.mark(lines("data/demonyms.txt"), 0, demonymPlural)
	lx.mark(lines("data/common.txt"), common, 0)
	for _, w := range connectors {
		lx.classes[w] |= connector
	}
	lx.media = map[string]bool{}
	for _, m := range lines("data/media.txt") {
		name := m
		if e, ok := lx.gazetteer[strings.ToLower(m)]; ok {
			name = e.name
		}
		lx.media[strings.ToLower(name)] = true
	}
	lx.locatives = set([]string{"in", "at", "to", "from", "near", "across", "outside", "inside", "into", "toward", "towards", "throughout", "around"})
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
	// The text, LowerASCII of it, and the words of its pieces as NewDocument read them, with
	// offsets into text: FindLeadAt takes a sentence's words from them instead of reading it again.
	text, lower string
	toks        *[]token // from tokenBuffers, until Release
	scratch     []token  // a sentence's words, reused by FindLeadAt
}

// tokenBuffers keeps the words of released documents' texts: a document holds one token per
// word of its article while it is read, and articles are read one after another.
var tokenBuffers = sync.Pool{New: func() any { return new([]token) }}

// Release lets the document's buffers be reused by the next document. The document must not be
// used afterwards; not calling it only costs allocations.
func (d *Document) Release() {
	if d.toks != nil {
		*d.toks = (*d.toks)[:0]
		tokenBuffers.Put(d.toks)
		d.toks = nil
	}
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
func NewDocument(text string) *Document { return newDocument(loadLexicon(), text) }

func newDocument(lx *lexicon, text string) *Document {
	d := &Document{lx: lx, surnames: map[string]string{}, given: map[string]string{}, firms: map[string]bool{},
		text: text, lower: LowerASCII(text), toks: tokenBuffers.Get().(*[]token)}
	all := *d.toks
	var key [64]byte
	forSentences(text, func(start, end int) {
		first := len(all)
		all = d.lx.tokenize(all, text[start:end], d.lower[start:end], 0)
		toks := all[first:]
		for _, e := range d.find(toks, text[start:end], false) {
			if e.Kind == Organisation {
				if ws := strings.Fields(e.Name); len(ws) > 1 && legalSuffixes[strings.ToLower(strings.TrimSuffix(ws[len(ws)-1], "."))] {
					d.firms[strings.ToLower(strings.Join(ws[:len(ws)-1], " "))] = true
				}
			}
			if e.Kind != Person {
				continue
			}
			given, surname, ok := firstAndSurname(e.Name)
			if !ok {
				continue // one word
			}
			rememberLower(d.surnames, key[:0], surname, e.Name)
			rememberLower(d.given, key[:0], given, e.Name)
		}
		// Kept for FindLeadAt, with offsets into text. The last word's punctAfter may differ in
		// a sentence that goes on past the piece (see sentenceTokens).
		for k := range toks {
			toks[k].start += int32(start)
			toks[k].end += int32(start)
		}
		if len(toks) > 0 {
			toks[len(toks)-1].pieceEnd = true
		}
	})
	*d.toks = all
	return d
}

// firstAndSurname returns the first word of a person's name and its Surname, or ok false for a
// name of one word: what strings.Fields(name)[0] and Surname(name) give, without the list of
// words for a name of ASCII words joined by single spaces, as the finder writes names.
func firstAndSurname(name string) (first, surname string, ok bool) {
	if !spacedASCII(name) {
		ws := strings.Fields(name) // the general way
		if len(ws) < 2 {
			return "", "", false
		}
		return ws[0], Surname(name), true
	}
	sp := strings.IndexByte(name, ' ')
	if sp < 0 {
		return "", "", false
	}
	return name[:sp], surnameOfSpaced(name), true
}

// rememberLower is remember(m, strings.ToLower(key), name), making the lower-case key only when
// it is new (buf is room for it).
func rememberLower(m map[string]string, buf []byte, key, name string) {
	if !isASCII(key) {
		remember(m, strings.ToLower(key), name)
		return
	}
	lower := buf[:0]
	for i := 0; i < len(key); i++ {
		c := key[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower = append(lower, c)
	}
	if prev, ok := m[string(lower)]; ok && prev == name {
		return // remember would write the same
	}
	remember(m, string(lower), name)
}

// forSentences calls fn with the bounds of each piece of text cut roughly at sentence ends and
// line breaks; NewDocument only needs runs not to cross sentences.
func forSentences(text string, fn func(start, end int)) {
	start := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '\n' || (c == '.' || c == '!' || c == '?') && i+1 < len(text) && text[i+1] == ' ' && !abbreviation(text[start:i]) {
			fn(start, i+1)
			start = i + 1
		}
	}
	fn(start, len(text))
}

// abbreviation reports whether s ends in a word that a period does not end a sentence after
// ("U.S", "Mr").
func abbreviation(s string) bool {
	i := strings.LastIndexAny(s, " \n")
	w := s[i+1:]
	return strings.Contains(w, ".") || w == "Mr" || w == "Mrs" || w == "Ms" || w == "Dr" || w == "St"
}

// Find returns the entities named in sentence, in order.
func (d *Document) Find(sentence string) []Entity {
	return d.find(d.tokens(sentence), sentence, true)
}

// tokens returns the words of one sentence.
func (d *Document) tokens(sentence string) []token {
	return d.lx.tokenize(make([]token, 0, len(sentence)/5+1), sentence, LowerASCII(sentence), 0)
}

// Lower is LowerASCII of the document's text[start:end], without lower-casing it again.
func (d *Document) Lower(start, end int) string { return d.lower[start:end] }

// sentenceTokens returns what tokens(d.text[s:e]) returns (in d.scratch), taking the words
// NewDocument read where they are sure to be the same. A word of the whole text is a word of
// the sentence, with the same fields, when it starts in it after no word that crosses its start,
// and the next word of the text ends in it: reading the word looks no further than the next
// word's start (and the rune there), and a word never crosses a piece's end. Its punctAfter
// (what follows the spaces after it) is read again when it was the last word of its piece. The
// rest of the sentence is read as tokens would read it from there, where it skips between words.
func (d *Document) sentenceTokens(s, e int) []token {
	out := d.scratch[:0]
	var all []token
	if d.toks != nil {
		all = *d.toks
	}
	sentence, from := d.text[s:e], 0
	k, _ := slices.BinarySearchFunc(all, int32(s), func(t token, start int32) int { return int(t.start - start) })
	if k == len(all) || k > 0 && int(all[k-1].end) > s {
		k = len(all) // a word crosses the sentence's start: read it all
	}
	for ; k+1 < len(all) && int(all[k+1].end) <= e; k++ {
		t := all[k]
		t.start -= int32(s)
		t.end -= int32(s)
		if t.pieceEnd {
			t.punctAfter = punctAfter(sentence, int(t.end))
			t.pieceEnd = false
		}
		out = append(out, t)
		from = int(all[k+1].start) - s
	}
	if len(out) == 0 {
		from = 0
	}
	out = d.lx.tokenize(out, sentence, d.lower[s:e], from)
	d.scratch = out
	return out
}

// Actors returns the distinct names of people and organisations among es, in order.
func Actors(es []Entity) []string { return names(es, Person, Organisation) }

// Places returns the distinct names of places among es, in order.
func Places(es []Entity) []string { return names(es, Place, Place) }

func names(es []Entity, a, b Kind) []string {
	n := 0
	for _, e := range es {
		if e.Kind == a || e.Kind == b {
			n++
		}
	}
	out := make([]string, 0, n)
	for _, e := range es {
		if (e.Kind == a || e.Kind == b) && !slices.Contains(out, e.Name) { // a sentence names a few: no map
			out = append(out, e.Name)
		}
	}
	return out
}

// token is one word of a sentence.
type token struct {
	text       string // without a possessive 's
	lower      string // text in lower case
	class      wordClass
	start, end int32 // byte offsets in the sentence (int32 keeps the token small)
	possessive bool  // ended in 's: a name ends here
	punctAfter bool  // a comma, colon, quote, bracket or dash follows: a name ends here
	upper      bool  // capitalised (see capitalised)
	acro       bool  // an acronym (see acronym)
	pieceEnd   bool  // the last word of its piece in Document.toks
}

// capitalised reports whether the word starts with an upper-case letter and has more: a lone
// letter ("C$9") names nothing.
func (t *token) capitalised() bool { return t.upper }

// acronym reports whether the word's letters, two or more, are all upper case.
func (t *token) acronym() bool { return t.acro }

// is reports whether the word belongs to one of the lists of c.
func (t *token) is(c wordClass) bool { return t.class&c != 0 }

func capitalised(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) && len(w) > n
}

func acronym(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}

// connectors join capitalised words into one name ("Ministry of Foreign Affairs", "Osama bin Laden").
var connectors = []string{"of", "for", "the", "and", "al", "de", "bin", "von", "van", "la", "du", "da", "el", "es"}

// connectorWord reports whether w is one of connectors, without a map lookup (TestConnectorWord).
func connectorWord(w string) bool {
	switch w {
	case "of", "for", "the", "and", "al", "de", "bin", "von", "van", "la", "du", "da", "el", "es":
		return true
	}
	return false
}

// LowerASCII is s with its ASCII capitals in lower case, the same length as s (offsets into
// it are offsets into s): for a word of ASCII letters it is strings.ToLower. It reads eight
// bytes at a time, and copies s once (string(b) would copy it again).
func LowerASCII(s string) string {
	i := 0
	for i < len(s) && (s[i] < 'A' || s[i] > 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	b := []byte(s)
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		binary.LittleEndian.PutUint64(b[i:], lowerWord(w))
	}
	for ; i < len(b); i++ {
		if c := b[i]; 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return unsafe.String(unsafe.SliceData(b), len(b)) // b is not written again
}

// lowerWord lower-cases the ASCII capitals among the eight bytes of w.
func lowerWord(w uint64) uint64 {
	const ones, high = 0x0101010101010101, 0x8080808080808080
	low7 := w &^ high                           // each byte without its top bit
	atLeastA := (low7 + (0x80-'A')*ones) & high // top bit set where byte >= 'A'
	pastZ := (low7 + (0x80-'Z'-1)*ones) & high  // top bit set where byte > 'Z'
	upper := atLeastA &^ pastZ &^ w             // and the byte itself < 0x80
	return w | upper>>2                         // 0x80 >> 2 = 0x20: 'A' + 0x20 = 'a'
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// tokenize appends the words of sentence s to toks: letters, digits, inner hyphens, apostrophes
// and the periods of abbreviations such as "U.S.". lower is LowerASCII(s). It starts reading at
// byte from, which must be a place where reading s from 0 is between words.
func (lx *lexicon) tokenize(toks []token, s, lower string, from int) []token {
	i := from
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if !asciiWord[c] {
				i++
				continue
			}
		} else if r, n := utf8.DecodeRuneInString(s[i:]); !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += n
			continue
		}
		start := i
		for i < len(s) {
			r, n := rune(s[i]), 1
			if r < utf8.RuneSelf {
				if asciiWord[r] {
					i++
					continue
				}
			} else if r, n = utf8.DecodeRuneInString(s[i:]); unicode.IsLetter(r) || unicode.IsDigit(r) {
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
		t := token{text: s[start:i], start: int32(start), end: int32(i)}
		if strings.HasSuffix(t.text, "'s") && len(t.text) > 2 {
			t.text, t.possessive = t.text[:len(t.text)-2], true
		} else if strings.HasSuffix(t.text, "’s") && len(t.text) > len("’s") {
			t.text, t.possessive = t.text[:len(t.text)-len("’s")], true
		}
		if isASCII(t.text) {
			t.lower = lower[start : start+len(t.text)]
		} else {
			t.lower = strings.ToLower(t.text)
		}
		if c := t.text[0]; 'a' <= c && c <= 'z' {
			// Most words: neither capitalised nor an acronym.
		} else {
			t.upper, t.acro = capitalised(t.text), acronym(t.text)
		}
		if t.upper || connectorWord(t.lower) {
			// The finder asks what a word is only of capitalised words and of the connectors
			// inside a run of them: the other words need no lookup.
			t.class = lx.classes[t.lower]
		}
		t.punctAfter = punctAfter(s, i)
		toks = append(toks, t)
	}
	return toks
}

// punctAfter reports whether the first character after the spaces at s[i:] ends a name.
func punctAfter(s string, i int) bool {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	if i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			return asciiPunct[c]
		} else if r, _ := utf8.DecodeRuneInString(s[i:]); strings.ContainsRune(namePunct, r) {
			return true
		}
	}
	return false
}

// namePunct are the characters that end a name when they follow it.
const namePunct = ",;:()[]“”\"–—-/!?"

// asciiPunct[c] reports whether the ASCII character c is in namePunct.
var asciiPunct = func() (p [utf8.RuneSelf]bool) {
	for _, r := range namePunct {
		if r < utf8.RuneSelf {
			p[r] = true
		}
	}
	return p
}()

// asciiWord[c] reports whether the ASCII character c is a letter or a digit.
var asciiWord = func() (w [utf8.RuneSelf]bool) {
	for c := range w {
		w[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return w
}()
