package extract

import (
	"fmt"
	"strings"
	"time"
)

// tense of a sentence, as far as it decides the direction of a bare weekday or month.
type tense int

const (
	tenseNone tense = iota
	tensePast
	tensePresent
	tenseFuture
)

// context is what the resolver knows when it meets a partial date.
type context struct {
	dct   Date   // the publication date; zero when unknown
	tense tense  // of the expression's sentence
	sure  bool   // the tense comes from a preposition before the expression ("since", "by")
	prev  *point // the last date resolved in the article, for anaphora
	day   *point // a calendar day ("Sept. 30", not "Friday") named earlier in the same sentence
	// period is the last quarter or half named (not in a comparison): "the quarter" after
	// "the second quarter ... Sept. 30" is still that quarter.
	period *point
}

// resolution is a resolved (or honestly unresolved) partial date.
type resolution struct {
	value    string
	resolved bool
	from, to Date
	at       *point // the resolved point, to serve as the reference of later anaphora
}

// resolve fills in p from its context. It never invents precision: a month stays a month.
func resolve(p partial, c context) resolution {
	if p.anchor == fixed {
		r := resolution{value: p.value, resolved: true}
		if p.typ == TypeDate && strings.HasSuffix(p.value, "_REF") && !c.dct.IsZero() {
			// Vague references are pinned to the publication day: the only anchor the text gives.
			r.from, r.to = c.dct, c.dct
		} else if p.typ == TypeDate {
			r.resolved = false
		}
		return r
	}
	if p.dayFlex && c.day != nil && p.unit == gYear && p.gran == gYear {
		// "net income ... for the quarter ended Sept. 30, up from $100 million a year
		// earlier": the day named, a year before
		p.gran, p.month, p.day = gDay, c.day.month, c.day.day
		if p.month == 2 && p.day == 29 {
			p.day = 28
		}
		p.anchor, p.year = absolute, c.day.year+p.shift
	}
	pt, ok := locate(p, c)
	if !ok {
		return resolution{value: underspecified(p)}
	}
	r := resolution{value: pt.value(), resolved: true, at: &pt}
	r.from, r.to = pt.interval(p.mod)
	if p.until != nil {
		u := *p.until
		if u.year == 0 && u.anchor != deictic && u.anchor != anaphoric {
			u.year, u.anchor = pt.year, absolute
			if u.month == 0 {
				u.month = pt.month
			}
		}
		if up, ok := locate(u, c); ok {
			_, to := up.interval("")
			if to.Before(r.to) && u.anchor == absolute && p.until.year == 0 {
				up.year++
				_, to = up.interval("")
			}
			if !to.Before(r.from) {
				r.to = to
			}
		}
	}
	return r
}

// locate computes the point p names, or false when its reference is missing.
func locate(p partial, c context) (point, bool) {
	switch p.anchor {
	case absolute:
		return complete(p, p.year), p.year != 0 || p.gran == gNone
	case tensed:
		if c.dct.IsZero() {
			return point{}, false
		}
		return nearest(p, c)
	case deictic:
		if p.flex && c.prev != nil && (c.prev.gran == gQuarter || c.prev.gran == gHalf) {
			// "a year ago" after "the third quarter": the same quarter a year before
			from, _ := c.prev.interval("")
			return shifted(p, from, c.prev.gran, c), true
		}
		if c.dct.IsZero() {
			return point{}, false
		}
		return shifted(p, c.dct, gDay, c), true
	case anaphoric:
		if p.compare && p.unit == gYear && !c.dct.IsZero() && c.prev != nil && (c.prev.gran == gQuarter || c.prev.gran == gHalf) {
			if from, _ := c.prev.interval(""); c.dct.Before(from) {
				// "the year-ago period" compares results: not with a quarter still to come
				// ("losses through the third quarter of 1990"), with the last one reported
				last := shifted(partial{gran: c.prev.gran, unit: c.prev.gran, shift: -1}, c.dct, gDay, c)
				c.prev = &last
			}
		}
		if p.gran == gQuarter && p.compare && (c.prev == nil || c.prev.gran != gQuarter) && !c.dct.IsZero() {
			// "the year-ago quarter" after "Sept. 30": a year before the quarter under
			// discussion, else before the last one reported
			if c.period != nil && c.period.gran == gQuarter {
				c.prev = c.period
			} else {
				last := shifted(partial{gran: gQuarter, unit: gQuarter, shift: -1}, c.dct, gDay, c)
				c.prev = &last
			}
		}
		if p.needPrev != gNone && (c.prev == nil || c.prev.gran != p.needPrev) && c.period != nil && c.period.gran == p.needPrev {
			c.prev = c.period
		}
		if p.needPrev != gNone && (c.prev == nil || c.prev.gran != p.needPrev) {
			if c.dct.IsZero() || p.optional {
				return point{}, false
			}
			if p.endMonth != 0 {
				// "the quarter ended July 31": the three months up to the last such day,
				// counted in the calendar quarter of their middle month (May-July: Q2)
				end := Date{c.dct.Year, monthOf(p.endMonth), p.endDay}
				if c.dct.Before(end) {
					end.Year--
				}
				mid := addMonths(Date{end.Year, end.Month, 1}, -1)
				return point{gran: gQuarter, year: mid.Year, part: (int(mid.Month)-1)/3 + 1}, true
			}
			// No such date named before: the last one completed before publication (moved by
			// the words' years: "the year-ago quarter", "the 1988 quarter").
			last := shifted(partial{gran: p.gran, unit: p.gran, shift: -1}, c.dct, gDay, c)
			switch {
			case p.year != 0:
				last.year = p.year
			case p.unit == gYear:
				last.year += p.shift
			}
			return last, true
		}
		if p.flex && c.prev != nil && c.prev.gran != gQuarter && c.prev.gran != gHalf && c.prev.gran != gMonth && !c.dct.IsZero() {
			return shifted(p, c.dct, gDay, c), true // "a year earlier" compares with the present period
		}
		if p.year != 0 && c.prev != nil { // "the 1988 period": the period just named, in 1988
			p.shift = p.year - c.prev.year
			p.year = 0
		}
		if p.weekday != 0 && c.prev != nil && c.prev.gran == gDay {
			// "the previous Friday": the Friday before the date just named
			from, _ := c.prev.interval("")
			delta := (p.weekday - isoWeekday(from) + 7) % 7
			if p.dir < 0 {
				delta = -((isoWeekday(from) - p.weekday + 7) % 7)
			}
			if delta == 0 {
				delta = 7 * p.dir
			}
			d := from.AddDays(delta)
			return point{gran: gDay, year: d.Year, month: int(d.Month), day: d.Day, pod: p.pod}, true
		}
		if c.prev != nil {
			if max(p.gran, gDay) < c.prev.gran && !p.flex {
				if p.shift == 0 && !p.optional {
					// "that day" after "in May": some day of that May (2021-05-XX), within May
					pt := *c.prev
					pt.someDay = max(p.gran, gDay) == gDay && (pt.gran == gMonth || pt.gran == gYear)
					return pt, true
				}
				if p.optional && p.shift == 0 && !c.dct.IsZero() && c.tense != tensePast {
					// "will appear at midday" with only "last year" before: the day of
					// publication; "sold shares in the morning" after "in 1998" is unknown
					return shifted(p, c.dct, gDay, c), true
				}
				return point{}, false // "two days later" after "in May": not known
			}
			from, _ := c.prev.interval("")
			return shifted(p, from, c.prev.gran, c), true
		}
		if c.dct.IsZero() {
			return point{}, false
		}
		return shifted(p, c.dct, gDay, c), true
	}
	return point{}, false
}

// complete makes a point of p's fields in year y.
func complete(p partial, y int) point {
	pt := point{gran: p.gran, year: y, month: p.month, day: p.day, pod: p.pod, hour: p.hour, minute: p.minute, clock: p.clock}
	if p.holiday != "" {
		pt.month, pt.day = movableHoliday(p.holiday, y)
	}
	switch p.gran {
	case gWeek:
		if pt.month != 0 && pt.day != 0 { // "the week of March 6", "Easter week"
			pt.year, pt.week = Date{y, time.Month(pt.month), pt.day}.Time().ISOWeek()
		}
	case gQuarter:
		pt.part = p.quarter
	case gHalf:
		pt.part = p.half
	case gSeason:
		pt.season = p.season
	}
	if p.gran == gPartOfDay || p.gran == gHour || p.gran == gMinute {
		pt.gran = gDay // the value keeps the part of day or the clock; the interval is the day
	}
	return pt
}

// nearest picks the year (or the day, for a weekday) of a tensed partial: the latest one on or
// before the publication date when the sentence tells of the past, the next one on or after it
// for the future, and the closest one when the tense does not say.
func nearest(p partial, c context) (point, bool) {
	dir := p.dir
	if dir == 0 {
		switch c.tense {
		case tenseFuture:
			dir = 1
		case tensePast:
			dir = -1
		}
	}
	if p.weekday != 0 {
		d := c.dct
		wd := isoWeekday(d)
		var delta int
		if p.modifier && p.dir == 0 {
			// "Wednesday's ruling", "Thursday's closing price": a possessive day name tells
			// of what the day brought, whatever the tense of the clause around it
			dir = -1
		}
		switch {
		case dir > 0:
			delta = (p.weekday - wd + 7) % 7
			if delta == 0 && p.strict {
				delta = 7
			}
		default: // past, and news' default: a bare weekday reports the days just gone
			delta = -((wd - p.weekday + 7) % 7)
			if delta == 0 && p.strict {
				delta = -7
			}
		}
		day := d.AddDays(delta)
		return point{gran: gDay, year: day.Year, month: int(day.Month), day: day.Day, pod: p.pod, hour: p.hour, minute: p.minute, clock: p.clock}, true
	}
	if p.gran == gWeekend {
		// "the weekend": in the past, the last one over (this one if published on its
		// Sunday); ahead, the next one (this one if published on it)
		d := c.dct
		if wd := isoWeekday(d); dir <= 0 && wd < 7 {
			d = d.AddDays(-wd) // the Sunday before
		}
		y, w := d.Time().ISOWeek()
		return point{gran: gWeekend, year: y, week: w}, true
	}
	ref := c.dct
	if p.gran == gQuarter || p.gran == gHalf {
		// "the third quarter": of the current year, or the last one when the sentence
		// reports a quarter that has not begun yet.
		pt := complete(p, ref.Year)
		if from, _ := pt.interval(""); dir < 0 && ref.Before(from) {
			pt.year--
		}
		return pt, true
	}
	// Calendar names: compare the candidates in the years around the publication date. The
	// tense picks the direction, unless the other way is much closer: "by Jan. 14" said in
	// the past tense on January 7 is a week ahead, not a year back.
	type cand struct {
		pt   point
		dist int // days from the publication date to the candidate, signed
	}
	var inDir, closest *cand
	for y := ref.Year - 1; y <= ref.Year+1; y++ {
		pt := complete(p, y)
		from, to := pt.interval("")
		k := cand{pt: pt}
		switch {
		case to.Before(ref):
			k.dist = -daysBetween(to, ref)
		case ref.Before(from):
			k.dist = daysBetween(ref, from)
		}
		if p.strict && k.dist == 0 {
			continue
		}
		better := func(b *cand) bool {
			return b == nil || abs(k.dist) < abs(b.dist) || abs(k.dist) == abs(b.dist) && k.dist < b.dist
		}
		if !(dir < 0 && k.dist > 0 || dir > 0 && k.dist < 0) && better(inDir) {
			kk := k
			inDir = &kk
		}
		if better(closest) && (!p.strict || dir == 0 || dir < 0 == (k.dist < 0)) {
			kk := k
			closest = &kk
		}
	}
	switch {
	case inDir == nil && closest == nil:
		return complete(p, ref.Year), true
	case inDir == nil:
		return closest.pt, true
	case closest == nil || p.strict:
		return inDir.pt, true
	}
	if !c.sure && abs(closest.dist) <= tenseOverride(p.gran) && abs(inDir.dist) > 3*abs(closest.dist) {
		return closest.pt, true
	}
	return inDir.pt, true
}

// tenseOverride is how near (in days) a date against the tense must be to win over the one
// the tense points to.
func tenseOverride(g gran) int {
	switch g {
	case gDay, gPartOfDay, gHour, gMinute:
		return 75
	case gMonth:
		return 62
	}
	return 0
}

// shifted moves ref by p.shift units and reads p's fields in the period reached.
// refGran is the precision of the reference (the previous date, for anaphora).
func shifted(p partial, ref Date, refGran gran, c context) point {
	g := p.gran
	if p.flex && g == gYear && (refGran == gQuarter || refGran == gHalf) {
		g = refGran
	}
	d := ref
	switch p.unit {
	case gDay, gPartOfDay:
		d = d.AddDays(p.shift)
	case gWeek, gWeekend:
		d = d.AddDays(7 * p.shift)
	case gFortnight:
		d = d.AddDays(14 * p.shift)
	case gMonth:
		d = addMonths(d, p.shift)
	case gQuarter:
		d = addMonths(d, 3*p.shift)
	case gHalf:
		d = addMonths(d, 6*p.shift)
	case gSeason:
		d = addMonths(d, 3*p.shift)
	case gYear:
		d = addMonths(d, 12*p.shift)
	case gDecade:
		d = addMonths(d, 120*p.shift)
	case gCentury:
		d = addMonths(d, 1200*p.shift)
	}
	pt := point{gran: g, year: d.Year, month: int(d.Month), day: d.Day, pod: p.pod, hour: p.hour, minute: p.minute, clock: p.clock}
	switch g {
	case gDay, gPartOfDay, gHour, gMinute:
		if p.month != 0 && p.day != 0 { // "Feb. 24 last year"
			pt.month, pt.day = p.month, p.day
		}
		if p.weekday != 0 { // "last Thursday" said as "Thursday of last week"
			w := d.AddDays(p.weekday - isoWeekday(d))
			pt.year, pt.month, pt.day = w.Year, int(w.Month), w.Day
		}
		pt.gran = gDay
	case gWeek, gWeekend, gFortnight:
		pt.year, pt.week = d.Time().ISOWeek()
	case gMonth:
		if p.month != 0 {
			pt.month = p.month
		}
	case gSeason:
		pt.season = p.season
		if pt.season == "" {
			pt.season, pt.year = seasonOf(d)
		}
	case gQuarter:
		pt.part = p.quarter
		if pt.part == 0 {
			pt.part = (int(d.Month)-1)/3 + 1
		}
	case gHalf:
		pt.part = p.half
		if pt.part == 0 {
			pt.part = (int(d.Month)-1)/6 + 1
		}
	}
	return pt
}

// underspecified writes the TimeML value of a date that cannot be resolved: the known
// fields with X for the unknown ones (XXXX-07, XXXX-WXX-5).
func underspecified(p partial) string {
	y := "XXXX"
	if p.year != 0 {
		y = fmt.Sprintf("%04d", p.year)
	}
	switch {
	case p.weekday != 0:
		return fmt.Sprintf("XXXX-WXX-%d", p.weekday)
	case p.gran == gDay || p.gran == gPartOfDay || p.gran == gHour || p.gran == gMinute:
		m, d := "XX", "XX"
		if p.month != 0 {
			m = fmt.Sprintf("%02d", p.month)
		}
		if p.day != 0 {
			d = fmt.Sprintf("%02d", p.day)
		}
		s := y + "-" + m + "-" + d
		if p.pod != "" {
			s += "T" + p.pod
		}
		return s
	case p.gran == gWeek || p.gran == gFortnight:
		return y + "-WXX"
	case p.gran == gWeekend:
		return y + "-WXX-WE"
	case p.gran == gMonth:
		if p.month != 0 {
			return fmt.Sprintf("%s-%02d", y, p.month)
		}
		return y + "-XX"
	case p.gran == gSeason:
		if p.season == "" {
			return y + "-XX"
		}
		return y + "-" + p.season
	case p.gran == gQuarter:
		if p.quarter == 0 {
			return y + "-QX"
		}
		return fmt.Sprintf("%s-Q%d", y, p.quarter)
	case p.gran == gHalf:
		if p.half == 0 {
			return y + "-HX"
		}
		return fmt.Sprintf("%s-H%d", y, p.half)
	case p.gran == gDecade:
		return "XXX"
	case p.gran == gCentury:
		return "XX"
	}
	return y
}

// movableHoliday computes the month and day of a holiday whose date changes every year.
func movableHoliday(name string, y int) (int, int) {
	nth := func(m time.Month, wd time.Weekday, n int) (int, int) { // n-th weekday of a month; n = -1 for the last
		if n < 0 {
			last := Date{y, m + 1, 0}.Time()
			d := last.AddDate(0, 0, -((int(last.Weekday()) - int(wd) + 7) % 7))
			return int(d.Month()), d.Day()
		}
		first := Date{y, m, 1}.Time()
		d := first.AddDate(0, 0, (int(wd)-int(first.Weekday())+7)%7+7*(n-1))
		return int(d.Month()), d.Day()
	}
	switch strings.ToLower(name) {
	case "thanksgiving", "thanksgiving day":
		return nth(time.November, time.Thursday, 4)
	case "memorial day":
		return nth(time.May, time.Monday, -1)
	case "labor day":
		return nth(time.September, time.Monday, 1)
	case "mother's day":
		return nth(time.May, time.Sunday, 2)
	case "father's day":
		return nth(time.June, time.Sunday, 3)
	case "election day": // the Tuesday after the first Monday of November
		m, d := nth(time.November, time.Monday, 1)
		return m, d + 1
	case "martin luther king day":
		return nth(time.January, time.Monday, 3)
	case "presidents' day", "presidents day":
		return nth(time.February, time.Monday, 3)
	}
	e := easter(y)
	switch strings.ToLower(name) {
	case "good friday":
		e = e.AddDays(-2)
	case "easter monday":
		e = e.AddDays(1)
	}
	return int(e.Month), e.Day
}

// easter is Easter Sunday of year y (the anonymous Gregorian algorithm).
func easter(y int) Date {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return Date{y, time.Month(month), day}
}

// Calendar arithmetic.

func isoWeekday(d Date) int {
	wd := int(d.Weekday())
	if wd == 0 {
		return 7
	}
	return wd
}

func isoWeekStart(year, week int) Date {
	jan4 := Date{year, 1, 4}
	mon := jan4.AddDays(1 - isoWeekday(jan4))
	return mon.AddDays(7 * (week - 1))
}

// monthSpan is the first day of month m of year y and the last day n months on.
func monthSpan(y, m, n int) (Date, Date) {
	from := Date{y, time.Month(m), 1}
	to := DateOf(from.Time().AddDate(0, n, -1))
	return from, to
}

// addMonths moves d by n months, clamping the day to the end of the month reached.
func addMonths(d Date, n int) Date {
	first := DateOf(Date{d.Year, d.Month, 1}.Time().AddDate(0, n, 0))
	_, last := monthSpan(first.Year, int(first.Month), 1)
	if d.Day > last.Day {
		return last
	}
	return Date{first.Year, first.Month, d.Day}
}

func daysBetween(a, b Date) int { return int(b.Time().Sub(a.Time()).Hours() / 24) }

// seasonOf is the season holding d and the year it is counted in (winter is the year of its December).
func seasonOf(d Date) (string, int) {
	switch d.Month {
	case 12:
		return "WI", d.Year
	case 1, 2:
		return "WI", d.Year - 1
	case 3, 4, 5:
		return "SP", d.Year
	case 6, 7, 8:
		return "SU", d.Year
	}
	return "FA", d.Year
}

func monthOf(m int) time.Month { return time.Month(m) }

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
