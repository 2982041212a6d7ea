package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/timeline-news/timeline/extract"
)

// writeExport writes one of the data files named by the site's exports setting. All but the
// small feed and robots.txt are streamed to the file, item by item, so that memory does not
// grow with them.
func (s *site) writeExport(out Output, name string, rep *reportData) error {
	streams := map[string]func(io.Writer) error{
		"events.json":     s.eventsJSON,
		"timelinejs.json": s.timelineJS,
		"events.ics":      s.calendar,
		"report.json":     func(w io.Writer) error { return writeReportJSON(w, rep) },
	}
	writers := map[string]func() ([]byte, error){
		"feed.xml":   s.feed,
		"robots.txt": s.robots,
	}
	if name == "sitemap.xml" {
		if s.base == nil {
			return nil // a sitemap needs absolute URLs: written only when base_url is set
		}
		return s.sitemap(out)
	}
	if stream := streams[name]; stream != nil {
		if err := writeStream(out, name, stream); err != nil {
			return fmt.Errorf("%s: %v", name, err)
		}
		return nil
	}
	b, err := writers[name]()
	if err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	return out.WriteFile(name, b)
}

// streamer is an Output that can also open a file to write in pieces.
type streamer interface {
	Create(name string) (io.WriteCloser, error)
}

// writeStream writes a file through fill: streamed when out can, else built in memory.
func writeStream(out Output, name string, fill func(io.Writer) error) error {
	if st, ok := out.(streamer); ok {
		f, err := st.Create(name)
		if err != nil {
			return err
		}
		// The exports hand over chunks of chunkSize or more, which a buffer of that size
		// passes straight to the file rather than copying; it gathers the few smaller writes.
		bw := bufio.NewWriterSize(f, chunkSize)
		err = fill(bw)
		if ferr := bw.Flush(); err == nil {
			err = ferr
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	}
	var b bytes.Buffer
	if err := fill(&b); err != nil {
		return err
	}
	return out.WriteFile(name, b.Bytes())
}

// writeReportJSON writes the build report as json.MarshalIndent(rep, "", "  ") does, then
// a newline, streaming its lists.
func writeReportJSON(w io.Writer, rep *reportData) error {
	c := newChunkWriter(w)
	b := append(*c.buf, "{\n  \"articles\": "...)
	b = strconv.AppendInt(b, int64(rep.Articles), 10)
	b = append(b, ",\n  \"events\": "...)
	b = strconv.AppendInt(b, int64(rep.Events), 10)
	b = append(b, ",\n  \"problems\": "...)
	*c.buf = b
	appendJSONList(c, rep.Problems == nil, len(rep.Problems), func(b []byte, i int) []byte {
		p := &rep.Problems[i]
		b = append(b, '{')
		b = appendKey(b, "\n      ", false, "file")
		b = appendJSONString(b, p.File, true)
		if p.Line != 0 {
			b = appendKey(b, "\n      ", true, "line")
			b = strconv.AppendInt(b, int64(p.Line), 10)
		}
		if p.Col != 0 {
			b = appendKey(b, "\n      ", true, "col")
			b = strconv.AppendInt(b, int64(p.Col), 10)
		}
		b = appendKey(b, "\n      ", true, "severity")
		b = appendJSONString(b, p.Severity, true)
		b = appendKey(b, "\n      ", true, "message")
		b = appendJSONString(b, p.Message, true)
		return append(b, "\n    }"...)
	})
	*c.buf = append(*c.buf, ",\n  \"unresolved\": "...)
	appendJSONList(c, rep.Unresolved == nil, len(rep.Unresolved), func(b []byte, i int) []byte {
		u := &rep.Unresolved[i]
		b = append(b, '{')
		b = appendKey(b, "\n      ", false, "file")
		b = appendJSONString(b, u.File, true)
		b = appendKey(b, "\n      ", true, "line")
		b = strconv.AppendInt(b, int64(u.Line), 10)
		b = appendKey(b, "\n      ", true, "start")
		b = strconv.AppendInt(b, int64(u.Start), 10)
		b = appendKey(b, "\n      ", true, "end")
		b = strconv.AppendInt(b, int64(u.End), 10)
		b = appendKey(b, "\n      ", true, "text")
		b = appendJSONString(b, u.Text, true)
		b = appendKey(b, "\n      ", true, "value")
		b = appendJSONString(b, u.Value, true)
		b = appendKey(b, "\n      ", true, "sentence")
		b = appendJSONString(b, u.Sentence, true)
		return append(b, "\n    }"...)
	})
	*c.buf = append(*c.buf, "\n}\n"...)
	return c.close()
}

// appendJSONList writes the n items of a list that is a field of a top-level object, one
// item a line as MarshalIndent does: null when the list is nil, [] when empty.
func appendJSONList(c *chunkWriter, isNil bool, n int, item func(b []byte, i int) []byte) {
	switch {
	case isNil:
		*c.buf = append(*c.buf, "null"...)
		return
	case n == 0:
		*c.buf = append(*c.buf, "[]"...)
		return
	}
	*c.buf = append(*c.buf, '[')
	for i := range n {
		if i > 0 {
			*c.buf = append(*c.buf, ',')
		}
		*c.buf = append(*c.buf, "\n    "...)
		*c.buf = item(*c.buf, i)
		c.maybeFlush()
	}
	*c.buf = append(*c.buf, "\n  ]"...)
}

// eventsJSON is the `timeline events` schema: a JSON array of events.Event in date order,
// byte for byte what json.MarshalIndent(events, "", "  ") gives, then a newline. Source files
// are named from the site root (see sitePath).
func (s *site) eventsJSON(w io.Writer) error {
	if len(s.events) == 0 {
		_, err := io.WriteString(w, "[]\n")
		return err
	}
	c := newChunkWriter(w)
	// Each source's file is named from the site root, encoded once per article: found by the
	// source's article (its view made that lookup already) rather than by its path.
	byArticle := map[*articleMeta]string{}
	byPath := map[string]string{} // sources of no article of the site
	encode := func(f string) string { return string(appendJSONString(nil, s.sitePath(f), true)) }
	*c.buf = append(*c.buf, '[')
	for i, e := range s.events {
		if i > 0 {
			*c.buf = append(*c.buf, ',')
		}
		*c.buf = append(*c.buf, "\n  "...)
		*c.buf = appendEventJSON(*c.buf, e.Event, "\n  ", func(j int) string {
			f := e.Event.Sources[j].File
			if j < len(e.Sources) && e.Sources[j].Article != nil {
				a := e.Sources[j].Article
				q, ok := byArticle[a]
				if !ok {
					q = encode(f)
					byArticle[a] = q
				}
				return q
			}
			q, ok := byPath[f]
			if !ok {
				q = encode(f)
				byPath[f] = q
			}
			return q
		})
		c.maybeFlush()
	}
	*c.buf = append(*c.buf, "\n]\n"...)
	return c.close()
}

// absURLs makes the absolute URLs of many pages, as s.absURL does, without resolving each:
// a path made only of unreserved characters, with no "." or ".." segment and no leading slash,
// resolves to the base's folder followed by the path itself, so the folder is resolved once.
// Any other path goes through s.absURL.
type absURLs struct {
	s      *site
	folder string // s.absURL of a path "x", without the x
	fast   bool
}

func (s *site) absURLs() absURLs {
	u := absURLs{s: s}
	if full := s.absURL("x"); strings.HasSuffix(full, "/x") {
		u.folder, u.fast = full[:len(full)-1], true
	}
	return u
}

// plain reports whether p resolves against a folder to the folder followed by p.
func (u absURLs) plain(p string) bool {
	if !u.fast || p == "" || p[0] == '/' {
		return false
	}
	seg := 0 // start of the current segment
	for i := 0; i <= len(p); i++ {
		if i == len(p) || p[i] == '/' {
			if e := p[seg:i]; e == "." || e == ".." {
				return false
			}
			seg = i + 1
			continue
		}
		if c := p[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~') {
			return false
		}
	}
	return true
}

// appendURL appends s.absURL(p).
func (u absURLs) appendURL(dst []byte, p string) []byte {
	if u.plain(p) {
		return append(append(dst, u.folder...), p...)
	}
	return append(dst, u.s.absURL(p)...)
}

// sitePath names a file the build read, for a published file: from the site root
// ("content/a.md"), else from the content folder. Never as the build was invoked: an
// absolute path would publish the builder's folders and make the output depend on where
// the build ran from.
func (s *site) sitePath(file string) string {
	for _, dir := range []string{s.cfg.Root, s.cfg.Path(s.cfg.Content)} {
		if rel, err := filepath.Rel(dir, file); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.Base(file)
}

// ---- TimelineJS3 ----

type tljsDate struct {
	Year  int `json:"year"`
	Month int `json:"month,omitempty"`
	Day   int `json:"day,omitempty"`
}

type tljsText struct {
	Headline string `json:"headline"`
	Text     string `json:"text,omitempty"`
}

// tljsEvent is the schema of a TimelineJS3 event: tljsSlides writes it field by field, and the
// tests encode it with encoding/json as the reference.
type tljsEvent struct {
	UniqueID    string    `json:"unique_id"`
	StartDate   tljsDate  `json:"start_date"`
	EndDate     *tljsDate `json:"end_date,omitempty"`
	DisplayDate string    `json:"display_date,omitempty"`
	Text        tljsText  `json:"text"`
	Group       string    `json:"group,omitempty"`
}

// tljsTitle is the title slide of the file.
type tljsTitle struct {
	Text tljsText `json:"text"`
}

// timelineJS is the TimelineJS3 JSON format, {"title": ..., "events": [...]} as
// json.MarshalIndent writes it, the events streamed one by one (see tljsSlides.appendEvent).
func (s *site) timelineJS(w io.Writer) error {
	title, err := json.MarshalIndent(tljsTitle{tljsText{Headline: html.EscapeString(s.cfg.Title), Text: html.EscapeString(s.cfg.Description)}}, "  ", "  ")
	if err != nil {
		return err
	}
	c := newChunkWriter(w)
	*c.buf = append(*c.buf, "{\n  \"title\": "...)
	*c.buf = append(*c.buf, title...)
	*c.buf = append(*c.buf, ",\n  \"events\": ["...)
	n, slides := 0, s.tljsSlides()
	for _, e := range s.events {
		if e.Event.From.IsZero() {
			continue
		}
		if n > 0 {
			*c.buf = append(*c.buf, ',')
		}
		n++
		*c.buf = append(*c.buf, "\n    "...)
		*c.buf = slides.appendEvent(*c.buf, e, "\n    ")
		c.maybeFlush()
	}
	if n > 0 {
		*c.buf = append(*c.buf, "\n  "...)
	}
	*c.buf = append(*c.buf, "]\n}\n"...)
	return c.close()
}

// tljsSlides writes the TimelineJS3 events of a site, as encoding/json writes the tljsEvent
// values the tests make of them (tljsEventOf), without making each event's strings first: a
// slide's HTML is written in pieces, each JSON-escaped, which gives the same bytes as escaping
// it whole because the pieces meet at ASCII characters.
type tljsSlides struct {
	s    *site
	urls absURLs
	// folder is urls.folder, HTML-escaped and then JSON-escaped: a plain page path (see
	// absURLs.plain) needs neither escape, so its link is folder and the path.
	folder []byte
}

func (s *site) tljsSlides() *tljsSlides {
	t := &tljsSlides{s: s, urls: s.absURLs()}
	t.folder = appendJSONStringBody(nil, html.EscapeString(t.urls.folder), true)
	return t
}

// The fixed pieces of a slide, JSON-escaped.
var (
	tljsParaOpen  = string(appendJSONStringBody(nil, "<p>", true))
	tljsParaClose = string(appendJSONStringBody(nil, "</p>", true))
	tljsLinkOpen  = string(appendJSONStringBody(nil, `</p><p><a href="`, true))
	tljsLinkText  = string(appendJSONStringBody(nil, `">`, true))
	tljsLinkClose = string(appendJSONStringBody(nil, "</a></p>", true))
)

// htmlSpecial are the characters html.EscapeString replaces.
const htmlSpecial = `<>&'"`

// appendEvent appends the TimelineJS3 event of the dated event e, as json.MarshalIndent
// writes it, the event starting on a line at indent nl ("\n" and the indentation). Days are
// given as precisely as the event is known: a month-long event has a start and end month and
// no day, and fuzzy dates carry their label as display_date. Text is HTML, escaped here.
func (t *tljsSlides) appendEvent(dst []byte, e *eventView, nl string) []byte {
	ev := e.Event
	to := ev.To
	if to.IsZero() {
		to = ev.From
	}
	var end tljsDate
	start, hasEnd, display := tljsDate{ev.From.Year, int(ev.From.Month), ev.From.Day}, false, ""
	switch {
	case ev.From == to:
	case wholeMonths(ev.From, to):
		start.Day = 0
		if ev.From.Year != to.Year || ev.From.Month != to.Month {
			end, hasEnd = tljsDate{Year: to.Year, Month: int(to.Month)}, true
		}
		display = e.Label
	default:
		end, hasEnd = tljsDate{to.Year, int(to.Month), to.Day}, true
		display = e.Label
	}
	in := deeper(nl)
	dst = append(dst, '{')
	dst = appendKey(dst, in, false, "unique_id")
	dst = appendJSONString(dst, e.ID, true)
	dst = appendKey(dst, in, true, "start_date")
	dst = appendTLJSDate(dst, &start, in)
	if hasEnd {
		dst = appendKey(dst, in, true, "end_date")
		dst = appendTLJSDate(dst, &end, in)
	}
	if display != "" {
		dst = appendKey(dst, in, true, "display_date")
		dst = appendJSONString(dst, display, true)
	}
	dst = appendKey(dst, in, true, "text")
	dst = append(dst, '{')
	dst = appendKey(dst, deeper(in), false, "headline")
	headline := e.Title
	if strings.ContainsAny(headline, htmlSpecial) {
		headline = html.EscapeString(headline)
	}
	dst = appendJSONString(dst, headline, true)
	dst = appendKey(dst, deeper(in), true, "text") // never empty: the sentence's paragraph at least
	dst = append(dst, '"')
	dst = append(dst, tljsParaOpen...)
	dst = appendJSONStringBody(dst, string(e.Sentence), true)
	plain, url := t.urls.plain(e.Href), "" // url: the page's URL, made only when not plain
	if !plain {
		url = t.s.absURL(e.Href)
	}
	if plain || url != "" {
		dst = append(dst, tljsLinkOpen...)
		if plain {
			dst = append(append(dst, t.folder...), e.Href...)
		} else {
			dst = appendJSONStringBody(dst, html.EscapeString(url), true)
		}
		dst = append(dst, tljsLinkText...)
		if n := len(e.Sources); n == 1 {
			dst = append(dst, "1 source"...)
		} else {
			dst = append(strconv.AppendInt(dst, int64(n), 10), " sources"...)
		}
		dst = append(dst, tljsLinkClose...)
	} else { // no URL (the site has no base_url): no link
		dst = append(dst, tljsParaClose...)
	}
	dst = append(dst, '"')
	dst = append(dst, in...)
	dst = append(dst, '}')
	if len(ev.Actors) > 0 && ev.Actors[0] != "" {
		dst = appendKey(dst, in, true, "group")
		dst = appendJSONString(dst, ev.Actors[0], true)
	}
	dst = append(dst, nl...)
	return append(dst, '}')
}

func appendTLJSDate(dst []byte, d *tljsDate, nl string) []byte {
	in := deeper(nl)
	dst = append(dst, '{')
	dst = appendKey(dst, in, false, "year")
	dst = strconv.AppendInt(dst, int64(d.Year), 10)
	if d.Month != 0 {
		dst = appendKey(dst, in, true, "month")
		dst = strconv.AppendInt(dst, int64(d.Month), 10)
	}
	if d.Day != 0 {
		dst = appendKey(dst, in, true, "day")
		dst = strconv.AppendInt(dst, int64(d.Day), 10)
	}
	dst = append(dst, nl...)
	return append(dst, '}')
}

// wholeMonths reports whether from..to covers whole calendar months.
func wholeMonths(from, to extract.Date) bool {
	return from.Day == 1 && to.AddDays(1).Day == 1
}

// ---- dates taken from the data, never from the clock ----

// updated is when an event was last reported: the latest publication date of its sources,
// else its own start. Feeds and calendars stamp with it so rebuilds are byte-identical.
func (s *site) updated(e *eventView) extract.Date {
	var d extract.Date
	for _, src := range e.Sources {
		if src.Article != nil && d.Before(src.Article.Published) {
			d = src.Article.Published
		}
	}
	if d.IsZero() {
		d = e.Event.From
	}
	return d
}

// stamp is midnight of d in the site's time zone.
func (s *site) stamp(d extract.Date) time.Time { return stampIn(d, s.cfg.Location()) }

// stampIn is midnight of d in loc: the calendar looks its zone up once, not once an event.
func stampIn(d extract.Date, loc *time.Location) time.Time {
	if d.IsZero() {
		return time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// ---- Atom ----

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomText struct {
	Type string `xml:"type,attr,omitempty"`
	Body string `xml:",chardata"`
}

type atomEntry struct {
	Title     string     `xml:"title"`
	ID        string     `xml:"id"`
	Updated   string     `xml:"updated"`
	Published string     `xml:"published,omitempty"`
	Links     []atomLink `xml:"link"`
	Summary   atomText   `xml:"summary"`
	Content   *atomText  `xml:"content,omitempty"`
}

type atomFeed struct {
	XMLName  xml.Name   `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string     `xml:"xml:lang,attr,omitempty"`
	Title    string     `xml:"title"`
	Subtitle string     `xml:"subtitle,omitempty"`
	ID       string     `xml:"id"`
	Updated  string     `xml:"updated"`
	Links    []atomLink `xml:"link"`
	Author   struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Generator string      `xml:"generator"`
	Entries   []atomEntry `xml:"entry"`
}

// feedSize is how many events the feed carries: the most recently reported ones.
const feedSize = 50

// feed is an Atom feed of the events most recently reported, newest first.
func (s *site) feed() ([]byte, error) {
	type dated struct {
		e       *eventView
		updated extract.Date // worked out once, not at every comparison
	}
	before := func(a, b dated) int { // newest report first, then latest start, then id
		if c := a.updated.Compare(b.updated); c != 0 {
			return -c
		}
		if c := a.e.Event.From.Compare(b.e.Event.From); c != 0 {
			return -c
		}
		return strings.Compare(a.e.ID, b.e.ID)
	}
	// The first feedSize in that order, as a stable sort of every event would give them: an
	// event goes after those it ties with, and one that ties with the last kept is left out.
	top := make([]dated, 0, feedSize)
	for _, e := range s.events {
		d := dated{e, s.updated(e)}
		if len(top) == feedSize && before(d, top[len(top)-1]) >= 0 {
			continue
		}
		at := sort.Search(len(top), func(k int) bool { return before(d, top[k]) < 0 })
		if len(top) < feedSize {
			top = append(top, dated{})
		}
		copy(top[at+1:], top[at:len(top)-1])
		top[at] = d
	}
	var evs []*eventView
	for _, d := range top {
		evs = append(evs, d.e)
	}
	f := atomFeed{Lang: s.cfg.Language, Title: s.cfg.Title, Subtitle: s.cfg.Description, Generator: "timeline"}
	f.Author.Name = s.cfg.Title
	f.ID = s.idURL("")
	var latest extract.Date
	for _, e := range evs {
		if u := s.updated(e); latest.Before(u) {
			latest = u
		}
	}
	f.Updated = s.stamp(latest).Format(time.RFC3339)
	if s.base != nil {
		f.Links = []atomLink{{Href: s.absURL("feed.xml"), Rel: "self", Type: "application/atom+xml"}, {Href: s.absURL(""), Rel: "alternate", Type: "text/html"}}
	} else {
		f.Links = []atomLink{{Href: "./", Rel: "alternate", Type: "text/html"}}
	}
	for _, e := range evs {
		entry := atomEntry{
			Title:   e.Label + ": " + e.Title,
			ID:      s.idURL(e.Href),
			Updated: s.stamp(s.updated(e)).Format(time.RFC3339),
			Summary: atomText{Type: "html", Body: "<p>" + string(e.Sentence) + "</p>"},
		}
		href := e.Href
		if s.base != nil {
			href = s.absURL(e.Href)
		}
		entry.Links = []atomLink{{Href: href, Rel: "alternate", Type: "text/html"}}
		f.Entries = append(f.Entries, entry)
	}
	b, err := xml.MarshalIndent(f, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(append([]byte(xml.Header), b...), '\n'), nil
}

// idURL is a permanent id for a page: its absolute URL, or a tag URI when the site has none.
func (s *site) idURL(p string) string {
	if s.base != nil {
		return s.absURL(p)
	}
	return "urn:timeline:" + Slug(s.cfg.Title, nil) + ":" + strings.Trim(p, "/")
}

// ---- sitemap and robots ----

// sitemapSize is the most URLs one sitemap file may list (sitemaps.org: 50,000).
var sitemapSize = 50_000

// sitemap lists every page readers may land on (not the build report), sorted. A site with
// more pages than one sitemap may list gets a sitemap index in sitemap.xml pointing to
// sitemaps/1.xml, sitemaps/2.xml... Each file is streamed.
func (s *site) sitemap(out Output) error {
	paths := append([]string(nil), s.pages...)
	sort.Strings(paths)
	urls := s.absURLs()
	if len(paths) <= sitemapSize {
		return writeSitemap(out, "sitemap.xml", "urlset", "url", len(paths), func(b []byte, i int) []byte { return urls.appendURL(b, paths[i]) })
	}
	var parts []string
	for i := 0; i*sitemapSize < len(paths); i++ {
		name := fmt.Sprintf("sitemaps/%d.xml", i+1)
		part := paths[i*sitemapSize : min((i+1)*sitemapSize, len(paths))]
		if err := writeSitemap(out, name, "urlset", "url", len(part), func(b []byte, i int) []byte { return urls.appendURL(b, part[i]) }); err != nil {
			return err
		}
		parts = append(parts, s.absURL(name))
	}
	return writeSitemap(out, "sitemap.xml", "sitemapindex", "sitemap", len(parts), func(b []byte, i int) []byte { return append(b, parts[i]...) })
}

// writeSitemap writes a sitemap (root "urlset", items "url") or sitemap index ("sitemapindex",
// "sitemap") of n locations, as xml.MarshalIndent(v, "", "  ") does after xml.Header, then a
// newline. loc appends the unescaped location i.
func writeSitemap(out Output, name, root, item string, n int, loc func(b []byte, i int) []byte) error {
	err := writeStream(out, name, func(w io.Writer) error {
		c := newChunkWriter(w)
		var raw []byte // scratch: one location before escaping
		b := append(*c.buf, xml.Header...)
		b = append(append(append(b, '<'), root...), ` xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`...)
		for i := range n {
			b = append(append(append(b, "\n  <"...), item...), ">\n    <loc>"...)
			raw = loc(raw[:0], i)
			b = appendXMLText(b, raw)
			b = append(append(append(b, "</loc>\n  </"...), item...), '>')
			*c.buf = b
			c.maybeFlush()
			b = *c.buf
		}
		if n > 0 {
			b = append(b, '\n')
		}
		*c.buf = append(append(append(b, "</"...), root...), ">\n"...)
		return c.close()
	})
	if err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	return nil
}

func (s *site) robots() ([]byte, error) {
	var b strings.Builder
	b.WriteString("User-agent: *\nDisallow: " + s.basePath() + "report/\n")
	if s.base != nil && s.cfg.HasExport("sitemap.xml") {
		b.WriteString("Sitemap: " + s.absURL("sitemap.xml") + "\n")
	}
	return []byte(b.String()), nil
}
