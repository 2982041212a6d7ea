package safety

import (
	"bytes"
	"net/url"
	"path"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// urlAttrs are the attributes whose value a browser follows or loads.
var urlAttrs = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "poster": true, "cite": true,
	"background": true, "data": true, "xlink:href": true, "srcset": true, "ping": true,
	"longdesc": true, "usemap": true, "manifest": true, "codebase": true, "icon": true, "content": false,
}

// forbiddenElements never come from the theme; from an article they would run or frame code.
var forbiddenElements = map[atom.Atom]bool{
	atom.Iframe: true, atom.Frame: true, atom.Frameset: true, atom.Object: true, atom.Embed: true,
	atom.Applet: true, atom.Base: true, atom.Svg: true, atom.Math: true, atom.Style: true, atom.Template: true,
}

// rawMarkup must never appear unescaped in an HTML file (or in HTML carried by a feed).
var rawMarkup = []string{"<script>alert", "<img src=x", "<svg", "<evil", "<iframe", "<b>tag", "<b>bold", "<i>text", "<u>file"}

// scheme is a URL's scheme as a browser's URL parser reads it (WHATWG URL): leading and
// trailing C0 controls and spaces are trimmed and tabs and newlines anywhere removed, so
// " java\tscript:" is javascript:; "java%09script:" has no scheme (a relative path).
func scheme(v string) string {
	v = strings.TrimFunc(v, func(r rune) bool { return r <= ' ' })
	v = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(v)
	if m := schemeRE.FindStringSubmatch(v); m != nil {
		return strings.ToLower(m[1])
	}
	return ""
}

var safeDataImage = regexp.MustCompile(`^(?i)data:image/(png|gif|jpeg|webp)[;,]`)

var schemeRE = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.-]*):`)

// htmlChecker checks one HTML document or fragment.
type htmlChecker struct {
	t        reporter
	name     string // the file, and the field for HTML inside JSON or XML
	page     string // the page's path from the site root, to resolve script sources; "" for fragments
	scripts  map[string]bool
	basePath string // the path of the site's base URL, "/site/"
}

func (c htmlChecker) node(n *html.Node) {
	if n.Type == html.ElementNode {
		c.element(n)
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.node(ch)
	}
}

func (c htmlChecker) element(n *html.Node) {
	t := c.t
	if forbiddenElements[n.DataAtom] {
		t.Errorf("%s: forbidden element <%s>", c.name, n.Data)
	}
	if n.DataAtom == atom.Script {
		c.script(n)
	}
	if n.DataAtom == atom.Img {
		for _, a := range n.Attr {
			if a.Key == "src" && a.Val == "x" {
				t.Errorf("%s: injected <img src=x>", c.name)
			}
		}
	}
	if n.DataAtom == atom.Meta {
		for _, a := range n.Attr {
			if strings.EqualFold(a.Key, "http-equiv") {
				t.Errorf("%s: <meta http-equiv=%q>", c.name, a.Val)
			}
		}
	}
	if target, rel := attr(n, "target"), " "+strings.ToLower(attr(n, "rel"))+" "; target != "" && target != "_self" &&
		!strings.Contains(rel, " noopener ") && !strings.Contains(rel, " noreferrer ") {
		t.Errorf("%s: <%s target=%q> without rel=noopener: the page opened could navigate this one", c.name, n.Data, target)
	}
	if n.Namespace != "" {
		t.Errorf("%s: foreign content <%s:%s>", c.name, n.Namespace, n.Data)
	}
	for _, a := range n.Attr {
		key := strings.ToLower(a.Key)
		if a.Namespace != "" {
			key = a.Namespace + ":" + key
		}
		switch {
		case strings.HasPrefix(key, "on"):
			t.Errorf("%s: <%s> has an event handler %s=%q", c.name, n.Data, key, a.Val)
		case key == "srcdoc":
			t.Errorf("%s: <%s> has srcdoc", c.name, n.Data)
		case key == "style":
			if v := strings.ToLower(a.Val); strings.Contains(v, "javascript:") || strings.Contains(v, "expression(") || strings.Contains(v, "url(") {
				t.Errorf("%s: <%s style=%q>", c.name, n.Data, a.Val)
			}
		case urlAttrs[key]:
			vals := []string{a.Val}
			if key == "srcset" { // several "URL descriptor" candidates
				vals = nil
				for _, cand := range strings.Split(a.Val, ",") {
					if f := strings.Fields(cand); len(f) > 0 {
						vals = append(vals, f[0])
					}
				}
			}
			for _, v := range vals {
				switch sc := scheme(v); {
				case sc == "", sc == "http", sc == "https", sc == "mailto":
				case sc == "data" && n.DataAtom == atom.Img && key == "src" && safeDataImage.MatchString(strings.TrimSpace(v)):
					// a raster image inline (goldmark allows these): no script can run in it
				default:
					t.Errorf("%s: <%s %s=%q> has a %s: URL", c.name, n.Data, key, a.Val, sc)
				}
			}
		}
		if strings.Contains(a.Key, "<") || strings.Contains(a.Key, "\"") || strings.Contains(a.Key, "=") {
			t.Errorf("%s: <%s> has a broken attribute name %q: markup escaped into the tag", c.name, n.Data, a.Key)
		}
	}
}

// script allows only the theme's own scripts: an external same-origin static/*.js, nothing
// inline.
func (c htmlChecker) script(n *html.Node) {
	t := c.t
	if n.FirstChild != nil && strings.TrimSpace(n.FirstChild.Data) != "" {
		t.Errorf("%s: inline script %q", c.name, clipText(n.FirstChild.Data))
		return
	}
	src := ""
	for _, a := range n.Attr {
		if a.Key == "src" {
			src = a.Val
		}
	}
	if c.page == "" {
		t.Errorf("%s: a <script src=%q> inside data", c.name, src)
		return
	}
	u, err := url.Parse(src)
	if err != nil || u.Scheme != "" || u.Host != "" {
		t.Errorf("%s: script %q is not a same-origin path", c.name, src)
		return
	}
	resolved := path.Clean(path.Join(path.Dir(c.page), u.Path))
	if strings.HasPrefix(u.Path, "/") { // from the server root: the site's base path first
		rest, ok := strings.CutPrefix(u.Path, c.basePath)
		if !ok {
			t.Errorf("%s: script %q is outside the site's base path %s", c.name, src, c.basePath)
			return
		}
		resolved = path.Clean(rest)
	}
	if !c.scripts[resolved] {
		t.Errorf("%s: script %q (%s) is not one of the theme's scripts", c.name, src, resolved)
	}
}

// checkHTMLFiles parses every page and checks its elements and attributes.
func checkHTMLFiles(t *testing.T, s *site, files map[string][]byte) {
	if pages := checkHTMLPages(t, files, themeScripts(t), basePath(s)); pages < 10 {
		t.Errorf("only %d HTML pages", pages)
	}
}

// checkHTMLPages checks the .html files of files and returns how many there are.
func checkHTMLPages(t reporter, files map[string][]byte, scripts map[string]bool, base string) int {
	pages := 0
	for name, data := range files {
		if path.Ext(name) != ".html" {
			continue
		}
		pages++
		for _, raw := range rawMarkup {
			if i := bytes.Index(bytes.ToLower(data), []byte(strings.ToLower(raw))); i >= 0 {
				t.Errorf("%s: unescaped markup %q: %q", name, raw, clipText(string(data[max(0, i-60):min(len(data), i+60)])))
			}
		}
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		htmlChecker{t: t, name: name, page: name, scripts: scripts, basePath: base}.node(doc)
		checkTitleElement(t, name, doc)
	}
	return pages
}

// checkTitleElement: exactly one <title>, whose text ends with the site title (so "</title>"
// in an article title did not close it early).
func checkTitleElement(t reporter, name string, doc *html.Node) {
	var titles []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Title {
			titles = append(titles, textOf(n))
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if len(titles) != 1 {
		t.Errorf("%s: %d <title> elements", name, len(titles))
		return
	}
	if !strings.HasSuffix(titles[0], siteTitle) {
		t.Errorf("%s: <title> is %q, not ending with the site title", name, clipText(titles[0]))
	}
}

// fragmentChecks parses HTML carried inside a JSON or XML value and checks it like a page,
// except that no script at all is allowed. It returns the fragment's text.
func fragmentChecks(t reporter, name, fragment string) string {
	for _, raw := range rawMarkup {
		if strings.Contains(strings.ToLower(fragment), strings.ToLower(raw)) {
			t.Errorf("%s: unescaped markup %q in %q", name, raw, clipText(fragment))
		}
	}
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), body)
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return ""
	}
	var text strings.Builder
	for _, n := range nodes {
		htmlChecker{t: t, name: name}.node(n)
		text.WriteString(textOf(n))
	}
	return text.String()
}

// textOf is the text content of n.
func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textOf(c))
	}
	return b.String()
}

// htmlTexts is every text node and attribute value of a page, as a browser shows them.
func htmlTexts(data []byte) []string {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil
	}
	var out []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			out = append(out, n.Data)
		}
		for _, a := range n.Attr {
			out = append(out, a.Val)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

func clipText(s string) string {
	if len(s) > 160 {
		return s[:160] + "…"
	}
	return s
}

// basePath is the path of the site's base URL ("/site/"), or "/" when it has none.
func basePath(s *site) string {
	if u, err := url.Parse(s.cfg.BaseURL); err == nil && u.Path != "" {
		return u.Path
	}
	return "/"
}

// attr is the value of n's attribute key, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
