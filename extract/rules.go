package extract

import (
	"strings"
)

// ruleSpec is one recognition rule as data: a pattern over the building blocks of
// patterns.go, the trigger classes that make it worth running, a guard that looks at the
// words around a match, and a builder that turns the captures into a partial date.
// Order matters only between matches of equal length: earlier rules win.
type ruleSpec struct {
	name    string
	pattern string
	needs   class               // one of these trigger classes must be in the window...
	also    class               // ... and one of these too (when not zero)
	starts  class               // the classes of the words a match can begin with (0: unknown, search everywhere)
	lower   bool                // the pattern is case-blind: run it, without (?i), on lower-cased text (faster)
	guard   func(g groups) bool // nil: always
	build   func(g groups) (partial, bool)
}

var ruleSpecs = []ruleSpec{
	{name: "iso-date", starts: cYear4, needs: cYear4, also: cSmall | cDigit,
		pattern: `\b{year}-(?P<mnum>[01]\d)-(?P<dnum>[0-3]\d)(?:[T ](?P<hour>[0-2]\d):(?P<minute>[0-5]\d))?\b`,
		build: func(g groups) (partial, bool) {
			p := partial{typ: TypeDate, gran: gDay, anchor: absolute, year: g.int("year"), month: g.int("mnum"), day: g.int("dnum")}
			if g.has("hour") {
				p.typ, p.hour, p.minute, p.clock = TypeTime, g.int("hour"), g.int("minute"), true
			}
			return p, validDay(p.month, p.day) && p.hour < 24
		}},
	{name: "slash-date", starts: cSmall, needs: cSmall,
		pattern: `\b(?P<mnum>[01]?\d)/(?P<dnum>[0-3]?\d)/(?P<y>(?:19|20)\d{2})\b`,
		build: func(g groups) (partial, bool) {
			p := partial{typ: TypeDate, gran: gDay, anchor: absolute, year: g.int("y"), month: g.int("mnum"), day: g.int("dnum")}
			return p, validDay(p.month, p.day)
		}},
	{name: "month-day", starts: cWeekday | cRel | cMod | cMonth | cThe, needs: cMonth, also: cSmall,
		pattern: `(?:(?P<weekof>(?i:the week of)) )?(?:{weekday},? )?(?:(?P<rel>(?i:last|this|next|this past|this coming)) )?{mod}{month} {day}(?:(?P<sep> ?(?:-|–|(?i:to|and|through|until|till)) ?)(?:{month2} )?{day2})?(?:,? {year})?\b`,
		build:   buildMonthDay},
	{name: "day-month", starts: cWeekday | cThe | cSmall | cDecTok, needs: cMonth, also: cSmall,
		pattern: `(?:{weekday},? )?(?:(?i:the) )?\b{day}(?:(?P<sep> ?(?:-|–|(?i:to|and|through|until)) ?){day2})? (?:(?i:of) )?{month}(?:,? {year})?\b`,
		build:   buildMonthDay},
	{name: "month-year", starts: cMod | cMonth | cThe, needs: cMonth, also: cYear4,
		pattern: `{mod}{month},? (?:(?i:of) )?{year}`,
		build: func(g groups) (partial, bool) {
			return partial{typ: TypeDate, gran: gMonth, anchor: absolute, year: g.int("year"), month: g.month("month"), mod: g.mod()}, true
		}},
	{name: "month-relative-year", starts: cMod | cMonth | cThe, needs: cMonth, also: cRel | cUnit,
		pattern: `{mod}{month}(?: {day})?,? (?:(?i:of) )?(?P<yrel>(?i:last|this|next)) (?i:year)\b`,
		build: func(g groups) (partial, bool) {
			p := partial{typ: TypeDate, gran: gMonth, anchor: deictic, unit: gYear, month: g.month("month"), mod: g.mod()}
			if g.has("day") { // "Feb. 24 last year"
				p.gran, p.day, p.mod = gDay, g.int("day"), dayMod(p.mod)
				if !validDay(p.month, p.day) {
					return p, false
				}
			}
			switch g.lower("yrel") {
			case "last":
				p.shift = -1
			case "next":
				p.shift = 1
			}
			return p, true
		}},
	{name: "month", starts: cRel | cMod | cMonth | cThe, needs: cMonth,
		pattern: `(?:(?P<rel>(?i:last|this|next|this past|this coming|past|coming)) )?{mod}{month}`,
		guard:   monthGuard,
		build: func(g groups) (partial, bool) {
			p := partial{typ: TypeDate, gran: gMonth, anchor: tensed, month: g.month("month"), mod: g.mod()}
			return relative(p, g.lower("rel")), true
		}},
	{name: "new-year", starts: cRel | cNew | cPrep, needs: cNew, also: cUnit,
		pattern: `(?:(?P<rel>(?i:last|this|next|this past|this coming)) )?(?P<holiday>New Year(?:['’]?s(?: Day| Eve)?| Day| Eve)?)(?:,? {year})?`,
		build:   buildHoliday},
	{name: "holiday", needs: cHoliday,
		pattern: `(?:(?P<rel>(?i:last|this|next|this past|this coming)) )?{holiday}(?:,? {year})?(?: (?P<hweek>(?i:week)\b))?`,
		guard: func(g groups) bool { // "the Good Friday Agreement", "the Easter Rising" are names
			return g.has("year") || !isNameWord(wordAfter(g.text, g.idx[1]))
		},
		build: buildHoliday},
	{name: "decade", needs: cDecTok,
		pattern: `{mod}(?:(?P<the>(?i:the)) )?(?P<dec>\b1\d\d0|\b20\d0|['’]\d0|\b\d0)['’]?s\b`,
		guard:   decadeGuard, build: buildDecade},
	{name: "decade-words", starts: cThe, needs: cDecade, lower: true,
		pattern: `(?i:the) {mod}(?P<decw>(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b`,
		build:   buildDecade},
	{name: "century", needs: cDecade, lower: true,
		pattern: `(?:(?i:the) )?{mod}(?:(?P<cnum>\d{1,2})(?:st|nd|rd|th)|{ord}) (?i:century)\b`,
		build: func(g groups) (partial, bool) {
			n := g.int("cnum")
			if n == 0 {
				n = ordinalWords[g.lower("ord")]
			}
			return partial{typ: TypeDate, gran: gCentury, anchor: absolute, year: (n - 1) * 100, mod: g.mod()}, n > 0 && n < 22
		}},
	{name: "year", starts: cMod | cThe | cYear4 | cFY, needs: cYear4,
		pattern: `{mod}(?:(?P<fy>(?i:fiscal year|fiscal|calendar year|calendar|the year|FY)) ?)?\b(?P<year>1\d{3}|20\d{2})\b`,
		guard:   yearGuard,
		build: func(g groups) (partial, bool) {
			return partial{typ: TypeDate, gran: gYear, anchor: absolute, year: g.int("year"), mod: g.mod()}, true
		}},
	{name: "season", starts: cRel | cMod | cSeason | cThe, needs: cSeason,
		pattern: `(?:(?P<rel>(?i:last|this|next|this past|this coming|past|coming|the)) )?{mod}{season}(?:(?: (?i:of))? {year})?`,
		guard:   seasonGuard,
		build: func(g groups) (partial, bool) {
			p := partial{typ: TypeDate, gran: gSeason, anchor: tensed, season: seasonWords[g.lower("season")], mod: g.mod()}
			if g.has("year") {
				p.anchor, p.year = absolute, g.int("year")
				return p, true
			}
			return relative(p, g.lower("rel")), true
		}},
	{name: "quarter", starts: cRel | cThe | cDet | cYear4 | cUnit | cFY | cOrd | cSmall | cDecTok, needs: cQuarter, lower: true,
		pattern: `(?:(?P<yrel>(?i:last|this|next)) (?i:year)['’]s |(?:(?i:the|its|a|an) )?(?:(?P<yq>1\d{3}|20\d{2}) |(?P<ago>(?i:year-ago|year-earlier|year-before|comparable|same|prior-year|corresponding))[- ](?:(?i:year-ago|year-earlier) )?)?)(?:(?i:fiscal)[- ])?{ord}[- ](?P<unit>(?i:quarter|half|qtr))\b(?:(?: (?i:of|in|for))? (?:{year}|(?P<yrel2>(?i:this|last|next|the)) (?i:year)\b))?`,
		guard:   func(g groups) bool { return g.has("year") || g.has("yrel2") || !ofDecade(g.text[g.end("unit"):]) },
		build:   buildQuarter},
	// "the first two quarters of 1990" is its first half (TimeML: 1990-H1)
	{name: "two-quarters", starts: cThe | cOrd, needs: cQuarter, also: cYear4, lower: true,
		pattern: `(?:the )?(?P<ord>first|second|last) two quarters (?:of|in) {year}`,
		build: func(g groups) (partial, bool) {
			p := partial{typ: TypeDate, gran: gHalf, anchor: absolute, year: g.int("year"), half: 2}
			if g.lower("ord") == "first" {
				p.half = 1
			}
			return p, true
		}},
	{name: "quarter-code", starts: cDigit, needs: cDigit, also: cYear4,
		pattern: `\b(?P<qc>[QH][1-4])\s?{year}`,
		build: func(g groups) (partial, bool) { // "Q3 2021", "H1 2020"
			code, n := g.get("qc")[0], int(g.get("qc")[1]-'0')
			if code == 'H' {
				return partial{typ: TypeDate, gran: gHalf, anchor: absolute, year: g.int("year"), half: n}, n <= 2
			}
			return partial{typ: TypeDate, gran: gQuarter, anchor: absolute, year: g.int("year"), quarter: n}, true
		}},
	{name: "quarter-relative", starts: cThe | cRel, needs: cQuarter, lower: true,
		pattern: `(?P<rel>(?i:the latest|the current|the previous|the preceding|the prior|the last|the past|the same|the year-ago|the year-earlier|the comparable|the|this|last|next|that|the most recent|the latest fiscal|the fiscal)) (?P<unit>(?i:quarter|half))\b`,
		guard: func(g groups) bool {
			// not "quarter-to-quarter", nor "the last half of the '80s" (a part of the period named next)
			rest := g.text[g.end("unit"):]
			return !strings.HasPrefix(rest, "-to-") && !ofDecade(rest)
		},
		build: buildQuarterRelative},
	{name: "period", starts: cThe | cRel | cUnit | cDet, needs: cPeriod | cQuarter, lower: true,
		pattern: `(?:(?P<yrel>(?i:last|this|next)) (?i:year)['’]s |(?P<rel>(?i:the latest|the same|the comparable year-ago|the comparable year-earlier|the comparable|the corresponding|the year-earlier|the year-ago|the prior-year|the year-before|the|that|this|the current|year-ago|year-earlier))[- ])?(?:(?P<yp>1\d{3}|20\d{2}) )?(?i:period|quarter)\b(?: (?P<ly>(?i:last year|a year (?:ago|earlier))))?`,
		guard:   func(g groups) bool { return !strings.HasPrefix(g.text[g.idx[1]:], "-to-") }, // "quarter-to-quarter"
		build:   buildPeriod},
	{name: "spelled-year", starts: cMod | cMonth | cThe | cSeason | cNum, needs: cYearWord,
		pattern: `(?:{mod}{month},? (?:(?i:of) )?|(?:(?i:the) )?{season} (?i:of) |(?i:the year) )?(?P<yearw>(?i:nineteen[- ](?:hundred(?:[- ](?:and[- ])?{numw})?|{numw})|two[- ]thousand(?:[- ](?:and[- ])?{numw})?))\b`,
		guard: func(g groups) bool {
			_, unit := unitWords[strings.ToLower(wordAfter(g.text, g.end("yearw")))]
			return !unit
		}, // "two thousand years"
		build: buildSpelledYear},
	{name: "deictic-day", starts: cMod | cThe | cDeixis, needs: cDeixis, lower: true,
		pattern: `{mod}(?:(?P<dbef>(?i:the day (?:before|after))) )?(?:(?P<pod2>(?i:mid-?\s?afternoon|mid-?\s?morning|morning|afternoon|evening|night)) )?(?P<deixis>(?i:yesterday|today|tomorrow|tonight))\b(?:(?:['’]s)? {pod})?`,
		guard:   genericGuard,
		build: func(g groups) (partial, bool) {
			w := g.lower("deixis")
			p := partial{typ: TypeDate, gran: gDay, anchor: deictic, unit: gDay, shift: deicticDays[w], mod: dayMod(g.mod())}
			switch g.lower("dbef") {
			case "the day before":
				p.shift--
			case "the day after":
				p.shift++
			}
			if w == "tonight" {
				p.pod = "NI"
			}
			if g.has("pod") {
				p.pod = partOfDayWords[g.lower("pod")]
			}
			if pod2 := g.lower("pod2"); pod2 != "" { // "mid-afternoon yesterday"
				if strings.HasPrefix(pod2, "mid") {
					p.mod, pod2 = "MID", strings.TrimLeft(pod2[3:], "- ")
				}
				p.pod = partOfDayWords[pod2]
			}
			if p.pod != "" {
				p.typ, p.gran = TypeTime, gPartOfDay
			}
			return p, true
		}},
	{name: "this-part-of-day", starts: cMod | cRel | cDeixis, needs: cPod, also: cRel | cDeixis, lower: true,
		pattern: `{mod}(?P<rel>(?i:this|last|tomorrow|yesterday|early this|late last)) {pod}\b`,
		build: func(g groups) (partial, bool) {
			p := partial{typ: TypeTime, gran: gPartOfDay, anchor: deictic, unit: gDay, pod: partOfDayWords[g.lower("pod")]}
			switch g.lower("rel") {
			case "last":
				p.shift = -1
			case "yesterday":
				p.shift = -1
			case "tomorrow":
				p.shift = 1
			}
			return p, true
		}},
	{name: "weekday", starts: cMod | cRel | cWeekday | cThe, needs: cWeekday,
		pattern: `{mod}(?:(?P<rel>(?i:last|this|next|this past|this coming|coming|past|the previous|the following|the next|the preceding)) )?{weekday}(?:,? {pod})?`,
		guard:   weekdayGuard,
		build: func(g groups) (partial, bool) {
			p := partial{typ: TypeDate, gran: gDay, anchor: tensed, weekday: weekdayWords[strings.TrimSuffix(g.lower("weekday"), ".")], mod: dayMod(g.mod())}
			if g.has("pod") {
				p.typ, p.gran, p.pod = TypeTime, gPartOfDay, partOfDayWords[g.lower("pod")]
			}
			switch strings.Join(strings.Fields(g.lower("rel")), " ") {
			case "the previous", "the preceding": // counted from the date just named
				p.anchor, p.dir = anaphoric, -1
				return p, true
			case "the following", "the next":
				p.anchor, p.dir = anaphoric, 1
				return p, true
			}
			if e := g.end("weekday"); e >= 0 && !g.has("rel") && !g.has("pod") && (strings.HasPrefix(g.text[e:], "'s ") || strings.HasPrefix(g.text[e:], "’s ")) {
				p.modifier = true // "Wednesday's ruling"
			}
			return relative(p, g.lower("rel")), true
		}},
	{name: "ago", starts: cPrep | cNum | cDigit | cSmall | cYear4 | cDet, needs: cUnit, also: cAgo, lower: true,
		pattern: `{approx}{num} {unit}(?P<orso> or so)? (?P<dir>(?i:ago|earlier|later|before|after|from now|from today|hence|back))\b`,
		guard:   agoGuard, build: buildAgo},
	{name: "year-ago-adjective", starts: cUnit, needs: cAgo, also: cUnit, lower: true,
		pattern: `\b(?i:year-(?:earlier|ago))\b`,
		build: func(g groups) (partial, bool) {
			return partial{typ: TypeDate, gran: gYear, anchor: anaphoric, unit: gYear, shift: -1, flex: true}, true
		}},
	{name: "year-end", starts: cUnit | cPrep, needs: cUnit, lower: true,
		pattern: `\b(?P<ye>year[- ]end)\b`,
		build: func(g groups) (partial, bool) {
			// the last day of a year: the latest one when looking back ("since year-end"), the
			// next one ahead ("by year-end")
			return partial{typ: TypeDate, gran: gDay, anchor: tensed, month: 12, day: 31}, true
		}},
	{name: "the-year", starts: cPrep | cVague | cDet | cMod, needs: cUnit, also: cThe, lower: true,
		pattern: `(?:(?P<mod>earlier|later|early|late) )?(?P<prep>for|of|during|in) (?P<y>the (?:full |whole |entire )?(?:fiscal )?year)\b(?: (?P<ended>ended|ending|to))?`,
		build: func(g groups) (partial, bool) {
			// "sales for the full year", "the first nine months of the year": the current year;
			// "the year ended Sept. 30" is a fiscal year, an amount of time.
			if g.has("ended") {
				return partial{}, false
			}
			if g.has("mod") { // "earlier in the year"
				return partial{typ: TypeDate, gran: gYear, anchor: deictic, unit: gYear, mod: modWords[g.lower("mod")]}, true
			}
			return partial{typ: TypeDate, gran: gYear, anchor: deictic, unit: gYear, cut: g.end("y"), skip: g.start("y")}, true
		}},
	{name: "relative-unit", starts: cMod | cRel | cThe, needs: cUnit, also: cRel | cMod,
		pattern: `{mod}(?P<rel>(?i:last|this|next|the coming|the current|the previous|the preceding|the latest|the past|the last|this past|this coming|coming|the following|the|that|the same)) (?:(?i:fiscal|calendar) )?(?P<unit>(?i:week|weekend|month|year|decade|century|fortnight))\b`,
		guard:   titleGuard, build: buildRelativeUnit},
	{name: "anaphora", starts: cMod | cRel | cThe, needs: cUnit | cPod, also: cRel | cMod | cThe, lower: true,
		pattern: `(?:(?P<mod>(?i:later|earlier|early|late)) )?(?P<rel>(?i:that same|the same|that|the following|the next|the previous|the preceding|the prior|the)) (?P<unit>(?i:day|morning|afternoon|evening|night|week|weekend|month|year))\b(?: (?P<ba>(?i:before|after)\b))?`,
		guard:   func(g groups) bool { return endsPhrase(g, "ba") },
		build:   buildAnaphora},
	{name: "part-of-day", starts: cPrep | cLink, needs: cPod | cClock | cDeixis, also: cMod | cClock, lower: true,
		pattern: `(?P<prep>(?i:by|in|at|until|around|during|from|since)) (?P<pd>(?i:mid-?\s?morning|mid-?\s?afternoon|midmorning|midafternoon|midday))\b`,
		guard: func(g groups) bool {
			return !isNameWord(wordAfter(g.text, g.end("pd"))) || isDayWord(wordAfter(g.text, g.end("pd")))
		},
		build: func(g groups) (partial, bool) {
			// "by mid-afternoon", "at midday": a moment of the day the story is on (dropped
			// when no such day was named)
			pd := strings.Join(strings.Fields(strings.ReplaceAll(g.lower("pd"), "-", " ")), " ")
			p := partial{typ: TypeTime, gran: gPartOfDay, anchor: anaphoric, unit: gDay, optional: true, skip: g.start("pd")}
			switch pd {
			case "midday":
				p.gran, p.hour, p.clock = gMinute, 12, true
			case "mid morning", "midmorning":
				p.pod, p.mod = "MO", "MID"
			default:
				p.pod, p.mod = "AF", "MID"
			}
			return p, true
		}},
	{name: "nth-day", starts: cThe, needs: cUnit, also: cOrd, lower: true,
		pattern: `(?i:the) {ord} (?:(?i:straight|consecutive|successive) )?(?i:day)\b`,
		guard: func(g groups) bool {
			// "It's the second day of an offensive", "today is the eighth day of ...": the
			// present day, counted within an event
			switch strings.ToLower(wordBefore(g.text, g.idx[0])) {
			case "is", "it's", "it’s", "marks", "marked":
				return strings.HasPrefix(strings.ToLower(strings.TrimLeft(g.text[g.idx[1]:], " ")), "of")
			}
			return false
		},
		build: func(g groups) (partial, bool) {
			return partial{typ: TypeDate, gran: gDay, anchor: deictic, unit: gDay}, true
		}},
	{name: "reference", starts: cRef | cPrep | cThe | cDet | cRel | cLink, needs: cRef, lower: true,
		pattern: `\b(?P<ref>(?i:` + alternationOfRefs() + `))\b`,
		guard:   refGuard,
		build: func(g groups) (partial, bool) {
			key := strings.Join(strings.Fields(g.lower("ref")), " ")
			return partial{typ: TypeDate, anchor: fixed, value: refWords[key]}, true
		}},
	{name: "clock", needs: cClock,
		pattern: `(?:(?i:about|around|approximately) )?\b(?P<noon>(?i:noon|midnight|midday))\b|(?:(?i:about|around|approximately) )?\b(?P<hour>[01]?\d|2[0-3])(?:[:.](?P<minute>[0-5]\d))?\s?(?P<ampm>(?i:a\.m\.|p\.m\.|am\b|pm\b))(?: (?P<tz>[A-Z]{2,4}))?|\b(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)\b(?: (?P<tz2>GMT|UTC|[A-Z]{2}T))?`,
		build:   buildClock},
	{name: "duration", starts: cDet | cThe | cRel | cVague | cPrep | cNum | cDigit | cSmall | cYear4 | cDecTok, needs: cUnit, also: cNum | cDigit | cYear4 | cSmall, lower: true,
		guard:   notInRange,
		pattern: `(?:(?P<det>(?i:the|these|those|its|his|her|their|our|another|an additional|an extra)) )?(?:(?P<rel>(?i:past|last|next|first|coming|previous|final|following|same|entire|whole|full|recent|preceding)) )?{approx}{num}(?P<half>(?i:[- ]and[- ]a[- ]half))? {unit}(?P<half2>(?i: and a half))?`,
		build:   buildDuration},
	{name: "duration-adjective", starts: cNum | cDigit | cSmall | cYear4 | cDet | cUnit, needs: cUnit, also: cNum | cDigit | cYear4 | cSmall | cLong, lower: true,
		pattern: `\b(?:{num}[- ](?P<unit1>(?i:day|week|month|year|decade|century|hour|minute))(?:[- ](?i:long|old))?|(?P<unit2>(?i:days|weeks|months|years|decades|day|week|month|year|decade|century))-long)\b`,
		build:   buildDurationAdjective},
	{name: "duration-vague", starts: cVague | cPrep | cThe | cRel, needs: cUnit, also: cVague, lower: true,
		pattern: `(?P<lead>(?i:for|in recent|recent|in coming|coming|the coming|in the coming|in the recent|over the|over|the past|the last|the next|in the last|in the past|within|the first|the last few|the past few|the next few|the past several|the last several)) (?P<unit>(?i:days|weeks|months|years|decades|centuries|hours|minutes|quarters))\b`,
		build: func(g groups) (partial, bool) {
			// "in recent years", "the coming weeks", "the past few months": TimeML reads them as
			// vague amounts of time (PXY, PXW), not as dates; "for years" likewise.
			p := partial{typ: TypeDuration, anchor: fixed, value: durationValue(-1, unitWords[g.lower("unit")])}
			if g.lower("unit") == "quarters" { // "recent quarters": months, as TimeML writes them
				p.value = "PXM"
			}
			if lead := g.lower("lead"); strings.HasPrefix(lead, "in ") { // the preposition is not part of it
				p.skip = g.start("lead") + 3
			}
			return p, true
		}},
	{name: "set-calendar", starts: cSet | cWeekday, needs: cWeekday | cMonth, also: cSet,
		pattern: `(?:(?P<every>(?i:every|each)) (?:(?P<other>(?i:other)) )?)?(?:{weekday}(?: (?P<pods>(?i:mornings|afternoons|evenings|nights))\b)?|{month}(?: {day})?\b)`,
		build:   buildSetCalendar},
	{name: "set", needs: cSet, lower: true,
		pattern: `(?P<every>(?i:every|each)) (?:(?P<other>(?i:other))|{num} )?(?:{unit}|{weekday})|\b(?P<adv>(?i:daily|weekly|monthly|annually|yearly|hourly|nightly|quarterly|biweekly))\b|(?:(?P<times>(?i:once|twice|\d+ times|[a-z]+ times)) )?(?P<per>(?i:a|per|an)) (?P<punit>(?i:day|week|month|year|hour|minute))\b|\b(?P<wds>(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s)\b`,
		guard:   setGuard, build: buildSet},
}
