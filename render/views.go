package render

import (
	"crypto/sha256"
	"html/template"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/timeline-news/timeline/corpus"
	"github.com/timeline-news/timeline/events"
	"github.com/timeline-news/timeline/extract"
)

// articleMeta is what any page shows of an article: its name, publication and licence. Event
// pages hold this, not the whole view, so that a change to an article's text or events does
// not change the data of every page that cites it (see fingerprint.go).
type articleMeta struct {
	Slug      string
	Href      string // root-relative URL path: "articles/2021/slug.html" (see articleHref)
	File      string // path inside the content folder, slash-separated
	Title     string
	Outlet    string // the publication ("source" in front matter)
	Published extract.Date
	// Published as the templates show it, made once rather than on every page that cites the
	// article: "2021-07-27" for <time datetime> and "27 July 2021" ("" when undated).
	PublishedISO, PublishedLong string
	URL                         string // the original, when it is an http(s) URL
	Author                      string
	License                     string
	Tags                        []string
	digest                      digestSlot `fingerprint:"-"`
}

// articleView is an article as its own page shows it.
type articleView struct {
	articleMeta
	Events []*eventLink // events it reports, in date order
	// doc is what the program read from the article's bytes (its text, front matter, date
	// expressions); bytes is their SHA-256, which stands for doc in fingerprints, as hashing
	// it would cost more than everything else a fingerprint covers. doc is nil once the site
	// has let go of the text (Site.Reload): the article's page reads file again.
	doc *corpus.Doc `fingerprint:"-"`
	// notes is what the views and the report need of the text (see articleNotes); nil once
	// they are made.
	notes   *articleNotes `fingerprint:"-"`
	file    string        `fingerprint:"-"` // doc.Article.File: the file as read
	bytes   [sha256.Size]byte
	eventAt map[int]string // start offset of a date expression -> the Href of the event it dates
	digest  digestSlot     `fingerprint:"-"`
}

// Licensed reports whether the article's licence lets the site show its full text.
func (a *articleMeta) Licensed() bool { return a.License != "" }

// articleRel is an article's file named from the content folder, slash-separated.
func articleRel(file, content string) string {
	rel := file
	if r, err := filepath.Rel(content, file); err == nil && !strings.HasPrefix(r, "..") {
		rel = r
	}
	return filepath.ToSlash(rel)
}

// newArticleView is the view of article d, at rel in the content folder (articleRel), given
// its slug (unique among the site's articles).
func newArticleView(d *corpus.Doc, rel, slug string) *articleView {
	a := d.Article
	sum := d.Sum
	if sum == ([sha256.Size]byte{}) {
		sum = sha256.Sum256(a.Raw) // a Doc not made by corpus, which hashes what it reads
	}
	return &articleView{articleMeta: articleMeta{
		Slug: slug, Href: articleHref(a.Published, slug), File: rel, Title: oneLine(a.Title), Outlet: oneLine(a.Source),
		Published: a.Published, PublishedISO: isoDate(a.Published), PublishedLong: longDate(a.Published), URL: webURL(a.URL), Author: oneLine(a.Author), License: oneLine(a.License),
		Tags: a.Tags}, doc: d, file: a.File, bytes: sum,
	}
}

// articleHref is an article's page: "articles/2021/slug.html" by year of publication,
// "articles/undated/slug.html" without one. Folders keep each one small: file systems slow
// down when a folder holds hundreds of thousands of files.
func articleHref(published extract.Date, slug string) string {
	folder := "undated"
	if d := isoDate(published); d != "" {
		folder = d[:len(d)-len("-01-01")]
	}
	return "articles/" + folder + "/" + slug + ".html"
}

// eventHref is an event's page: "events/2021-07/ID.html" by the month its date starts in
// (for the same reason as articleHref). The search index rebuilds it from the event's date
// (see SearchIndexOptions.URLPattern), so the two must agree.
func eventHref(from extract.Date, id string) string {
	return "events/" + monthFolder(isoDate(from)) + "/" + id + ".html"
}

// monthFolder is "2021-07" for a date "2021-07-26", "undated" for "".
func monthFolder(date string) string {
	if len(date) < len("2021-07") {
		return "undated"
	}
	return date[:len(date)-len("-26")]
}

// webURL keeps only absolute http(s) URLs: anything else (javascript:, data:, a relative
// path that would point into our own site) is dropped.
func webURL(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

// oneLine collapses all white space (newlines included) into single spaces.
func oneLine(s string) string { return strings.TrimSpace(oneLineKeep(s)) }

// oneLineKeep collapses white space like oneLine but keeps a single space at either end.
// White space is what RE2's \s matches (tab, newline, form feed, carriage return, space): the
// regular expression it replaces cost more than the rest of the site's views together.
func oneLineKeep(s string) string {
	// Most strings hold no run to collapse: return them as they are, without a copy.
	i := 0
	for ; i < len(s); i++ {
		if c := s[i]; c != ' ' && isSpace(c) || c == ' ' && i+1 < len(s) && isSpace(s[i+1]) {
			break
		}
	}
	if i == len(s) {
		return s
	}
	b := make([]byte, i, len(s))
	copy(b, s[:i])
	for i < len(s) {
		if !isSpace(s[i]) {
			b = append(b, s[i])
			i++
			continue
		}
		b = append(b, ' ')
		for i < len(s) && isSpace(s[i]) {
			i++
		}
	}
	return string(b)
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// eventSummary is an event as a list of events (a timeline page) shows it. Lists hold
// summaries, not views, so that what only an event's own page shows (why its reports were joined, its
// neighbours) does not change the data of the list (see fingerprint.go).
type eventSummary struct {
	ID       string // the event's slug: its permalink folder
	Href     string // "events/2021-07/ID.html" (see eventHref)
	Label    string
	Datetime string // a valid HTML datetime: 2021-08-06, 2021-07, 2021-W31, 2021
	Fuzzy    bool   // the date is an interval, not one day
	// Event is the interval, under the name themes written for the whole view use on
	// timeline pages ({{.Event.From}}); an event's own page has the whole event there.
	Event *eventDates
	// The interval as the templates show it, made once rather than on every page that lists
	// the event: ISO dates ("2021-07-20", for data attributes), long dates ("20 July 2021"),
	// and its bar on a ruler (what Span returns).
	FromISO, ToISO   string
	FromLong, ToLong string
	DateSpan         dateSpan
	Title            string
	Sentence         template.HTML // the first source's sentence, the date expression marked
	Actors           []string
	Places           []string
	Weight           int
	Key              bool // reported by more than one article (Weight > 1)
	Sources          []*sourceView
	// SourceCount is len(Sources), and SeveralSources says it is more than one: the templates
	// read them rather than call len and gt.
	SourceCount    int
	SeveralSources bool
	digest         digestSlot `fingerprint:"-"`
}

// eventDates is the interval an event dates.
type eventDates struct{ From, To extract.Date }

// eventView is an event as its own page shows it.
type eventView struct {
	eventSummary
	Event  *events.Event
	Merged []string
	Prev   *eventLink
	Next   *eventLink
	Listed string     // root-relative URL of the timeline page that lists it, with its anchor
	digest digestSlot `fingerprint:"-"`
}

// sourceView is one report of an event.
type sourceView struct {
	Article  *articleMeta // nil when the article is not in the site (should not happen)
	Title    string
	Href     string // the expression on its article page: "articles/slug.html#t-123"
	Text     string
	Sentence template.HTML
	digest   digestSlot `fingerprint:"-"`
}

// newEventView is the view of event e, given its slug id (unique among the site's events).
// It only reads s, so views are made on all cores.
func (s *site) newEventView(e *events.Event, id string) *eventView {
	v := &eventView{eventSummary: eventSummary{
		ID: id, Href: eventHref(e.From, id), Label: oneLine(e.Label), Datetime: htmlDatetime(e),
		Fuzzy: e.From != e.To, Event: &eventDates{e.From, e.To}, FromISO: isoDate(e.From), ToISO: isoDate(e.To), FromLong: longDate(e.From), ToLong: longDate(e.To),
		DateSpan: spanOf(e.From, e.To), Title: oneLine(e.Title), Actors: e.Actors, Places: e.Places, Weight: e.Weight,
		Key: e.Weight > 1}, Event: e, Merged: e.Merged,
	}
	if v.Label == "" {
		v.Label = e.Value
	}
	for _, src := range e.Sources {
		sv := &sourceView{Title: oneLine(src.Title), Text: src.Text, Sentence: s.sentence(src)}
		if a := s.byFile[src.File]; a != nil {
			sv.Article = &a.articleMeta
		}
		if sv.Article != nil {
			sv.Href = sv.Article.Href + "#" + timexAnchor(src.Start)
			if sv.Title == "" {
				sv.Title = sv.Article.Title
			}
		}
		v.Sources = append(v.Sources, sv)
	}
	v.SourceCount, v.SeveralSources = len(v.Sources), len(v.Sources) > 1
	if len(v.Sources) > 0 {
		v.Sentence = v.Sources[0].Sentence
	} else {
		v.Sentence = template.HTML(template.HTMLEscapeString(oneLine(e.Text)))
	}
	return v
}

// eventLink is an event as another page links to it. Pages hold links, not views, so that
// what a page can show is bounded: an event page shows its neighbours' names, and nothing
// reaches from them into the rest of the site (see fingerprint.go).
type eventLink struct {
	ID, Href, Label, Title, Datetime string
}

func (e *eventView) link() *eventLink {
	return &eventLink{ID: e.ID, Href: e.Href, Label: e.Label, Title: e.Title, Datetime: e.Datetime}
}

// timexAnchor is the id of a date expression on its article page.
func timexAnchor(start int) string { return "t-" + strconv.Itoa(start) }

// quoted lists the articles an event quotes, for licence credits.
func (e *eventSummary) quoted() []*articleMeta {
	var out []*articleMeta
	for _, s := range e.Sources {
		out = append(out, s.Article)
	}
	return out
}

// maxSentence bounds a quoted sentence: run-on text and unlicensed articles give excerpts.
const maxSentence = 400

// sentence is a source's sentence with its date expression in <mark>, white space collapsed.
func (s *site) sentence(src events.Source) template.HTML {
	text, ms, me := "", -1, -1
	if a := s.byFile[src.File]; a != nil && a.notes != nil {
		if sent, mark, markEnd, ok := a.notes.window(src.Start); ok {
			text, ms, me = sent, mark, markEnd
		}
	}
	if ms < 0 { // collapsed only when needed: most sources are found in their article
		text = oneLine(src.Sentence)
	}
	if ms < 0 && src.Text != "" {
		if i := strings.Index(text, src.Text); i >= 0 {
			ms, me = i, i+len(src.Text)
		}
	}
	if ms < 0 {
		return template.HTML(template.HTMLEscapeString(clip(text, maxSentence)))
	}
	pre, mid, post := oneLineKeep(text[:ms]), oneLine(text[ms:me]), oneLineKeep(text[me:])
	pre, post = strings.TrimLeft(pre, " "), strings.TrimRight(post, " ")
	if room := maxSentence - len(mid); len(pre)+len(post) > room && room > 0 {
		if len(pre) > room/2 {
			pre = "…" + clipStart(pre, room/2)
		}
		if len(post) > room-len(pre) {
			post = clip(post, max(room-len(pre), 20))
		}
	}
	return template.HTML(template.HTMLEscapeString(pre) + "<mark>" + template.HTMLEscapeString(mid) + "</mark>" + template.HTMLEscapeString(post))
}

// clip cuts s to at most n bytes at a word boundary, adding an ellipsis.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if i := strings.LastIndexByte(s[:cut], ' '); i > n/2 {
		cut = i
	}
	return strings.TrimRight(s[:cut], " ,;:") + "…"
}

// clipStart keeps at most the last n bytes of s, starting at a word boundary.
func clipStart(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := len(s) - n
	for cut < len(s) && !utf8.RuneStart(s[cut]) {
		cut++
	}
	if i := strings.IndexByte(s[cut:], ' '); i >= 0 && i < n/2 {
		cut += i + 1
	}
	return s[cut:]
}

// htmlDatetime is the value of <time datetime> for an event: its TIMEX3 value when that is a
// valid HTML date, month, week or year, else the widest such string covering From..To.
func htmlDatetime(e *events.Event) string {
	if validDatetime(e.Value) {
		return e.Value
	}
	from := isoDate(e.From)
	switch {
	case e.From.IsZero():
		return ""
	case e.From == e.To || e.To.IsZero():
		return from
	case e.From.Year == e.To.Year && e.From.Month == e.To.Month:
		return from[:7]
	case e.From.Year == e.To.Year:
		return from[:4]
	}
	return from
}

// validDatetime reports whether s is a year, month, day or week as <time datetime> takes them:
// what ^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$ matches.
func validDatetime(s string) bool {
	digits := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		}
		return true
	}
	switch {
	case len(s) < 4 || !digits(s[:4]):
		return false
	case len(s) == 4:
		return true
	case len(s) == 7:
		return s[4] == '-' && digits(s[5:])
	case len(s) == 8:
		return s[4:6] == "-W" && digits(s[6:])
	case len(s) == 10:
		return s[4] == '-' && s[7] == '-' && digits(s[5:7]) && digits(s[8:])
	}
	return false
}

// isoDate is d.String() ("2021-07-26", "" for the zero date) without fmt, for the dates of
// every view.
func isoDate(d extract.Date) string {
	if d.IsZero() || d.Year < 0 || d.Year > 9999 || d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > 99 {
		return d.String()
	}
	b := make([]byte, 0, 10)
	b = append(b, byte('0'+d.Year/1000), byte('0'+d.Year/100%10), byte('0'+d.Year/10%10), byte('0'+d.Year%10), '-',
		byte('0'+d.Month/10), byte('0'+d.Month%10), '-', byte('0'+d.Day/10), byte('0'+d.Day%10))
	return string(b)
}

// longDate formats a day as "1 August 2021"; "" for the zero date.
func longDate(d extract.Date) string {
	if d.IsZero() {
		return ""
	}
	return strconv.Itoa(d.Day) + " " + d.Month.String() + " " + strconv.Itoa(d.Year)
}
