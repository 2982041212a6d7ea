package render

import (
	"io"
	"slices"
	"strconv"
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
// field names are short: both keep the file small on large timelines. writeSearchIndexOf
// writes it field by field, streamed; this type is its schema, which the tests decode and
// encode as a reference.
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
	outlet := func(i, j int) string { return opt.Outlet(evs[i].Sources[j].File) }
	if opt.Outlet == nil {
		outlet = nil
	}
	return writeSearchIndexOf(w, len(evs), func(i int) *events.Event { return &evs[i] }, opt, outlet)
}

// writeSearchIndexOf writes the index over the n events ev(0)...ev(n-1): the facets in a first
// pass, then the events streamed one by one. outlet(i, j) is the outlet of source j of event i
// (opt.Outlet is not called: the site finds it by the source's article); nil when none has
// one. The bytes are those encoding/json writes for a searchIndex with SetEscapeHTML(false)
// (the index is served as application/json, never inlined into HTML), as searchindex_test.go
// checks.
func writeSearchIndexOf(w io.Writer, n int, ev func(i int) *events.Event, opt SearchIndexOptions, outlet func(i, j int) string) error {
	// The first pass numbers each facet's values as they come and keeps every event's
	// numbers, so that the second looks nothing up again: it only renumbers them in sorted
	// order.
	var who, where, sources, outlets facet
	for i := range n {
		e := ev(i)
		who.addAll(e.Actors)
		where.addAll(e.Places)
		for j := range e.Sources {
			sources.add(sourceTitle(e.Sources[j]))
		}
		if outlet != nil {
			for j := range e.Sources {
				outlets.add(outlet(i, j))
			}
		}
		who.endEvent()
		where.endEvent()
		sources.endEvent()
		outlets.endEvent()
	}
	c := newChunkWriter(w)
	b := append(*c.buf, `{"v":1,"url":`...)
	b = appendJSONString(b, opt.URLPattern, false)
	for _, f := range []struct {
		key   string
		facet *facet
	}{{"who", &who}, {"where", &where}, {"sources", &sources}, {"outlets", &outlets}} {
		b = appendKey(b, "", true, f.key)
		b = appendStrings(b, "", f.facet.sorted(), false)
	}
	b = append(b, `,"events":[`...)
	url := newURLPattern(opt.URLPattern)
	var pos []int32   // scratch: the positions of one event's values
	var seen []string // scratch: its distinct sentences
	var date []byte   // scratch: its date
	for i := range n {
		e := ev(i)
		id, u := e.ID, ""
		if opt.Page != nil {
			id, u = opt.Page(i)
		}
		date = appendDate(date[:0], e.From, true) // as e.From.String()
		if u != "" && url.matches(u, id, date) {
			u = ""
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"id":`...)
		b = appendJSONString(b, id, false)
		if u != "" {
			b = append(b, `,"u":`...)
			b = appendJSONString(b, u, false)
		}
		b = append(b, `,"l":`...)
		b = appendJSONString(b, e.Label, false)
		b = append(b, `,"d":"`...)
		b = append(b, date...)
		b = append(b, `","k":`...)
		b = strconv.AppendInt(b, int64(e.Weight), 10)
		b = append(b, `,"t":`...)
		b = appendJSONString(b, e.Title, false)
		b = append(b, `,"x":"`...)
		seen = appendSentences(seen[:0], e)
		for j, t := range seen {
			if j > 0 {
				b = append(b, `\n`...)
			}
			b = appendJSONStringBody(b, t, false)
		}
		b = append(b, `","w":`...)
		pos = who.appendPositions(pos[:0], i)
		b = appendInts(b, pos)
		b = append(b, `,"p":`...)
		pos = where.appendPositions(pos[:0], i)
		b = appendInts(b, pos)
		b = append(b, `,"s":`...)
		pos = sources.appendPositions(pos[:0], i)
		b = appendInts(b, pos)
		b = append(b, `,"o":`...)
		pos = outlets.appendPositions(pos[:0], i)
		b = appendInts(b, pos)
		b = append(b, '}')
		*c.buf = b
		c.maybeFlush()
		b = *c.buf
	}
	*c.buf = append(b, "]}\n"...)
	return c.close()
}

// urlPattern is a permalink pattern cut into its literal text and the "{month}" and "{id}" in
// it, each a piece of its own.
type urlPattern []string

func newURLPattern(p string) urlPattern {
	var parts urlPattern
	for p != "" {
		at, token := -1, ""
		for _, t := range []string{"{month}", "{id}"} {
			if i := strings.Index(p, t); i >= 0 && (at < 0 || i < at) {
				at, token = i, t
			}
		}
		if at < 0 {
			return append(parts, p)
		}
		if at > 0 {
			parts = append(parts, p[:at])
		}
		parts, p = append(parts, token), p[at+len(token):]
	}
	return parts
}

// matches reports whether url is expandURLPattern(pattern, id, string(date)), without
// building it.
func (p urlPattern) matches(url, id string, date []byte) bool {
	for _, part := range p {
		switch part {
		case "{month}":
			if len(date) < len("2021-07") {
				part = monthFolder("")
				break
			}
			month := date[:len(date)-len("-26")] // as monthFolder
			if len(url) < len(month) || url[:len(month)] != string(month) {
				return false
			}
			url = url[len(month):]
			continue
		case "{id}":
			part = id
		}
		if !strings.HasPrefix(url, part) {
			return false
		}
		url = url[len(part):]
	}
	return url == ""
}

// expandURLPattern is an event's permalink by the index's pattern; static/reader.js does the same.
func expandURLPattern(pattern, id, date string) string {
	return strings.ReplaceAll(strings.ReplaceAll(pattern, "{month}", monthFolder(date)), "{id}", id)
}

// appendInts appends a JSON array of ints, compact.
func appendInts(dst []byte, vals []int32) []byte {
	dst = append(dst, '[')
	for i, v := range vals {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = strconv.AppendInt(dst, int64(v), 10)
	}
	return append(dst, ']')
}

// sourceTitle names a source article: its title, or its file when it has none.
func sourceTitle(s events.Source) string {
	if t := strings.TrimSpace(s.Title); t != "" {
		return t
	}
	return s.File
}

// appendSentences appends to seen the event's text and every other distinct sentence
// reporting it, trimmed, leaving out empty ones: the search text is them joined by newlines.
func appendSentences(seen []string, e *events.Event) []string {
	if t := strings.TrimSpace(e.Text); t != "" {
		seen = append(seen, t)
	}
	for _, s := range e.Sources {
		if t := strings.TrimSpace(s.Sentence); t != "" && !slices.Contains(seen, t) {
			seen = append(seen, t)
		}
	}
	return seen
}

// facet collects the distinct values of one filter, trimmed (blank ones left out), and which
// of them each event has; sorted then numbers the values in sorted order.
type facet struct {
	number map[string]int32 // value -> its number in order of arrival
	values []string         // by number
	refs   []int32          // the numbers of each event's values, event after event
	ends   []int            // where each event's numbers end in refs
	rank   []int32          // number -> position in sorted order, set by sorted
}

// add adds a value of the current event.
func (f *facet) add(v string) {
	if v = strings.TrimSpace(v); v == "" {
		return
	}
	k, ok := f.number[v]
	if !ok {
		if f.number == nil {
			f.number = map[string]int32{}
		}
		k = int32(len(f.values))
		f.number[v] = k
		f.values = append(f.values, v)
	}
	f.refs = append(f.refs, k)
}

func (f *facet) addAll(vals []string) {
	for _, v := range vals {
		f.add(v)
	}
}

// endEvent ends the values of the current event: the next are the next event's.
func (f *facet) endEvent() { f.ends = append(f.ends, len(f.refs)) }

// sorted numbers the values alphabetically (case-insensitively, ties by bytes) and returns them.
func (f *facet) sorted() []string {
	type value struct {
		lower, v string // lower-cased once, not at every comparison
		k        int32
	}
	vals := make([]value, len(f.values))
	for k, v := range f.values {
		vals[k] = value{strings.ToLower(v), v, int32(k)}
	}
	slices.SortFunc(vals, func(a, b value) int {
		if c := strings.Compare(a.lower, b.lower); c != 0 {
			return c
		}
		return strings.Compare(a.v, b.v)
	})
	out := make([]string, len(vals))
	f.rank = make([]int32, len(vals))
	for i, v := range vals {
		f.rank[v.k] = int32(i)
		out[i] = v.v
	}
	return out
}

// appendPositions appends to dst the positions of event i's distinct values, and sorts dst.
func (f *facet) appendPositions(dst []int32, i int) []int32 {
	start := 0
	if i > 0 {
		start = f.ends[i-1]
	}
	for _, k := range f.refs[start:f.ends[i]] {
		if r := f.rank[k]; !slices.Contains(dst, r) {
			dst = append(dst, r)
		}
	}
	slices.Sort(dst)
	return dst
}

// writeSearchIndex writes the site's search index, over every event in timeline order,
// streamed when out can.
func (s *site) writeSearchIndex(out Output) error {
	// Event pages follow eventHref: no event then needs a URL of its own.
	pattern := eventHref(extract.Date{}, "{id}")
	pattern = strings.Replace(pattern, monthFolder(""), "{month}", 1)
	opt := SearchIndexOptions{
		Page:       func(i int) (string, string) { return s.events[i].ID, s.events[i].Href },
		URLPattern: pattern,
	}
	// A source's outlet is its article's, the article its view found (s.byFile[file]).
	outlet := func(i, j int) string {
		if src := s.events[i].Sources; j < len(src) && src[j].Article != nil {
			return src[j].Article.Outlet
		}
		return ""
	}
	return writeStream(out, SearchIndexFile, func(w io.Writer) error {
		return writeSearchIndexOf(w, len(s.events), func(i int) *events.Event { return s.events[i].Event }, opt, outlet)
	})
}
