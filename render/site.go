// Package render turns articles and their events into a static timeline website: HTML pages
// through html/template, and data exports (JSON, TimelineJS, iCalendar, Atom, sitemap).
//
// Render is pure: the same Site gives byte-identical files. Build adds the file system around
// it: it reads site.toml's content, renders into a temporary folder and swaps it in, or, with
// build state from an earlier build, renders only the files whose fingerprint changed and
// moves them in (incremental.go).
package render

import (
	"crypto/sha256"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/timeline-news/timeline/corpus"
	"github.com/timeline-news/timeline/events"
)

// Site is everything one build renders.
type Site struct {
	Config   Config
	Docs     []corpus.Doc
	Events   []events.Event
	Problems []corpus.Problem
	// Progress, when set, is told how many of the pages and files are written, from one
	// goroutine at a time.
	Progress func(done, total int)
	// Version names the program rendering (corpus.ExtractorVersion): it is part of every
	// fingerprint, so that a changed program renders every file again.
	Version string
	// Reload, when set, reads one article again (by its Article.File) as it was read for Docs.
	// Render then lets go of the articles' bytes, text and date expressions (Docs included:
	// Render sets it to nil) once what every page needs of them is made, and reloads each
	// article when its own page is rendered: a site holds its events, not its articles. An
	// article whose bytes (Doc.Sum) are not those read before fails the render. Without
	// Reload, Docs is kept whole through the render.
	Reload func(file string) (corpus.Doc, error)
	// notes, when set (Build), are the notes of Docs, one for one (see articleNotes): the
	// articles were read and their text let go of, so Docs hold neither text nor date
	// expressions. Without them, the notes are made from Docs.
	notes []*articleNotes
}

// Output receives the files of a rendered site. Names are slash-separated paths relative to the
// site root, checked by Render to stay inside it.
type Output interface {
	WriteFile(name string, data []byte) error
}

// ThemeFiles gives the templates and static assets to render with (see ThemeFS).
type ThemeFiles struct {
	Templates fs.FS
	Static    fs.FS
}

// site is the rendering state shared by every page: views of all articles and events,
// built once, and the slugs that make their permalinks.
type site struct {
	cfg      Config
	base     *url.URL // parsed base_url, nil when the site has none
	articles []*articleView
	byFile   map[string]*articleView
	events   []*eventView
	byID     map[string]*eventView
	problems []corpus.Problem
	rep      *reportData                           // made with the views, while they hold their notes
	reload   func(file string) (corpus.Doc, error) // Site.Reload
	info     siteInfo                              // what every page says about the site
	links    sync.Map                              // root -> template.HTML: exportLinks, made once per folder depth
	pages    []string                              // every HTML page written, as a root-relative URL path ("", "events/x.html")
}

func newSite(s *Site) (*site, error) {
	st := &site{cfg: s.Config, byFile: map[string]*articleView{}, byID: map[string]*eventView{},
		problems: s.Problems, reload: s.Reload}
	if s.Config.BaseURL != "" {
		u, err := url.Parse(s.Config.BaseURL)
		if err != nil {
			return nil, fmt.Errorf("base_url: %v", err)
		}
		st.base = u
	}
	st.info = siteInfo{Title: s.Config.Title, Description: s.Config.Description, Language: s.Config.Language,
		Feed: s.Config.HasExport("feed.xml"), Exports: st.dataExports(), HasReport: len(s.Problems) > 0}
	content := s.Config.Path(s.Config.Content)
	// Slugs are handed out in order (a repeated one gets "-2"), the rest of each view is made
	// on all cores: each lands in its own slot, so the views are the same whatever the timing.
	taken := map[string]bool{}
	rels, slugs := make([]string, len(s.Docs)), make([]string, len(s.Docs))
	for i := range s.Docs {
		rels[i] = articleRel(s.Docs[i].Article.File, content)
		slugs[i] = Slug(strings.TrimSuffix(rels[i], filepath.Ext(rels[i])), taken)
	}
	st.articles = make([]*articleView, len(s.Docs))
	forEach(len(s.Docs), func(i int) {
		d := &s.Docs[i]
		a := newArticleView(d, rels[i], slugs[i])
		if s.notes != nil {
			a.notes = s.notes[i]
		} else {
			a.notes = notesOf(d)
		}
		st.articles[i] = a
	})
	for _, a := range st.articles {
		st.byFile[a.file] = a
	}
	// Events in date order whatever order they came in, ties broken by id: no map order leaks.
	// The views point into s.Events, which is only read: sorting pointers moves less than
	// sorting copies of the events.
	evs := make([]*events.Event, len(s.Events))
	for i := range s.Events {
		evs[i] = &s.Events[i]
	}
	slices.SortStableFunc(evs, func(a, b *events.Event) int {
		if c := a.From.Compare(b.From); c != 0 {
			return c
		}
		if c := a.To.Compare(b.To); c != 0 {
			return -c // the wider interval first, as a heading over its days
		}
		return strings.Compare(a.ID, b.ID)
	})
	taken = map[string]bool{}
	ids := make([]string, len(evs))
	for i, e := range evs {
		ids[i] = Slug(e.ID, taken)
	}
	st.events = make([]*eventView, len(evs))
	forEach(len(evs), func(i int) { st.events[i] = st.newEventView(evs[i], ids[i]) })
	for _, e := range st.events {
		st.byID[e.ID] = e
	}
	links := make([]*eventLink, len(st.events))
	for i, e := range st.events {
		links[i] = e.link()
	}
	for i, e := range st.events {
		if i > 0 {
			e.Prev = links[i-1]
		}
		if i+1 < len(st.events) {
			e.Next = links[i+1]
		}
		for _, src := range e.Event.Sources {
			if a := st.byFile[src.File]; a != nil {
				if n := len(a.Events); n == 0 || a.Events[n-1] != links[i] {
					a.Events = append(a.Events, links[i])
				}
				if a.eventAt == nil {
					a.eventAt = map[int]string{}
				}
				a.eventAt[src.Start] = e.Href
			}
		}
	}
	st.rep = st.makeReport()
	// Nothing left needs the notes: the event views hold their sentences, the report its
	// expressions. Nor the articles' text but their own pages, which reload it when they can.
	for _, a := range st.articles {
		a.notes = nil
		if st.reload != nil {
			a.doc = nil
		}
	}
	if st.reload != nil {
		s.Docs, s.notes = nil, nil
	}
	return st, nil
}

// forEach calls fn(0) ... fn(n-1) on all cores and returns when every call has. The calls
// must be independent: each writes only what index i owns.
func forEach(n int, fn func(i int)) {
	const batch = 64 // indices taken at a time: few enough to share the work out evenly
	workers := min(runtime.GOMAXPROCS(0), (n+batch-1)/batch)
	if workers <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				start := int(next.Add(batch)) - batch
				if start >= n {
					return
				}
				for i := start; i < min(start+batch, n); i++ {
					fn(i)
				}
			}
		}()
	}
	wg.Wait()
}

// absURL is the absolute URL of a root-relative path, or "" when the site has no base_url.
func (s *site) absURL(p string) string {
	if s.base == nil {
		return ""
	}
	return s.base.ResolveReference(&url.URL{Path: p}).String()
}

// basePath is the URL path the site is served under ("/" or "/repo/"), for pages such as 404
// that are served at any depth and so cannot use relative links.
func (s *site) basePath() string {
	if s.base == nil || s.base.Path == "" {
		return "/"
	}
	return s.base.Path
}

// rootFrom is the relative prefix from a page at URL path p ("", "events/x.html",
// "years/2021/") to the site root.
func rootFrom(p string) string {
	if n := strings.Count(p, "/"); n > 0 {
		return strings.Repeat("../", n)
	}
	return "./"
}

// pageFile is the file a URL path is written to: "events/x/" -> "events/x/index.html".
func pageFile(p string) string {
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}

// checkName refuses any output name that could leave the output folder.
func checkName(name string) error {
	if !fs.ValidPath(name) || name == "." || strings.Contains(name, "\\") || filepath.IsAbs(name) {
		return fmt.Errorf("refusing to write %q: not a plain path inside the output folder", name)
	}
	for _, part := range strings.Split(name, "/") {
		if part == ".." || part == "" {
			return fmt.Errorf("refusing to write %q: not a plain path inside the output folder", name)
		}
	}
	return nil
}

// credit is one licence line shown in the footer of a page that quotes an article.
type credit struct {
	Source, License string
}

// creditsFor lists the licences of the articles a page quotes, once each, sorted.
func creditsFor(arts []*articleMeta) []credit {
	seen := map[credit]bool{}
	var out []credit
	for _, a := range arts {
		if a == nil || a.License == "" {
			continue
		}
		c := credit{a.Outlet, a.License}
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Source != out[j].Source {
			return out[i].Source < out[j].Source
		}
		return out[i].License < out[j].License
	})
	return out
}

// page is what every template receives.
type page struct {
	Site        siteInfo
	Path        string // this page's URL path from the root: "", "events/x.html", "sources/"
	Root        string // relative prefix to the root from this page: "./", "../"
	Title       string // the page's own title; "" on the home page
	Description string
	Canonical   string // absolute URL when the site has a base_url
	// ExportLinks links the data exports from this page (Site.Exports, made into links once
	// per folder depth: a loop in the template costs more than the rest of the layout).
	ExportLinks template.HTML
	Section     string // which navigation entry is current: home, sources, report
	Credits     []credit
	Data        any
}

type siteInfo struct {
	Title, Description, Language string
	Feed                         bool     // the site writes feed.xml
	Exports                      []string // data files to link from every page
	HasReport                    bool     // the build found problems: link the report
}

func (s *site) newPage(p, title, section string, data any, quoted []*articleMeta) *page {
	root := rootFrom(p)
	return &page{
		Site: s.info, Path: p, Root: root, Title: title, Description: s.cfg.Description,
		Canonical: s.absURL(p), Section: section, Credits: creditsFor(quoted), Data: data,
		ExportLinks: s.exportLinks(root),
	}
}

// exportLinks is the HTML of links to the data exports from pages under root, made once per
// root. Export names are fixed ASCII names (checked by Config.Check), the root only dots and
// slashes or the base path; both are escaped all the same.
func (s *site) exportLinks(root string) template.HTML {
	if h, ok := s.links.Load(root); ok {
		return h.(template.HTML)
	}
	var b strings.Builder
	for i, e := range s.info.Exports {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, ` <a href="%s">%s</a>`, template.HTMLEscapeString(root+e), template.HTMLEscapeString(e))
	}
	h := template.HTML(b.String())
	s.links.Store(root, h)
	return h
}

// dataExports lists the exports a reader may want to download, in documented order.
func (s *site) dataExports() []string {
	var out []string
	for _, e := range []string{"events.json", "timelinejs.json", "events.ics", "feed.xml"} {
		if s.cfg.HasExport(e) {
			out = append(out, e)
		}
	}
	return out
}

// docOf is what was read from a's article: its view's, or, once the site has let go of it
// (Site.Reload), the article read again (readAgain).
func (s *site) docOf(a *articleView) (*corpus.Doc, error) {
	if a.doc != nil {
		return a.doc, nil
	}
	d, err := readAgain(s.reload, a.file, a.bytes)
	if err != nil {
		return nil, err
	}
	return &d, nil
}

// readAgain reads article file again with reload, which must give the bytes whose SHA-256 is
// sum: a page is never rendered, nor an event made, from other bytes than the rest of the site.
func readAgain(reload func(file string) (corpus.Doc, error), file string, sum [sha256.Size]byte) (corpus.Doc, error) {
	d, err := reload(file)
	if err != nil {
		return corpus.Doc{}, fmt.Errorf("%s: reading the article again: %v", file, err)
	}
	if d.Sum != sum || d.Article == nil {
		return corpus.Doc{}, fmt.Errorf("%s changed while the site was being built; build again", file)
	}
	return d, nil
}
