package article

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// Text is the article's prose as extraction should read it, exactly as long as Raw so that
// every offset into it is an offset into the file: the front matter and, in Markdown, all markup
// (heading marks, emphasis, link targets, HTML, code) are blanked to spaces; newlines stay, so
// headings and paragraphs remain apart.
func (a *Article) Text() string {
	out := make([]byte, len(a.Raw))
	for i, c := range a.Raw {
		if c == '\n' {
			out[i] = '\n'
		} else {
			out[i] = ' '
		}
	}
	if !a.Markdown {
		copy(out[a.BodyStart:], a.Raw[a.BodyStart:])
		return string(out)
	}
	body := a.Raw[a.BodyStart:]
	doc := goldmark.DefaultParser().Parse(text.NewReader(body))
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			s := n.Segment
			copy(out[a.BodyStart+s.Start:a.BodyStart+s.Stop], body[s.Start:s.Stop])
		case *ast.String:
			// Strings carry generated text with no source position; nothing to copy.
		}
		return ast.WalkContinue, nil
	})
	return string(out)
}
