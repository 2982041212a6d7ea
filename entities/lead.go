package entities

import (
	"strings"
	"unicode/utf8"
)

// Lead returns the words naming who a sentence is about, for telling apart happenings that
// share a date and wording but not their protagonist ("Du Pont's stock rose ..." and "Anheuser
// shares plunged ..."): the first person or organisation named that is not a news agency, or,
// when it comes first, a capitalised word past the sentence start that no list knows (a company
// "Conseco"). A person is given by surname. found is what Find returned for the sentence; words
// in [skipStart, skipEnd) (the date expression) are ignored. It returns "" when the sentence names no one.
func (d *Document) Lead(sentence string, found []Entity, skipStart, skipEnd int) string {
	return d.lead(d.tokens(sentence), sentence, found, skipStart, skipEnd)
}

// FindLead returns what Find and Lead return for sentence, reading its words once.
func (d *Document) FindLead(sentence string, skipStart, skipEnd int) (found []Entity, lead string) {
	toks := d.tokens(sentence)
	found = d.find(toks, sentence, true)
	return found, d.lead(toks, sentence, found, skipStart, skipEnd)
}

// FindLeadAt is FindLead for the sentence text[start:end] of the document's text, taking its
// words from what NewDocument read.
func (d *Document) FindLeadAt(start, end, skipStart, skipEnd int) (found []Entity, lead string) {
	sentence := d.text[start:end]
	toks := d.sentenceTokens(start, end)
	found = d.find(toks, sentence, true)
	return found, d.lead(toks, sentence, found, skipStart, skipEnd)
}

// lead is Lead for a sentence whose words are toks.
func (d *Document) lead(toks []token, sentence string, found []Entity, skipStart, skipEnd int) string {
	lx := d.lx
	// A leading adverbial ("In New York Stock Exchange composite trading, Intelogic shares
	// rose") is not the subject: start after its comma.
	from := 0
	if w, _, _ := strings.Cut(strings.TrimSpace(sentence), " "); leadingPrepositions[strings.ToLower(w)] {
		if c := strings.IndexByte(sentence, ','); c > 0 {
			from = c + 1
		}
	}
	var firstActor *Entity
	es := found
	for i := range es {
		e := &es[i]
		if e.Start < from || e.Kind == Place || lx.media[strings.ToLower(e.Name)] || e.Start >= skipStart && e.Start < skipEnd {
			continue
		}
		firstActor = e
		break
	}
	covered := func(off int) bool {
		for _, e := range es {
			if off >= e.Start && off < e.End {
				return true
			}
		}
		return off >= skipStart && off < skipEnd
	}
	for k := range toks {
		t := &toks[k]
		start := int(t.start)
		if firstActor != nil && start >= firstActor.Start {
			break
		}
		if start < from {
			continue
		}
		if k == 0 || !t.capitalised() || t.acronym() || covered(start) || t.is(common|role|demonymPlural|orgKeyword|portfolio) {
			continue
		}
		if prev := leadingWord(sentence[:start]); prev == "" && (from == 0 || strings.TrimSpace(sentence[from:start]) != "") {
			continue // after punctuation: a new clause or a quotation may start capitalised
		}
		return t.text
	}
	if firstActor == nil {
		return ""
	}
	if firstActor.Kind == Person {
		return Surname(firstActor.Name)
	}
	surface := sentence[firstActor.Start:firstActor.End]
	for _, p := range []string{"'s", "’s"} {
		surface = strings.TrimSuffix(surface, p)
	}
	return surface
}

// leadingPrepositions open an adverbial phrase at the start of a sentence.
var leadingPrepositions = map[string]bool{"in": true, "on": true, "at": true, "during": true, "after": true,
	"before": true, "following": true, "according": true, "under": true, "amid": true, "despite": true,
	"since": true, "with": true, "for": true, "by": true, "from": true, "earlier": true, "later": true}

// Surname is the last word of a person's name, generational suffixes aside
// ("John C. Maxwell Jr." is Maxwell).
func Surname(name string) string {
	if spacedASCII(name) {
		return surnameOfSpaced(name)
	}
	return surnameOfFields(name)
}

// surnameOfFields is Surname for any name, by its list of words: the reference for
// surnameOfSpaced.
func surnameOfFields(name string) string {
	ws := strings.Fields(name)
	for len(ws) > 1 {
		switch strings.TrimSuffix(strings.ToLower(ws[len(ws)-1]), ".") {
		case "jr", "sr", "ii", "iii", "iv":
			ws = ws[:len(ws)-1]
			continue
		}
		break
	}
	if len(ws) == 0 {
		return ""
	}
	return ws[len(ws)-1]
}

// spacedASCII reports whether name is ASCII words joined by single spaces, as the finder writes
// names: then strings.Fields is strings.Split(name, " ").
func spacedASCII(name string) bool {
	for i := 0; i < len(name); i++ {
		if c := name[i]; c >= utf8.RuneSelf || c < ' ' || c == ' ' && (i == 0 || i == len(name)-1 || name[i-1] == ' ') {
			return false
		}
	}
	return true
}

// surnameOfSpaced is Surname for a spacedASCII name, without the list of its words.
func surnameOfSpaced(name string) string {
	for {
		sp := strings.LastIndexByte(name, ' ')
		if sp < 0 {
			return name
		}
		switch last := strings.TrimSuffix(name[sp+1:], "."); {
		case strings.EqualFold(last, "jr"), strings.EqualFold(last, "sr"), strings.EqualFold(last, "ii"), strings.EqualFold(last, "iii"), strings.EqualFold(last, "iv"):
			name = name[:sp]
			continue
		}
		return name[sp+1:]
	}
}
