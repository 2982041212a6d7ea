package render

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"reflect"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// pageTemplates are the templates that make whole pages. Every other .html file of the theme
// is shared by all of them: base.html (the layout, "base") and partials.
var pageTemplates = []string{"timeline.html", "event.html", "article.html", "sources.html", "report.html", "404.html"}

// templates is the parsed theme: one template set per page template.
type templates map[string]*template.Template

var funcs = template.FuncMap{
	"longDate": longDate,
	// item pairs a value with the page's root, for partials that make links.
	"item":  func(root string, e *eventSummary) *eventItem { return &eventItem{Root: root, Event: e} },
	"pager": func(root string, p *listPart) *pagerItem { return &pagerItem{Root: root, Part: p} },
	"inc":   func(i int) int { return i + 1 },
	// rel is the link from a page to a root-relative path: {{rel .Root .Href}}. It is what
	// print makes of two strings, at less cost: print takes any number of any values, and
	// text/template gathers them into a slice through reflection on every call.
	"rel":   func(root, path string) string { return root + path },
	"frame": frameOf,
	"memo":  func(string, any) (template.HTML, error) { return "", nil }, // each template set has its own (see memo)
}

// eventItem and pagerItem are what item and pager give a partial.
type eventItem struct {
	Root  string
	Event *eventSummary
}

type pagerItem struct {
	Root string
	Part *listPart
}

// pageFrame is what the parts of the layout that many pages share (links to the style sheets,
// the site's header and navigation) are made from: the page's root and section and the site's
// settings, nothing of the page's own. {{memo "site-header" (frame .)}} renders such a part
// once per distinct frame.
type pageFrame struct {
	Root    string // relative prefix to the root: "./", "../"
	Section string // which navigation entry is current: home, sources, report
	Site    siteFrame
}

// siteFrame is siteInfo without its lists, so that a pageFrame can key a cache.
type siteFrame struct {
	Title, Description, Language string
	Feed, HasReport              bool
}

// frameOf is the template function frame. It gives a pointer: a struct handed from one
// template function to another through reflection is copied to the heap at each step.
func frameOf(p *page) *pageFrame {
	return &pageFrame{Root: p.Root, Section: p.Section, Site: siteFrame{Title: p.Site.Title,
		Description: p.Site.Description, Language: p.Site.Language, Feed: p.Site.Feed, HasReport: p.Site.HasReport}}
}

// appendFrameKey appends what appendMemoKey appends for f, without reflection: the layout
// asks memo for two parts of every page by their frame.
func appendFrameKey(b []byte, f *pageFrame) []byte {
	str := func(b []byte, s string) []byte { return append(binary.AppendUvarint(b, uint64(len(s))), s...) }
	flag := func(b []byte, v bool) []byte {
		if v {
			return append(b, 1)
		}
		return append(b, 0)
	}
	b = str(str(b, f.Root), f.Section)
	b = str(str(str(b, f.Site.Title), f.Site.Description), f.Site.Language)
	return flag(flag(b, f.Site.Feed), f.Site.HasReport)
}

// memo is the template function {{memo "name" data}} of the template set t: the template name
// executed with data, as HTML, made once per distinct name and data. The layout calls it for
// parts shared by many pages, and event pages for the articles they cite: executing a link
// costs several calls of the template's escaping functions, and the layout has a dozen.
//
// Data is told apart by content, not address: everything the template can reach from it
// (strings, numbers, bools, and structs, arrays, slices and pointers of them, unexported
// fields included, since a method may read them) makes the cache key, so equal keys give equal
// output. Data that holds anything else (maps, funcs, channels), or nests too deep, is refused.
//
// The output is the template's own, escaped by html/template from the HTML text context (and
// refused unless it ends there), so it is safe where the layout puts it; elsewhere html/template
// escapes it as any template.HTML. The cache lives as long as the parsed templates: one render.
func memo(t *template.Template) func(name string, data any) (template.HTML, error) {
	var mu sync.RWMutex
	// data's type -> name and data's key -> HTML. A key is looked up without copying it.
	cache := map[reflect.Type]map[string]template.HTML{}
	// Executions under way, to stop a template that memoizes itself.
	var open atomic.Int32
	return func(name string, data any) (template.HTML, error) {
		var buf [256]byte
		key := binary.AppendUvarint(buf[:0], uint64(len(name)))
		key = append(key, name...)
		ok := true
		switch f := data.(type) {
		case *pageFrame:
			if key = append(key, 0); f != nil {
				key = appendFrameKey(append(key[:len(key)-1], 1), f)
			}
		case pageFrame:
			key = appendFrameKey(key, &f)
		default:
			key, ok = appendMemoKey(key, reflect.ValueOf(data), 0)
		}
		if !ok {
			return "", fmt.Errorf("memo %q: data of type %T holds more than plain values", name, data)
		}
		typ := reflect.TypeOf(data)
		mu.RLock()
		h, ok := cache[typ][string(key)]
		mu.RUnlock()
		if ok {
			return h, nil
		}
		if open.Add(1) > maxMemoDepth {
			open.Add(-1)
			return "", fmt.Errorf("memo %q: more than %d memo calls under way (does it call itself?)", name, maxMemoDepth)
		}
		defer open.Add(-1)
		var b strings.Builder
		if err := t.ExecuteTemplate(&b, name, data); err != nil {
			return "", err
		}
		h = template.HTML(b.String())
		mu.Lock()
		if cache[typ] == nil {
			cache[typ] = map[string]template.HTML{}
		}
		cache[typ][string(key)] = h
		mu.Unlock()
		return h, nil
	}
}

// maxMemoDepth bounds the memo calls under way at once: pages render on a few goroutines, and
// a layout nests a part or two.
const maxMemoDepth = 1000

// appendMemoKey appends an encoding of v to b that differs for any two values of v's type a
// template could tell apart; false when v holds anything but plain values, or nests deeper
// than 8 levels.
func appendMemoKey(b []byte, v reflect.Value, depth int) ([]byte, bool) {
	if depth > 8 {
		return b, false
	}
	switch v.Kind() {
	case reflect.String:
		b = binary.AppendUvarint(b, uint64(v.Len()))
		return append(b, v.String()...), true
	case reflect.Bool:
		if v.Bool() {
			return append(b, 1), true
		}
		return append(b, 0), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return binary.AppendVarint(b, v.Int()), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return binary.AppendUvarint(b, v.Uint()), true
	case reflect.Float32, reflect.Float64:
		return binary.AppendUvarint(b, math.Float64bits(v.Float())), true
	case reflect.Pointer:
		if v.IsNil() {
			return append(b, 0), true
		}
		return appendMemoKey(append(b, 1), v.Elem(), depth+1)
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			return append(b, 0), true // a nil slice and an empty one print alike, but differ as data
		}
		b = binary.AppendUvarint(append(b, 1), uint64(v.Len()))
		for i := range v.Len() {
			var ok bool
			if b, ok = appendMemoKey(b, v.Index(i), depth+1); !ok {
				return b, false
			}
		}
		return b, true
	case reflect.Struct:
		for _, i := range memoFields(v.Type()) {
			var ok bool
			if b, ok = appendMemoKey(b, v.Field(i), depth+1); !ok {
				return b, false
			}
		}
		return b, true
	}
	return b, false // maps, funcs, channels, interfaces, nil
}

// memoFieldsOf caches memoFields: asking a struct type for a field's type makes a
// StructField (with an allocated index) each time, which cost more than the key itself.
var memoFieldsOf sync.Map // reflect.Type -> []int

// memoFields lists the fields of struct type t a memo key encodes: all but fingerprints'
// bookkeeping (see digestSlot), which no template shows.
func memoFields(t reflect.Type) []int {
	if f, ok := memoFieldsOf.Load(t); ok {
		return f.([]int)
	}
	var fields []int
	for i := range t.NumField() {
		if t.Field(i).Type != digestSlotType {
			fields = append(fields, i)
		}
	}
	memoFieldsOf.Store(t, fields)
	return fields
}

// parseTemplates parses the theme's templates. A site overriding one file changes only it.
func parseTemplates(fsys fs.FS) (templates, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("templates: %v", err)
	}
	isPage := map[string]bool{}
	for _, p := range pageTemplates {
		isPage[p] = true
	}
	var shared []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".html") && !isPage[e.Name()] && e.Name()[0] != '.' {
			shared = append(shared, e.Name())
		}
	}
	sort.Strings(shared)
	ts := templates{}
	for _, p := range pageTemplates {
		t, err := template.New(p).Funcs(funcs).ParseFS(fsys, append(append([]string{}, shared...), p)...)
		if err != nil {
			return nil, fmt.Errorf("templates: %v", err)
		}
		t.Funcs(template.FuncMap{"memo": memo(t)})
		if t.Lookup("base") == nil {
			return nil, fmt.Errorf("templates: no \"base\" template (it lives in base.html)")
		}
		ts[p] = t
	}
	return ts, nil
}

func (ts templates) render(name string, p *page) ([]byte, error) {
	var b bytes.Buffer
	return ts.renderTo(&b, name, p)
}

// renderTo renders a page into b (reset first) and returns its bytes, valid only until b is
// used again.
func (ts templates) renderTo(b *bytes.Buffer, name string, p *page) ([]byte, error) {
	b.Reset()
	if err := ts[name].ExecuteTemplate(b, "base", p); err != nil {
		return nil, fmt.Errorf("rendering %s with %s: %v", pageFile(p.Path), name, err)
	}
	// html/template passes invalid UTF-8 and control characters through, and file names may
	// hold any bytes: an escape sequence would reach whoever views the page's source.
	page := b.Bytes()
	blankControls(page)
	if !utf8.Valid(page) {
		return bytes.ToValidUTF8(page, []byte("\uFFFD")), nil
	}
	return page, nil
}

// blankControls replaces the control characters of page but tab, line feed and carriage
// return (C0 and DEL) with spaces. It reads eight bytes at a time: a page is kilobytes of
// text in which such a character is rare, but line feeds are not.
func blankControls(page []byte) {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(page); i += 8 {
		w := binary.LittleEndian.Uint64(page[i:])
		del := w ^ 0x7f*ones
		// A byte below 0x20, or a zero byte of del (a DEL in w): both tests are exact.
		if (w-0x20*ones)&^w&highs|(del-ones)&^del&highs == 0 {
			continue
		}
		blankControlsSlow(page[i : i+8])
	}
	blankControlsSlow(page[i:])
}

func blankControlsSlow(page []byte) {
	for i, c := range page {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
			page[i] = ' '
		}
	}
}

// buffers keeps page buffers between pages: a large site renders a hundred thousand pages.
var buffers = sync.Pool{New: func() any { return bytes.NewBuffer(make([]byte, 0, 16<<10)) }}

// articlePage is the data of an article page.
type articlePage struct {
	Article     *articleView
	Body        template.HTML
	Excerpt     bool       // only an excerpt is shown (no licence)
	Expressions []exprItem // for an excerpt: the expressions it leaves out
}

type exprItem struct {
	Text, ID, Class, Title, Href string
}

// excerptBytes is how much text of an unlicensed article its page shows.
const excerptBytes = 320

func (s *site) articlePage(a *articleView) (*articlePage, error) {
	d, err := s.docOf(a)
	if err != nil {
		return nil, err
	}
	root := rootFrom(a.Href)
	marks := s.marks(a, d, root)
	ap := &articlePage{Article: a}
	switch {
	case !a.Licensed():
		// An excerpt of the prose alone: Text has the markup blanked, offsets unchanged.
		ap.Excerpt = true
		ap.Body = renderPlain(d.Text, d.Article.BodyStart, marks, excerptBytes)
		shown := string(ap.Body)
		for _, m := range marks {
			if !strings.Contains(shown, `id="`+m.ID+`"`) {
				ap.Expressions = append(ap.Expressions, exprItem{Text: oneLine(d.Text[m.Start:m.End]), ID: m.ID, Class: m.Class, Title: m.Title, Href: m.Href})
			}
		}
	case d.Article.ReadAsMarkdown(): // not a file built to make the parser quadratic
		body, err := renderMarkdown(d.Article.Raw[d.Article.BodyStart:], d.Article.BodyStart, marks)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", d.Article.File, err)
		}
		ap.Body = body
	default:
		ap.Body = renderPlain(d.Article.Raw, d.Article.BodyStart, marks, 0)
	}
	return ap, nil
}
