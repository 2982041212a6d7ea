package render

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/timeline-news/timeline/corpus"
	"github.com/timeline-news/timeline/events"
	"github.com/timeline-news/timeline/extract"
)

// reSpaces is what oneLine and oneLineKeep must match: they replaced these expressions.
var reSpaces = regexp.MustCompile(`\s+`)

func TestOneLine(t *testing.T) {
	for name, s := range map[string]string{
		"empty":        "",
		"plain":        "Talks resume in Kabul",
		"runs":         "  Talks \t\n resume\r\n\r\nin\fKabul  ",
		"single ends":  " a b ",
		"no-break":     "\u00a0 a \u00a0 b\u00a0",
		"vertical tab": "\va\v\n b\v",
		"invalid":      "\xff \n\xc3",
		"only space":   " \n\t ",
	} {
		t.Run(name, func(t *testing.T) {
			if got, want := oneLineKeep(s), reSpaces.ReplaceAllString(s, " "); got != want {
				t.Errorf("oneLineKeep(%q) = %q, want %q", s, got, want)
			}
			if got, want := oneLine(s), strings.TrimSpace(reSpaces.ReplaceAllString(s, " ")); got != want {
				t.Errorf("oneLine(%q) = %q, want %q", s, got, want)
			}
		})
	}
}

func FuzzOneLine(f *testing.F) {
	for _, s := range []string{"", " a  b ", "\u00a0\n\v x\r\n", "\xff\t\xc3 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := oneLineKeep(s), reSpaces.ReplaceAllString(s, " "); got != want {
			t.Errorf("oneLineKeep(%q) = %q, want %q", s, got, want)
		}
		if got, want := oneLine(s), strings.TrimSpace(reSpaces.ReplaceAllString(s, " ")); got != want {
			t.Errorf("oneLine(%q) = %q, want %q", s, got, want)
		}
	})
}

// reDatetime is what validDatetime must match: it replaced this expression.
var reDatetime = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$`)

func FuzzDates(f *testing.F) {
	for _, s := range []string{"2021", "2021-07", "2021-07-26", "2021-W31", "2021-W3", "202", "2021-7-26", "2021-07-26T", "XXXX-07", "２０２１"} {
		f.Add(s, 2021, 7, 26)
	}
	f.Add("", 0, 0, 0)
	f.Add("", -5, 13, 100)
	f.Fuzz(func(t *testing.T, s string, year, month, day int) {
		if got, want := validDatetime(s), reDatetime.MatchString(s); got != want {
			t.Errorf("validDatetime(%q) = %v, want %v", s, got, want)
		}
		d := extract.Date{Year: year, Month: time.Month(month), Day: day}
		if got, want := isoDate(d), d.String(); got != want {
			t.Errorf("isoDate(%v) = %q, want %q", d, got, want)
		}
	})
}

func TestPercent(t *testing.T) {
	for total := 1; total <= 366; total++ {
		for n := 0; n <= total; n++ {
			x := 100 * float64(n) / float64(total)
			if got, want := percent(x), fmt.Sprintf("%.1f%%", x); got != want {
				t.Fatalf("percent(%v) = %q, want %q", x, got, want)
			}
		}
	}
}

func TestForEach(t *testing.T) {
	for _, n := range []int{0, 1, 63, 64, 65, 1000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			calls := make([]int, n)
			forEach(n, func(i int) { calls[i]++ })
			for i, c := range calls {
				if c != 1 {
					t.Fatalf("index %d called %d times, want once", i, c)
				}
			}
		})
	}
}

// TestNewSiteSlugsInOrder checks that views made on all cores get the slugs a one-by-one
// pass gives: a repeated name's "-2", "-3"... follow the order of the articles and events.
func TestNewSiteSlugsInOrder(t *testing.T) {
	in := fixtureSite(t, "")
	base := in.Docs[0]
	in.Docs, in.Events = nil, nil
	for i := range 300 {
		// "a-7.md" and "a.7.txt" both slug to "a-7": which gets "-2" depends on order alone.
		for _, name := range []string{fmt.Sprintf("content/a-%d.md", i), fmt.Sprintf("content/a.%d.txt", i)} {
			a := *base.Article
			a.File = name
			in.Docs = append(in.Docs, corpus.Doc{Article: &a, Text: base.Text, Timexes: base.Timexes})
			src := events.Source{File: name, Start: base.Timexes[0].Start, End: base.Timexes[0].End, Text: base.Timexes[0].Text}
			in.Events = append(in.Events, events.Event{ID: "same", From: date("2021-07-21").AddDays(i), To: date("2021-07-21").AddDays(i), Sources: []events.Source{src}})
		}
	}
	// Every event quotes the same sentence of the same text: what sentence makes of it.
	file0 := in.Docs[0].Article.File
	ref := &site{byFile: map[string]*articleView{file0: {notes: notesOf(&in.Docs[0])}}}
	wantSentence := ref.sentence(events.Source{File: file0, Start: base.Timexes[0].Start, End: base.Timexes[0].End, Text: base.Timexes[0].Text})
	s, err := newSite(in)
	if err != nil {
		t.Fatal(err)
	}
	taken := map[string]bool{}
	for i, a := range s.articles {
		rel := strings.TrimPrefix(in.Docs[i].Article.File, "content/")
		if want := Slug(strings.TrimSuffix(rel, filepath.Ext(rel)), taken); a.Slug != want || a.doc != &in.Docs[i] {
			t.Fatalf("article %d (%s): slug %q, want %q", i, rel, a.Slug, want)
		}
	}
	taken = map[string]bool{}
	for i, e := range s.events {
		if want := Slug("same", taken); e.ID != want || s.byID[want] != e {
			t.Fatalf("event %d: slug %q, want %q", i, e.ID, want)
		}
		if i > 0 && e.Event.From.Before(s.events[i-1].Event.From) {
			t.Fatalf("event %d out of date order", i)
		}
		if e.Sentence != wantSentence || !strings.Contains(string(wantSentence), "<mark>") {
			t.Fatalf("event %d: sentence %q, want %q with the expression marked", i, e.Sentence, wantSentence)
		}
	}
}
