package events

import (
	"slices"
	"testing"

	"github.com/timeline-news/timeline/corpus"
	"github.com/timeline-news/timeline/extract"
)

func zeroOr(t testing.TB, s string) extract.Date {
	if s == "" {
		return extract.Date{}
	}
	return date(t, s)
}

// orderDocs has one happening per date, each in its own words so that nothing merges.
func orderDocs(t testing.TB) []corpus.Doc {
	return []corpus.Doc{
		makeDoc(t, "b.txt", "B", "Farmers harvested wheat in July. Pilots landed planes on 1 July. Bakers sold bread in late July. Voters elected mayors on 26 July.",
			td{phrase: "July", value: "2021-07", from: "2021-07-01", to: "2021-07-31"},
			td{phrase: "1 July", value: "2021-07-01", from: "2021-07-01"},
			td{phrase: "late July", value: "2021-07", mod: "END", from: "2021-07-01", to: "2021-07-31"},
			td{phrase: "26 July", value: "2021-07-26", from: "2021-07-26"}),
		makeDoc(t, "a.txt", "A", "Miners struck coal on 26 July. Sailors crossed oceans in 2021. Dancers performed ballets in the 1990s.",
			td{phrase: "26 July", value: "2021-07-26", from: "2021-07-26"},
			td{phrase: "2021", value: "2021", from: "2021-01-01", to: "2021-12-31"},
			td{phrase: "the 1990s", value: "199", from: "1990-01-01", to: "1999-12-31"}),
	}
}

func TestOrder(t *testing.T) {
	evs := Build(orderDocs(t), Options{})
	var got []string
	for _, e := range evs {
		got = append(got, e.Label+" "+e.Sources[0].File)
	}
	want := []string{
		"the 1990s a.txt",
		"2021 a.txt",        // by start: 1 January 2021,
		"1 July 2021 b.txt", // then a day before the month that holds it
		"July 2021 b.txt",
		"late July 2021 b.txt", // late July starts on the 21st, not the 1st
		"26 July 2021 a.txt",   // same day: source order (file, then offset)
		"26 July 2021 b.txt",
	}
	if !slices.Equal(got, want) {
		t.Errorf("order:\n got %q\nwant %q", got, want)
	}
	late := evs[4]
	if late.From.String() != "2021-07-21" || late.To.String() != "2021-07-31" {
		t.Errorf("late July spans %s..%s, want 2021-07-21..2021-07-31 (fuzzy, not one day)", late.From, late.To)
	}
}

func TestStableIDs(t *testing.T) {
	first := Build(orderDocs(t), Options{})
	again := Build(orderDocs(t), Options{})
	if !slices.EqualFunc(first, again, func(a, b Event) bool { return a.ID == b.ID }) {
		t.Fatal("ids differ between two runs on the same input")
	}
	seen := map[string]bool{}
	for _, e := range first {
		if len(e.ID) != 12 || seen[e.ID] {
			t.Errorf("id %q: want 12 hex digits, unique", e.ID)
		}
		seen[e.ID] = true
	}
	// Another article, or the content folder moving elsewhere, leaves the other ids alone.
	docs := orderDocs(t)
	for i := range docs {
		docs[i].Article.File = "/elsewhere/" + docs[i].Article.File
	}
	docs = append(docs, makeDoc(t, "c.txt", "C", "Chemists mixed acids on 3 March 2020.",
		td{phrase: "3 March 2020", value: "2020-03-03", from: "2020-03-03"}))
	byID := map[string]bool{}
	for _, e := range Build(docs, Options{}) {
		byID[e.ID] = true
	}
	for _, e := range first {
		if !byID[e.ID] {
			t.Errorf("event %q lost its id %s when another article was added", e.Title, e.ID)
		}
	}
}

func TestIsEvent(t *testing.T) {
	text := `Mousavi said today is the time to act. He met the envoy on Monday. “We will meet on Friday,” he said. Talks lasted 20 years. He said that tomorrow will be too late.
WASHINGTON, March 12 (Xinhua) -- The envoy will travel to Kabul.
Talks in 2021
Shamkhani met Ghani on Monday.`
	tests := []struct {
		name string
		x    td
		want bool
	}{
		{"a dated happening", td{phrase: "Monday", value: "2021-08-09", from: "2021-08-09"}, true},
		{"a happening among names", td{phrase: "Monday", after: "met Ghani on ", value: "2021-08-09", from: "2021-08-09"}, true},
		{"the subject of a copula", td{phrase: "today", value: "2021-08-14", from: "2021-08-14"}, false},
		{"the subject of a copula after that", td{phrase: "tomorrow", value: "2021-08-15", from: "2021-08-15"}, false},
		{"inside a quotation", td{phrase: "Friday", value: "2021-08-13", from: "2021-08-13"}, false},
		{"a duration", td{phrase: "20 years", value: "P20Y", typ: extract.TypeDuration}, false},
		{"the date of a wire dateline", td{phrase: "March 12", value: "1999-03-12", from: "1999-03-12"}, false},
		{"a heading", td{phrase: "2021", value: "2021", from: "2021-01-01", to: "2021-12-31"}, false},
		{"marked generic by the extractor", td{phrase: "Monday", value: "2021-08-09", from: "2021-08-09", generic: true}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := makeDoc(t, "a.txt", "A", text, tt.x)
			if got := IsEvent(d.Text, d.Timexes[0]); got != tt.want {
				t.Errorf("IsEvent = %v, want %v", got, tt.want)
			}
		})
	}
	t.Run("spans out of range are refused, not a panic", func(t *testing.T) {
		d := makeDoc(t, "a.txt", "A", text, td{phrase: "Monday", value: "2021-08-09", from: "2021-08-09"})
		for _, mod := range []func(*extract.Timex){
			func(x *extract.Timex) { x.Sentence.End = len(text) + 5 },
			func(x *extract.Timex) { x.Sentence.Start, x.Sentence.End = x.End, x.Start },
			func(x *extract.Timex) { x.Start, x.End = x.End, x.Start },
			func(x *extract.Timex) { x.Sentence.Start = -1 },
		} {
			x := d.Timexes[0]
			mod(&x)
			if IsEvent(d.Text, x) {
				t.Errorf("IsEvent accepted a bad span %+v", x)
			}
			Build([]corpus.Doc{{Article: d.Article, Text: d.Text, Timexes: []extract.Timex{x}}}, Options{})
		}
	})
	t.Run("unresolved", func(t *testing.T) {
		d := makeDoc(t, "a.txt", "A", text, td{phrase: "Monday", value: "XXXX-WXX-1"})
		d.Timexes[0].Resolved = false
		if IsEvent(d.Text, d.Timexes[0]) {
			t.Error("an unresolved date became an event")
		}
	})
}

func TestTitle(t *testing.T) {
	tests := []struct{ sentence, phrase, want string }{
		{"In late July, Taherian met with Atmar in Kabul, discussing the latest developments.", "late July",
			"Taherian met with Atmar in Kabul, discussing the latest developments"},
		{"TEHRAN - The envoy met Atmar in Kabul on Monday, discussing the latest developments.", "Monday",
			"The envoy met Atmar in Kabul, discussing the latest developments"},
		{"Iran will continue talks with the Taliban, a senior security official said on Wednesday.", "Wednesday",
			"Iran will continue talks with the Taliban"},
		{"Earlier on Thursday night, a senior diplomat announced that Herat fell to the Taliban.", "Thursday night",
			"A senior diplomat announced that Herat fell to the Taliban"},
		{"According to the BBC, fighters closed in on a number of major cities on Saturday.", "Saturday",
			"Fighters closed in on a number of major cities"},
		{"Reconciliation Talks\nThe remarks also follow reconciliation talks last week in the UAE.", "last week",
			"The remarks also follow reconciliation talks in the UAE"},
		{"Talks resumed on Monday.", "Monday", "Talks resumed"},
		{"On Monday, nothing.", "Monday", "On Monday, nothing"},
		{"The Taliban have rapidly advanced in many cities of Afghanistan since May, overrunning as many as 15 provincial capitals across the country.", "May",
			"The Taliban have rapidly advanced in many cities of Afghanistan, overrunning as…"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			i := len(tt.sentence) - len(tt.sentence[indexOf(t, tt.sentence, tt.phrase):])
			if got := makeTitle(tt.sentence, i, i+len(tt.phrase), DefaultTitleLength); got != tt.want {
				t.Errorf("title = %q, want %q", got, tt.want)
			}
		})
	}
}

func indexOf(t *testing.T, s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	t.Fatalf("%q not in %q", sub, s)
	return 0
}
