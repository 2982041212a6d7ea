package render

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/timeline-news/timeline/events"
	"github.com/timeline-news/timeline/extract"
)

func TestWriteSearchIndex(t *testing.T) {
	evs := []events.Event{
		{ID: "a1", Label: "late July 2021", From: extract.Date{Year: 2021, Month: 7, Day: 21},
			To: extract.Date{Year: 2021, Month: 7, Day: 31}, Title: "Envoy meets <minister>",
			Text: "In late July, the envoy met the minister.", Actors: []string{"Taherian", "Atmar", "Atmar"},
			Places: []string{"Kabul"}, Weight: 2, Sources: []events.Source{
				{File: "b.md", Title: "Envoy in Kabul", Sentence: "In late July, the envoy met the minister."},
				{File: "a.md", Title: "", Sentence: "The envoy met Atmar in late July."},
			}},
		{ID: "b2", Label: "6 August 2021", From: extract.Date{Year: 2021, Month: 8, Day: 6},
			To: extract.Date{Year: 2021, Month: 8, Day: 6}, Title: "Herat falls", Text: "Herat fell.",
			Actors: []string{"Taliban"}, Places: nil, Weight: 1,
			Sources: []events.Source{{File: "b.md", Title: "Envoy in Kabul", Sentence: "Herat fell."}}},
	}
	opt := SearchIndexOptions{
		Page: func(i int) (string, string) {
			id := []string{"a1", "b2"}[i]
			return id, map[string]string{"a1": "events/a1/", "b2": "elsewhere/b2.html"}[id]
		},
		URLPattern: "events/{id}/",
		Outlet:     func(file string) string { return map[string]string{"a.md": "Mehr", "b.md": "Mehr"}[file] },
	}
	var buf bytes.Buffer
	if err := WriteSearchIndex(&buf, evs, opt); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(buf.Bytes(), []byte("<minister>")) {
		t.Errorf("title was HTML-escaped in JSON: %s", buf.Bytes())
	}
	var got searchIndex
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	t.Run("facets sorted and shared", func(t *testing.T) {
		for name, c := range map[string][2][]string{
			"who":     {got.Who, {"Atmar", "Taherian", "Taliban"}},
			"where":   {got.Where, {"Kabul"}},
			"sources": {got.Sources, {"a.md", "Envoy in Kabul"}},
			"outlets": {got.Outlets, {"Mehr"}},
		} {
			if !reflect.DeepEqual(c[0], c[1]) {
				t.Errorf("%s = %q, want %q", name, c[0], c[1])
			}
		}
	})
	t.Run("events refer to facets by position", func(t *testing.T) {
		e := got.Events[0]
		if !reflect.DeepEqual(e.Who, []int{0, 1}) || !reflect.DeepEqual(e.Where, []int{0}) || !reflect.DeepEqual(e.Source, []int{0, 1}) {
			t.Errorf("event a1 refs who=%v where=%v src=%v", e.Who, e.Where, e.Source)
		}
		if e := got.Events[1]; e.Where == nil || len(e.Where) != 0 || !reflect.DeepEqual(e.Who, []int{2}) {
			t.Errorf("event b2 refs who=%v where=%v", e.Who, e.Where)
		}
	})
	t.Run("event fields", func(t *testing.T) {
		e := got.Events[0]
		want := searchEvent{ID: "a1", URL: "", Label: "late July 2021", Date: "2021-07-21",
			Weight: 2, Title: "Envoy meets <minister>",
			Text: "In late July, the envoy met the minister.\nThe envoy met Atmar in late July.",
			Who:  []int{0, 1}, Where: []int{0}, Source: []int{0, 1}, Outlet: []int{0}}
		if !reflect.DeepEqual(e, want) {
			t.Errorf("got  %+v\nwant %+v", e, want)
		}
		if got.URL != "events/{id}/" || got.Events[1].URL != "elsewhere/b2.html" {
			t.Errorf("URL pattern %q, b2's own URL %q: want the pattern, and b2's because it differs", got.URL, got.Events[1].URL)
		}
	})
	t.Run("deterministic", func(t *testing.T) {
		for range 5 {
			var again bytes.Buffer
			if err := WriteSearchIndex(&again, evs, opt); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again.Bytes(), buf.Bytes()) {
				t.Fatal("second write differs from the first")
			}
		}
	})
	t.Run("empty timeline", func(t *testing.T) {
		var b bytes.Buffer
		if err := WriteSearchIndex(&b, nil, SearchIndexOptions{}); err != nil {
			t.Fatal(err)
		}
		if want := `{"v":1,"url":"","who":[],"where":[],"sources":[],"outlets":[],"events":[]}` + "\n"; b.String() != want {
			t.Errorf("got %s want %s", b.String(), want)
		}
	})
}

// searchIndexWithEncodingJSON is the search index as it was first written: the whole index
// built as a searchIndex value and encoded by encoding/json. The streamed writer must give the
// same bytes.
func searchIndexWithEncodingJSON(t testing.TB, evs []events.Event, opt SearchIndexOptions) []byte {
	t.Helper()
	outlet := func(file string) string {
		if opt.Outlet == nil {
			return ""
		}
		return opt.Outlet(file)
	}
	type facet map[string]int // value -> position, once sorted
	add := func(f facet, vals ...string) {
		for _, v := range vals {
			if v = strings.TrimSpace(v); v != "" {
				f[v] = 0
			}
		}
	}
	positions := func(f facet, vals []string) []int {
		out := []int{}
		for _, v := range vals {
			if i, ok := f[strings.TrimSpace(v)]; ok && !slices.Contains(out, i) {
				out = append(out, i)
			}
		}
		slices.Sort(out)
		return out
	}
	who, where, sources, outlets := facet{}, facet{}, facet{}, facet{}
	for _, e := range evs {
		add(who, e.Actors...)
		add(where, e.Places...)
		for _, s := range e.Sources {
			add(sources, sourceTitle(s))
			add(outlets, outlet(s.File))
		}
	}
	sorted := func(f facet) []string {
		vals := make([]string, 0, len(f))
		for v := range f {
			vals = append(vals, v)
		}
		slices.SortFunc(vals, func(a, b string) int {
			if c := strings.Compare(strings.ToLower(a), strings.ToLower(b)); c != 0 {
				return c
			}
			return strings.Compare(a, b)
		})
		for i, v := range vals {
			f[v] = i
		}
		return vals
	}
	idx := searchIndex{Version: 1, URL: opt.URLPattern, Who: sorted(who), Where: sorted(where),
		Sources: sorted(sources), Outlets: sorted(outlets), Events: make([]searchEvent, 0, len(evs))}
	for i, e := range evs {
		seen := []string{strings.TrimSpace(e.Text)}
		for _, s := range e.Sources {
			if t := strings.TrimSpace(s.Sentence); t != "" && !slices.Contains(seen, t) {
				seen = append(seen, t)
			}
		}
		se := searchEvent{
			ID: e.ID, Label: e.Label, Date: e.From.String(), Weight: e.Weight, Title: e.Title,
			Text: strings.TrimSpace(strings.Join(seen, "\n")), Who: positions(who, e.Actors), Where: positions(where, e.Places),
		}
		if opt.Page != nil {
			se.ID, se.URL = opt.Page(i)
		}
		if se.URL == expandURLPattern(opt.URLPattern, se.ID, se.Date) {
			se.URL = ""
		}
		var titles, outs []string
		for _, s := range e.Sources {
			titles = append(titles, sourceTitle(s))
			outs = append(outs, outlet(s.File))
		}
		se.Source, se.Outlet = positions(sources, titles), positions(outlets, outs)
		idx.Events = append(idx.Events, se)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(idx); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSearchIndexMatchesEncodingJSON(t *testing.T) {
	evs := jsonTestEvents()
	for i := range evs { // sentences repeated, blank and spaced, and outlets for some files
		evs[i].Sources = append(evs[i].Sources, events.Source{File: " x.md ", Sentence: " " + evs[i].Text + " "},
			events.Source{File: hostileStrings[i%len(hostileStrings)], Title: "  ", Sentence: "\t"})
		if i%3 == 0 {
			evs[i].Text = "  "
		}
	}
	evs[0].Actors = []string{"kabul", "Kabul", "KABUL", "Émile", "émile", "ÉMILE", "ǅ", "ǆ", "Ǆ"} // ties once lower-cased
	outlet := func(file string) string {
		if len(file)%2 == 0 {
			return file + " <Agency>"
		}
		return ""
	}
	page := func(i int) (string, string) {
		id := strings.ToLower(evs[i].ID)
		if i%4 == 0 {
			return id, "other/" + id
		}
		return id, "e/" + id + "/" + id + ".html"
	}
	monthPage := func(i int) (string, string) {
		id := evs[i].ID
		if i%4 == 0 {
			return id, "other/" + id
		}
		if i%4 == 1 {
			return id, id + monthFolder(evs[i].From.String()) + id + monthFolder(evs[i].From.String())
		}
		return id, "e/" + monthFolder(evs[i].From.String()) + "/" + id + ".html"
	}
	for name, opt := range map[string]SearchIndexOptions{
		"zero options":       {},
		"pattern with two":   {Page: page, URLPattern: "e/{id}/{id}.html", Outlet: outlet},
		"pattern with month": {Page: monthPage, URLPattern: "e/{month}/{id}.html", Outlet: outlet},
		"tokens run on":      {Page: monthPage, URLPattern: "{id}{month}{id}{month}", Outlet: outlet},
		"pattern with one":   {Page: page, URLPattern: "e/{id}/", Outlet: outlet},
		"pattern without id": {Page: page, URLPattern: "static", Outlet: outlet},
		"no page function":   {URLPattern: "e/{id}/{id}.html", Outlet: outlet},
	} {
		t.Run(name, func(t *testing.T) {
			want := searchIndexWithEncodingJSON(t, evs, opt)
			var got bytes.Buffer
			if err := WriteSearchIndex(&got, evs, opt); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("got\n%s\nwant\n%s", got.Bytes(), want)
			}
		})
	}
}
