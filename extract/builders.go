package extract

// Builders: from a rule's captures to a partial date (partial.go). The rules are in rules.go.

import (
	"fmt"
	"strconv"
	"strings"
)

func alternationOfRefs() string {
	return alternation(keys(refWords))
}

func validDay(m, d int) bool {
	return m >= 1 && m <= 12 && d >= 1 && d <= [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m]
}

// relative applies last/this/next to a tensed calendar name.
func relative(p partial, rel string) partial {
	switch strings.Join(strings.Fields(rel), " ") {
	case "last", "this past", "past":
		p.dir, p.strict = -1, true
	case "next", "this coming", "coming":
		p.dir, p.strict = 1, true
	case "this":
		if p.weekday == 0 { // "this May", "this summer": of the current year
			p.anchor, p.unit = deictic, gYear
		}
	}
	return p
}

// dayMod keeps early/late on a day as START/END (TimeML) and drops the others.
func dayMod(m string) string {
	if m == "START" || m == "END" || m == "MID" {
		return m
	}
	return ""
}

func buildMonthDay(g groups) (partial, bool) {
	p := partial{typ: TypeDate, gran: gDay, anchor: tensed, month: g.month("month"), day: g.int("day"), mod: dayMod(g.mod())}
	if !validDay(p.month, p.day) {
		return p, false
	}
	if g.has("year") {
		p.anchor, p.year = absolute, g.int("year")
	} else {
		p = relative(p, g.lower("rel"))
	}
	if g.has("weekof") { // "the week of March 6": the ISO week holding the day
		p.gran = gWeek
		return p, true
	}
	if g.has("month2") && strings.Contains(strings.ToLower(g.get("sep")), "and") && !strings.EqualFold(wordBefore(g.text, g.start("month")), "between") {
		// "on March 3 and March 5" names two days, not a range: keep the first.
		p.cut = g.end("day")
		return p, true
	}
	if g.has("day2") {
		u := p
		u.mod = ""
		if g.has("month2") {
			u.month = g.month("month2")
		}
		u.day = g.int("day2")
		if !validDay(u.month, u.day) {
			return p, false
		}
		p.until = &u
	}
	return p, true
}

func buildHoliday(g groups) (partial, bool) {
	name := strings.ToLower(strings.Join(strings.Fields(g.get("holiday")), " "))
	name = strings.ReplaceAll(name, "’", "'")
	p := partial{typ: TypeDate, gran: gDay, anchor: tensed}
	if md, ok := fixedHolidays[name]; ok {
		p.month, p.day = md[0], md[1]
	} else {
		p.holiday = name
	}
	if g.has("hweek") { // "Easter week": the week holding the holiday
		p.gran = gWeek
	}
	if g.has("year") {
		p.anchor, p.year = absolute, g.int("year")
		return p, true
	}
	return relative(p, g.lower("rel")), true
}

func buildDecade(g groups) (partial, bool) {
	p := partial{typ: TypeDate, gran: gDecade, anchor: absolute, mod: g.mod()}
	if w := g.lower("decw"); w != "" {
		n := map[string]int{"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70, "eighties": 80, "nineties": 90}[w]
		p.year = 1900 + n
		return p, true
	}
	d := strings.TrimLeft(g.get("dec"), "'’")
	n, _ := strconv.Atoi(d)
	switch {
	case len(d) == 2:
		p.year = 1900 + n
		if n <= 20 {
			p.year = 2000 + n
		}
	case n%100 == 0 && n != 2000:
		p.gran, p.year = gCentury, n // "the 1800s": a century
	default:
		p.year = n
	}
	return p, true
}

func buildQuarter(g groups) (partial, bool) {
	unit := g.lower("unit")
	n := ordinalWords[g.lower("ord")]
	p := partial{typ: TypeDate, gran: gQuarter, anchor: tensed}
	if unit == "half" {
		p.gran = gHalf
		if n > 2 {
			n = 2
		}
		p.half = n
		if n < 1 {
			return p, false
		}
	} else {
		if n < 1 || n > 4 {
			return p, false
		}
		p.quarter = n
	}
	if indefinite(g.text, g.idx[0]) {
		// "after a flat second quarter": a quarter named in passing, not the one the report
		// is about; later anaphora keep to that one
		p.compare = true
	}
	switch {
	case g.has("year"):
		p.anchor, p.year = absolute, g.int("year")
	case g.has("yq"):
		p.anchor, p.year = absolute, g.int("yq")
	case g.has("ago"):
		p.anchor, p.unit, p.shift, p.compare = deictic, gYear, -1, true
		if a := g.lower("ago"); a == "same" || a == "comparable" || a == "corresponding" {
			p.shift = 0
			if strings.Contains(strings.ToLower(g.all()), "year") {
				p.shift = -1
			}
		}
	case g.has("yrel") || g.has("yrel2"):
		p.anchor, p.unit = deictic, gYear
		switch g.lower("yrel") + g.lower("yrel2") {
		case "last":
			p.shift = -1
		case "next":
			p.shift = 1
		}
	}
	return p, true
}

func buildQuarterRelative(g groups) (partial, bool) {
	p := partial{typ: TypeDate, gran: gQuarter, anchor: deictic, unit: gQuarter}
	if g.lower("unit") == "half" {
		p.gran, p.unit = gHalf, gHalf
	}
	switch strings.Join(strings.Fields(g.lower("rel")), " ") {
	case "this", "the current", "the fiscal":
	case "last", "the latest", "the previous", "the preceding", "the prior", "the last", "the past", "the most recent", "the latest fiscal":
		p.shift = -1
	case "next":
		p.shift = 1
	case "the year-ago", "the year-earlier", "the comparable":
		p.anchor, p.unit, p.shift, p.flex, p.compare = anaphoric, gYear, -1, true, true
	default: // "the quarter", "that quarter": the one just named, else the last one reported
		p.anchor, p.unit, p.needPrev, p.shift = anaphoric, gQuarter, p.gran, 0
		if p.gran == gQuarter {
			p.endMonth, p.endDay = periodEnd(g.text[g.end("unit"):])
		}
	}
	return p, true
}

// periodEnd reads "ended July 31" / "ending Sept. 30" at the start of rest.
func periodEnd(rest string) (int, int) {
	f := strings.Fields(rest[:min(len(rest), 32)])
	if len(f) < 3 || f[0] != "ended" && f[0] != "ending" || !isMonthWord(f[1]) {
		return 0, 0
	}
	m := monthWords[strings.ToLower(strings.TrimSuffix(f[1], "."))]
	d, err := strconv.Atoi(strings.TrimRight(f[2], ",.;"))
	if err != nil || !validDay(m, d) {
		return 0, 0
	}
	return m, d
}

func buildAgo(g groups) (partial, bool) {
	unit := unitWords[g.lower("unit")]
	n := amount(g.lower("num"))
	dir := g.lower("dir")
	if n == 0 || unit == gHour || unit == gMinute || unit == gSecond {
		return partial{}, false
	}
	if n < 0 {
		switch dir {
		case "later", "earlier", "before", "after":
			// "a few days later": counted from a date the text leaves vague; TimeML marks
			// the amount, "a few days", a duration
			return partial{typ: TypeDuration, anchor: fixed, value: durationValue(-1, unit), cut: g.end("unit")}, true
		}
		v := "PAST_REF" // "several years ago": only that it is past
		if dir == "from now" || dir == "hence" {
			v = "FUTURE_REF"
		}
		return partial{typ: TypeDate, anchor: fixed, value: v}, true
	}
	p := partial{typ: TypeDate, gran: unit, anchor: deictic, unit: unit, shift: -int(n)}
	if n != float64(int(n)) {
		return partial{}, false
	}
	switch dir {
	case "earlier", "before":
		p.anchor = anaphoric
	case "later", "after":
		p.anchor, p.shift = anaphoric, int(n)
	case "from now", "from today", "hence":
		p.shift = int(n)
	}
	switch unit {
	case gDecade:
		p.gran, p.unit, p.shift = gYear, gYear, p.shift*10
	case gCentury:
		p.gran, p.unit, p.shift = gYear, gYear, p.shift*100
	case gYear:
		p.flex = n == 1                             // "a year earlier" compares with the period just named; "20 years ago" does not
		p.dayFlex = p.flex && p.anchor == anaphoric // "ago" counts from the present
	}
	if g.has("approx") || g.has("orso") { // "about a week ago", "a week or so ago"
		p.mod = "APPROX"
	}
	return p, true
}

func buildRelativeUnit(g groups) (partial, bool) {
	unit := unitWords[g.lower("unit")]
	rel := strings.Join(strings.Fields(g.lower("rel")), " ")
	mod := g.mod()
	p := partial{typ: TypeDate, gran: unit, anchor: deictic, unit: unit, mod: mod}
	if unit == gWeekend {
		p.unit = gWeek
	}
	if (rel == "the past" || rel == "the last") && (unit == gDecade || unit == gCentury) {
		// "the past decade" is the span of ten years up to now
		return partial{typ: TypeDuration, anchor: fixed, value: durationValue(1, unit)}, true
	}
	switch unit {
	case gDecade, gCentury:
		p.unit = gYear
		if unit == gDecade {
			p.shift = 10
		} else {
			p.shift = 100
		}
	}
	step := 1
	if p.shift != 0 {
		step, p.shift = p.shift, 0
	}
	switch rel {
	case "last", "the previous", "the preceding", "the latest", "this past", "the past", "the last":
		p.shift = -step
	case "next", "the coming", "this coming", "coming", "the following":
		p.shift = step
	case "this", "the current":
	case "that", "the same":
		p.anchor = anaphoric
	case "the":
		if unit == gWeekend {
			p.anchor = tensed
			break
		}
		if mod == "" {
			return p, false // "the year" alone is too vague to date
		}
	}
	if rel == "the following" {
		p.anchor = anaphoric
	}
	if unit == gYear && p.shift == -1 && mod == "" && afterAmount(g) {
		// "$21.4 million last year" after "the third quarter" compares the same quarter
		p.flex, p.compare = true, true
	}
	return p, true
}

// afterAmount: the expression follows a figure ("$1.55 billion last year").
func afterAmount(g groups) bool {
	w := strings.ToLower(wordBefore(g.text, g.idx[0]))
	switch w {
	case "million", "billion", "trillion", "cents", "percent", "share", "points":
		return true
	}
	return strings.ContainsAny(w, "0123456789")
}

func buildAnaphora(g groups) (partial, bool) {
	u := g.lower("unit")
	unit, pod := unitWords[u], partOfDayWords[u]
	if pod != "" {
		unit = gDay
	}
	rel := strings.Join(strings.Fields(g.lower("rel")), " ")
	p := partial{typ: TypeDate, gran: unit, anchor: anaphoric, unit: unit, pod: pod}
	if unit == gWeekend {
		p.unit = gWeek
	}
	if pod != "" {
		p.typ, p.gran = TypeTime, gPartOfDay
	}
	switch rel {
	case "the following", "the next":
		p.shift = 1
	case "the previous", "the preceding", "the prior":
		p.shift = -1
	case "the":
		switch g.lower("ba") {
		case "before":
			p.shift = -1
		case "after":
			p.shift = 1
		default:
			switch before := strings.ToLower(wordBefore(g.text, g.start("rel"))); {
			case g.has("mod"): // "later the day" is that day
			case pod != "" && (before == "in" || before == "during") && !clockBefore(g.text, g.start("rel")):
				// "placed orders in the morning": a part of the day the story is on; with
				// no such day named before, it dates nothing
				p.optional = true
			default: // "the day" alone: too vague
				return p, false
			}
		}
	}
	if m := g.lower("mod"); m != "" && unit != gDay {
		p.mod = modWords[m]
	}
	return p, true
}

func buildClock(g groups) (partial, bool) {
	h, m := g.int("hour"), g.int("minute")
	if g.has("noon") {
		h = 12
		if g.lower("noon") == "midnight" {
			h = 24
		}
	} else if g.has("h24") {
		h, m = g.int("h24"), g.int("m24")
	} else {
		if h < 1 || h > 12 {
			return partial{}, false
		}
		pm := strings.HasPrefix(g.lower("ampm"), "p")
		if pm && h < 12 {
			h += 12
		} else if !pm && h == 12 {
			h = 0
		}
	}
	return partial{typ: TypeTime, gran: gMinute, hour: h, minute: m, clock: true, anchor: absolute}, true
}

func buildDuration(g groups) (partial, bool) {
	n := amount(g.lower("num"))
	unit := unitWords[g.lower("unit")]
	if n == 0 || unit == gNone || n >= 1000 && (unit == gQuarter || unit == gHalf || unit == gSeason) {
		return partial{}, false // "the 1988 quarter" is a date
	}
	if g.has("half") || g.has("half2") {
		if n < 0 {
			return partial{}, false
		}
		n += 0.5
	}
	p := partial{typ: TypeDuration, anchor: fixed, value: durationValue(n, unit)}
	if a := g.lower("approx"); a != "" {
		p.mod = approxAmountWords[strings.Join(strings.Fields(a), " ")]
	}
	return p, true
}

func buildDurationAdjective(g groups) (partial, bool) {
	if g.has("unit2") {
		return partial{typ: TypeDuration, anchor: fixed, value: durationValue(-1, unitWords[g.lower("unit2")])}, true
	}
	n := amount(g.lower("num"))
	if n == 0 {
		return partial{}, false
	}
	return partial{typ: TypeDuration, anchor: fixed, value: durationValue(n, unitWords[g.lower("unit1")])}, true
}

func buildSet(g groups) (partial, bool) {
	p := partial{typ: TypeSet, anchor: fixed}
	switch {
	case g.has("wds"):
		p.value = "XXXX-WXX-" + strconv.Itoa(weekdayWords[strings.TrimSuffix(g.lower("wds"), "s")])
	case g.has("weekday"):
		p.value = "XXXX-WXX-" + strconv.Itoa(weekdayWords[strings.TrimSuffix(g.lower("weekday"), ".")])
	case g.has("adv"):
		a := g.lower("adv")
		unit := unitWords[a]
		switch a {
		case "nightly":
			unit = gDay
		case "biweekly":
			p.value = "P2W"
			return p, true
		}
		p.value = durationValue(1, unit)
	case g.has("every"):
		n := 1.0
		if g.has("num") {
			n = amount(g.lower("num"))
		}
		if g.has("other") {
			n = 2
		}
		if n <= 0 {
			return p, false
		}
		p.value = durationValue(n, unitWords[g.lower("unit")])
	default:
		p.value = durationValue(1, unitWords[g.lower("punit")])
	}
	return p, p.value != ""
}

// buildSetCalendar reads the sets named by a calendar word: "every Monday", "each July",
// "Tuesday nights".
func buildSetCalendar(g groups) (partial, bool) {
	p := partial{typ: TypeSet, anchor: fixed}
	switch {
	case !g.has("every") && !g.has("pods"):
		return p, false // a plain weekday or month
	case g.has("weekday"):
		p.value = "XXXX-WXX-" + strconv.Itoa(weekdayWords[strings.TrimSuffix(g.lower("weekday"), ".")])
		if g.has("pods") {
			p.value += "T" + partOfDayWords[strings.TrimSuffix(g.lower("pods"), "s")]
		}
	case g.has("month"):
		p.value = fmt.Sprintf("XXXX-%02d", g.month("month"))
		if g.has("day") { // "each May 5"
			if !validDay(g.month("month"), g.int("day")) {
				return p, false
			}
			p.value += fmt.Sprintf("-%02d", g.int("day"))
		}
	}
	return p, true // ("every other Monday": TIMEX3 keeps the day in the value, the "other" in quant)
}

// amount reads a number in figures or words; vague amounts ("several") are -1, unknown 0.
func amount(s string) float64 {
	s = strings.Join(strings.Fields(s), " ")
	if v, ok := numberWords[s]; ok {
		if v == -2 {
			return 0.5
		}
		return float64(v)
	}
	if i := strings.IndexByte(s, '-'); i > 0 {
		if t, ok := numberWords[s[:i]]; ok {
			if u, ok := numberWords[s[i+1:]]; ok && t >= 20 && u < 10 {
				return float64(t + u)
			}
		}
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil || f <= 0 || f > 100000 {
		return 0
	}
	return f
}

// durationValue writes a TIMEX3 duration: P3Y, PT2H, P20Y for two decades; PXY when vague (n < 0).
func durationValue(n float64, unit gran) string {
	num := "X"
	mult := 1.0
	letter := ""
	timePart := false
	switch unit {
	case gDay, gPartOfDay:
		letter = "D"
	case gWeek:
		letter = "W"
	case gWeekend:
		letter, mult = "D", 2
	case gFortnight:
		letter, mult = "W", 2
	case gMonth:
		letter = "M"
	case gQuarter:
		letter = "Q"
	case gSeason:
		letter, mult = "M", 3
	case gHalf:
		letter, mult = "M", 6
	case gYear:
		letter = "Y"
	case gDecade:
		letter, mult = "Y", 10
	case gCentury:
		letter, mult = "Y", 100
	case gHour:
		letter, timePart = "H", true
	case gMinute:
		letter, timePart = "M", true
	case gSecond:
		letter, timePart = "S", true
	default:
		return ""
	}
	if n >= 0 {
		num = strconv.FormatFloat(n*mult, 'f', -1, 64)
	}
	if timePart {
		return "PT" + num + letter
	}
	return "P" + num + letter
}

// buildPeriod reads "the latest period", "the year-earlier period", "the 1988 period": in
// an earnings report, the reporting period just named (a quarter). With no quarter named
// before, the words date nothing and are dropped.
func buildPeriod(g groups) (partial, bool) {
	p := partial{typ: TypeDate, gran: gQuarter, anchor: anaphoric, unit: gYear, needPrev: gQuarter, optional: true, compare: true}
	switch strings.Join(strings.Fields(g.lower("rel")), " ") {
	case "the year-earlier", "the year-ago", "the prior-year", "the year-before", "year-ago", "year-earlier",
		"the comparable year-ago", "the comparable year-earlier":
		p.shift = -1
	case "the comparable", "the corresponding", "the same":
		if g.has("ly") {
			p.shift = -1
		}
	case "":
		if !g.has("yp") && !g.has("yrel") {
			return p, false // "period" alone
		}
	}
	if g.has("ly") {
		p.shift = -1
	}
	switch g.lower("yrel") {
	case "last":
		p.shift = -1
	case "next":
		p.shift = 1
	}
	if g.has("yp") {
		p.year = g.int("yp")
	}
	if strings.HasSuffix(strings.ToLower(g.all()), "quarter") || g.has("ly") || g.lower("rel") == "the latest" {
		// "the year-ago quarter", "the latest period": a reporting quarter even with none
		// named before (then the last one completed before publication)
		p.optional = false
	}
	return p, true
}

// buildSpelledYear reads years in words ("nineteen ninety-six", "the year two thousand"),
// alone or after a month or a season.
func buildSpelledYear(g groups) (partial, bool) {
	y := spelledYear(g.lower("yearw"))
	if y == 0 {
		return partial{}, false
	}
	p := partial{typ: TypeDate, gran: gYear, anchor: absolute, year: y, mod: g.mod()}
	switch {
	case g.has("month"):
		p.gran, p.month = gMonth, g.month("month")
	case g.has("season"):
		p.gran, p.season = gSeason, seasonWords[g.lower("season")]
	}
	return p, true
}

// spelledYear: "nineteen ninety-six" = 1996, "nineteen hundred" = 1900, "two thousand one" = 2001.
func spelledYear(s string) int {
	ws := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' || r == '\n' })
	small := func(ws []string) (int, bool) { // 1..99 in words
		n := 0
		for _, w := range ws {
			v, ok := numberWords[w]
			if !ok || v <= 0 || v >= 100 || w == "a" || w == "an" {
				return 0, false
			}
			n += v
		}
		return n, n > 0 && n < 100
	}
	switch {
	case len(ws) >= 2 && ws[0] == "nineteen":
		rest := ws[1:]
		if rest[0] == "hundred" {
			rest = rest[1:]
			if len(rest) > 0 && rest[0] == "and" {
				rest = rest[1:]
			}
			if len(rest) == 0 {
				return 1900
			}
		}
		if n, ok := small(rest); ok && (n >= 10 || len(rest) > 1) {
			return 1900 + n
		}
	case len(ws) >= 2 && ws[0] == "two" && ws[1] == "thousand":
		rest := ws[2:]
		if len(rest) > 0 && rest[0] == "and" {
			rest = rest[1:]
		}
		if len(rest) == 0 {
			return 2000
		}
		if n, ok := small(rest); ok {
			return 2000 + n
		}
	}
	return 0
}

// clockBefore reports whether "in"/"during" before offset i follows an hour ("4 in the
// morning"): a clock time, not a part of the story's day.
func clockBefore(text string, i int) bool {
	_, at := wordBeforeAt(text, i)
	h := strings.TrimSuffix(strings.ToLower(wordBefore(text, at)), "o'clock")
	h = strings.TrimSpace(h)
	if h == "" {
		return false
	}
	if _, ok := numberWords[h]; ok && numberWords[h] > 0 && numberWords[h] <= 12 {
		return true
	}
	return strings.Trim(h, "0123456789:") == ""
}
