package render

import (
	"bytes"
	"html/template"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/timeline-news/timeline/corpus"
	"github.com/timeline-news/timeline/extract"
)

// mark is one date expression to highlight in an article, by byte offsets into the file.
type mark struct {
	Start, End int
	ID         string // the anchor: t-START
	Href       string // the event page, relative to the article page; "" when it dates no event
	Class      string // "timex", "timex unresolved" or "timex undated"
	Title      string // what the expression resolved to, for the reader
}

// marks lists an article's date expressions in file order, without overlaps.
func (s *site) marks(a *articleView, d *corpus.Doc, root string) []mark {
	var ms []mark
	for _, t := range d.Timexes {
		if t.Start < d.Article.BodyStart || t.End > len(d.Article.Raw) || t.Start >= t.End {
			continue
		}
		m := mark{Start: t.Start, End: t.End, ID: timexAnchor(t.Start), Class: "timex", Title: timexTitle(t)}
		switch href := a.eventAt[t.Start]; {
		case href != "":
			m.Href = root + href
		case !t.Resolved:
			m.Class = "timex unresolved"
		default:
			m.Class = "timex undated"
		}
		ms = append(ms, m)
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Start < ms[j].Start })
	out := ms[:0]
	for _, m := range ms {
		if len(out) > 0 && m.Start < out[len(out)-1].End {
			continue
		}
		out = append(out, m)
	}
	return out
}

// timexTitle says what an expression resolved to, for the reader.
func timexTitle(t extract.Timex) string {
	switch {
	case !t.Resolved:
		return "not resolved (" + t.Value + ")"
	case !t.From.IsZero() && t.From != t.To:
		return longDate(t.From) + " to " + longDate(t.To) + " (" + t.Value + ")"
	case !t.From.IsZero():
		return longDate(t.From) + " (" + t.Value + ")"
	}
	return strings.ToLower(string(t.Type)) + " " + t.Value
}

// openMark and closeMark write a mark's tags. Everything in them is escaped.
func openMark(b io.StringWriter, m mark, first, inLink bool) {
	b.WriteString(`<mark class="`)
	b.WriteString(template.HTMLEscapeString(m.Class))
	b.WriteString(`"`)
	if first {
		b.WriteString(` id="`)
		b.WriteString(m.ID)
		b.WriteString(`"`)
	}
	b.WriteString(` title="`)
	b.WriteString(template.HTMLEscapeString(m.Title))
	b.WriteString(`">`)
	if m.Href != "" && !inLink {
		b.WriteString(`<a href="`)
		b.WriteString(template.HTMLEscapeString(m.Href))
		b.WriteString(`">`)
	}
}

func closeMark(b io.StringWriter, m mark, inLink bool) {
	if m.Href != "" && !inLink {
		b.WriteString("</a>")
	}
	b.WriteString("</mark>")
}

// ---- Markdown ----

// kindTimex is the AST node that wraps the part of a text node inside a date expression.
var kindTimex = ast.NewNodeKind("Timex")

type timexNode struct {
	ast.BaseInline
	mark   mark
	first  bool // the first piece of the expression carries its id
	inLink bool // inside a link: mark without a nested link
}

func (n *timexNode) Kind() ast.NodeKind { return kindTimex }

func (n *timexNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"ID": n.mark.ID}, nil)
}

type timexRenderer struct{}

func (timexRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindTimex, func(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		n := node.(*timexNode)
		if entering {
			openMark(w, n.mark, n.first, n.inLink)
		} else {
			closeMark(w, n.mark, n.inLink)
		}
		return ast.WalkContinue, nil // the writer is a bufWriter, which does not fail
	})
}

// markdown renders articles: CommonMark, raw HTML omitted (goldmark's default: no WithUnsafe),
// dangerous link targets dropped, plus the timex node. One instance serves every goroutine.
var markdown = goldmark.New(goldmark.WithRendererOptions(
	html.WithXHTML(),
	renderer.WithNodeRenderers(util.Prioritized(timexRenderer{}, 500)),
))

// renderMarkdown renders a Markdown body with each mark wrapped around its text. Offsets in
// marks are file offsets; the body starts at bodyStart in the file.
func renderMarkdown(body []byte, bodyStart int, marks []mark) (template.HTML, error) {
	doc := markdown.Parser().Parse(text.NewReader(body))
	// One walk: the page's title is its only h1, so the article's own headings move one level
	// down; and the text nodes marks may fall in are gathered (none in code or raw HTML).
	var texts []*ast.Text
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			n.Level = min(n.Level+1, 6)
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if len(marks) > 0 {
				texts = append(texts, n)
			}
		}
		return ast.WalkContinue, nil
	})
	if len(marks) > 0 {
		wrapMarks(texts, marks, bodyStart)
	}
	// The HTML is about as long as the Markdown; written straight into the buffer, which
	// goldmark would otherwise wrap in a bufio.Writer of its own and copy through.
	var b bytes.Buffer
	b.Grow(len(body) + len(body)/4 + 64*len(marks))
	if err := markdown.Renderer().Render(bufWriter{&b}, body, doc); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// bufWriter is a bytes.Buffer as the util.BufWriter goldmark renders to: it buffers
// everything, so there is nothing to flush.
type bufWriter struct{ *bytes.Buffer }

var _ util.BufWriter = bufWriter{}

func (bufWriter) Buffered() int { return 0 }
func (bufWriter) Flush() error  { return nil }

// wrapMarks splits the text nodes texts (in document order) at the marks' offsets and wraps
// the pieces inside an expression in timex nodes. An expression that spans several text
// nodes ("**August** 6") is wrapped piece by piece.
func wrapMarks(texts []*ast.Text, marks []mark, bodyStart int) {
	started := map[string]bool{}
	mi := 0
	for _, t := range texts {
		seg := t.Segment
		start, stop := seg.Start+bodyStart, seg.Stop+bodyStart
		for mi < len(marks) && marks[mi].End <= start {
			mi++
		}
		var pieces []ast.Node
		pos := start
		for j := mi; j < len(marks) && marks[j].Start < stop; j++ {
			m := marks[j]
			from, to := max(m.Start, pos), min(m.End, stop)
			if from >= to {
				continue
			}
			if from > pos {
				pieces = append(pieces, ast.NewTextSegment(text.NewSegment(pos-bodyStart, from-bodyStart)))
			}
			node := &timexNode{mark: m, first: !started[m.ID], inLink: insideLink(t)}
			started[m.ID] = true
			node.AppendChild(node, ast.NewTextSegment(text.NewSegment(from-bodyStart, to-bodyStart)))
			pieces = append(pieces, node)
			pos = to
		}
		if len(pieces) == 0 {
			continue
		}
		if pos < stop {
			pieces = append(pieces, ast.NewTextSegment(text.NewSegment(pos-bodyStart, stop-bodyStart)))
		}
		// The last piece keeps the line break that followed the original text.
		if last, ok := pieces[len(pieces)-1].(*ast.Text); ok {
			last.SetSoftLineBreak(t.SoftLineBreak())
			last.SetHardLineBreak(t.HardLineBreak())
		} else if t.SoftLineBreak() || t.HardLineBreak() {
			br := ast.NewTextSegment(text.NewSegment(stop-bodyStart, stop-bodyStart))
			br.SetSoftLineBreak(t.SoftLineBreak())
			br.SetHardLineBreak(t.HardLineBreak())
			pieces = append(pieces, br)
		}
		parent := t.Parent()
		for _, p := range pieces {
			parent.InsertBefore(parent, t, p)
		}
		parent.RemoveChild(parent, t)
	}
}

func insideLink(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if _, ok := p.(*ast.Link); ok {
			return true
		}
		if _, ok := p.(*ast.AutoLink); ok {
			return true
		}
	}
	return false
}

// ---- plain text ----

// nextBreak finds the first paragraph break of a plain-text article at or after from: a line
// end with the blank space around it (blank lines included), or a run of two or more spaces,
// tabs or no-break spaces (scraped news often glues paragraphs that way). It returns the
// break's bounds, or -1, -1. It matches what the regular expression
//
//	[ \t\x{00A0}]*\r?\n[ \t\r\n\x{00A0}]*|[ \t\x{00A0}]{2,}
//
// matches (leftmost first), which it replaced: scanning by hand costs a tenth, and an excerpt
// stops at its first paragraphs instead of finding every break of the article.
func nextBreak[T string | []byte](s T, from int) (int, int) {
	for i := from; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\n', c == '\r' && i+1 < len(s) && s[i+1] == '\n':
			return i, breakEnd(s, i)
		case c == ' ', c == '\t', c == 0xC2 && i+1 < len(s) && s[i+1] == 0xA0:
			j, n := i, 0 // the run of horizontal space from i, n characters long
			for j < len(s) {
				if s[j] == ' ' || s[j] == '\t' {
					j++
				} else if s[j] == 0xC2 && j+1 < len(s) && s[j+1] == 0xA0 {
					j += 2
				} else {
					break
				}
				n++
			}
			if j < len(s) && (s[j] == '\n' || s[j] == '\r' && j+1 < len(s) && s[j+1] == '\n') {
				return i, breakEnd(s, j)
			}
			if n >= 2 {
				return i, j
			}
			i = j - 1
		}
	}
	return -1, -1
}

// breakEnd is the end of the blank space (line ends included) from a line end at i.
func breakEnd[T string | []byte](s T, i int) int {
	for i < len(s) {
		switch c := s[i]; {
		case c == ' ', c == '\t', c == '\r', c == '\n':
			i++
		case c == 0xC2 && i+1 < len(s) && s[i+1] == 0xA0:
			i += 2
		default:
			return i
		}
	}
	return i
}

// blank reports whether s is all white space (as strings.TrimSpace sees it).
func blank[T string | []byte](s T) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\v', '\f', '\r':
		default:
			if s[i] < utf8.RuneSelf {
				return false
			}
			return strings.TrimSpace(string(s[i:])) == ""
		}
	}
	return true
}

// renderPlain renders a plain-text body as paragraphs, with each mark wrapped around its
// text. limit > 0 keeps only the first limit bytes of text (an excerpt), cut at a word.
func renderPlain[T string | []byte](raw T, bodyStart int, marks []mark, limit int) template.HTML {
	body := raw[bodyStart:]
	var b bytes.Buffer
	mi, shown := 0, 0
	for last := 0; last <= len(body); {
		// The next paragraph: up to the next break, or the end of the body.
		brStart, brEnd := nextBreak(body, last)
		if brStart < 0 {
			brStart, brEnd = len(body), len(body)+1
		}
		p := [2]int{last, brStart}
		last = brEnd
		if blank(body[p[0]:p[1]]) {
			continue
		}
		start, stop := p[0]+bodyStart, p[1]+bodyStart
		cut := false
		if limit > 0 && shown+(stop-start) > limit {
			c := clip(string(raw[start:stop]), max(limit-shown, 40))
			stop = start + len(strings.TrimSuffix(c, "…"))
			cut = true
		}
		b.WriteString("<p>")
		pos := start
		for mi < len(marks) && marks[mi].End <= start {
			mi++
		}
		for ; mi < len(marks) && marks[mi].Start < stop; mi++ {
			m := marks[mi]
			if m.Start < pos || m.End > stop {
				continue // straddles a paragraph break or the excerpt's end: left plain
			}
			escapeHTML(&b, raw[pos:m.Start])
			openMark(&b, m, true, false)
			escapeHTML(&b, raw[m.Start:m.End])
			closeMark(&b, m, false)
			pos = m.End
		}
		escapeHTML(&b, raw[pos:stop])
		if cut {
			b.WriteString("…</p>\n")
			break
		}
		b.WriteString("</p>\n")
		shown += stop - start
	}
	return template.HTML(b.String())
}

// escapeHTML writes s escaped as template.HTMLEscapeString escapes it, without copying s
// into a string first.
func escapeHTML[T string | []byte](b *bytes.Buffer, s T) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case 0:
			esc = "\uFFFD"
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		default:
			continue
		}
		b.Write(append(b.AvailableBuffer(), s[last:i]...))
		b.WriteString(esc)
		last = i + 1
	}
	b.Write(append(b.AvailableBuffer(), s[last:]...))
}
