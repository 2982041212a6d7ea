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

// capitalised gives Title-case and upper-case forms of lower-case words: month and weekday
// names are dates only when written as names ("a march" is not March).
func capitalised(words []string) []string {
	var out []string
	for _, w := range words {
		out = append(out, strings.ToUpper(w[:1])+w[1:], strings.ToUpper(w))
	}
	return out
}

// namesThenAbbreviations matches the full names (at least min letters, or June/July) as
// words, and the abbreviations with an optional full stop.
func namesThenAbbreviations(words []string, min int) string {
	var full, short []string
	for _, w := range words {
		if len(w) >= min || w == "june" || w == "july" || w == "may" {
			full = append(full, w)
		} else {
			short = append(short, w)
		}
	}
	return `(?:(?:` + alternation(capitalised(full)) + `)\b|(?:` + alternation(capitalised(short)) + `)\b\.?)`
}

// macros expands the building blocks of patterns.
func macros() *strings.Replacer {
	month := namesThenAbbreviations(keys(monthWords), 5)
	weekday := namesThenAbbreviations(keys(weekdayWords), 6)
	var nums []string
	for w := range numberWords {
		nums = append(nums, w)
	}
	for _, tens := range []string{"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"} {
		for _, u := range []string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"} {
			nums = append(nums, tens+"-"+u)
		}
	}
	num := `(?:\d+(?:[.,]\d+)?|(?i:` + alternation(nums) + `))`
	units := `(?i:` + alternation([]string{"days", "day", "weeks", "week", "fortnights", "fortnight", "months", "month",
		"years", "year", "decades", "decade", "centuries", "century", "hours", "hour", "minutes", "minute",
		"seconds", "second", "quarters", "quarter", "weekends", "weekend", "seasons", "season", "semesters", "semester"}) + `)\b`
	ords := `(?i:` + alternation(keys(ordinalWords)) + `)`
	pods := `(?i:morning|afternoon|evening|night|overnight)`
	mod := `(?:(?P<mod>(?i:(?:the\s+)?(?:early|mid|late|middle|earlier|later)|(?:the\s+)?(?:middle|beginning|start|end|close)\s+of(?:\s+the)?))[-\s]+)?`
	approx := `(?:(?P<approx>(?i:` + alternation(keys(approxAmountWords)) + `))\s+)?`
	return strings.NewReplacer(
		"{month}", `(?P<month>`+month+`)`, "{month2}", `(?P<month2>`+month+`)`,
		"{weekday}", `(?P<weekday>`+weekday+`)`,
		"{day}", `(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b`, "{day2}", `(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\b`,
		"{year}", `(?P<year>1\d{3}|20\d{2})\b`, "{year2}", `(?P<year2>1\d{3}|20\d{2})\b`,
		"{num}", `(?P<num>`+num+`)`,
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
type class uint16

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
)

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
		"previously", "formerly", "lately", "past", "future", "soon", "shortly", "days", "later")
	add(cSeason, keys(seasonWords)...)
	for _, h := range holidayNames {
		w := strings.ToLower(strings.FieldsFunc(h, func(r rune) bool { return r == ' ' || r == '\'' || r == '.' })[0])
		add(cHoliday, w)
	}
	add(cPod, keys(partOfDayWords)...)
	add(cDecade, "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties", "century")
	add(cSet, "every", "each", "daily", "weekly", "monthly", "annually", "yearly", "hourly", "nightly",
		"quarterly", "biweekly", "per", "once", "twice", "times")
	return t
}
