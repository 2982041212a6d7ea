package render

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/timeline-news/timeline/events"
	"github.com/timeline-news/timeline/extract"
)

// The hand-written JSON encoders must write exactly what encoding/json writes: these tests
// compare them with it on ordinary and hostile values.

var hostileStrings = []string{
	"", "plain", `quote " and backslash \ and slash /`, "<script>alert(1)</script> & co",
	"tab\tnew\nline\rreturn\bback\fform", "\x00\x01\x1f\x7f", "bad utf-8 \xff\xfe end \xc3",
	"line sep \u2028 para sep \u2029", "emoji 🎉 and ünïcödé", "\ufffd replacement", "\xe2\x80",
	"  spaces around  ", "{\"json\": [1, 2]}", "]]>", "\u00a0nbsp",
}

// stdJSON is encoding/json's encoding of v, HTML-escaped or not, without the final newline.
func stdJSON(t testing.TB, v any, html bool) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(html)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func checkJSONString(t *testing.T, s string) {
	t.Helper()
	for _, html := range []bool{true, false} {
		if got, want := string(appendJSONString(nil, s, html)), stdJSON(t, s, html); got != want {
			t.Errorf("appendJSONString(%q, html=%v) = %s, want %s", s, html, got, want)
		}
	}
}

func TestAppendJSONString(t *testing.T) {
	for _, s := range hostileStrings {
		checkJSONString(t, s)
	}
	t.Run("every byte", func(t *testing.T) {
		for b := range 256 {
			checkJSONString(t, "a"+string([]byte{byte(b)})+"z")
		}
	})
	t.Run("random", func(t *testing.T) {
		r := rand.New(rand.NewPCG(1, 2))
		alphabet := []string{"a", " ", "<", ">", "&", `"`, `\`, "\n", "\x00", "\x7f", "\xff", "\xc3", "é", "\u2028", "🎉", "\ufffd"}
		for range 2000 {
			var b strings.Builder
			for range r.IntN(12) {
				b.WriteString(alphabet[r.IntN(len(alphabet))])
			}
			checkJSONString(t, b.String())
		}
	})
}

// TestAppendJSONStringWords puts each byte at each place of the eight-byte words the encoder
// checks at once, in text long enough to hold several.
func TestAppendJSONStringWords(t *testing.T) {
	pad := "The envoy met the minister in Kabul."
	for b := range 256 {
		for at := range 17 {
			s := pad[:at] + string([]byte{byte(b)}) + pad[at:at+16]
			checkJSONString(t, s)
			checkJSONString(t, s+"\xc3\xa9"+s) // a valid two-byte rune shifts the words after it
		}
	}
	t.Run("random", func(t *testing.T) {
		r := rand.New(rand.NewPCG(3, 4))
		alphabet := []string{"a", " ", "~", "!", "<", ">", "&", `"`, `\`, "\n", "\x00", "\x1f", "\x7f", "\xff", "é", "\u2028", "🎉", "plain words "}
		for range 3000 {
			var b strings.Builder
			for range r.IntN(60) {
				b.WriteString(alphabet[r.IntN(len(alphabet))])
			}
			checkJSONString(t, b.String())
		}
	})
}

func BenchmarkAppendJSONString(b *testing.B) {
	text := strings.Repeat("On August 6 the talks resumed in Kabul, the envoy said. ", 20)
	buf := make([]byte, 0, 4*len(text))
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		buf = appendJSONString(buf[:0], text, true)
	}
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range hostileStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkJSONString(t, s) })
}

// jsonTestEvents covers every optional field present and absent, nil and empty lists, dates
// out of the usual ranges and hostile text.
func jsonTestEvents() []events.Event {
	evs := []events.Event{
		{},
		{ID: "2021-08-06-talks", Value: "2021-08-06", From: date("2021-08-06"), To: date("2021-08-06"),
			Label: "6 August 2021", Precision: "day", Title: "Talks", Text: "On August 6 the talks resumed.",
			Actors: []string{"Taliban"}, Places: []string{"Kabul", "Doha"}, Weight: 2,
			Merged:  []string{"b.txt: same day"},
			Sources: []events.Source{{File: "content/a.md", Title: "A", Start: 3, End: 11, Text: "August 6", Sentence: "s"}, {}}},
		{ID: "e", Mod: "END", Actors: []string{}, Places: nil, Merged: []string{}, Sources: []events.Source{}, Weight: -3},
		{From: extract.Date{Year: 10000, Month: 1, Day: 1}, To: extract.Date{Year: -5, Month: 13, Day: 0}},
		{From: extract.Date{Year: 7, Month: 2, Day: 3}, To: extract.Date{Year: 0, Month: 0, Day: 1}},
	}
	for i, s := range hostileStrings {
		evs = append(evs, events.Event{ID: s, Value: s, Mod: s, Label: s, Precision: s, Title: s, Text: s,
			Actors: []string{s, s}, Places: []string{s}, Merged: []string{s}, Weight: i,
			Sources: []events.Source{{File: s, Title: s, Start: i, End: -i, Text: s, Sentence: s}}})
	}
	return evs
}

func TestAppendEventJSON(t *testing.T) {
	for _, ev := range jsonTestEvents() {
		for _, prefix := range []string{"", "  ", "\t"} {
			want, err := json.MarshalIndent(ev, prefix, "  ")
			if err != nil {
				t.Fatal(err)
			}
			got := appendEventJSON(nil, &ev, "\n"+prefix, sourceFilesAsGiven(&ev))
			if string(got) != string(want) {
				t.Errorf("event %q, prefix %q:\ngot  %s\nwant %s", ev.ID, prefix, got, want)
			}
		}
	}
}

// sourceFilesAsGiven encodes the files of ev's sources as they are, for appendEventJSON.
func sourceFilesAsGiven(ev *events.Event) func(i int) string {
	return func(i int) string { return string(appendJSONString(nil, ev.Sources[i].File, true)) }
}

// tljsEventOf is the TimelineJS3 event of a dated event, made field by field, every URL
// through s.absURL: what encoding/json encodes as the reference for timelinejs.json.
func tljsEventOf(s *site, e *eventView) tljsEvent {
	ev := e.Event
	t := tljsEvent{UniqueID: e.ID, Text: tljsText{Headline: html.EscapeString(e.Title), Text: "<p>" + string(e.Sentence) + "</p>"}}
	if url := s.absURL(e.Href); url != "" {
		t.Text.Text += `<p><a href="` + html.EscapeString(url) + `">` + pluralSources(len(e.Sources)) + "</a></p>"
	}
	if len(ev.Actors) > 0 {
		t.Group = ev.Actors[0]
	}
	to := ev.To
	if to.IsZero() {
		to = ev.From
	}
	switch {
	case ev.From == to:
		t.StartDate = tljsDate{ev.From.Year, int(ev.From.Month), ev.From.Day}
	case wholeMonths(ev.From, to):
		t.StartDate = tljsDate{Year: ev.From.Year, Month: int(ev.From.Month)}
		if ev.From.Year != to.Year || ev.From.Month != to.Month {
			t.EndDate = &tljsDate{Year: to.Year, Month: int(to.Month)}
		}
		t.DisplayDate = e.Label
	default:
		t.StartDate = tljsDate{ev.From.Year, int(ev.From.Month), ev.From.Day}
		t.EndDate = &tljsDate{to.Year, int(to.Month), to.Day}
		t.DisplayDate = e.Label
	}
	return t
}

func pluralSources(n int) string {
	if n == 1 {
		return "1 source"
	}
	return fmt.Sprint(n) + " sources"
}

// withHostileEvents adds to the fixture site events full of hostile text, with sources in
// and out of the site, dated on one day, over whole months (within one month and across
// several) and over other spans.
func withHostileEvents(in *Site) {
	spans := [][2]string{{"2021-07-01", "2021-07-31"}, {"2021-07-01", "2021-09-30"}, {"2021-07-03", "2021-07-09"}, {"2021-07-05", ""}, {"2020-12-01", "2021-01-31"}}
	for i, ev := range jsonTestEvents() {
		ev.ID = fmt.Sprintf("hostile-%d", i)
		if i > 0 { // the first stays undated
			span := spans[i%len(spans)]
			ev.From, ev.To = date(span[0]), date(span[1])
		}
		ev.Sources = append(ev.Sources, in.Events[i%len(in.Events)].Sources...)
		in.Events = append(in.Events, ev)
	}
}

// TestJSONExportsMatchEncodingJSON renders the fixture site's JSON exports, with and without a
// base URL and with no events at all, and compares them with encoding/json's encoding of the
// same values.
func TestJSONExportsMatchEncodingJSON(t *testing.T) {
	for _, base := range []string{"", "https://example.org/a,b/", "https://example.org/news/"} {
		for _, kind := range []string{"fixture", "none", "hostile"} {
			in := fixtureSite(t, base)
			in.Config.Title = hostileStrings[3] + hostileStrings[6]
			in.Config.Description = hostileStrings[7]
			switch kind {
			case "none":
				in.Events = nil
			case "hostile":
				withHostileEvents(in)
			}
			s, err := newSite(in)
			if err != nil {
				t.Fatal(err)
			}
			t.Run("events.json", func(t *testing.T) {
				evs := []events.Event{}
				for _, e := range s.events {
					ev := *e.Event
					ev.Sources = append([]events.Source(nil), ev.Sources...)
					for j := range ev.Sources {
						ev.Sources[j].File = s.sitePath(ev.Sources[j].File)
					}
					evs = append(evs, ev)
				}
				want, err := json.MarshalIndent(evs, "", "  ")
				if err != nil {
					t.Fatal(err)
				}
				var got bytes.Buffer
				if err := s.eventsJSON(&got); err != nil {
					t.Fatal(err)
				}
				if got.String() != string(want)+"\n" {
					t.Errorf("got\n%s\nwant\n%s", got.Bytes(), want)
				}
			})
			t.Run("timelinejs.json", func(t *testing.T) {
				type file struct {
					Title  *tljsTitle  `json:"title,omitempty"`
					Events []tljsEvent `json:"events"`
				}
				f := file{Title: &tljsTitle{tljsText{Headline: html.EscapeString(s.cfg.Title), Text: html.EscapeString(s.cfg.Description)}}, Events: []tljsEvent{}}
				for _, e := range s.events {
					if !e.Event.From.IsZero() {
						f.Events = append(f.Events, tljsEventOf(s, e))
					}
				}
				want, err := json.MarshalIndent(f, "", "  ")
				if err != nil {
					t.Fatal(err)
				}
				var got bytes.Buffer
				if err := s.timelineJS(&got); err != nil {
					t.Fatal(err)
				}
				if got.String() != string(want)+"\n" {
					t.Errorf("got\n%s\nwant\n%s", got.Bytes(), want)
				}
			})
		}
	}
}

// TestAbsURLs checks the shortcut for many URLs against s.absURL itself.
func TestAbsURLs(t *testing.T) {
	bases := []string{"https://example.org/", "https://example.org", "https://example.org/news", "https://example.org/news/",
		"http://user:pw@example.org:8080/a/b/./c/../d/", "https://example.org/a%20b/", "https://example.org/a b/",
		"https://example.org/%41/", "https://example.org/x/?q=1#frag", "https://[::1]:80/p/", "https://example.org//double/",
		"https://example.org/a,b/", "https://example.org/é/", "https://example.org/..", "https://example.org/./", "//host/p/", "rel/path/",
		"https://example.org/news/../../"}
	paths := []string{"", "x", "events/2021-07/2021-07-late-envoy-meets.html", "a/b/", "./a", "a/./b", "a/../b", "..", ".", "a/..",
		"/abs", "a//b", "a b", "a%20b", "é", "a?b", "a#b", "a:b", "~user/_x-y.z", "...", "a/...", ".hidden", "a/", "//x"}
	for _, b := range bases {
		in := fixtureSite(t, "")
		in.Config.BaseURL = b
		s, err := newSite(in)
		if err != nil {
			t.Fatal(err)
		}
		urls := s.absURLs()
		if !urls.fast && strings.HasPrefix(b, "https://example.org/news") {
			t.Errorf("base %q: no shortcut taken", b)
		}
		for _, p := range paths {
			want := s.absURL(p)
			if got := string(urls.appendURL([]byte("<"), p)); got != "<"+want {
				t.Errorf("base %q, path %q: appended %q, want %q", b, p, got, "<"+want)
			}
		}
	}
}

func TestAppendXMLText(t *testing.T) {
	check := func(s string) {
		var want bytes.Buffer
		if err := xml.EscapeText(&want, []byte(s)); err != nil {
			t.Fatal(err)
		}
		if got := appendXMLText([]byte("<"), []byte(s)); string(got) != "<"+want.String() {
			t.Errorf("appendXMLText(%q) = %q, want %q", s, got[1:], want.Bytes())
		}
	}
	for _, s := range append(hostileStrings, "'single'", "\ufffe\uffff", "\U0010ffff", "\xed\xa0\x80", "\xf4\x90\x80\x80") {
		check(s)
	}
	for b := range 256 {
		check("a" + string([]byte{byte(b)}) + "z")
	}
}

// TestSitemapMatchesEncodingXML compares the streamed sitemaps with encoding/xml's encoding of
// the same lists, for none, one and many pages, with paths that need escaping.
func TestSitemapMatchesEncodingXML(t *testing.T) {
	type loc struct {
		Loc string `xml:"loc"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []loc    `xml:"url"`
	}
	type sitemapIndex struct {
		XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
		Sitemaps []loc    `xml:"sitemap"`
	}
	encode := func(v any) string {
		b, err := xml.MarshalIndent(v, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		return xml.Header + string(b) + "\n"
	}
	defer func(old int) { sitemapSize = old }(sitemapSize)
	for _, pages := range [][]string{nil, {""}, {"b/", "a/x.html", "q?a=1&b=<2>", "é 'quoted' \"page\"", "../up", "events/2021-07/a.html"}} {
		for _, size := range []int{50_000, 2} {
			sitemapSize = size
			s, err := newSite(fixtureSite(t, "https://example.org/a&b/"))
			if err != nil {
				t.Fatal(err)
			}
			s.pages = pages
			sorted := append([]string(nil), pages...)
			slices.Sort(sorted)
			want := map[string]string{}
			var index sitemapIndex
			for i := 0; i*size < max(len(sorted), 1); i++ {
				var u urlset
				for _, p := range sorted[i*size : min((i+1)*size, len(sorted))] {
					u.URLs = append(u.URLs, loc{s.absURL(p)})
				}
				name := "sitemap.xml"
				if len(sorted) > size {
					name = fmt.Sprintf("sitemaps/%d.xml", i+1)
					index.Sitemaps = append(index.Sitemaps, loc{s.absURL(name)})
				}
				want[name] = encode(u)
			}
			if len(sorted) > size {
				want["sitemap.xml"] = encode(index)
			}
			out := &mapOutput{files: map[string][]byte{}}
			if err := s.sitemap(out); err != nil {
				t.Fatal(err)
			}
			if len(out.files) != len(want) {
				t.Errorf("%d pages, %d a sitemap: wrote %d files, want %d", len(pages), size, len(out.files), len(want))
			}
			for name, w := range want {
				if got := string(out.files[name]); got != w {
					t.Errorf("%s:\ngot  %s\nwant %s", name, got, w)
				}
			}
		}
	}
}

func TestReportJSONMatchesEncodingJSON(t *testing.T) {
	reps := []*reportData{{}, {Problems: []problemItem{}, Unresolved: []unresolved{}}}
	full := &reportData{Articles: 3, Events: -1}
	for i, s := range hostileStrings {
		full.Problems = append(full.Problems, problemItem{File: s, Line: i % 3, Col: i % 2, Severity: s, Message: s})
		full.Unresolved = append(full.Unresolved, unresolved{File: s, Line: i, Start: i % 2, End: -i, Text: s, Value: s, Sentence: s, Href: s})
	}
	filled := &reportData{}
	fillEvery(reflect.ValueOf(filled).Elem(), "x<")
	reps = append(reps, full, filled)
	for _, rep := range reps {
		want, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := writeReportJSON(&got, rep); err != nil {
			t.Fatal(err)
		}
		if got.String() != string(want)+"\n" {
			t.Errorf("got\n%s\nwant\n%s", got.Bytes(), want)
		}
	}
}

// TestEncodersKnowEveryField fills every field of the types written by hand, so that a field
// added to them and not to their encoder fails here.
func TestEncodersKnowEveryField(t *testing.T) {
	var ev events.Event
	fillEvery(reflect.ValueOf(&ev).Elem(), "v&")
	want, err := json.MarshalIndent(ev, "  ", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if got := appendEventJSON(nil, &ev, "\n  ", sourceFilesAsGiven(&ev)); string(got) != string(want) {
		t.Errorf("events.Event:\ngot  %s\nwant %s", got, want)
	}
}

// fillEvery sets every settable field of v, recursively, to a value that is not empty: s for
// strings, 7 for numbers, one filled element for slices, a filled value for pointers.
func fillEvery(v reflect.Value, s string) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(s)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(7)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fillEvery(v.Index(0), s)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fillEvery(v.Elem(), s)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fillEvery(v.Field(i), s)
			}
		}
	}
}

// TestFeedOrder checks the feed's entries against the first way of choosing them: a stable sort
// of every event, newest report first, then latest start, then id.
func TestFeedOrder(t *testing.T) {
	in := fixtureSite(t, "https://example.org/")
	for i := range 300 { // many ties on the report date and the start
		ev := in.Events[i%len(in.Events)]
		ev.ID = fmt.Sprintf("e%03d", (i*37)%101)
		ev.From = extract.Date{Year: 2021, Month: 7, Day: 1 + i%3}
		in.Events = append(in.Events, ev)
	}
	s, err := newSite(in)
	if err != nil {
		t.Fatal(err)
	}
	evs := append([]*eventView(nil), s.events...)
	sort.SliceStable(evs, func(i, j int) bool {
		if c := s.updated(evs[i]).Compare(s.updated(evs[j])); c != 0 {
			return c > 0
		}
		if c := evs[i].Event.From.Compare(evs[j].Event.From); c != 0 {
			return c > 0
		}
		return evs[i].ID < evs[j].ID
	})
	var want []string
	for _, e := range evs[:feedSize] {
		want = append(want, s.idURL(e.Href))
	}
	b, err := s.feed()
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Entries []struct {
			ID string `xml:"id"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range f.Entries {
		got = append(got, e.ID)
	}
	if !slices.Equal(got, want) {
		t.Errorf("feed entries\n%q\nwant\n%q", got, want)
	}
}

// TestExportsAreStreamed checks that every export but the small feed and robots.txt is
// streamed to its file rather than handed over whole: on a large site none is held in memory.
func TestExportsAreStreamed(t *testing.T) {
	defer func(old int) { sitemapSize = old }(sitemapSize)
	sitemapSize = 2
	s, err := newSite(fixtureSite(t, "https://example.org/"))
	if err != nil {
		t.Fatal(err)
	}
	s.pages = []string{"", "a.html", "b.html"}
	out := &discardOutput{}
	for _, name := range Exports {
		if name == "feed.xml" || name == "robots.txt" {
			continue
		}
		if err := s.writeExport(out, name, s.report()); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.writeSearchIndex(out); err != nil {
		t.Fatal(err)
	}
	if out.n == 0 || out.whole != 0 {
		t.Errorf("%d bytes written, %d of them whole: want every byte streamed", out.n, out.whole)
	}
}
