package extract

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/olebedev/when"
)

// FuzzExtract: extraction never panics, and every offset lies inside the text, on UTF-8
// boundaries, with the expression inside its sentence and a sane interval.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"He met them on Friday. On that day, they left.",
		"In late July, Taherian met Atmar in Kabul; last week he left, nearly 20 years ago.",
		"July 7 and 8, September 20 to 22, between March 3 and March 5, 2021-08-06, 5 p.m. Friday",
		"U.S. Gen. Miller said Dec. 5 that “today is the time to act.”\u00a0 Later the day",
		"the 1990s, the '80s, mid-1996, fiscal 1989, the third quarter, a year earlier, Q3",
		"\xff\xfe May 5 \xc3", "Friday\u00a0Monday", "", "1999-02-31 13/45/2020 99:99",
		"+++\ntitle = \"x\"\n+++\n\n# May\n\n* Sunday  \n",
	} {
		f.Add(s, 2021, 8, 14)
	}
	f.Fuzz(func(t *testing.T, text string, y, m, d int) {
		pub := Date{}
		if y > 0 && y < 3000 && m >= 1 && m <= 12 && d >= 1 && d <= 28 {
			pub = Date{y, time.Month(m), d}
		}
		boundary := map[int]bool{len(text): true} // where decoding the text rune by rune stops
		for i := 0; i < len(text); {
			boundary[i] = true
			_, n := utf8.DecodeRuneInString(text[i:])
			i += n
		}
		for _, x := range Extract(text, pub) {
			if x.Start < 0 || x.End > len(text) || x.Start >= x.End {
				t.Fatalf("span %v outside text of %d bytes", x.Span, len(text))
			}
			if x.Sentence.Start < 0 || x.Sentence.End > len(text) || x.Sentence.Start > x.Start || x.Sentence.End < x.End {
				t.Fatalf("sentence %v does not hold %v", x.Sentence, x.Span)
			}
			for _, off := range []int{x.Start, x.End, x.Sentence.Start, x.Sentence.End} {
				if !boundary[off] {
					t.Fatalf("offset %d splits a UTF-8 sequence in %q", off, text)
				}
			}
			if x.Text != text[x.Start:x.End] {
				t.Fatalf("text %q is not the span's bytes", x.Text)
			}
			if x.Resolved && (x.Type == TypeDate || x.Type == TypeTime) && x.To.Before(x.From) {
				t.Fatalf("%q: interval %v..%v is backwards", x.Text, x.From, x.To)
			}
			if x.Eventive && !x.Resolved {
				t.Fatalf("%q: eventive but unresolved", x.Text)
			}
		}
	})
}

// TestDeterministic: the same input gives the same output.
func TestDeterministic(t *testing.T) {
	text := "On Friday, officials said last week's talks in May 2021 failed; two days later they resumed."
	a, b := Extract(text, Date{2021, 8, 14}), Extract(text, Date{2021, 8, 14})
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("got %d and %d expressions", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Errorf("run 1 %+v, run 2 %+v", a[i], b[i])
		}
	}
}

// TestWhenParser: the rules are `when` rules; plugged into when.Parser they resolve the
// cases stock `when` gets wrong (a year after the day, "in May 2021", an ISO date).
func TestWhenParser(t *testing.T) {
	w := when.New(nil)
	w.Add(Rules()...)
	ref := time.Date(2021, 8, 14, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct{ text, want string }{
		{"it happened on August 6, 2020 in Kabul", "2020-08-06"},
		{"the crusade began in May 2021", "2021-05"}, // a month: the day is the reference's
		{"dated 2020-08-06 by the office", "2020-08-06"},
		{"he said on Friday", "2021-08-13"},
	} {
		r, err := w.Parse(c.text, ref)
		if err != nil || r == nil {
			t.Errorf("%q: no result (%v)", c.text, err)
			continue
		}
		if got := r.Time.Format("2006-01-02"); got[:len(c.want)] != c.want {
			t.Errorf("%q: got %s, want %s", c.text, got, c.want)
		}
	}
}

// TestEventive: dates that place a happening are eventive; durations, sets and vague
// references are not.
func TestEventive(t *testing.T) {
	text := "Herat fell on Friday after 20 years of war; patrols run daily and the Taliban now rule."
	want := map[string]bool{"Friday": true, "20 years": false, "daily": false, "now": false}
	for _, x := range Extract(text, Date{2021, 8, 14}) {
		if w, ok := want[x.Text]; !ok || x.Eventive != w {
			t.Errorf("%q (%s): eventive %v, want %v (listed: %v)", x.Text, x.Type, x.Eventive, w, ok)
		}
	}
}

// TestDenseText: a run-on text made of nothing but dates is extracted whole (one expression
// per date); the engine stays linear in such input (see BenchmarkDenseText).
func TestDenseText(t *testing.T) {
	text := strings.Repeat("Monday ", 5000) + strings.Repeat("on May 5 1998 ", 2000)
	xs := Extract(text, Date{2021, 8, 14})
	if len(xs) != 7000 {
		t.Fatalf("got %d expressions, want 7000", len(xs))
	}
	if xs[0].Value != "2021-08-09" || xs[6999].Value != "1998-05-05" {
		t.Errorf("values %s .. %s", xs[0].Value, xs[6999].Value)
	}
}
