package entities

import (
	"regexp"
	"strings"
)

// dateline is the place and dash that open a wire story ("TEHRAN – "): where it was filed, not
// where the event happened.
var dateline = regexp.MustCompile(`^\s*[A-Z][A-Z .'’]+(?:,\s*[A-Z][A-Za-z. ]{1,30}?)?,?\s*(?:\([^)]{1,30}\))?\s*(?:--|[-–—_])\s*`)

// datelineEnd is the end of the sentence's dateline, or 0.
func datelineEnd(sentence string) int {
	t := strings.TrimLeft(sentence, " \n")
	if len(t) < 2 || t[0] < 'A' || t[0] > 'Z' || t[1] < 'A' || t[1] > 'Z' {
		return 0 // a dateline opens with two capitals; skip the regexp
	}
	if m := dateline.FindStringIndex(sentence); m != nil {
		return m[1]
	}
	return 0
}

// find returns the entities of one sentence, whose words are toks; resolve expands surnames
// through the document. Without resolve (NewDocument's scan, which keeps only names of two
// words or more), a lone capitalised word names no one it needs and is not classified: unless
// the gazetteer gives a company's full name for one word, it yields nothing of two words.
func (d *Document) find(toks []token, sentence string, resolve bool) []Entity {
	lx := d.lx
	minRun := 1
	if !resolve && !lx.oneWordFirm {
		minRun = 2
	}
	skip := datelineEnd(sentence)
	var out []Entity
	for i := 0; i < len(toks); {
		if int(toks[i].start) < skip || !lx.nameWord(&toks[i]) {
			if minRun == 1 {
				out = append(out, lx.hyphenated(&toks[i])...)
			}
			i++
			continue
		}
		j := runEnd(lx, toks, i)
		if j-i >= minRun {
			out = append(out, d.segment(toks, i, j, sentence, resolve)...)
		}
		i = j
	}
	return out
}

// runEnd returns the end of the run of capitalised words starting at i.
func runEnd(lx *lexicon, toks []token, i int) int {
	j := i + 1
	for j < len(toks) && !toks[j-1].possessive && !toks[j-1].punctAfter {
		if lx.nameWord(&toks[j]) {
			j++
			continue
		}
		// Connectors join capitalised words: "Ministry of Foreign Affairs".
		k := j
		for k < len(toks) && toks[k].is(connector) && !toks[k].capitalised() && !toks[k].punctAfter {
			k++
		}
		if k > j && k < len(toks) && lx.nameWord(&toks[k]) {
			j = k + 1
			continue
		}
		break
	}
	return j
}

// segment classifies the run toks[i:j].
func (d *Document) segment(toks []token, i, j int, sentence string, resolve bool) []Entity {
	lx := d.lx
	var out []Entity
	afterRole := false
	emit := func(a, b int, kind Kind, name string) {
		if name == "" {
			name = joinWords(toks[a:b])
		}
		out = append(out, Entity{Name: name, Kind: kind, Start: int(toks[a].start), End: int(toks[b-1].end)})
	}
	for i < j {
		t := &toks[i]
		if t.is(connector) && !t.capitalised() || t.lower == "the" {
			i++
			continue
		}
		if afterRole && t.is(portfolio) && i > 0 && strings.EqualFold(toks[i-1].text, "of") {
			for i < j && toks[i].is(portfolio) {
				i++ // "Secretary of State", "Minister of Foreign Affairs": still the title
			}
			continue
		}
		// An organisation keyword ahead, with no title in between: "Iranian Foreign Ministry".
		n, e := lx.gazetteerMatch(toks, i, j)
		if k := orgEnd(lx, toks, i, j); k > i+n {
			if !(k == i+1 && t.is(orgKeyword)) { // a bare keyword ("Conference") names nothing
				emit(i, k, Organisation, canonicalOrg(lx, toks[i:k]))
			}
			i, afterRole = k, false
			continue
		}
		if n > 0 {
			emit(i, i+n, e.kind, e.name)
			i += n
			afterRole = false
			continue
		}
		if t.is(rolePlural) { // "Presidents Leonid Kuchma and ..."
			i++
			afterRole = true
			continue
		}
		if t.is(demonymPlural) {
			i++
			continue
		}
		// A stretch of plain name-like words up to the next title, keyword or gazetteer name.
		k := i + 1
		for k < j && !toks[k].is(role|connector) {
			if n, _ := lx.gazetteerMatch(toks, k, j); n > 0 {
				break
			}
			if orgEnd(lx, toks, k, j) > k {
				break
			}
			k++
		}
		if k < j && toks[k].is(role) {
			i = k // words that qualify a title: "National Security Advisor"
			continue
		}
		d.name(toks, i, k, afterRole, sentence, resolve, emit)
		i, afterRole = k, false
	}
	return out
}

// name classifies plain capitalised words toks[i:k] that matched no list.
func (d *Document) name(toks []token, i, k int, afterRole bool, sentence string, resolve bool, emit func(a, b int, kind Kind, name string)) {
	lx := d.lx
	if len(d.firms) > 0 && d.firms[string(appendLowerWords(make([]byte, 0, 64), toks[i:k]))] {
		emit(i, k, Organisation, "") // "Milton Roy", named "Milton Roy Co." elsewhere
		return
	}
	switch {
	case k-i >= 2 || afterRole:
		for _, t := range toks[i:k] {
			if t.is(common) || t.acronym() && k-i > 1 {
				return
			}
		}
		if k-i == 1 && toks[i].acronym() && len(toks[i].text) >= 3 {
			emit(i, k, Organisation, "")
			return
		}
		emit(i, k, Person, d.fullName(joinWords(toks[i:k]), resolve))
	case toks[i].acronym() && len(toks[i].text) >= 3:
		emit(i, k, Organisation, "")
	default:
		if d.knownLower(toks[i].lower) != "" {
			emit(i, k, Person, d.fullName(toks[i].text, resolve))
			return
		}
		if i == 0 || toks[i].start == 0 {
			return
		}
		if prev := leadingWord(sentence[:int(toks[i].start)]); lx.locatives[prev] {
			emit(i, k, Place, "")
		}
	}
}

// fullName expands a surname to the full name the document gives it.
func (d *Document) fullName(name string, resolve bool) string {
	if !resolve || strings.Contains(name, " ") {
		return name
	}
	if full := d.known(name); full != "" {
		return full
	}
	return name
}

// known is the full name of a person the document names in full, for a surname or, failing
// that, a first name ("Elian" for "Elian Gonzalez"); "" when unknown or ambiguous.
func (d *Document) known(word string) string { return d.knownLower(strings.ToLower(word)) }

// knownLower is known for a word given in lower case.
func (d *Document) knownLower(key string) string {
	if full, ok := d.surnames[key]; ok {
		return full
	}
	return d.given[key]
}

// leadingWord is the lower-case word just before the end of s (no punctuation between).
func leadingWord(s string) string {
	s = strings.TrimRight(s, " ")
	i := strings.LastIndexAny(s, " ,.;:“”\"(")
	if i >= 0 && s[i] != ' ' {
		return ""
	}
	return strings.ToLower(s[i+1:])
}

// orgEnd returns the end of an organisation name starting at i: capitalised words up to and
// including a keyword ("Ministry"), continued by "of ..." words ("Ministry of Foreign Affairs").
// It returns i when there is none.
func orgEnd(lx *lexicon, toks []token, i, j int) int {
	end := i
	ofTail := false // after "Ministry of": capitalised words extend the name
	for k := i; k < j; k++ {
		t := &toks[k]
		w := t.lower
		if t.is(role) {
			break
		}
		if ofTail && toks[k].capitalised() {
			end = k + 1
		}
		if n, e := lx.gazetteerMatch(toks, k, j); n > 0 && k > i && e.kind == Place && end == i {
			break // "Iran Afghanistan Council" is not read across a country's name
		}
		if w == "and" && k > i {
			if n, _ := lx.gazetteerMatch(toks, i, k); n == k-i {
				break // "United States and Soviet Union" is two names
			}
		}
		if t.is(orgKeywordPlural) {
			end = k + 1
			if k+1 < j && toks[k+1].lower == "of" {
				ofTail = true
			} else if k+1 >= j || !toks[k+1].is(orgKeyword) {
				break
			}
		} else if end > i && w != "of" && w != "the" && w != "and" && !t.capitalised() {
			break
		}
	}
	return end
}

// gazetteerMatch returns the length and entry of the longest gazetteer name at toks[i:j].
func (lx *lexicon) gazetteerMatch(toks []token, i, j int) (int, gazEntry) {
	if !toks[i].is(gazFirst) {
		return 0, gazEntry{}
	}
	// The keys of the shorter names are prefixes of the longest one's.
	var buf [128]byte
	n := min(lx.maxGazWords, j-i)
	key := appendLowerWords(buf[:0], toks[i:i+n])
	for end := len(key); n >= 1; n-- {
		if e, ok := lx.gazetteer[string(key[:end])]; ok {
			return n, e
		}
		end -= len(toks[i+n-1].lower) + 1
	}
	return 0, gazEntry{}
}

// canonicalOrg is the organisation's name as written, or its gazetteer name.
func canonicalOrg(lx *lexicon, toks []token) string {
	var buf [128]byte
	if e, ok := lx.gazetteer[string(appendLowerWords(buf[:0], toks))]; ok {
		return e.name
	}
	return joinWords(toks)
}

func joinWords(toks []token) string {
	if len(toks) == 1 {
		return toks[0].text
	}
	n := len(toks) - 1
	for _, t := range toks {
		n += len(t.text)
	}
	var b strings.Builder
	b.Grow(n)
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.text)
	}
	return b.String()
}

// appendLowerWords appends the words of toks in lower case, joined by spaces: the key of a
// name in the gazetteer (strings.ToLower(joinWords(toks))).
func appendLowerWords(b []byte, toks []token) []byte {
	for i, t := range toks {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, t.lower...)
	}
	return b
}

// nameWord reports whether t can be part of a name: capitalised, not a common word (unless the
// gazetteer knows it, as "US"), not a hyphenated adjective ("Kabul-based").
func (lx *lexicon) nameWord(t *token) bool {
	if !t.capitalised() {
		return false
	}
	if !t.is(gazName) && strings.Contains(t.text, "-") && len(lx.hyphenated(t)) > 0 {
		return false
	}
	if i := strings.LastIndexByte(t.text, '-'); i >= 0 {
		if r := t.text[i+1:]; r != "" && strings.ToLower(r) == r {
			return false
		}
	}
	if t.is(common) {
		return t.is(gazName) && t.acronym()
	}
	return true
}

// hyphenated returns the gazetteer names inside a hyphenated word that is not itself a name:
// "Kabul-based" names Kabul, "Iran-Afghanistan" names Iran and Afghanistan.
func (lx *lexicon) hyphenated(t *token) []Entity {
	if !strings.Contains(t.text, "-") || !t.capitalised() {
		return nil
	}
	var out []Entity
	off := int(t.start)
	for _, part := range strings.Split(t.text, "-") {
		if e, ok := lx.gazetteer[strings.ToLower(part)]; ok && part != "" && part[0] >= 'A' && part[0] <= 'Z' {
			out = append(out, Entity{Name: e.name, Kind: e.kind, Start: off, End: off + len(part)})
		}
		off += len(part) + 1
	}
	return out
}
