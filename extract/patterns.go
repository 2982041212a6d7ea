package extract

import (
	"sort"
	"strings"
)

// Pattern building blocks. A rule's pattern names them in braces ({month}, {year2}); each
// expands to a named capture group built from the word lists, so patterns read like the
// phrases they match and the vocabulary lives in words.go.

// alternation joins words longest first (so "Sept" is tried before "Sep"), quoted for a regexp.
func alternation(words []string) string {
	ws := append([]string(nil), words...)
	sort.Slice(ws, func(i, j int) bool {
		if len(ws[i]) != len(ws[j]) {
			return len(ws[i]) > len(ws[j])
		}
		return ws[i] < ws[j]
	})
	for i, w := range ws {
		w = strings.ReplaceAll(w, ".", `\.`)
		w = strings.ReplaceAll(w, "'", `['’]`)
		ws[i] = strings.ReplaceAll(w, " ", `\s+`)
	}
	return strings.Join(ws, "|")
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// macros expands the building blocks of patterns.
func macros() *strings.Replacer {
	// Words from long lists are matched by their shape and checked against the list after the
	// match (engine.go: lexicon): a regexp alternation of a hundred words is slow to run.
	month := `(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT?|OCT|NOV|DEC)\.|[A-Z][a-zA-Z]{2,8}\b`
	weekday := `(?:Tues|Wed|Thurs)\.|[A-Z][a-zA-Z]{4,8}\b`
	num := `(?:\d+(?:[.,]\d+)?|(?i:(?:a |an |dozens |hundreds |thousands |a number )?[a-z]+(?:-[a-z]+)?(?: of)?))`
	var nouns []string // "day", "weeks"; not the adjectives "daily", "annual"
	for w := range unitWords {
		if !strings.HasSuffix(w, "ly") && w != "annual" {
			nouns = append(nouns, w)
		}
	}
	units := `(?i:` + alternation(nouns) + `)\b`
	// 1 to 99 in words, for years in words
	ones := "one|two|three|four|five|six|seven|eight|nine"
	numw := `(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:` + ones + `))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|` + ones + `)`
	ords := `(?i:\d{1,2}(?:st|nd|rd|th)|[a-z]+(?:-[a-z]+)?)`
	pods := `(?i:morning|afternoon|evening|night|overnight)`
	mod := `(?:(?P<mod>(?i:(?:the\s+)?(?:early|mid|late|middle|earlier|later)|(?:the\s+)?(?:middle|beginning|start|end|close)\s+of(?:\s+the)?))[-\s]+)?`
	approx := `(?:(?P<approx>(?i:` + alternation(keys(approxAmountWords)) + `))\s+)?`
	return strings.NewReplacer(
		"{month}", `(?P<month>`+month+`)`, "{month2}", `(?P<month2>`+month+`)`,
		"{weekday}", `(?P<weekday>`+weekday+`)`,
		"{day}", `(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b`, "{day2}", `(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\b`,
		"{year}", `(?P<year>1\d{3}|20\d{2})\b`, "{year2}", `(?P<year2>1\d{3}|20\d{2})\b`,
		"{num}", `(?P<num>`+num+`)`,
		"{numw}", numw,
		"{unit}", `(?P<unit>`+units+`)`,
		"{ord}", `(?P<ord>`+ords+`)`,
		"{pod}", `(?P<pod>`+pods+`)`,
		"{season}", `(?P<season>(?i:spring|summer|fall|autumn|winter))\b`,
		"{holiday}", `(?P<holiday>`+alternation(holidayNames)+`)\b`,
		"{mod}", mod,
		"{approx}", approx,
		" ", `\s+`, // a space in a pattern is any run of white space (text wraps)
	)
}

// class is a set of trigger-word kinds; a rule runs only on windows holding one of its classes.
type class uint32

const (
	cDigit class = 1 << iota
	cMonth
	cWeekday
	cUnit
	cDeixis
	cRef
	cSeason
	cHoliday
	cPod
	cDecade
	cSet
	cAgo
	cQuarter
	cNum
	cRel
	cMod
	cLong
	cVague
	cNew
	cYear4    // a four-digit number from 1000 to 2099
	cSmall    // a one- or two-digit number (a day of the month)
	cDecTok   // a decade in figures: 1990s, 90s
	cClock    // a clock time: 10:30, 5 p.m., noon
	cThe      // "the"
	cDet      // other determiners: a, an, its, these...
	cPrep     // words that may open an expression: on, at, about, around, in, more...
	cOrd      // ordinals as words
	cFY       // fiscal, calendar, FY
	cPeriod   // "period"
	cYearWord // "nineteen", "thousand": a year in words
	cLink     // "as", "by": start only the few rules that need them ("as soon as possible", "by mid-afternoon")
)

// primary classes open a window; the others only tell which rules a window needs.
const primary = cPeriod | cYearWord | cDigit | cYear4 | cSmall | cDecTok | cClock | cMonth | cWeekday | cUnit | cDeixis | cRef | cSeason | cHoliday | cPod | cDecade | cSet | cQuarter | cNew

// triggers maps lower-case words to their classes (digits are recognised by the scanner).
func triggers() map[string]class {
	t := map[string]class{}
	add := func(c class, words ...string) {
		for _, w := range words {
			t[w] |= c
		}
	}
	add(cMonth, keys(monthWords)...)
	add(cWeekday, keys(weekdayWords)...)
	for w := range weekdayWords {
		add(cWeekday|cSet, w+"s")
	}
	add(cUnit, keys(unitWords)...)
	add(cUnit, "ago", "half", "qtr", "period")
	add(cDeixis, "yesterday", "today", "tomorrow", "tonight", "night", "morning", "afternoon", "evening")
	add(cRef, "now", "currently", "current", "nowadays", "presently", "present", "moment", "recently", "recent",
		"previously", "formerly", "lately", "past", "future", "soon", "shortly", "days", "later", "term")
	add(cSeason, keys(seasonWords)...)
	add(cHoliday, "christmas", "easter", "thanksgiving", "halloween", "valentine", "boxing", "independence",
		"veterans", "armistice", "bastille", "patrick", "saints", "epiphany", "memorial", "labor", "labour",
		"mother", "father", "luther", "presidents", "fourth", "election", "nowruz", "norooz")
	add(cNew, "new")
	add(cAgo, "ago", "earlier", "later", "before", "after", "hence", "from", "back")
	add(cQuarter, "quarter", "quarters", "half", "qtr")
	for w, n := range numberWords {
		if n != 1 && !strings.Contains(w, " ") {
			add(cNum, w)
		}
	}
	add(cNum, "half", "one", "dozens", "hundreds", "thousands", "number", "couple", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
	add(cRel, "last", "this", "next", "coming", "current", "previous", "preceding", "latest", "past",
		"following", "that", "same", "prior", "weekend", "yesterday", "tomorrow")
	add(cMod, keys(modWords)...)
	add(cLong, "long", "old")
	add(cClock, "noon", "midnight", "midday")
	add(cThe, "the")
	add(cDet, "a", "an", "its", "his", "her", "their", "our", "these", "those", "another", "each", "every")
	add(cPrep, "of", "during", "on", "at", "about", "around", "approximately", "roughly", "nearly", "almost", "some", "in",
		"more", "less", "just", "up", "over", "under", "right", "until", "within", "circa")
	for w := range ordinalWords {
		if w[0] > '9' {
			add(cOrd, w)
		}
	}
	add(cFY, "fiscal", "calendar", "fy")
	add(cLink, "as", "by")
	add(cPeriod, "period")
	add(cYearWord, "nineteen", "thousand")
	add(cPeriod, "period")
	add(cYearWord, "nineteen", "thousand")
	add(cRel, "comparable", "corresponding", "then", "same")
	add(cVague, "for", "recent", "coming", "over", "past", "last", "next", "within", "first", "few")
	add(cPod, keys(partOfDayWords)...)
	add(cDecade, "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties", "century")
	add(cSet, "every", "each", "daily", "weekly", "monthly", "annually", "yearly", "hourly", "nightly",
		"quarterly", "biweekly", "per", "once", "twice", "times", "nights", "mornings", "afternoons", "evenings")
	return t
}
