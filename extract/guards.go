package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Guards look at the words around a match to tell a date from a look-alike: the verb "may",
// names ("April Jones", "the Sunday Times", "Theresa May"), counts ("1998 votes",
// "Resolution 2001"), generic uses ("today is the time to act").

// wordBefore is the word just before offset i, if only spaces separate them.
func wordBefore(text string, i int) string {
	w, _ := wordBeforeAt(text, i)
	return w
}

// wordBeforeAt is wordBefore and the word's offset.
func wordBeforeAt(text string, i int) (string, int) {
	j := i
	for j > 0 && (text[j-1] == ' ' || text[j-1] == '\t' || text[j-1] == '\n' || text[j-1] == '\r') {
		j--
	}
	if j == i && i > 0 && isWordByte(text[i-1]) {
		return "", i // i is inside a word
	}
	k := j
	for k > 0 && (isWordByte(text[k-1]) || text[k-1] == '\'' || text[k-1] == '-') {
		k--
	}
	return text[k:j], k
}

// nameBefore reports whether a name-like capitalised word stands just before offset i,
// other than a sentence's first word ("Theresa May", "Resolution 2001").
func nameBefore(text string, i int) bool {
	w, at := wordBeforeAt(text, i)
	return isNameWord(w) && !startsSentence(text, at)
}

// wordAfter is the word just after offset i, if only spaces separate them.
func wordAfter(text string, i int) string {
	j := i
	for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\n' || text[j] == '\r') {
		j++
	}
	k := j
	for k < len(text) && (isWordByte(text[k]) || text[k] == '\'' || text[k] == '-' && k > j) {
		k++
	}
	return text[j:k]
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80
}

func isCapitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// startsSentence reports whether offset i begins a sentence or a quotation: only
// spaces, an opening quote or bracket stand between it and a full stop or the text's start.
func startsSentence(text string, i int) bool {
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:i])
		switch {
		case r == ' ' || r == '\t' || r == '"' || r == '“' || r == '‘' || r == '(' || r == '\'' || r == '[':
			i -= n
			continue
		case r == '\n' || r == '.' || r == '!' || r == '?' || r == ':' || r == '—' || r == '–' || r == '-' || r == '_':
			return true
		}
		return false
	}
	return true
}

// isNameWord reports whether w is a capitalised word that is not a date word or a preposition:
// beside a month or weekday it makes a name ("April Jones", "Sunday Times").
func isNameWord(w string) bool {
	if w == "" || !isCapitalised(w) {
		return false
	}
	l := strings.ToLower(strings.TrimRight(w, "."))
	if _, ok := monthWords[l]; ok {
		return false
	}
	if _, ok := weekdayWords[l]; ok {
		return false
	}
	if datePrepositions[l] || l == "i" {
		return false
	}
	return true
}

func monthGuard(g groups) bool {
	m := strings.ToLower(strings.TrimSuffix(g.get("month"), "."))
	s, e := g.start("month"), g.end("month")
	if !strings.HasSuffix(g.get("month"), ".") && isNameWord(wordAfter(g.text, e)) {
		return false
	}
	if g.has("rel") || g.has("mod") {
		return true
	}
	before := wordBefore(g.text, s)
	if nameBefore(g.text, s) {
		return false // "Theresa May"
	}
	long := len(m) > 4 || m == "june" || m == "july"
	if ambiguousMonths[m] || !long {
		return datePrepositions[strings.ToLower(before)]
	}
	return true
}

func weekdayGuard(g groups) bool {
	e := g.end("weekday")
	after := wordAfter(g.text, e)
	if !strings.HasSuffix(g.get("weekday"), ".") && isNameWord(after) {
		return false // "the Sunday Times"
	}
	if la := strings.ToLower(after); (la == "and" || la == "or") && !g.has("pod") {
		// "on Monday and Tuesday nights": the first of coordinated recurring days, a set
		rest := strings.Fields(g.text[e:min(len(g.text), e+40)])
		if len(rest) >= 3 && isDayWord(strings.Trim(rest[1], ",")) {
			switch strings.ToLower(strings.Trim(rest[2], ".,;")) {
			case "nights", "mornings", "afternoons", "evenings":
				return false
			}
		}
	}
	w := strings.ToLower(g.get("weekday"))
	if len(w) <= 5 && !strings.HasSuffix(w, "day") { // "Wed", "Thurs": only with a full stop
		return strings.HasSuffix(w, ".")
	}
	return true
}

func seasonGuard(g groups) bool {
	s := strings.ToLower(g.get("season"))
	before := wordBefore(g.text, g.start("season"))
	if isCapitalised(g.get("season")) && nameBefore(g.text, g.start("season")) {
		return false // "Arab Spring"
	}
	if g.has("year") {
		return true
	}
	if after := strings.ToLower(wordAfter(g.text, g.end("season"))); after == "of" {
		return false // "the fall of Kabul"
	}
	if s == "fall" || s == "spring" {
		rel := g.lower("rel")
		if rel == "" && !g.has("mod") {
			return map[string]bool{"in": true, "during": true, "since": true, "until": true, "by": true, "this": true}[strings.ToLower(before)]
		}
		if rel == "the" && !g.has("mod") {
			return map[string]bool{"in": true, "during": true, "since": true, "until": true, "by": true, "over": true}[strings.ToLower(wordBefore(g.text, g.start("rel")))]
		}
	}
	return true
}

var determiners = map[string]bool{
	"the": true, "its": true, "his": true, "her": true, "their": true, "our": true, "my": true, "your": true,
	"a": true, "an": true, "this": true, "that": true, "fiscal": true, "calendar": true, "in": true, "since": true,
	"mid": true, "early": true, "late": true,
}

// irregularPlurals are plural nouns without -s that numbers count.
var irregularPlurals = map[string]bool{
	"people": true, "men": true, "women": true, "children": true, "police": true, "personnel": true,
	"staff": true, "cattle": true, "feet": true, "sheep": true, "fish": true, "head": true,
}

// functionWords may follow a year without making it a count ("in 1998 and", "1998 was").
var functionWords = map[string]bool{
	"and": true, "or": true, "to": true, "in": true, "on": true, "at": true, "when": true, "as": true,
	"was": true, "were": true, "is": true, "after": true, "before": true, "but": true, "the": true,
	"through": true, "until": true, "with": true, "from": true, "for": true, "by": true, "that": true,
	"which": true, "he": true, "she": true, "it": true, "they": true, "we": true, "i": true, "a": true,
	"had": true, "has": true, "have": true, "will": true, "would": true, "because": true, "while": true,
	"where": true, "than": true, "if": true, "this": true, "its": true, "his": true, "their": true,
	"there": true, "of": true, "against": true, "during": true, "amid": true, "only": true, "alone": true,
	"levels": true, "figures": true, "results": true, "earnings": true, "highs": true, "lows": true,
	"onwards": true, "onward": true, "forward": true, "so": true, "also": true,
}

func yearGuard(g groups) bool {
	s, e := g.start("year"), g.end("year")
	t := g.text
	if e < len(t) {
		switch c := t[e]; {
		case c == '%':
			return false
		case (c == '-' || c == ':' || c == ',' || c == '.' || c == '/') && e+1 < len(t) && (t[e+1] >= '0' && t[e+1] <= '9') && c != '-':
			return false // 1998.5, 1998:2, 1,998,000
		case c == '-' && e+1 < len(t) && (t[e+1] >= 'a' && t[e+1] <= 'z' || t[e+1] >= 'A' && t[e+1] <= 'Z'):
			return strings.HasPrefix(strings.ToLower(t[e+1:]), "era") || strings.HasPrefix(strings.ToLower(t[e+1:]), "style")
		}
	}
	if s > 0 && strings.IndexByte("$#.,/:", t[s-1]) >= 0 {
		return false // "$2000", "No. 2001"
	}
	if s > 1 && t[s-2:s] == "£" || s > 2 && t[s-3:s] == "€" {
		return false
	}
	if g.has("fy") || g.has("mod") || s >= 5 && strings.EqualFold(t[s-5:s], "post-") || s >= 4 && strings.EqualFold(t[s-4:s], "pre-") {
		return true // "the post-1959 politics", "pre-1990 rules": a year, whatever noun follows
	}
	y := g.int("year")
	before := wordBefore(t, s)
	lb := strings.ToLower(before)
	after := wordAfter(t, e)
	la := strings.ToLower(after)
	if y < 1900 || y > 2100 {
		if !map[string]bool{"in": true, "since": true, "by": true, "of": true, "from": true, "until": true, "before": true,
			"after": true, "during": true, "around": true, "circa": true, "year": true, "to": true, "and": true}[lb] {
			return false
		}
	}
	if strings.HasSuffix(lb, "'s") || strings.HasSuffix(lb, "s'") || strings.HasSuffix(lb, "’s") {
		lb = "its" // a possessive is a determiner: "the company's 1989 results", "Paribas's 1989 profit"
	} else if isNameWord(before) && !determiners[lb] {
		return false // "Resolution 2001", "Windows 2000", even first in a sentence
	}
	switch lb {
	case "no", "number", "nos", "resolution", "page", "pages", "room", "flight", "route", "highway", "article", "section", "chapter":
		return false
	}
	if _, at := wordBeforeAt(t, s); (lb == "and" || lb == "or" || lb == "to" || lb == "through") && at > 0 {
		if y := wordBefore(t, at); len(y) == 4 && y[0] >= '1' && y[0] <= '2' && strings.Trim(y, "0123456789") == "" {
			return true // "in 1999 and 2000 prices rose": coordinated years
		}
	}
	if after != "" && !isCapitalised(after) && !functionWords[la] && (after[0] < '0' || after[0] > '9') {
		// A number before a plural noun counts it ("1998 votes", "2000 people"), unless a
		// determiner makes it a modifier ("its 1998 figures"); before a singular noun it can
		// only be a year ("his unsuccessful 1996 campaign").
		plural := strings.HasSuffix(la, "s") && !strings.HasSuffix(la, "ss") && !strings.HasSuffix(la, "'s") && len(la) > 3 || irregularPlurals[la]
		if plural && !determiners[lb] {
			return false
		}
	}
	return true
}

func decadeGuard(g groups) bool {
	d := g.get("dec")
	if len(d) == 2 && !g.has("the") { // "in his 40s" is an age
		return false
	}
	before := strings.ToLower(wordBefore(g.text, g.start("dec")))
	if g.has("the") {
		before = strings.ToLower(wordBefore(g.text, g.start("the")))
	}
	switch before {
	case "his", "her", "their", "its", "my", "your", "our", "mid", "low", "high", "upper", "lower":
		return len(d) > 3
	}
	return true
}

// genericTodayNouns after "today's" make it mean "nowadays": "today's world", "in today's dollars".
var genericTodayNouns = map[string]bool{
	"world": true, "youth": true, "society": true, "generation": true, "generations": true, "economy": true,
	"children": true, "young": true, "technology": true, "standards": true, "terms": true, "dollars": true,
	"prices": true, "culture": true, "politics": true, "market": true, "markets": true, "media": true,
}

func genericGuard(g groups) bool {
	s := g.start("deixis")
	word := g.get("deixis")
	if isCapitalised(word) && nameBefore(g.text, s) {
		return false // "USA Today", "VOA Today"
	}
	if rest := g.text[g.end("deixis"):]; strings.HasPrefix(rest, "'s ") || strings.HasPrefix(rest, "’s ") {
		after := strings.ToLower(wordAfter(rest, strings.IndexByte(rest, ' ')))
		if genericTodayNouns[after] || strings.HasSuffix(after, "s") && !strings.HasSuffix(after, "ss") && strings.EqualFold(word, "today") {
			return false // "today's world", "today's personal computers"
		}
	}
	if g.has("mod") || g.has("dbef") || !startsClause(g.text, s) {
		return true
	}
	// "Today is the time to act", "Tomorrow will be too late": the day as a subject, a figure of speech.
	switch strings.ToLower(wordAfter(g.text, g.end("deixis"))) {
	case "is", "was":
		// "Today is the eighth day of the operation" names the day itself
		rest := strings.Fields(strings.ToLower(g.text[g.end("deixis"):min(len(g.text), g.end("deixis")+40)]))
		if len(rest) >= 4 && rest[1] == "the" && ordinalWords[rest[2]] > 0 && strings.Trim(rest[3], ".,;") == "day" {
			return true
		}
		return false
	case "will", "would", "must", "should", "can", "could", "may", "might", "belongs", "matters":
		return false
	}
	return true
}

func agoGuard(g groups) bool {
	return endsPhrase(g, "dir")
}

// endsPhrase: "two days after" and "the day before" date a point only when they end the
// phrase; "the day before authorities issued a warrant" counts from an event, not a date.
func endsPhrase(g groups, group string) bool {
	switch g.lower(group) {
	case "before", "after":
		// "two days after" dates only when it ends the phrase; "two days after the attack"
		// counts from an event, not a date.
		e := g.end(group)
		for e < len(g.text) && g.text[e] == ' ' {
			e++
		}
		return e >= len(g.text) || strings.ContainsRune(".,;:)\"”", rune(g.text[e]))
	}
	return true
}

func refGuard(g groups) bool {
	ref := g.lower("ref")
	s, e := g.start("ref"), g.end("ref")
	if ref == "soon" {
		// "as soon as Tuesday", "soon after", "was soon released", "soon became": a link to
		// another time or a step in a past narrative, not the vague future.
		before, after := strings.ToLower(wordBefore(g.text, s)), strings.ToLower(wordAfter(g.text, e))
		switch after {
		case "after", "afterward", "afterwards", "thereafter", "as", "enough":
			return false
		}
		if before == "as" || before == "so" || before == "too" || before == "how" || isPastForm(before) || isPastForm(after) {
			return false
		}
	}
	if ref == "the near term" || ref == "the short term" {
		// a noun phrase on its own ("in the short term."), not "the short term debt"
		if after := wordAfter(g.text, e); after != "" && !isClauseWord(after) {
			return false
		}
	}
	if ref == "current" || ref == "recent" || ref == "future" {
		after := wordAfter(g.text, e)
		if after == "" || isCapitalised(after) {
			return false
		}
	}
	return true
}

func setGuard(g groups) bool {
	if !g.has("per") || g.has("times") {
		return true
	}
	if strings.EqualFold(g.get("per"), "per") {
		return true
	}
	// "a year" is a frequency after an amount ("$5 a year", "twice a week"), else a duration.
	before := wordBefore(g.text, g.start("per"))
	if before == "" {
		return false
	}
	if strings.ContainsAny(before, "0123456789") {
		return true
	}
	switch strings.ToLower(before) {
	case "cents", "dollars", "million", "billion", "percent", "pounds", "euros", "times", "once", "twice", "hours", "miles", "kilometers", "barrels", "tons", "people":
		return true
	}
	return false
}

// startsClause reports whether offset i begins a sentence or a clause: after a comma, a
// semicolon or a subordinating word ("that", "if", "because").
func startsClause(text string, i int) bool {
	if startsSentence(text, i) {
		return true
	}
	j := i
	for j > 0 && (text[j-1] == ' ' || text[j-1] == '\n') {
		j--
	}
	if j > 0 && (text[j-1] == ',' || text[j-1] == ';') {
		return true
	}
	switch strings.ToLower(wordBefore(text, i)) {
	case "that", "if", "because", "and", "but", "so", "since", "as":
		return true
	}
	return false
}

// titleGuard rejects a phrase written as a title in mid-sentence ("on This Week with ..."):
// the name of a programme or a publication, not a date.
func titleGuard(g groups) bool {
	ws := strings.Fields(g.all())
	if len(ws) < 2 || startsSentence(g.text, g.idx[0]) {
		return true
	}
	for _, w := range ws {
		if !isCapitalised(w) {
			return true
		}
	}
	return false
}

// notInRange rejects an amount that is the second half of a figure range ("the 2021-22
// season" is not 22 seasons).
func notInRange(g groups) bool {
	s := g.start("num")
	return !(s > 1 && (g.text[s-1] == '-' || g.text[s-1] == '/') && g.text[s-2] >= '0' && g.text[s-2] <= '9')
}

// isPastForm reports whether w is a past-tense verb form ("was", "became", "released").
func isPastForm(w string) bool {
	w = strings.ToLower(w)
	if pastMarkers[w] {
		return w != "last" && w != "earlier" && w != "ago" && w != "yesterday"
	}
	return len(w) > 4 && strings.HasSuffix(w, "ed") && !notPastED[w]
}

// isClauseWord reports whether w can follow a complete noun phrase: a conjunction, a
// preposition or a verb-like word, not a noun the phrase would qualify.
func isClauseWord(w string) bool {
	switch strings.ToLower(w) {
	case "and", "or", "but", "because", "as", "if", "when", "while", "than", "is", "was", "are", "were",
		"will", "would", "could", "to", "for", "in", "at", "on", "of", "with", "by":
		return true
	}
	return false
}

// isDayWord reports whether w names a day ("Friday", "yesterday"): after a part of the day it
// is the day it belongs to, not a name.
func isDayWord(w string) bool {
	lw := strings.ToLower(w)
	_, wd := weekdayWords[lw]
	_, dd := deicticDays[lw]
	return wd || dd
}

// ofDecade: the words after a half or quarter name a decade or a century ("the last half of
// the '80s", "the first quarter of the century"): it is a part of that period, not of a year.
func ofDecade(rest string) bool {
	rest = strings.ToLower(rest)
	if !strings.HasPrefix(rest, " of the ") {
		return false
	}
	w := rest[len(" of the "):]
	if strings.HasPrefix(w, "decade") || strings.HasPrefix(w, "century") {
		return true
	}
	w = strings.TrimPrefix(strings.TrimPrefix(w, "'"), "’")
	n := 0
	for n < len(w) && w[n] >= '0' && w[n] <= '9' {
		n++
	}
	return (n == 2 || n == 4) && n < len(w) && w[n] == 's'
}

// indefinite: the expression at i opens with, or follows, "a"/"an" and at most one
// adjective ("a flat second quarter").
func indefinite(text string, i int) bool {
	w, at := wordBeforeAt(text, i)
	if lw := strings.ToLower(w); lw == "a" || lw == "an" {
		return true
	} else if w == "" || !isLowerWord(w) {
		return strings.HasPrefix(strings.ToLower(text[i:]), "a ") || strings.HasPrefix(strings.ToLower(text[i:]), "an ")
	}
	lw := strings.ToLower(wordBefore(text, at))
	return lw == "a" || lw == "an"
}

func isLowerWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}
