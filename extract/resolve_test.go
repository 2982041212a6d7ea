package extract

import "testing"

// TestResolve: the resolver alone, partial dates in, values and intervals out. Each case
// names the publication date it reads against.
func TestResolve(t *testing.T) {
	sat := Date{2021, 8, 14} // a Saturday
	thu := Date{2018, 12, 27}
	prevDay := &point{gran: gDay, year: 2021, month: 8, day: 6}
	prevQuarter := &point{gran: gQuarter, year: 1989, part: 3}
	for _, c := range []struct {
		name     string
		p        partial
		ctx      context
		value    string
		from, to string
		resolved bool
	}{
		{"Friday, past, published Sat 2021-08-14", partial{typ: TypeDate, gran: gDay, anchor: tensed, weekday: 5}, context{dct: sat, tense: tensePast}, "2021-08-13", "2021-08-13", "2021-08-13", true},
		{"Saturday, past, published that Saturday", partial{typ: TypeDate, gran: gDay, anchor: tensed, weekday: 6}, context{dct: sat, tense: tensePast}, "2021-08-14", "2021-08-14", "2021-08-14", true},
		{"Tuesday, future, published Sat 2021-08-14", partial{typ: TypeDate, gran: gDay, anchor: tensed, weekday: 2}, context{dct: sat, tense: tenseFuture}, "2021-08-17", "2021-08-17", "2021-08-17", true},
		{"last Thursday, published Thu 2018-12-27", partial{typ: TypeDate, gran: gDay, anchor: tensed, weekday: 4, dir: -1, strict: true}, context{dct: thu}, "2018-12-20", "2018-12-20", "2018-12-20", true},
		{"May, past, published 2021-08-14", partial{typ: TypeDate, gran: gMonth, anchor: tensed, month: 5}, context{dct: sat, tense: tensePast}, "2021-05", "2021-05-01", "2021-05-31", true},
		{"September, past, published 2018-12-27", partial{typ: TypeDate, gran: gMonth, anchor: tensed, month: 9}, context{dct: thu, tense: tensePast}, "2018-09", "2018-09-01", "2018-09-30", true},
		{"March, future, published 2018-12-27", partial{typ: TypeDate, gran: gMonth, anchor: tensed, month: 3}, context{dct: thu, tense: tenseFuture}, "2019-03", "2019-03-01", "2019-03-31", true},
		{"Jan. 14, past tense but a week ahead, published 2000-01-07", partial{typ: TypeDate, gran: gDay, anchor: tensed, month: 1, day: 14}, context{dct: Date{2000, 1, 7}, tense: tensePast}, "2000-01-14", "2000-01-14", "2000-01-14", true},
		{"November 28, past, published 2018-12-27", partial{typ: TypeDate, gran: gDay, anchor: tensed, month: 11, day: 28}, context{dct: thu, tense: tensePast}, "2018-11-28", "2018-11-28", "2018-11-28", true},
		{"late July, published 2021-08-01", partial{typ: TypeDate, gran: gMonth, anchor: tensed, month: 7, mod: "END"}, context{dct: Date{2021, 8, 1}}, "2021-07", "2021-07-21", "2021-07-31", true},
		{"last week, published Sat 2021-08-14", partial{typ: TypeDate, gran: gWeek, anchor: deictic, unit: gWeek, shift: -1}, context{dct: sat}, "2021-W31", "2021-08-02", "2021-08-08", true},
		{"this week across a year end, published 2021-01-01", partial{typ: TypeDate, gran: gWeek, anchor: deictic, unit: gWeek}, context{dct: Date{2021, 1, 1}}, "2020-W53", "2020-12-28", "2021-01-03", true},
		{"this year, published 2018-12-27", partial{typ: TypeDate, gran: gYear, anchor: deictic, unit: gYear}, context{dct: thu}, "2018", "2018-01-01", "2018-12-31", true},
		{"earlier this month, published 2021-08-14", partial{typ: TypeDate, gran: gMonth, anchor: deictic, unit: gMonth, mod: "START"}, context{dct: sat}, "2021-08", "2021-08-01", "2021-08-10", true},
		{"nearly 20 years ago, published 2021-07-27", partial{typ: TypeDate, gran: gYear, anchor: deictic, unit: gYear, shift: -20, mod: "APPROX"}, context{dct: Date{2021, 7, 27}}, "2001", "2001-01-01", "2001-12-31", true},
		{"a month ago on March 31 clamps to February's end", partial{typ: TypeDate, gran: gDay, anchor: deictic, unit: gMonth, shift: -1}, context{dct: Date{2021, 3, 31}}, "2021-02-28", "2021-02-28", "2021-02-28", true},
		{"that day after August 6", partial{typ: TypeDate, gran: gDay, anchor: anaphoric, unit: gDay}, context{dct: sat, prev: prevDay}, "2021-08-06", "2021-08-06", "2021-08-06", true},
		{"two days later after August 6", partial{typ: TypeDate, gran: gDay, anchor: anaphoric, unit: gDay, shift: 2}, context{dct: sat, prev: prevDay}, "2021-08-08", "2021-08-08", "2021-08-08", true},
		{"that day after a month is some day of that month", partial{typ: TypeDate, gran: gDay, anchor: anaphoric, unit: gDay}, context{dct: sat, prev: &point{gran: gMonth, year: 2021, month: 5}}, "2021-05-XX", "2021-05-01", "2021-05-31", true},
		{"a year earlier after a month compares years, published 1998-02-06", partial{typ: TypeDate, gran: gYear, anchor: anaphoric, unit: gYear, shift: -1, flex: true}, context{dct: Date{1998, 2, 6}, prev: &point{gran: gMonth, year: 1998, month: 1}}, "1997", "1997-01-01", "1997-12-31", true},
		{"two days later after a month is not known", partial{typ: TypeDate, gran: gDay, anchor: anaphoric, unit: gDay, shift: 2}, context{dct: sat, prev: &point{gran: gMonth, year: 2021, month: 5}}, "XXXX-XX-XX", "", "", false},
		{"a year earlier after the third quarter, published 1989-10-26", partial{typ: TypeDate, gran: gYear, anchor: anaphoric, unit: gYear, shift: -1, flex: true}, context{dct: Date{1989, 10, 26}, prev: prevQuarter}, "1988-Q3", "1988-07-01", "1988-09-30", true},
		{"the quarter with no quarter named, published 1989-10-26", partial{typ: TypeDate, gran: gQuarter, anchor: anaphoric, unit: gQuarter, needPrev: gQuarter}, context{dct: Date{1989, 10, 26}}, "1989-Q3", "1989-07-01", "1989-09-30", true},
		{"winter 1998 runs into 1999", partial{typ: TypeDate, gran: gSeason, anchor: absolute, year: 1998, season: "WI"}, context{}, "1998-WI", "1998-12-01", "1999-02-28", true},
		{"the late 1970s", partial{typ: TypeDate, gran: gDecade, anchor: absolute, year: 1970, mod: "END"}, context{}, "197", "1977-01-01", "1979-12-31", true},
		{"PRESENT_REF is the publication day", partial{typ: TypeDate, anchor: fixed, value: "PRESENT_REF"}, context{dct: sat}, "PRESENT_REF", "2021-08-14", "2021-08-14", true},
		{"a weekday with no publication date", partial{typ: TypeDate, gran: gDay, anchor: tensed, weekday: 1}, context{}, "XXXX-WXX-1", "", "", false},
		{"July with no publication date", partial{typ: TypeDate, gran: gMonth, anchor: tensed, month: 7}, context{}, "XXXX-07", "", "", false},
		{"yesterday with no publication date", partial{typ: TypeDate, gran: gDay, anchor: deictic, unit: gDay, shift: -1}, context{}, "XXXX-XX-XX", "", "", false},
		{"1998 with no publication date", partial{typ: TypeDate, gran: gYear, anchor: absolute, year: 1998}, context{}, "1998", "1998-01-01", "1998-12-31", true},
		{"Thanksgiving 1998", partial{typ: TypeDate, gran: gDay, anchor: absolute, year: 1998, holiday: "thanksgiving"}, context{}, "1998-11-26", "1998-11-26", "1998-11-26", true},
		{"Easter 2021", partial{typ: TypeDate, gran: gDay, anchor: absolute, year: 2021, holiday: "easter"}, context{}, "2021-04-04", "2021-04-04", "2021-04-04", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := resolve(c.p, c.ctx)
			if r.value != c.value || r.from.String() != c.from || r.to.String() != c.to || r.resolved != c.resolved {
				t.Errorf("got %s %s..%s resolved=%v, want %s %s..%s resolved=%v", r.value, r.from, r.to, r.resolved, c.value, c.from, c.to, c.resolved)
			}
		})
	}
}

func TestSentences(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       []string
	}{
		{"abbreviations and titles", "U.S. officials met Gen. Miller on Dec. 5 in Kabul. Mr. Khan left.", []string{"U.S. officials met Gen. Miller on Dec. 5 in Kabul.", "Mr. Khan left."}},
		{"initials", "J. R. Smith spoke. Then he left.", []string{"J. R. Smith spoke.", "Then he left."}},
		{"quotes", "“We are safe.” He said so. \"Go!\" they cried.", []string{"“We are safe.”", "He said so.", "\"Go!\" they cried."}},
		{"glued sentence", "a Creative Commons License.TEHRAN – The ministry spoke.", []string{"a Creative Commons License.", "TEHRAN – The ministry spoke."}},
		{"abbreviation ending a sentence", "He moved to the U.S. The talks ended.", []string{"He moved to the U.S.", "The talks ended."}},
		{"blank lines and headings", "KABUL (AP) _\n\nTalks\nresumed today.\n\nNext part", []string{"KABUL (AP) _", "Talks\nresumed today.", "Next part"}},
		{"a heading glued to its paragraph", "Iran brokers peace in Afghanistan The Taliban said on Friday that talks resume.", []string{"Iran brokers peace in Afghanistan", "The Taliban said on Friday that talks resume."}},
		{"The after a verb is not a heading", "He told The Associated Press on Friday.", []string{"He told The Associated Press on Friday."}},
		{"a sub-heading glued with a double space", "Shamkhani meets Afghan president and  Later the day, Shamkhani met Chief Executive Abdullah Abdullah. In his meeting he spoke.", []string{"Shamkhani meets Afghan president and", "Later the day, Shamkhani met Chief Executive Abdullah Abdullah.", "In his meeting he spoke."}},
		{"a double space after an article is a typo", "He met the  President on Friday.", []string{"He met the  President on Friday."}},
		{"a heading before an -ing clause", "Iran tries to broker peace in Afghanistan Fighting between the Taliban and the army has increased.", []string{"Iran tries to broker peace in Afghanistan", "Fighting between the Taliban and the army has increased."}},
		{"an -ing name is not a heading", "Analysts in Seattle said Boeing is strong. He flew to Hong Kong Beijing said.", []string{"Analysts in Seattle said Boeing is strong.", "He flew to Hong Kong Beijing said."}},
		{"no-break space before a sub-heading", "He left.\u00a0 Later the day, he met Ghani.", []string{"He left.", "Later the day, he met Ghani."}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, s := range splitSentences(c.text) {
				got = append(got, c.text[s.Start:s.End])
			}
			if len(got) != len(c.want) {
				t.Fatalf("got %q, want %q", got, c.want)
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Errorf("sentence %d: got %q, want %q", i, got[i], c.want[i])
				}
			}
		})
	}
}

func TestTense(t *testing.T) {
	for _, c := range []struct {
		name, sentence, expr string
		want                 tense
	}{
		{"said", "The spokesman said on Friday that talks failed.", "Friday", tensePast},
		{"will", "The minister will travel to Kabul on Tuesday.", "Tuesday", tenseFuture},
		{"plans to", "Iran plans to reopen the consulate in March.", "March", tenseFuture},
		{"-ed verb", "Clashes intensified in May.", "May", tensePast},
		{"a deadline in the past perfect is behind", "Thirty-two members had filed reports by Wednesday.", "Wednesday", tensePast},
		{"until with a past perfect is behind", "Until Thursday, they had not called Kopp a suspect.", "Thursday", tensePast},
		{"a relative clause's past perfect leaves the deadline ahead", "The sale, which had been expected, is part of a plan to pay the loan by February.", "February", tenseFuture},
		{"a plan in the past perfect is overtaken", "The offer had been scheduled to expire Friday.", "Friday", tensePast},
		{"an -ed adjective after a determiner is not a verb", "The split would be paid on a still unspecified date in January.", "January", tenseFuture},
		{"a past form after be is a participle, not the tense", "Shares to be sold in March.", "March", tenseNone},
		{"may looks ahead", "The drama may finally be resolved in a hearing the week of March 6.", "March 6", tenseFuture},
		{"may have looks back", "He may have left the city on Friday.", "Friday", tensePast},
		{"the month May is not a modal", "Troops arrived in May and left on March 6.", "March 6", tensePast},
		{"attribution after a comma does not govern", "The group would be ready to leave as soon as Tuesday, Castro said.", "Tuesday", tenseFuture},
		{"next to is not the future", "Scores have been killed in the blasts next to the embassies Friday.", "Friday", tensePast},
		{"no verb", "Friday's meeting in Kabul.", "Friday", tenseNone},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := indexOf(c.sentence, c.expr)
			if got := tenseNear(c.sentence, Span{0, len(c.sentence)}, s, s+len(c.expr)); got != c.want {
				t.Errorf("tense of %q in %q: got %v, want %v", c.expr, c.sentence, got, c.want)
			}
		})
	}
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}
