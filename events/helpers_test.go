package events

import (
	"strings"
	"testing"

	"github.com/timeline-news/timeline/article"
	"github.com/timeline-news/timeline/corpus"
	"github.com/timeline-news/timeline/extract"
)

// td is a hand-made date expression: the phrase to find in the text (its first occurrence
// after the context words, when given), and its resolution.
type td struct {
	phrase   string
	after    string // find phrase after this text ("" for the first occurrence)
	value    string
	mod      string
	from, to string // YYYY-MM-DD; to defaults to from
	typ      extract.Type
	generic  bool // Eventive false
}

func date(t testing.TB, s string) extract.Date {
	t.Helper()
	d, err := extract.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// makeDoc builds a corpus.Doc for text with hand-made timexes; sentences are cut at ". ".
func makeDoc(t testing.TB, file, title, text string, dates ...td) corpus.Doc {
	t.Helper()
	d := corpus.Doc{Article: &article.Article{File: file, Title: title}, Text: text}
	for _, x := range dates {
		base := 0
		if x.after != "" {
			i := strings.Index(text, x.after)
			if i < 0 {
				t.Fatalf("%s: %q not in text", file, x.after)
			}
			base = i + len(x.after)
		}
		i := strings.Index(text[base:], x.phrase)
		if i < 0 {
			t.Fatalf("%s: %q not in text after %q", file, x.phrase, x.after)
		}
		start := base + i
		to := x.to
		if to == "" {
			to = x.from
		}
		typ := x.typ
		if typ == "" {
			typ = extract.TypeDate
		}
		tx := extract.Timex{Span: extract.Span{Start: start, End: start + len(x.phrase)}, Text: x.phrase, Type: typ,
			Value: x.value, Mod: x.mod, Resolved: true, Eventive: !x.generic, Sentence: sentenceAt(text, start)}
		if x.from != "" {
			tx.From, tx.To = date(t, x.from), date(t, to)
		}
		d.Timexes = append(d.Timexes, tx)
	}
	return d
}

// sentenceAt is the span of the sentence holding offset off, cut at ". ", "? ", "! " and new lines.
func sentenceAt(text string, off int) extract.Span {
	start := 0
	for i := off - 1; i > 0; i-- {
		if text[i] == '\n' || i+1 < len(text) && isSpace(text[i+1]) && strings.ContainsRune(".?!", rune(text[i])) && !strings.HasSuffix(text[:i], "U.S") {
			start = i + 1
			break
		}
	}
	end := len(text)
	for i := off; i < len(text); i++ {
		if text[i] == '\n' || strings.ContainsRune(".?!", rune(text[i])) && (i+1 == len(text) || isSpace(text[i+1])) && !strings.HasSuffix(text[:i], "U.S") {
			end = i + 1
			break
		}
	}
	for start < end && isSpace(text[start]) {
		start++
	}
	return extract.Span{Start: start, End: end}
}

// demoDoc reads a demo article from content/ and attaches hand-made timexes to it.
func demoDoc(t testing.TB, name string, dates ...td) corpus.Doc {
	t.Helper()
	a, err := article.Load("../content/" + name)
	if err != nil {
		t.Fatal(err)
	}
	d := makeDoc(t, a.File, a.Title, a.Text(), dates...)
	d.Article = a
	return d
}

const (
	demo000 = "000_7c647e90d1281ca1.txt"
	demo001 = "001_1e550ff4c6e3f07d.txt"
	demo002 = "002_adcde6e105e935ea.txt"
	demo003 = "003_6f41c58a0392cbfd.txt"
	demo004 = "004_b6e73bcb61c114a2.txt"
)

// demoDates are the demo corpus's dates as expected.toml resolves them, by hand, so these
// tests do not depend on the extractor.
func demoDocs(t testing.TB) []corpus.Doc {
	return []corpus.Doc{
		demoDoc(t, demo000,
			td{phrase: "late July", value: "2021-07", mod: "END", from: "2021-07-01", to: "2021-07-31"},
			td{phrase: "20 years", value: "P20Y", typ: extract.TypeDuration, generic: true}),
		demoDoc(t, demo001,
			td{phrase: "Friday", value: "2021-08-13", from: "2021-08-13"},
			td{phrase: "Thursday night", value: "2021-08-12TNI", from: "2021-08-12", typ: extract.TypeTime},
			td{phrase: "Friday", after: "said on Twitter.", value: "2021-08-13", from: "2021-08-13"},
			td{phrase: "Last week", value: "2021-W31", from: "2021-08-02", to: "2021-08-08"},
			td{phrase: "Sunday", value: "2021-08-08", from: "2021-08-08"},
			td{phrase: "Earlier this month", value: "2021-08", mod: "START", from: "2021-08-01", to: "2021-08-31"},
			td{phrase: "Tuesday", value: "2021-08-10", from: "2021-08-10"},
			td{phrase: "today", after: "in Afghanistan, ", value: "2021-08-14", from: "2021-08-14", generic: true},
			td{phrase: "Monday", value: "2021-08-09", from: "2021-08-09"},
			td{phrase: "August 6", value: "2021-08-06", from: "2021-08-06"},
			td{phrase: "On that day", value: "2021-08-06", from: "2021-08-06"},
			td{phrase: "May", after: "intensified crusade in ", value: "2021-05", from: "2021-05-01", to: "2021-05-31"}),
		demoDoc(t, demo002,
			td{phrase: "Monday", value: "2021-07-26", from: "2021-07-26"},
			td{phrase: "Saturday", value: "2021-07-24", from: "2021-07-24"},
			td{phrase: "July 7 and 8", value: "2021-07-07", from: "2021-07-07", to: "2021-07-08"},
			td{phrase: "1998", value: "1998", from: "1998-01-01", to: "1998-12-31"}),
		demoDoc(t, demo003,
			td{phrase: "Wednesday", value: "2018-12-26", from: "2018-12-26"},
			td{phrase: "last week", value: "2018-W51", from: "2018-12-17", to: "2018-12-23"},
			td{phrase: "last week", after: "told AFP ", value: "2018-W51", from: "2018-12-17", to: "2018-12-23"},
			td{phrase: "Monday", value: "2018-12-24", from: "2018-12-24"}),
		demoDoc(t, demo004,
			td{phrase: "Wednesday", value: "2018-12-26", from: "2018-12-26"},
			td{phrase: "November 28", value: "2018-11-28", from: "2018-11-28"},
			td{phrase: "2001", value: "2001", from: "2001-01-01", to: "2001-12-31"},
			td{phrase: "2001", after: "Bonn conference in ", value: "2001", from: "2001-01-01", to: "2001-12-31"},
			td{phrase: "September", value: "2018-09", from: "2018-09-01", to: "2018-09-30"},
			td{phrase: "last Thursday", value: "2018-12-20", from: "2018-12-20"},
			td{phrase: "Later the day", value: "2018-12-26", from: "2018-12-26"}),
	}
}

// isSpace reports a space, a new line or the first byte of a no-break space.
func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == 0xC2 }

// mentionRefs lists ms as merge takes them: a pointer to each, and the number of its article
// (its doc field).
func mentionRefs(ms []mention) ([]*mention, []int32) {
	refs, docs := make([]*mention, len(ms)), make([]int32, len(ms))
	for i := range ms {
		refs[i], docs[i] = &ms[i], int32(ms[i].doc)
	}
	return refs, docs
}
