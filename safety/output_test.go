package safety

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/timeline-news/timeline/article"
	"github.com/timeline-news/timeline/render"
)

// smallSite is a site of two good articles, for the tests of the output folder.
func smallSite(t *testing.T) *site {
	t.Helper()
	root := t.TempDir()
	s := &site{root: root, content: filepath.Join(root, "content"), out: filepath.Join(root, "public")}
	must(t, os.MkdirAll(s.content, 0o755))
	for name, text := range map[string]string{
		"a.md": "+++\ntitle = \"A\"\ndate = 2021-08-14\n+++\nThe talks resumed in Kabul on Friday.\n",
		"b.md": "+++\ntitle = \"B\"\ndate = 2021-08-20\n+++\nOn August 16 the envoy arrived in Herat.\n",
	} {
		must(t, os.WriteFile(filepath.Join(s.content, name), []byte(text), 0o644))
	}
	s.cfg = render.DefaultConfig(root)
	return s
}

// snapshot is every file and link under dir with its contents (a link: its target).
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case info.Mode()&os.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			m[rel] = "-> " + target
		case info.IsDir():
			m[rel+"/"] = ""
		default:
			data, _ := os.ReadFile(p)
			m[rel] = string(data)
		}
		return nil
	})
	return m
}

func sameSnapshot(t *testing.T, what string, before, after map[string]string) {
	t.Helper()
	for k, v := range before {
		if w, ok := after[k]; !ok {
			t.Errorf("%s: %s was removed", what, k)
		} else if w != v {
			t.Errorf("%s: %s was changed", what, k)
		}
	}
	for k := range after {
		if _, ok := before[k]; !ok {
			t.Errorf("%s: %s was added", what, k)
		}
	}
}

// TestOutputRefused: an output folder that is the content folder, the site root or a parent
// of either (however it is spelled: relative, with "..", through a link) is refused, and
// nothing is written or removed.
func TestOutputRefused(t *testing.T) {
	s := smallSite(t)
	must(t, os.Symlink(s.content, filepath.Join(s.root, "content-alias")))
	must(t, os.Symlink(s.root, filepath.Join(s.root, "root-alias")))
	elsewhere := t.TempDir()
	must(t, os.Symlink(s.root, filepath.Join(elsewhere, "link-to-root")))
	must(t, os.WriteFile(filepath.Join(s.root, "site.toml"), []byte("title = \"mine\"\n"), 0o644))
	must(t, os.MkdirAll(filepath.Join(s.root, "templates"), 0o755))
	must(t, os.WriteFile(filepath.Join(s.root, "templates", "event.html"), []byte(`{{define "main"}}mine{{end}}`), 0o644))
	cases := []struct {
		name, out string
		anyError  bool // refused with another message (not a folder)
	}{
		{"an existing file", "site.toml", true},
		{"a file in the content folder", "content/a.md", false},
		{"the site's own templates", "templates", false},
		{"content folder", "content", false},
		{"content folder, trailing slash", "content/", false},
		{"content folder, dotted", "./public/../content/.", false},
		{"content folder, absolute", s.content, false},
		{"content folder through a link", "content-alias", false},
		{"site root", ".", false},
		{"site root, empty segment", "content/..", false},
		{"site root, absolute", s.root, false},
		{"site root through a link", "root-alias", false},
		{"site root through a link elsewhere", filepath.Join(elsewhere, "link-to-root"), false},
		{"parent of the root", "..", false},
		{"grandparent of the root", "../..", false},
		{"file system root", "/", false},
		{"inside the content folder", "content/public", false},
		{"inside the content folder through a link", "content-alias/public", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := snapshot(t, s.root)
			cfg := s.cfg
			cfg.Output = c.out
			_, err := render.Build(context.Background(), cfg, render.BuildOptions{Theme: themeFS()})
			if err == nil {
				t.Fatalf("output %q was accepted", c.out)
			}
			if !strings.Contains(err.Error(), "refusing") && !c.anyError {
				t.Errorf("output %q: error %q does not say it refuses the folder", c.out, err)
			}
			sameSnapshot(t, "site root", before, snapshot(t, s.root))
		})
	}
	// A content folder inside the output folder is the same mistake seen from the other side.
	t.Run("content inside output", func(t *testing.T) {
		s := smallSite(t)
		inner := filepath.Join(s.root, "site")
		must(t, os.MkdirAll(inner, 0o755))
		must(t, os.Rename(s.content, filepath.Join(inner, "content")))
		cfg := s.cfg
		cfg.Content = "site/content"
		cfg.Output = "site"
		before := snapshot(t, s.root)
		if _, err := render.Build(context.Background(), cfg, render.BuildOptions{Theme: themeFS()}); err == nil {
			t.Fatal("an output folder holding the content folder was accepted")
		}
		sameSnapshot(t, "site root", before, snapshot(t, s.root))
	})
	// A folder of someone else's files is never replaced.
	t.Run("foreign folder", func(t *testing.T) {
		s := smallSite(t)
		must(t, os.MkdirAll(s.out, 0o755))
		must(t, os.WriteFile(filepath.Join(s.out, "thesis.docx"), []byte("years of work"), 0o644))
		before := snapshot(t, s.root)
		if _, err := render.Build(context.Background(), s.cfg, render.BuildOptions{Theme: themeFS()}); err == nil {
			t.Fatal("a non-empty folder timeline did not write was replaced")
		}
		sameSnapshot(t, "site root", before, snapshot(t, s.root))
	})
}

// TestFailedBuildKeepsPreviousSite: a build that fails, before or while writing, leaves the
// previous site byte for byte and no temporary folder behind.
func TestFailedBuildKeepsPreviousSite(t *testing.T) {
	s := smallSite(t)
	if _, err := render.Build(context.Background(), s.cfg, render.BuildOptions{Theme: themeFS()}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(s.out, "index.html")); err != nil {
		t.Fatal("the first build wrote no index.html")
	}
	before := snapshot(t, s.root)

	failures := []struct {
		name  string
		setup func(t *testing.T) (render.Config, render.BuildOptions, context.Context, func())
	}{
		{"template fails while rendering", func(t *testing.T) (render.Config, render.BuildOptions, context.Context, func()) {
			// event.html parses but fails when run: pages are half written when it stops.
			dir := filepath.Join(s.root, "templates")
			must(t, os.MkdirAll(dir, 0o755))
			must(t, os.WriteFile(filepath.Join(dir, "event.html"), []byte(`{{define "main"}}{{.Data.NoSuchField}}{{end}}`), 0o644))
			return s.cfg, render.BuildOptions{Theme: themeFS()}, context.Background(), func() { os.RemoveAll(dir) }
		}},
		{"template does not parse", func(t *testing.T) (render.Config, render.BuildOptions, context.Context, func()) {
			dir := filepath.Join(s.root, "templates")
			must(t, os.MkdirAll(dir, 0o755))
			must(t, os.WriteFile(filepath.Join(dir, "event.html"), []byte(`{{define "main"}}{{if}}{{end}}`), 0o644))
			return s.cfg, render.BuildOptions{Theme: themeFS()}, context.Background(), func() { os.RemoveAll(dir) }
		}},
		{"strict build with a bad article", func(t *testing.T) (render.Config, render.BuildOptions, context.Context, func()) {
			bad := filepath.Join(s.content, "bad.md")
			must(t, os.WriteFile(bad, []byte("+++\ntitle = \n+++\nbroken\n"), 0o644))
			return s.cfg, render.BuildOptions{Theme: themeFS(), Strict: true}, context.Background(), func() { os.Remove(bad) }
		}},
		{"cancelled", func(t *testing.T) (render.Config, render.BuildOptions, context.Context, func()) {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return s.cfg, render.BuildOptions{Theme: themeFS()}, ctx, func() {}
		}},
		{"content folder missing", func(t *testing.T) (render.Config, render.BuildOptions, context.Context, func()) {
			cfg := s.cfg
			cfg.Content = "no-such-folder"
			return cfg, render.BuildOptions{Theme: themeFS()}, context.Background(), func() {}
		}},
	}
	for _, f := range failures {
		t.Run(f.name, func(t *testing.T) {
			cfg, opts, ctx, cleanup := f.setup(t)
			_, err := render.Build(ctx, cfg, opts)
			cleanup()
			if err == nil {
				t.Fatal("the build did not fail")
			}
			after := snapshot(t, s.root)
			sameSnapshot(t, "after a failed build", before, after)
		})
	}
	// And a good build afterwards still replaces it.
	must(t, os.WriteFile(filepath.Join(s.content, "c.md"), []byte("+++\ntitle = \"C marker\"\ndate = 2021-08-21\n+++\nOn August 19 talks ended.\n"), 0o644))
	if _, err := render.Build(context.Background(), s.cfg, render.BuildOptions{Theme: themeFS()}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(s.out, "index.html"))
	if !bytes.Contains(data, []byte("C marker")) && !bytes.Contains(data, []byte("talks ended")) {
		t.Error("a good build after the failures did not replace the site")
	}
	// A rebuild over the previous site (which reuses its unchanged files) gives exactly what a
	// build into an empty folder gives.
	fresh := s.cfg
	fresh.Output = filepath.Join(t.TempDir(), "fresh")
	if _, err := render.Build(context.Background(), fresh, render.BuildOptions{Theme: themeFS()}); err != nil {
		t.Fatal(err)
	}
	sameSnapshot(t, "rebuild over the previous site vs fresh build", snapshot(t, fresh.Output), snapshot(t, s.out))
}

// TestHostileSettings: site.toml's own strings (a copied or generated config) are escaped
// too, and a site without base_url is as safe as one with it.
func TestHostileSettings(t *testing.T) {
	for _, base := range []string{
		"",
		`https://example.org/x%22%3E%3Cscript%3Ealert(1)%3C/script%3E/`,
		`https://example.org/'onmouseover=alert(1)'/`,
		`https://example.org/a b/<c>/`,
		`https://example.org/a,b;c/`,
	} {
		t.Run("base "+base, func(t *testing.T) {
			s := smallSite(t)
			cfg := s.cfg
			cfg.BaseURL = base
			cfg.Title = siteTitle
			cfg.Description = imgAttr + " ; , \\ " + cdataEnd
			cfg.Language = `en" onmouseover="alert(1)`
			if err := cfg.Check(); err != nil {
				t.Logf("base_url %q refused: %v", base, err) // refusing it is safe too
				return
			}
			if _, err := render.Build(context.Background(), cfg, render.BuildOptions{Theme: themeFS()}); err != nil {
				t.Fatal(err)
			}
			files := readTree(t, s.out)
			checkHTMLPages(t, files, themeScripts(t), basePath(&site{cfg: cfg}))
			for name, data := range files {
				switch {
				case strings.HasSuffix(name, ".json"):
					jsonStrings(t, name, data)
				case strings.HasSuffix(name, ".xml"):
					checkXML(t, name, data)
				case name == "events.ics":
					calendar(t, data)
				}
			}
		})
	}
}

// TestThemeLinksNotFollowed: a site's own static folder (a downloaded site, say) holding links
// to files elsewhere publishes none of them.
func TestThemeLinksNotFollowed(t *testing.T) {
	s := smallSite(t)
	outside := t.TempDir()
	must(t, os.WriteFile(filepath.Join(outside, "secret.css"), []byte(secretMarker), 0o644))
	static := filepath.Join(s.root, "static")
	must(t, os.MkdirAll(static, 0o755))
	must(t, os.Symlink(filepath.Join(outside, "secret.css"), filepath.Join(static, "leak.css")))
	must(t, os.Symlink(filepath.Join(outside, "secret.css"), filepath.Join(static, "reader.css")))
	must(t, os.Symlink(outside, filepath.Join(static, "folder")))
	if _, err := render.Build(context.Background(), s.cfg, render.BuildOptions{Theme: themeFS()}); err != nil {
		t.Fatal(err)
	}
	for name, data := range readTree(t, s.out) {
		if bytes.Contains(data, []byte(secretMarker)) {
			t.Errorf("%s holds a file linked from the site's static folder", name)
		}
	}
}

// TestQuadraticMarkdownReadAsText: a Markdown file shaped to make the parser quadratic ("[a]("
// thousands of times: 160 KB took 11 s to render, 800 KB minutes) is read as plain text by
// extraction, and must be rendered as plain text too, not handed to the Markdown parser.
func TestQuadraticMarkdownReadAsText(t *testing.T) {
	s := smallSite(t)
	body := "On August 6 **bold** talks resumed.\n\n" + strings.Repeat("[a](", article.MaxDelimiters) + "\n"
	must(t, os.WriteFile(filepath.Join(s.content, "slow.md"), []byte("+++\ntitle = \"slow\"\ndate = 2021-08-14\nlicense = \"CC BY\"\n+++\n"+body), 0o644))
	if _, err := render.Build(context.Background(), s.cfg, render.BuildOptions{Theme: themeFS()}); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(s.out, "articles", "2021", "slow.html"))
	must(t, err)
	if bytes.Contains(page, []byte("<strong>")) || !bytes.Contains(page, []byte("**bold**")) {
		t.Error("a file read as plain text by extraction was rendered through the Markdown parser")
	}
}

// TestRunOnSentenceBounded: one run-on "sentence" (a scraped list with no full stop) holding
// hundreds of dates. Each event quotes its sentence: quoted whole, the exports grew with the
// square of the file (95 KB gave 752 MB). Every event's share of the exports stays small.
func TestRunOnSentenceBounded(t *testing.T) {
	s := smallSite(t)
	months := []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November"}
	var b strings.Builder
	for i := range 300 {
		fmt.Fprintf(&b, "the council met in Kabul on %s %d, %d and ", months[i%11], 1+i%28, 1990+i%30)
	}
	body := b.String() + "then left.\n"
	must(t, os.WriteFile(filepath.Join(s.content, "run-on.txt"), []byte("+++\ntitle = \"run-on\"\ndate = 2021-08-14\nlicense = \"CC BY\"\n+++\n"+body), 0o644))
	res, err := render.Build(context.Background(), s.cfg, render.BuildOptions{Theme: themeFS()})
	if err != nil {
		t.Fatal(err)
	}
	if res.Events < 100 {
		t.Fatalf("only %d events from %d dates", res.Events, 300)
	}
	for _, name := range []string{"events.json", "search-index.json", "events.ics", "timelinejs.json"} {
		info, err := os.Stat(filepath.Join(s.out, name))
		must(t, err)
		if per := info.Size() / int64(res.Events); per > 4<<10 {
			t.Errorf("%s: %d bytes per event from a %d-byte article: sentences are copied whole", name, per, len(body))
		}
	}
}
