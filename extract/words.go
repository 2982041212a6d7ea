package extract

// Word lists: the vocabulary of English time expressions, kept as data apart from the
// patterns (patterns.go) and the engine (engine.go). Keys are lower case.

// monthWords maps month names and their abbreviations to month numbers.
var monthWords = map[string]int{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
	"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
	"september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
	"december": 12, "dec": 12,
}

// ambiguousMonths are month words that are also common English words ("may", "march"):
// they are dates only with a date-like neighbour ("in May", "May 5", "May 2021").
var ambiguousMonths = map[string]bool{"may": true, "march": true, "mar": true, "jan": true, "sep": true}

// weekdayWords maps weekday names to ISO weekday numbers (Monday = 1).
var weekdayWords = map[string]int{
	"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
	"tues": 2, "wed": 3, "thurs": 4,
}

// numberWords are cardinal numbers written as words. "a few", "several" and friends are
// vague amounts: -1 (TimeML writes them as X).
var numberWords = map[string]int{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
	"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
	"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
	"hundred": 100, "a hundred": 100, "a dozen": 12, "dozen": 12, "a couple of": 2, "a couple": 2, "couple of": 2,
	"half a": -2, "a half": -2,
	"a few": -1, "few": -1, "several": -1, "many": -1, "some": -1, "dozens of": -1, "hundreds of": -1,
	"thousands of": -1, "a number of": -1,
}

// ordinalWords are ordinals as words or figures, for quarters, halves, centuries and days.
var ordinalWords = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
	"eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
	"fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
	"nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty-second": 22, "twenty-third": 23,
	"twenty-fourth": 24, "twenty-fifth": 25, "twenty-sixth": 26, "twenty-seventh": 27,
	"twenty-eighth": 28, "twenty-ninth": 29, "thirtieth": 30, "thirty-first": 31,
	"1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "final": 4, "last": 4,
}

// seasonWords maps seasons to their TIMEX3 codes.
var seasonWords = map[string]string{"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

// partOfDayWords maps parts of the day to TIMEX3 codes.
var partOfDayWords = map[string]string{
	"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
	"overnight": "NI", "midday": "MI", "noon": "MI", "dawn": "MO", "daybreak": "MO", "dusk": "EV",
	"midnight": "NI",
}

// unitWords maps calendar units (singular, plural, and adjective forms) to granularities.
var unitWords = map[string]gran{
	"day": gDay, "days": gDay, "daily": gDay, "week": gWeek, "weeks": gWeek, "weekly": gWeek,
	"fortnight": gFortnight, "fortnights": gFortnight,
	"weekend": gWeekend, "weekends": gWeekend, "month": gMonth, "months": gMonth, "monthly": gMonth,
	"quarter": gQuarter, "quarters": gQuarter, "quarterly": gQuarter,
	"year": gYear, "years": gYear, "yearly": gYear, "annually": gYear, "annual": gYear,
	"decade": gDecade, "decades": gDecade, "century": gCentury, "centuries": gCentury,
	"hour": gHour, "hours": gHour, "hourly": gHour, "minute": gMinute, "minutes": gMinute,
	"second": gSecond, "seconds": gSecond, "season": gSeason, "seasons": gSeason,
	"semester": gHalf, "semesters": gHalf,
}

// modWords are the words that narrow a period to a part of it, and their TIMEX3 mods.
var modWords = map[string]string{
	"early": "START", "earlier": "START", "beginning": "START", "start": "START", "dawn": "START",
	"mid": "MID", "middle": "MID", "late": "END", "later": "END", "end": "END", "close": "END",
}

// approxWords qualify an amount or a point; the first map is for points (dates), the
// second for amounts (durations), following TimeML's mod values.
var approxDateWords = map[string]string{
	"about": "APPROX", "around": "APPROX", "nearly": "APPROX", "almost": "APPROX", "some": "APPROX",
	"roughly": "APPROX", "approximately": "APPROX", "circa": "APPROX", "more than": "APPROX",
	"over": "APPROX", "less than": "APPROX", "just over": "APPROX", "just under": "APPROX",
}
var approxAmountWords = map[string]string{
	"about": "APPROX", "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX", "some": "APPROX",
	"nearly": "EQUAL_OR_LESS", "almost": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS", "just under": "LESS_THAN",
	"less than": "LESS_THAN", "under": "LESS_THAN", "more than": "MORE_THAN", "over": "MORE_THAN",
	"just over": "MORE_THAN", "at least": "EQUAL_OR_MORE",
}

// fixedHolidays are holidays on the same day every year. Computed ones (Easter, Thanksgiving)
// are in movableHolidays (resolve.go).
var fixedHolidays = map[string][2]int{
	"new year's day": {1, 1}, "new year's eve": {12, 31}, "new years day": {1, 1}, "new years eve": {12, 31},
	"new year":  {1, 1},
	"christmas": {12, 25}, "christmas day": {12, 25}, "christmas eve": {12, 24}, "boxing day": {12, 26},
	"valentine's day": {2, 14}, "halloween": {10, 31}, "independence day": {7, 4}, "the fourth of july": {7, 4},
	"fourth of july": {7, 4}, "veterans day": {11, 11}, "armistice day": {11, 11}, "may day": {5, 1},
	"bastille day": {7, 14}, "st. patrick's day": {3, 17}, "saint patrick's day": {3, 17},
	"all saints' day": {11, 1}, "epiphany": {1, 6}, "labour day": {5, 1}, "nowruz": {3, 21}, "norooz": {3, 21},
}

// holidayNames lists every holiday name the patterns know (fixed and movable).
var holidayNames = []string{
	"New Year's Day", "New Year's Eve", "New Years Day", "New Years Eve", "Christmas Day", "Christmas Eve",
	"Christmas", "Boxing Day", "Valentine's Day", "Halloween", "Independence Day", "Fourth of July",
	"Veterans Day", "Armistice Day", "Bastille Day", "St. Patrick's Day", "Saint Patrick's Day",
	"All Saints' Day", "Epiphany", "Easter Sunday", "Easter Monday", "Easter", "Good Friday",
	"Thanksgiving Day", "Thanksgiving", "Memorial Day", "Labor Day", "Mother's Day", "Father's Day",
	"Martin Luther King Day", "Election Day", "Nowruz", "Norooz", "Presidents' Day", "Presidents Day", "Labour Day",
}

// deicticDays are the words naming a day by its distance from the publication day.
var deicticDays = map[string]int{"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0}

// refWords are the vague references of TimeML: the present, the past, the future. Words
// that mostly qualify something else ("previously", "future plans", "recent talks") are
// left out: in annotated news they are rarely time expressions. "soon" is one only when it
// looks ahead (refGuard).
var refWords = map[string]string{
	"now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF", "nowadays": "PRESENT_REF",
	"at present": "PRESENT_REF", "these days": "PRESENT_REF",
	"at the moment": "PRESENT_REF", "right now": "PRESENT_REF",
	"then current": "PAST_REF", "then-current": "PAST_REF", // the present of a past time
	"recently": "PAST_REF", "more recently": "PAST_REF", "until recently": "PAST_REF",
	"the past": "PAST_REF", "lately": "PAST_REF", "in the past": "PAST_REF",
	"the future": "FUTURE_REF", "the near future": "FUTURE_REF", "a later date": "FUTURE_REF",
	"soon": "FUTURE_REF", "as soon as possible": "FUTURE_REF", "the near term": "FUTURE_REF", "the short term": "FUTURE_REF",
}

// prepositions that introduce a date; a bare year or an ambiguous month after one of them is a date.
var datePrepositions = map[string]bool{
	"in": true, "on": true, "since": true, "by": true, "until": true, "till": true, "til": true, "during": true,
	"from": true, "through": true, "thru": true, "before": true, "after": true, "of": true, "to": true,
	"between": true, "and": true, "or": true, "early": true, "late": true, "mid": true, "around": true,
	"circa": true, "fiscal": true, "year": true, "last": true, "next": true, "this": true, "for": true,
	"at": true, "within": true, "beginning": true, "end": true, "throughout": true, "as": true, "than": true,
	"spring": true, "summer": true, "fall": true, "autumn": true, "winter": true, "the": true, "that": true,
	"calendar": true, "about": true, "nor": true, "into": true, "over": true, "past": true, "-": true,
}

// Tense markers (tense.go).
var futureMarkers = map[string]bool{
	"will": true, "shall": true, "'ll": true, "won't": true, "wo": true, "would": true,
	"scheduled": true, "due": true, "upcoming": true, "intends": true, "intend": true,
	"tomorrow": true, "aims": true, "hopes": true, "slated": true, "forecast": true,
}

var pastMarkers = map[string]bool{
	"was": true, "were": true, "had": true, "did": true, "said": true, "told": true, "went": true, "met": true,
	"took": true, "gave": true, "came": true, "began": true, "held": true, "made": true, "left": true,
	"saw": true, "won": true, "lost": true, "fell": true, "rose": true, "got": true, "sent": true, "paid": true,
	"spent": true, "sold": true, "bought": true, "brought": true, "thought": true,
	"found": true, "kept": true, "led": true, "ran": true, "spoke": true, "struck": true, "wrote": true,
	"became": true, "broke": true, "chose": true, "drew": true, "drove": true, "fled": true, "flew": true,
	"fought": true, "grew": true, "knew": true, "meant": true, "overran": true, "shot": true,
	"stood": true, "swept": true, "taught": true, "threw": true, "understood": true, "wore": true, "yesterday": true,
	"ago": true, "last": true, "earlier": true, "killed": true, "reported": true, "announced": true,
	"ended": true, "closed": true, "posted": true, "dropped": true,
}

// notPastED are common words ending in -ed that are not past-tense verbs.
var notPastED = map[string]bool{
	"need": true, "bed": true, "red": true, "seed": true, "speed": true, "feed": true, "indeed": true,
	"shed": true, "bred": true, "hundred": true, "united": true, "based": true,
	"expected": true, "scheduled": true, "planned": true, "proposed": true, "limited": true, "related": true,
	"interested": true, "concerned": true, "advanced": true, "detailed": true, "armed": true,
	"supposed": true, "unprecedented": true, "sacred": true, "wicked": true, "naked": true,
}
