package article

import (
	"bytes"
	"fmt"
	"slices"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// markdownParser is one Markdown parser for every article: building one (its tables of block
// and inline parsers) cost more allocation than parsing a short article. A parser keeps no state
// between parses (each has its own parser.Context) and its block and inline parsers are
// goldmark's shared, stateless ones, so parses on several goroutines may share it.
var markdownParser = sync.OnceValue(goldmark.DefaultParser)

// Text is the article's prose as extraction should read it, exactly as long as Raw so that
// every offset into it is an offset into the file: the front matter and, in Markdown, all markup
// (heading marks, emphasis, link targets, HTML, code) are blanked to spaces; newlines stay, so
// headings and paragraphs remain apart.
func (a *Article) Text() string {
	return a.keeping(a.Kept())
}

// Span is a half-open byte range [Start, End) of Raw.
type Span struct{ Start, End int }

// Kept returns the byte ranges of Raw that Text keeps as written, in order; Text blanks every
// other byte but newlines. Reading Markdown is most of the cost of Text, so a caller that
// stored Kept for the same Raw (an extraction cache keyed by its bytes) can rebuild Text with
// TextKeeping without parsing it again.
func (a *Article) Kept() []Span {
	if !a.ReadAsMarkdown() {
		if a.BodyStart >= len(a.Raw) {
			return nil
		}
		return []Span{{a.BodyStart, len(a.Raw)}}
	}
	body := a.Raw[a.BodyStart:]
	var kept []Span
	doc := markdownParser().Parse(text.NewReader(body))
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			s := Span{a.BodyStart + n.Segment.Start, a.BodyStart + n.Segment.Stop}
			if s.Start >= s.End {
				break
			}
			kept = append(kept, s)
		case *ast.String:
			// Strings carry generated text with no source position; nothing to copy.
		}
		return ast.WalkContinue, nil
	})
	// The parser yields text in source order; sorting only makes sure of it (Text copies
	// each range to its own place, so order and overlaps never change it).
	if !slices.IsSortedFunc(kept, func(x, y Span) int { return x.Start - y.Start }) {
		slices.SortFunc(kept, func(x, y Span) int { return x.Start - y.Start })
	}
	merged := kept[:0]
	for _, s := range kept {
		if last := len(merged) - 1; last >= 0 && s.Start <= merged[last].End {
			merged[last].End = max(merged[last].End, s.End)
		} else {
			merged = append(merged, s)
		}
	}
	return merged
}

// TextKeeping is Text with the given ranges of Raw kept (see Kept). It reports false, and
// returns "", unless the ranges are in order, apart, inside the body and start and end on whole
// characters: ranges from anywhere but Kept (a damaged or forged cache entry) cannot make Text
// show the front matter or hold invalid UTF-8.
func (a *Article) TextKeeping(kept []Span) (string, bool) {
	raw := a.Raw
	prev := a.BodyStart
	for _, s := range kept {
		if s.Start < prev || s.End <= s.Start || s.End > len(raw) ||
			!utf8.RuneStart(raw[s.Start]) || s.End < len(raw) && !utf8.RuneStart(raw[s.End]) {
			return "", false
		}
		prev = s.End
	}
	return a.keeping(kept), true
}

// keeping is Text keeping ranges that are in order and apart.
func (a *Article) keeping(kept []Span) string {
	out := bytes.Clone(a.Raw)
	prev := 0
	for _, s := range kept {
		blank(out[prev:s.Start])
		prev = s.End
	}
	blank(out[prev:])
	return asString(out)
}

// blank replaces every byte of b but newlines by a space.
func blank(b []byte) {
	for i, c := range b {
		if c != '\n' {
			b[i] = ' '
		}
	}
}

// asString returns out as a string without copying it (Text never touches out again): one
// copy of every article fewer to allocate and collect.
func asString(out []byte) string {
	if len(out) == 0 {
		return ""
	}
	return unsafe.String(unsafe.SliceData(out), len(out))
}

// The Markdown parser takes time quadratic in some shapes of input: block quotes and lists
// nested thousands deep, or a paragraph of thousands of unclosed brackets or emphasis marks ("[a]("
// repeated over 800 KB takes minutes). No article looks like that, so Text reads one that does as
// plain text instead (Parse warns), which keeps the time per byte bounded.
const (
	// MaxNesting is the deepest nesting of quotes and list items on one line read as Markdown.
	MaxNesting = 32
	// MaxDelimiters is the most brackets, parentheses, emphasis and code marks one paragraph
	// (or list item, quote line, heading) may hold to be read as Markdown: a paragraph of prose
	// with 50 links holds 200.
	MaxDelimiters = 300
)

// ReadAsMarkdown reports whether the body is read as Markdown: a Markdown file that is not
// beyond MaxNesting and MaxDelimiters. Renderers should use it too, so that a hostile file costs
// them no more time than it costs Text.
func (a *Article) ReadAsMarkdown() bool {
	if !a.Markdown {
		return false
	}
	if a.checked {
		return !a.plain
	}
	off, _ := tooComplex(a.Raw[a.BodyStart:])
	return off < 0
}

// tooComplex returns the offset in body of the first line or paragraph beyond the limits
// above and what is wrong with it, or -1.
func tooComplex(body []byte) (int, string) {
	para, delims := 0, 0
	for start := 0; start < len(body); {
		end := bytes.IndexByte(body[start:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += start
		}
		line := body[start:end]
		n := nesting(line)
		if n > MaxNesting {
			return start, fmt.Sprintf("quotes or lists nested more than %d levels deep", MaxNesting)
		}
		switch {
		case len(bytes.TrimSpace(line)) == 0:
			para, delims = end+1, 0 // the next line starts a paragraph
		case n > 0 || bytes.HasPrefix(bytes.TrimLeft(line, " "), []byte("#")):
			para, delims = start, 0 // a list item, quote or heading starts a block of its own
		}
		for _, c := range line {
			if delimiter[c] {
				delims++
			}
		}
		if delims > MaxDelimiters {
			return para, fmt.Sprintf("a paragraph with more than %d brackets and emphasis marks", MaxDelimiters)
		}
		start = end + 1
	}
	return -1, ""
}

// delimiter marks the bytes tooComplex counts: brackets, parentheses, emphasis and code marks.
var delimiter = [256]bool{'[': true, ']': true, '(': true, ')': true, '*': true, '_': true, '`': true, '<': true, '~': true}

// nesting counts the container markers ("> ", "- ", "* ", "+ ", "1. ", "1) ") opening a line;
// indentation counts as one level per four columns, as it nests list items under one another.
func nesting(line []byte) int {
	n, indent := 0, 0
	for i := 0; i < len(line); {
		for ; i < len(line) && (line[i] == ' ' || line[i] == '\t'); i++ {
			if line[i] == '\t' {
				indent += 4
			} else {
				indent++
			}
		}
		if i >= len(line) {
			break
		}
		switch c := line[i]; {
		case c == '>':
			i++
		case (c == '-' || c == '*' || c == '+') && i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t'):
			i += 2
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j+1 >= len(line) || (line[j] != '.' && line[j] != ')') || (line[j+1] != ' ' && line[j+1] != '\t') {
				return n + indent/4
			}
			i = j + 2
		default:
			return n + indent/4
		}
		n++
	}
	return n + indent/4
}
