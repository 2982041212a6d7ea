package render

import (
	"bytes"
	"encoding/json"
	"io"
	"slices"
	"strings"

	"github.com/timeline-news/timeline/events"
	"github.com/timeline-news/timeline/extract"
)

// SearchIndexFile is where the search index is written, relative to the site root. The reader
// script (static/reader.js) fetches it when a reader first uses the search form;
// templates/finder.html names it.
const SearchIndexFile = "search-index.json"

// searchIndex is the JSON read by static/reader.js. Facet values (people and organisations,
// places, source articles, outlets) are listed once and events refer to them by position, and
// field names are short: both keep the file small on large timelines.
type searchIndex struct {
	Version int           `json:"v"`
	URL     string        `json:"url"`     // an event's permalink from the site root, "{id}" standing for its id
	Who     []string      `json:"who"`     // people and organisations, sorted
	Where   []string      `json:"where"`   // places, sorted
	Sources []string      `json:"sources"` // source article titles, sorted
	Outlets []string      `json:"outlets"` // publications of the sources, sorted
	Events  []searchEvent `json:"events"`  // in timeline order
}

type searchEvent struct {
	ID     string `json:"id"`          // the data-event attribute of its element on the pages
	URL    string `json:"u,omitempty"` // permalink from the site root, when the pattern does not give it
	Label  string `json:"l"`           // "late July 2021"
	Date   string `json:"d"`           // first day of the interval, YYYY-MM-DD; "" when undated
	Weight int    `json:"k"`           // how many articles report it
	Title  string `json:"t"`           // headline
	Text   string `json:"x"`           // every distinct sentence that reports it, newline-separated
	Who    []int  `json:"w"`           // positions in Who
	Where  []int  `json:"p"`           // positions in Where
	Source []int  `json:"s"`           // positions in Sources
	Outlet []int  `json:"o"`           // positions in Outlets
}

// SearchIndexOptions says how the site names things the events alone do not know.
type SearchIndexOptions struct {
	// Page returns the id that the pages give event i (its data-event attribute) and its
	// permalink from the site root ("events/3f2a/"). When nil, the event's own ID is used and
	// the permalink follows URLPattern.
	Page func(i int) (id, url string)
	// URLPattern is the usual permalink, "{id}" standing for the id and "{month}" for the
	// first seven characters of its date ("2021-07", or "undated": see monthFolder), as in
	// "events/{month}/{id}.html"; an event's own URL is written only when it differs.
	URLPattern string
	// Outlet returns the publication of a source article file ("Mehr News Agency"), or "".
	// May be nil.
	Outlet func(file string) string
}

// WriteSearchIndex writes the build-time search index over evs (in timeline order) as JSON. The
// output depends only on its inputs, so rebuilds are byte-identical.
func WriteSearchIndex(w io.Writer, evs []events.Event, opt SearchIndexOptions) error {
	outlet := func(file string) string {
		if opt.Outlet == nil {
			return ""
		}
		return opt.Outlet(file)
	}
	who, where, sources, outlets := facet{}, facet{}, facet{}, facet{}
	for _, e := range evs {
		who.add(e.Actors...)
		where.add(e.Places...)
		for _, s := range e.Sources {
			sources.add(sourceTitle(s))
			outlets.add(outlet(s.File))
		}
	}
	idx := searchIndex{Version: 1, URL: opt.URLPattern, Who: who.sorted(), Where: where.sorted(),
		Sources: sources.sorted(), Outlets: outlets.sorted(), Events: make([]searchEvent, 0, len(evs))}
	for i, e := range evs {
		se := searchEvent{
			ID: e.ID, Label: e.Label, Date: e.From.String(), Weight: e.Weight, Title: e.Title,
			Text: sentences(e), Who: who.positions(e.Actors), Where: where.positions(e.Places),
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
		se.Source, se.Outlet = sources.positions(titles), outlets.positions(outs)
		idx.Events = append(idx.Events, se)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // served as application/json, never inlined into HTML
	if err := enc.Encode(idx); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// sourceTitle names a source article: its title, or its file when it has none.
func sourceTitle(s events.Source) string {
	if t := strings.TrimSpace(s.Title); t != "" {
		return t
	}
	return s.File
}

// sentences joins the event's text and every other distinct sentence reporting it.
func sentences(e events.Event) string {
	seen := []string{strings.TrimSpace(e.Text)}
	for _, s := range e.Sources {
		if t := strings.TrimSpace(s.Sentence); t != "" && !slices.Contains(seen, t) {
			seen = append(seen, t)
		}
	}
	return strings.TrimSpace(strings.Join(seen, "\n"))
}

// facet collects the distinct values of one filter and numbers them in sorted order.
type facet map[string]int

func (f facet) add(vals ...string) {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			f[v] = 0
		}
	}
}

// sorted numbers the values alphabetically (case-insensitively, ties by bytes) and returns them.
func (f facet) sorted() []string {
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

// positions maps values to their numbers, without duplicates, in ascending order; never nil so
// the JSON always holds an array.
func (f facet) positions(vals []string) []int {
	out := []int{}
	for _, v := range vals {
		if i, ok := f[strings.TrimSpace(v)]; ok && !slices.Contains(out, i) {
			out = append(out, i)
		}
	}
	slices.Sort(out)
	return out
}

// expandURLPattern is an event's permalink by the index's pattern; static/reader.js does the same.
func expandURLPattern(pattern, id, date string) string {
	return strings.ReplaceAll(strings.ReplaceAll(pattern, "{month}", monthFolder(date)), "{id}", id)
}

// writeSearchIndex writes the site's search index, over every event in timeline order.
func (s *site) writeSearchIndex(out Output) error {
	evs := make([]events.Event, len(s.events))
	for i, e := range s.events {
		evs[i] = *e.Event
	}
	// Event pages follow eventHref: no event then needs a URL of its own.
	pattern := eventHref(extract.Date{}, "{id}")
	pattern = strings.Replace(pattern, monthFolder(""), "{month}", 1)
	var buf bytes.Buffer
	err := WriteSearchIndex(&buf, evs, SearchIndexOptions{
		Page:       func(i int) (string, string) { return s.events[i].ID, s.events[i].Href },
		URLPattern: pattern,
		Outlet: func(file string) string {
			if a := s.byFile[file]; a != nil {
				return a.Outlet
			}
			return ""
		},
	})
	if err != nil {
		return err
	}
	return out.WriteFile(SearchIndexFile, buf.Bytes())
}
