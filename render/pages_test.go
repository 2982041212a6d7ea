package render

import (
	"html/template"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// A theme written before the default one used memo and the precomputed view fields (its
// layout, event page and partials as they were, with longDate, .Span and len) still works,
// and gives the same bytes as the default theme.
func TestEarlierThemeRendersTheSame(t *testing.T) {
	want := renderFixture(t, "https://example.org/")
	theme := defaultTheme(t)
	theme.Templates = Overlay{Upper: os.DirFS("testdata/theme-before-memo"), Lower: theme.Templates}
	out := &mapOutput{files: map[string][]byte{}}
	if _, err := Render(fixtureSite(t, "https://example.org/"), theme, out); err != nil {
		t.Fatal(err)
	}
	got, pages := out.fs(), 0
	for name, f := range want {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		if g, ok := got[name]; !ok || string(g.Data) != string(f.Data) {
			t.Errorf("%s differs with the earlier theme", name)
		}
	}
	if pages < 8 {
		t.Errorf("only %d pages compared", pages)
	}
}

func TestMemo(t *testing.T) {
	ts, err := parseTemplates(fstest.MapFS{
		"base.html":     {Data: []byte(`{{define "base"}}{{memo "part" .Data}}{{end}}{{define "part"}}<a href="{{.Root}}x">{{.Section}}</a>{{end}}`)},
		"timeline.html": {Data: []byte(`{{define "main"}}{{end}}`)},
		"event.html":    {Data: []byte(`{{define "main"}}{{end}}`)},
		"article.html":  {Data: []byte(`{{define "main"}}{{end}}`)},
		"sources.html":  {Data: []byte(`{{define "main"}}{{end}}`)},
		"report.html":   {Data: []byte(`{{define "main"}}{{end}}`)},
		"404.html":      {Data: []byte(`{{define "main"}}{{end}}`)},
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		data any
		want string // "" for an error
	}{
		"frame":      {pageFrame{Root: "../", Section: "<home>"}, `<a href="../x">&lt;home&gt;</a>`},
		"same again": {pageFrame{Root: "../", Section: "<home>"}, `<a href="../x">&lt;home&gt;</a>`},
		"other root": {pageFrame{Root: "javascript:alert(1)//", Section: "s"}, `<a href="#ZgotmplZx">s</a>`},
		"pointer":    {&pageFrame{Root: "../"}, `<a href="../x"></a>`},
		"struct+slice": {struct {
			Root, Section string
			Tags          []string
		}{Root: "./", Tags: []string{"a"}}, `<a href="./x"></a>`},
		"not a struct": {[]string{"a"}, ""},
		"map":          {map[string]string{"Root": "../"}, ""},
		"func": {struct {
			Root, Section string
			F             func()
		}{}, ""},
		"interface": {struct {
			Root, Section string
			X             any
		}{}, ""},
		"nil": {nil, ""},
	} {
		t.Run(name, func(t *testing.T) {
			got, err := ts.render("404.html", &page{Path: "404.html", Data: tc.data})
			if tc.want == "" {
				if err == nil {
					t.Errorf("memo of %T: no error, want one", tc.data)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("memo = %q, want %q", got, tc.want)
			}
		})
	}
	// A part that memoizes itself is an error, not a crash.
	loop, err := parseTemplates(fstest.MapFS{
		"base.html":     {Data: []byte(`{{define "base"}}{{memo "loop" .Root}}{{end}}{{define "loop"}}{{memo "loop" .}}{{end}}`)},
		"404.html":      {Data: []byte(`{{define "main"}}{{end}}`)},
		"report.html":   {Data: []byte(`{{define "main"}}{{end}}`)},
		"event.html":    {Data: []byte(`{{define "main"}}{{end}}`)},
		"article.html":  {Data: []byte(`{{define "main"}}{{end}}`)},
		"sources.html":  {Data: []byte(`{{define "main"}}{{end}}`)},
		"timeline.html": {Data: []byte(`{{define "main"}}{{end}}`)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := loop.render("404.html", &page{Path: "404.html", Root: "./"}); err == nil || !strings.Contains(err.Error(), "memo") {
		t.Errorf("a part that memoizes itself: error %v, want one about memo", err)
	}
	// Data is told apart by what it holds, not where: the same pointer to changed data is
	// rendered again.
	m := memo(ts["404.html"])
	f := &pageFrame{Root: "a/"}
	for _, root := range []string{"a/", "b/"} {
		f.Root = root
		h, err := m("part", f)
		if want := template.HTML(`<a href="` + root + `x"></a>`); err != nil || h != want {
			t.Errorf("memo with Root %q = %q, %v; want %q", root, h, err, want)
		}
	}
}
