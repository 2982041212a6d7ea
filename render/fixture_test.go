package render

import (
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	timeline "github.com/timeline-news/timeline"
	"github.com/timeline-news/timeline/article"
	"github.com/timeline-news/timeline/corpus"
	"github.com/timeline-news/timeline/events"
	"github.com/timeline-news/timeline/extract"
)

// The fixture site: three small articles with hand-made date expressions and events, so that
// the rendered pages depend on this package alone, not on how the extractor evolves.

const articleA = `+++
title = "Envoy <b>meets</b> minister & \"talks\" in Kabul"
date = 2021-07-27
source = "Mehr News Agency"
url = "https://en.mehrnews.com/news/1/"
license = "CC BY 4.0"
+++
# Talks in Kabul

In late July, the envoy met the minister in Kabul. On **August** 6 the talks resumed.

<script>alert("raw html")</script>

See [the report of July 2021](https://example.org/report) and ` + "`code 2021`" + `.
`

const articleB = `+++
title = "Herat falls"
date = 2021-08-14
source = "Mehr News Agency"
url = "javascript:alert(1)"
license = "CC BY 4.0"
+++
The Taliban took Herat on Friday.  Officials said that on August 6 the talks had resumed & stalled.
The group intensified its campaign in May.
`

var articleC = `+++
title = "Talks to continue"
date = 2018-12-27
+++
Iran will continue talks with the Taliban, a senior official said on Wednesday. ` +
	strings.Repeat("This sentence is filler text that pads the article past its excerpt. ", 8) + `
The meeting in Kabul took place last week.
`

// timexIn makes a resolved expression for the first occurrence of text after offset from.
func timexIn(t testing.TB, doc string, text, value string, from, to string) extract.Timex {
	t.Helper()
	i := strings.Index(doc, text)
	if i < 0 {
		t.Fatalf("%q not in the fixture", text)
	}
	x := extract.Timex{Span: extract.Span{Start: i, End: i + len(text)}, Text: text, Type: extract.TypeDate, Value: value, Eventive: true}
	if from != "" {
		x.Resolved = true
		x.From, _ = extract.ParseDate(from)
		x.To, _ = extract.ParseDate(to)
	}
	// The sentence: from the previous full stop (or line start) to the next.
	s := strings.LastIndexAny(doc[:i], ".\n") + 1
	e := strings.IndexAny(doc[i:], ".\n")
	x.Sentence = extract.Span{Start: s, End: i + e + 1}
	return x
}

func fixtureDocs(t testing.TB) []corpus.Doc {
	t.Helper()
	var docs []corpus.Doc
	for _, f := range []struct{ name, data string }{{"content/a.md", articleA}, {"content/b.txt", articleB}, {"content/c.txt", articleC}} {
		a, err := article.Parse(f.name, []byte(f.data))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, corpus.Doc{Article: a, Text: a.Text()})
	}
	a, b, c := docs[0].Text, docs[1].Text, docs[2].Text
	docs[0].Timexes = []extract.Timex{
		timexIn(t, a, "late July", "2021-07", "2021-07-21", "2021-07-31"),
		timexIn(t, a, "August   6", "2021-08-06", "2021-08-06", "2021-08-06"),
	}
	docs[0].Timexes[0].Mod = "END"
	docs[1].Timexes = []extract.Timex{
		timexIn(t, b, "Friday", "2021-08-13", "2021-08-13", "2021-08-13"),
		timexIn(t, b, "August 6", "2021-08-06", "2021-08-06", "2021-08-06"),
		timexIn(t, b, "May", "2021-05", "2021-05-01", "2021-05-31"),
	}
	docs[2].Timexes = []extract.Timex{
		timexIn(t, c, "Wednesday", "2018-12-26", "2018-12-26", "2018-12-26"),
		timexIn(t, c, "last week", "XXXX-WXX", "", ""),
	}
	return docs
}

func source(d corpus.Doc, i int) events.Source {
	x := d.Timexes[i]
	return events.Source{File: d.Article.File, Title: d.Article.Title, Start: x.Start, End: x.End, Text: x.Text,
		Sentence: oneLine(d.Text[x.Sentence.Start:x.Sentence.End])}
}

func date(s string) extract.Date { d, _ := extract.ParseDate(s); return d }

func fixtureEvents(docs []corpus.Doc) []events.Event {
	return []events.Event{
		{ID: "2021-08-06-talks-resume", Value: "2021-08-06", From: date("2021-08-06"), To: date("2021-08-06"),
			Label: "6 August 2021", Title: "Talks resume", Text: source(docs[0], 1).Sentence,
			Actors: []string{"Taliban"}, Places: []string{"Kabul"}, Weight: 2,
			Merged:  []string{"b.txt: same day, shared words talks, resumed"},
			Sources: []events.Source{source(docs[0], 1), source(docs[1], 1)}},
		{ID: "2021-07-late-envoy-meets", Value: "2021-07", Mod: "END", From: date("2021-07-21"), To: date("2021-07-31"),
			Label: "late July 2021", Title: "Envoy meets <minister>", Text: source(docs[0], 0).Sentence,
			Places: []string{"Kabul"}, Weight: 1, Sources: []events.Source{source(docs[0], 0)}},
		{ID: "2021-08-13-herat", Value: "2021-08-13", From: date("2021-08-13"), To: date("2021-08-13"),
			Label: "13 August 2021", Title: "The Taliban took Herat", Text: source(docs[1], 0).Sentence,
			Actors: []string{"Taliban"}, Places: []string{"Herat"}, Weight: 1, Sources: []events.Source{source(docs[1], 0)}},
		{ID: "2021-05-campaign", Value: "2021-05", From: date("2021-05-01"), To: date("2021-05-31"),
			Label: "May 2021", Title: "Campaign intensifies; a title, with commas and a long tail of words to fold", Text: source(docs[1], 2).Sentence,
			Weight: 1, Sources: []events.Source{source(docs[1], 2)}},
		{ID: "2018-12-26-talks", Value: "2018-12-26", From: date("2018-12-26"), To: date("2018-12-26"),
			Label: "26 December 2018", Title: "Iran will continue talks", Text: source(docs[2], 0).Sentence,
			Actors: []string{"Iran", "Taliban"}, Weight: 1, Sources: []events.Source{source(docs[2], 0)}},
	}
}

func fixtureSite(t testing.TB, baseURL string) *Site {
	t.Helper()
	docs := fixtureDocs(t)
	cfg := DefaultConfig(".")
	cfg.Title = "Test <timeline> & co"
	cfg.Description = "A fixture site."
	cfg.BaseURL = baseURL
	if err := cfg.Check(); err != nil {
		t.Fatal(err)
	}
	return &Site{Config: cfg, Docs: docs, Events: fixtureEvents(docs), Problems: []corpus.Problem{
		{File: "content/c.txt", Line: 3, Severity: corpus.Warning, Message: `date expression "last week" left unresolved`},
		{File: "content/bad.md", Line: 2, Col: 7, Severity: corpus.Error, Message: "front matter: <bad> value"},
	}}
}

// mapOutput collects rendered files in memory.
type mapOutput struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *mapOutput) WriteFile(name string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, dup := m.files[name]; dup {
		return fmt.Errorf("%s written twice", name)
	}
	m.files[name] = append([]byte(nil), data...)
	return nil
}

func (m *mapOutput) fs() fstest.MapFS {
	out := fstest.MapFS{}
	for name, b := range m.files {
		out[name] = &fstest.MapFile{Data: b}
	}
	return out
}

func defaultTheme(t testing.TB) ThemeFiles {
	t.Helper()
	tfs, sfs, err := ThemeFS(timeline.Theme, "", "")
	if err != nil {
		t.Fatal(err)
	}
	return ThemeFiles{Templates: tfs, Static: sfs}
}

// renderFixture renders the fixture site into memory.
func renderFixture(t testing.TB, baseURL string) fstest.MapFS {
	t.Helper()
	out := &mapOutput{files: map[string][]byte{}}
	if _, err := Render(fixtureSite(t, baseURL), defaultTheme(t), out); err != nil {
		t.Fatal(err)
	}
	return out.fs()
}

var _ fs.FS = fstest.MapFS{}
