package events

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/timeline-news/timeline/extract"
)

// Label is the human label of a resolved TIMEX3 value and mod with its calendar interval
// [from, to]: "26 July 2021", "late July 2021", "week of 2 August 2021", "7–8 July 2021",
// "summer 2018", "Q1 2021", "the 1990s", "2001 (approx.)". A value it cannot read is returned as is.
func Label(value, mod string, from, to extract.Date) string {
	base, unit := labelValue(value, from, to)
	if base == "" {
		return value
	}
	return withMod(base, unit, mod)
}

// Precision names the unit of a TIMEX3 value: time, day, days (a range of days), week, weekend,
// month, months, season, quarter, half, year, decade, century; "" for a value it cannot read.
func Precision(value string, from, to extract.Date) string {
	_, unit := labelValue(value, from, to)
	return unit
}

var seasons = map[string]string{"SP": "spring", "SU": "summer", "FA": "autumn", "AU": "autumn", "WI": "winter"}

var dayParts = map[string]string{"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}

// labelValue returns the label of value without its mod, and its unit.
func labelValue(value string, from, to extract.Date) (string, string) {
	date, clock, hasClock := strings.Cut(value, "T")
	parts := strings.Split(date, "-")
	year, err := strconv.Atoi(parts[0])
	if err != nil || year < 0 {
		return "", ""
	}
	switch {
	case len(parts) == 1 && len(parts[0]) == 4:
		return parts[0], "year"
	case len(parts) == 1 && len(parts[0]) == 3:
		return fmt.Sprintf("the %d0s", year), "decade"
	case len(parts) == 1 && len(parts[0]) == 2:
		return ordinal(year+1) + " century", "century"
	case len(parts) == 2 && len(parts[1]) == 2 && seasons[parts[1]] != "":
		return seasons[parts[1]] + " " + parts[0], "season"
	case len(parts) == 2 && strings.HasPrefix(parts[1], "Q"):
		return parts[1] + " " + parts[0], "quarter"
	case len(parts) == 2 && (parts[1] == "H1" || parts[1] == "H2"):
		return map[string]string{"H1": "first", "H2": "second"}[parts[1]] + " half of " + parts[0], "half"
	case len(parts) >= 2 && strings.HasPrefix(parts[1], "W"):
		if from.IsZero() {
			return "", ""
		}
		if len(parts) == 3 && parts[2] == "WE" {
			return "weekend of " + dayLabel(from), "weekend"
		}
		return "week of " + dayLabel(from), "week"
	case len(parts) == 2:
		m, err := strconv.Atoi(parts[1])
		if err != nil || m < 1 || m > 12 {
			return "", ""
		}
		if !to.IsZero() && (to.Year != year || int(to.Month) != m) && !from.IsZero() {
			return monthRange(from, to), "months"
		}
		return time.Month(m).String() + " " + parts[0], "month"
	case len(parts) == 3:
		d, err := extract.ParseDate(date)
		if err != nil {
			return "", ""
		}
		if hasClock {
			if part := dayParts[clock]; part != "" {
				return dayLabel(d) + ", " + part, "time"
			}
			return dayLabel(d) + ", " + clock, "time"
		}
		if !to.IsZero() && d.Before(to) {
			return dayRange(d, to), "days"
		}
		return dayLabel(d), "day"
	}
	return "", ""
}

func dayLabel(d extract.Date) string {
	return strconv.Itoa(d.Day) + " " + d.Month.String() + " " + strconv.Itoa(d.Year) // fmt's "%d %s %d"
}

// dayRange is "7–8 July 2021", "30 July – 2 August 2021" or "30 December 2020 – 2 January 2021".
func dayRange(a, b extract.Date) string {
	switch {
	case a.Year != b.Year:
		return dayLabel(a) + " – " + dayLabel(b)
	case a.Month != b.Month:
		return fmt.Sprintf("%d %s – %s", a.Day, a.Month, dayLabel(b))
	}
	return fmt.Sprintf("%d–%s", a.Day, dayLabel(b))
}

// monthRange is "July–August 2021" or "December 2020 – January 2021".
func monthRange(a, b extract.Date) string {
	if a.Year != b.Year {
		return fmt.Sprintf("%s %d – %s %d", a.Month, a.Year, b.Month, b.Year)
	}
	return fmt.Sprintf("%s–%s %d", a.Month, b.Month, b.Year)
}

func ordinal(n int) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return strconv.Itoa(n) + suffix
}

// withMod applies a TIMEX3 mod to a label: "late July 2021", "mid-2021", "the early 1990s".
func withMod(base, unit, mod string) string {
	word := ""
	switch mod {
	case "START":
		word = "early"
	case "MID":
		word = "mid"
	case "END":
		word = "late"
	}
	switch {
	case mod == "":
		return base
	case word != "" && (unit == "day" || unit == "time" || unit == "week" || unit == "weekend" || unit == "days"):
		return base + " (" + word + ")"
	case word != "" && strings.HasPrefix(base, "the "):
		return "the " + word + " " + base[len("the "):]
	case word == "mid":
		return "mid-" + base
	case word != "":
		return word + " " + base
	}
	switch mod {
	case "APPROX":
		return base + " (approx.)"
	case "BEFORE":
		return "before " + base
	case "AFTER":
		return "after " + base
	case "ON_OR_BEFORE":
		return "on or before " + base
	case "ON_OR_AFTER":
		return "on or after " + base
	}
	return base + " (" + strings.ToLower(strings.ReplaceAll(mod, "_", " ")) + ")"
}
