package extract

import "fmt"

// gran is the granularity (precision) of a date: a day, a week, a month, a year...
type gran int

const (
	gNone gran = iota
	gSecond
	gMinute
	gHour
	gPartOfDay
	gDay
	gWeekend
	gWeek
	gFortnight
	gMonth
	gSeason
	gQuarter
	gHalf
	gYear
	gDecade
	gCentury
)

// anchor says what a partial date needs from its context to be resolved.
type anchor int

const (
	absolute  anchor = iota // the words give every field ("August 6, 2020", "in 1998")
	tensed                  // a calendar name without its year ("August 6", "Friday", "May"): the tense picks the nearest one
	deictic                 // counted from the publication date ("yesterday", "last week", "two years ago")
	anaphoric               // counted from the previous date in the article ("that day", "a week later")
	fixed                   // the value is given as is (PRESENT_REF, durations, sets)
)

// partial is what a rule reads from the words: an underspecified date. One resolver
// (resolve.go) fills it in from the publication date, the tense and the previous date.
type partial struct {
	typ     Type
	gran    gran
	year    int // the full year; the first year of a decade (1990) or century (1900)
	month   int
	day     int
	weekday int // ISO weekday, Monday = 1; 0 when none
	quarter int
	half    int
	season  string // SP, SU, FA, WI
	pod     string // part of day: MO, AF, EV, NI, MI
	hour    int
	minute  int
	clock   bool   // hour and minute are set
	holiday string // a movable holiday, computed per year
	anchor  anchor
	dir     int  // tensed: -1 the latest one, +1 the next one, 0 from the sentence's tense
	strict  bool // tensed: not the current one ("last May" in May is a year ago)
	shift   int  // deictic, anaphoric: how many units to move
	unit    gran // the unit of shift
	flex    bool // a year-shift that keeps a quarter's precision ("a year earlier" after "the third quarter")
	// endMonth, endDay: "the quarter ended July 31" with no quarter named before: the
	// calendar quarter holding most of the three months up to that day
	endMonth, endDay int
	// dayFlex: "a year earlier" after a calendar day named in the same sentence ("the six
	// months ended Aug. 12 ... a year earlier") is that day a year before
	dayFlex bool
	compare bool // a point of comparison ("the year-ago quarter"): it does not move the story's reference
	// modifier: a possessive day name ("Wednesday's ruling") qualifies a noun, apart from the
	// clause's tense: the day just gone
	modifier bool
	mod      string
	value    string   // fixed: the TIMEX3 value
	until    *partial // the last day of a range ("July 7 and 8")
	// needPrev: anaphora only to a previous date of this precision ("the quarter" means the
	// quarter just named); without one, the partial is counted from the publication date.
	needPrev gran
	cut      int  // the match really ends here (a rule that matched too far)
	skip     int  // the match really starts here (words a rule needed to see but that are not the expression)
	optional bool // dates nothing unless resolved: dropped otherwise
}

// point is a resolved date at some granularity.
type point struct {
	gran   gran
	year   int // calendar year, or ISO year for weeks
	month  int
	day    int
	week   int
	part   int // quarter or half number
	season string
	pod    string
	hour   int
	minute int
	clock  bool
	// someDay: a day of this month or year, which one unknown ("that same day" after "in
	// October"): TIMEX3 writes it 1998-10-XX; the interval stays the whole period
	someDay bool
}

// value formats p as a TIMEX3 value.
func (p point) value() string {
	switch p.gran {
	case gDay, gPartOfDay, gHour, gMinute, gSecond:
		s := fmt.Sprintf("%04d-%02d-%02d", p.year, p.month, p.day)
		switch {
		case p.clock:
			s += fmt.Sprintf("T%02d:%02d", p.hour, p.minute)
		case p.pod != "":
			s += "T" + p.pod
		}
		return s
	case gWeekend:
		return fmt.Sprintf("%04d-W%02d-WE", p.year, p.week)
	case gWeek, gFortnight:
		return fmt.Sprintf("%04d-W%02d", p.year, p.week)
	case gMonth:
		if p.someDay {
			return fmt.Sprintf("%04d-%02d-XX", p.year, p.month)
		}
		return fmt.Sprintf("%04d-%02d", p.year, p.month)
	case gSeason:
		return fmt.Sprintf("%04d-%s", p.year, p.season)
	case gQuarter:
		return fmt.Sprintf("%04d-Q%d", p.year, p.part)
	case gHalf:
		return fmt.Sprintf("%04d-H%d", p.year, p.part)
	case gYear:
		if p.someDay {
			return fmt.Sprintf("%04d-XX-XX", p.year)
		}
		return fmt.Sprintf("%04d", p.year)
	case gDecade:
		return fmt.Sprintf("%03d", floorDiv(p.year, 10))
	case gCentury:
		return fmt.Sprintf("%02d", floorDiv(p.year, 100))
	}
	return ""
}

// interval is the first and last day of p, narrowed by a START/MID/END mod to a third of it.
func (p point) interval(mod string) (from, to Date) {
	switch p.gran {
	case gDay, gPartOfDay, gHour, gMinute, gSecond:
		d := Date{p.year, monthOf(p.month), p.day}
		return d, d
	case gWeekend:
		mon := isoWeekStart(p.year, p.week)
		from, to = mon.AddDays(5), mon.AddDays(6)
	case gWeek:
		mon := isoWeekStart(p.year, p.week)
		from, to = mon, mon.AddDays(6)
	case gFortnight:
		mon := isoWeekStart(p.year, p.week)
		from, to = mon, mon.AddDays(13)
	case gMonth:
		from, to = monthSpan(p.year, p.month, 1)
		switch mod { // early, mid and late in a month are its decades of days, as news uses them
		case "START":
			return from, Date{from.Year, from.Month, 10}
		case "MID":
			return Date{from.Year, from.Month, 11}, Date{from.Year, from.Month, 20}
		case "END":
			return Date{from.Year, from.Month, 21}, to
		}
		return from, to
	case gSeason:
		first := map[string]int{"SP": 3, "SU": 6, "FA": 9, "WI": 12}[p.season]
		from, to = monthSpan(p.year, first, 3)
	case gQuarter:
		from, to = monthSpan(p.year, 3*p.part-2, 3)
	case gHalf:
		from, to = monthSpan(p.year, 6*p.part-5, 6)
	case gYear:
		from, to = monthSpan(p.year, 1, 12)
	case gDecade:
		y := floorDiv(p.year, 10) * 10
		from, to = Date{y, 1, 1}, Date{y + 9, 12, 31}
	case gCentury:
		y := floorDiv(p.year, 100) * 100
		from, to = Date{y, 1, 1}, Date{y + 99, 12, 31}
	default:
		return Date{}, Date{}
	}
	return narrow(from, to, mod)
}

// narrow keeps the first, middle or last third of [from, to] for START, MID and END,
// counted in whole years for a decade or century, in months for a year or quarter, else in days.
func narrow(from, to Date, mod string) (Date, Date) {
	if mod != "START" && mod != "MID" && mod != "END" {
		return from, to
	}
	months := (to.Year-from.Year)*12 + int(to.Month) - int(from.Month) + 1
	whole := from.Day == 1 && to.AddDays(1).Day == 1
	shift := func(d Date, n int) Date { return DateOf(d.Time().AddDate(0, n, 0)) }
	switch {
	case whole && months >= 24 && months%12 == 0:
		years := months / 12
		third := years / 3
		switch mod {
		case "START":
			return from, shift(from, 12*third).AddDays(-1)
		case "MID":
			return shift(from, 12*third), shift(from, 12*(years-third)).AddDays(-1)
		}
		return shift(from, 12*(years-third)), to
	case whole && months >= 3:
		third := months / 3
		switch mod {
		case "START":
			return from, shift(from, third).AddDays(-1)
		case "MID":
			return shift(from, third), shift(from, months-third).AddDays(-1)
		}
		return shift(from, months-third), to
	}
	n := daysBetween(from, to) + 1
	third := n / 3
	if third == 0 {
		return from, to
	}
	switch mod {
	case "START":
		return from, from.AddDays(third - 1)
	case "MID":
		return from.AddDays(third), to.AddDays(-third)
	}
	return to.AddDays(-third + 1), to
}
