package extract

import (
	"testing"
)

// ruleCases: for every rule, sentences it must date, with the publication date they are
// read against, the expression and its value. The test checks the rule named is the one
// whose match wins, so each rule keeps a test of its own.
var ruleCases = []struct {
	rule, name string
	published  Date
	text       string
	want       string // the expression's text
	value      string
}{
	{"iso-date", "ISO date", Date{2021, 8, 14}, "Released 2020-08-06 in Kabul.", "2020-08-06", "2020-08-06"},
	{"iso-date", "ISO date and time", Date{2021, 8, 14}, "Stamped 2021-08-12T14:30 by the office.", "2021-08-12T14:30", "2021-08-12T14:30"},
	{"slash-date", "US slash date", Date{2021, 8, 14}, "Filed on 8/6/2020 with the court.", "8/6/2020", "2020-08-06"},
	{"month-day", "month day, past tense, published 2021-08-14", Date{2021, 8, 14}, "The city fell on August 6.", "August 6", "2021-08-06"},
	{"month-day", "abbreviated month with ordinal, published 2018-12-27", Date{2018, 12, 27}, "They met on Nov. 28th in Tehran.", "Nov. 28th", "2018-11-28"},
	{"month-day", "Sept without full stop and a year", Date{2021, 8, 14}, "Signed Sept 30, 1998 in Bonn.", "Sept 30, 1998", "1998-09-30"},
	{"month-day", "weekday before the date", Date{1989, 11, 2}, "Bids are due Friday, Nov. 10.", "Friday, Nov. 10", "1989-11-10"},
	{"month-day", "last with a month-day, published 1999-04-19", Date{1999, 4, 19}, "He was shot last Oct. 23 at home.", "last Oct. 23", "1998-10-23"},
	{"day-month", "day month year", Date{2021, 8, 14}, "Born on 5 March 1970 in Herat.", "5 March 1970", "1970-03-05"},
	{"day-month", "the sixth of August", Date{2021, 8, 14}, "It fell on the 6th of August.", "the 6th of August", "2021-08-06"},
	{"month-year", "month and year", Date{2021, 8, 14}, "The crusade began in May 2021.", "May 2021", "2021-05"},
	{"month-relative-year", "July of last year, published 1998-03-01", Date{1998, 3, 1}, "It happened in July last year.", "July last year", "1997-07"},
	{"month", "bare month after in, published 2021-08-14", Date{2021, 8, 14}, "Fighting intensified in May.", "May", "2021-05"},
	{"month", "late July, published 2021-08-01", Date{2021, 8, 1}, "In late July the envoy met Atmar.", "late July", "2021-07"},
	{"month", "last November, published 2000-04-05", Date{2000, 4, 5}, "The boy arrived last November.", "last November", "1999-11"},
	{"new-year", "New Year's Eve, published 2021-08-14", Date{2021, 8, 14}, "They met on New Year's Eve.", "New Year's Eve", "2020-12-31"},
	{"holiday", "Christmas Day with a year", Date{2021, 8, 14}, "It began on Christmas Day 1979.", "Christmas Day 1979", "1979-12-25"},
	{"holiday", "Thanksgiving is computed, published 1998-11-30", Date{1998, 11, 30}, "They met at Thanksgiving.", "Thanksgiving", "1998-11-26"},
	{"decade", "the 1990s", Date{2021, 8, 14}, "Civil war raged in the 1990s.", "the 1990s", "199"},
	{"decade", "the '80s", Date{2021, 8, 14}, "Refugees fled in the '80s.", "the '80s", "198"},
	{"decade-words", "the nineties", Date{2021, 8, 14}, "Trade grew in the nineties.", "the nineties", "199"},
	{"century", "the 20th century", Date{2021, 8, 14}, "Borders drawn in the 20th century.", "the 20th century", "19"},
	{"year", "in 1998", Date{2021, 7, 27}, "The Taliban took the city in 1998.", "1998", "1998"},
	{"year", "fiscal 1989", Date{1989, 11, 2}, "Sales rose in fiscal 1989.", "fiscal 1989", "1989"},
	{"year", "mid-1996", Date{1998, 2, 19}, "Prices peaked in mid-1996.", "mid-1996", "1996"},
	{"season", "last fall, published 1999-04-10", Date{1999, 4, 10}, "The talks collapsed last fall.", "last fall", "1998-FA"},
	{"season", "summer of a year", Date{2021, 8, 14}, "It started in the summer of 2018.", "the summer of 2018", "2018-SU"},
	{"quarter", "third-quarter, published 1989-10-26", Date{1989, 10, 26}, "Third-quarter profit fell.", "Third-quarter", "1989-Q3"},
	{"quarter", "the fourth quarter of a year", Date{1989, 10, 26}, "Results for the fourth quarter of 1988 were weak.", "the fourth quarter of 1988", "1988-Q4"},
	{"quarter", "this year's first quarter", Date{1989, 10, 26}, "Sales in this year's first quarter rose.", "this year's first quarter", "1989-Q1"},
	{"two-quarters", "the first two quarters of a year are its first half", Date{1989, 10, 26}, "Losses will go on through the first two quarters of 1990.", "the first two quarters of 1990", "1990-H1"},
	{"quarter-code", "Q3 2021", Date{2021, 11, 2}, "Profits rose in Q3 2021.", "Q3 2021", "2021-Q3"},
	{"quarter-relative", "the latest quarter, published 1989-10-26", Date{1989, 10, 26}, "Profit rose in the latest quarter.", "the latest quarter", "1989-Q3"},
	{"period", "the year-earlier period after a quarter, published 1989-11-01", Date{1989, 11, 1}, "Net rose in the third quarter, against a loss in the year-earlier period.", "the year-earlier period", "1988-Q3"},
	{"spelled-year", "a year in words", Date{1998, 3, 5}, "It began in nineteen ninety-six.", "nineteen ninety-six", "1996"},
	{"spelled-year", "the year two thousand", Date{1998, 3, 5}, "Ready for the year two thousand.", "the year two thousand", "2000"},
	{"deictic-day", "yesterday, published 2021-08-14", Date{2021, 8, 14}, "The ministry said yesterday it was concerned.", "yesterday", "2021-08-13"},
	{"deictic-day", "late yesterday", Date{1989, 10, 27}, "The board met late yesterday.", "late yesterday", "1989-10-26"},
	{"this-part-of-day", "this morning", Date{2021, 8, 14}, "Shops opened this morning.", "this morning", "2021-08-14TMO"},
	{"weekday", "Friday in the past tense, published 2021-08-14 (a Saturday)", Date{2021, 8, 14}, "He issued a statement on Friday.", "Friday", "2021-08-13"},
	{"weekday", "Friday, published on a Friday", Date{1998, 8, 7}, "Bombs exploded outside the embassies Friday.", "Friday", "1998-08-07"},
	{"weekday", "next Tuesday", Date{2021, 8, 14}, "They will meet next Tuesday.", "next Tuesday", "2021-08-17"},
	{"ago", "N years ago, published 2021-07-27", Date{2021, 7, 27}, "The invasion began nearly 20 years ago.", "nearly 20 years ago", "2001"},
	{"ago", "N days ago", Date{1999, 4, 19}, "He was seen 11 days ago.", "11 days ago", "1999-04-08"},
	{"ago", "a week or so ago, published 1991-02-25", Date{1991, 2, 25}, "Then, a week or so ago, the general picked a night.", "a week or so ago", "1991-W08"},
	{"year-ago-adjective", "year-earlier results", Date{1989, 10, 26}, "Year-earlier results were better.", "Year-earlier", "1988"},
	{"year-end", "since year-end, published 1989-10-30", Date{1989, 10, 30}, "The index has risen since year-end.", "year-end", "1988-12-31"},
	{"year-end", "by year-end, published 1989-11-02", Date{1989, 11, 2}, "It expects approval by year-end.", "year-end", "1989-12-31"},
	{"the-year", "for the full year, published 1989-10-30", Date{1989, 10, 30}, "He forecast an increase for the full year.", "the full year", "1989"},
	{"relative-unit", "last week, published 2021-08-14", Date{2021, 8, 14}, "Last week, Zarif held talks.", "Last week", "2021-W31"},
	{"relative-unit", "the end of the year", Date{1989, 10, 30}, "Work ends by the end of the year.", "the end of the year", "1989"},
	{"anaphora", "the following day after a date", Date{2018, 12, 27}, "They met on Monday. The following day he left.", "The following day", "2018-12-25"},
	{"reference", "now", Date{2021, 8, 14}, "The Taliban now control Herat.", "now", "PRESENT_REF"},
	{"reference", "the future", Date{2021, 8, 14}, "Talks on the future of Afghanistan.", "the future", "FUTURE_REF"},
	{"clock", "clock time with a weekday", Date{1998, 2, 13}, "The polls close at 10 p.m. Wednesday.", "10 p.m. Wednesday", "1998-02-11T22:00"},
	{"duration", "the past two decades", Date{2021, 8, 1}, "Gains made over the past two decades.", "the past two decades", "P20Y"},
	{"duration-adjective", "17-year conflict", Date{2018, 12, 27}, "The 17-year conflict goes on.", "17-year", "P17Y"},
	{"duration-vague", "for years", Date{2018, 12, 27}, "They fought for years.", "for years", "PXY"},
	{"set-calendar", "each Thursday", Date{1998, 2, 16}, "The third flight departs each Thursday from August 6.", "each Thursday", "XXXX-WXX-4"},
	{"set-calendar", "weekday nights", Date{1998, 2, 16}, "Flights leave on Tuesday nights.", "Tuesday nights", "XXXX-WXX-2TNI"},
	{"set-calendar", "each July", Date{1998, 2, 16}, "Orangemen march each July.", "each July", "XXXX-07"},
	{"part-of-day", "by mid afternoon, the day named before", Date{1998, 3, 6}, "Fighting began on Friday. By mid afternoon, Serb sources said the town fell.", "mid afternoon", "1998-03-06TAF"},
	{"part-of-day", "at midday is noon of the day named before", Date{1999, 10, 8}, "He was arrested on Thursday and appeared before a judge at midday.", "midday", "1999-10-07T12:00"},
	{"nth-day", "it's the second day of, published 1998-03-06", Date{1998, 3, 6}, "It's the second day of an offensive by the police.", "the second day", "1998-03-06"},
	{"set", "every day", Date{2021, 8, 1}, "Patrols run every day.", "every day", "P1D"},
	{"set", "weekly", Date{2021, 8, 1}, "At its weekly briefing.", "weekly", "P1W"},
}

func TestRules(t *testing.T) {
	rs := compiledRules()
	tested := map[string]bool{}
	for _, c := range ruleCases {
		tested[c.rule] = true
		t.Run(c.rule+"/"+c.name, func(t *testing.T) {
			var found bool
			for _, cand := range rs.find(c.text) {
				if c.text[cand.start:cand.end] != c.want {
					continue
				}
				found = true
				if got := rs.rules[cand.rule].Name; got != c.rule && !(c.rule == "clock" && cand.p.clock) {
					t.Errorf("%q matched by rule %s, want %s", c.want, got, c.rule)
				}
			}
			if !found {
				var got []string
				for _, x := range Extract(c.text, c.published) {
					got = append(got, x.Text)
				}
				t.Fatalf("%q: no match %q; got %q", c.text, c.want, got)
			}
			for _, x := range Extract(c.text, c.published) {
				if x.Text == c.want && x.Value != c.value {
					t.Errorf("%q published %v: value %s, want %s", c.text, c.published, x.Value, c.value)
				}
			}
		})
	}
	for _, spec := range ruleSpecs {
		if !tested[spec.name] {
			t.Errorf("rule %s has no test case", spec.name)
		}
	}
}

// TestRejected: look-alikes that must not become dates.
func TestRejected(t *testing.T) {
	for _, c := range []struct{ name, text string }{
		{"the verb may", "Iran may send envoys to Kabul."},
		{"a march", "Thousands joined a march in Kabul."},
		{"a person named April", "April Jones reported from Kabul."},
		{"a newspaper", "He told the Sunday Times about it."},
		{"a person named May", "Theresa May met the envoy."},
		{"a count of votes", "The party won 1998 votes."},
		{"a product name first in its sentence", "Windows 2000 is old."},
		{"a resolution number", "Under Resolution 2001 the council acted."},
		{"a force size", "A 2,000-strong force moved in."},
		{"clock times alone", "A curfew from 22:00 to 04:00 was imposed."},
		{"generic today", "He said that today is the time to act."},
		{"generic tomorrow", "Tomorrow will be too late."},
		{"ages", "A man in his 40s was hurt."},
		{"the fall of a city", "After the fall of Kabul, envoys left."},
		{"prices fall", "Prices fall when demand weakens."},
		{"today's world means nowadays", "In today's world, paternity is easy to prove."},
		{"a newspaper named Today", "He told USA Today about it."},
		{"the day before an event", "He was last seen the day before authorities issued a warrant."},
		{"a treaty named for a holiday", "The Good Friday Agreement holds."},
		{"a new year", "It was a new year of fighting."},
		{"a TV programme", "He said on This Week with David Brinkley that talks failed."},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, x := range Extract(c.text, Date{2021, 8, 14}) {
				if x.Type == TypeDate || x.Type == TypeTime {
					t.Errorf("%q dated %q as %s", c.text, x.Text, x.Value)
				}
			}
		})
	}
}
