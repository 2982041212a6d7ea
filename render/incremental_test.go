package render

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/timeline-news/timeline/events"
)

// incrementalBuild builds the site at root with build state in state, failing the test on error.
func incrementalBuild(t *testing.T, root, state string, edit func(*Config)) *Result {
	t.Helper()
	res, err := build(t, root, edit, BuildOptions{StateDir: state, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// sameTrees fails the test where two sites differ.
func sameTrees(t *testing.T, got, want map[string][]byte) {
	t.Helper()
	for name, b := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("%s missing", name)
		} else if !bytes.Equal(g, b) {
			t.Errorf("%s differs from a full build", name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s left over: a full build does not write it", name)
		}
	}
}

// fullBuildOf builds a copy of the site at root from scratch (fresh state) and returns its files.
func fullBuildOf(t *testing.T, root string, edit func(*Config)) map[string][]byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	res := incrementalBuild(t, root, t.TempDir(), func(c *Config) {
		c.Output = out
		if edit != nil {
			edit(c)
		}
	})
	if res.Kept != 0 {
		t.Fatalf("a first build kept %d jobs", res.Kept)
	}
	return readTree(t, out)
}

func TestIncrementalBuild(t *testing.T) {
	root := newSiteDir(t, `title = "T"`+"\nbase_url = \"https://example.org/\"\n")
	state := t.TempDir()
	out := filepath.Join(root, "public")
	first := incrementalBuild(t, root, state, nil)
	if first.Kept != 0 {
		t.Fatalf("first build kept %d jobs", first.Kept)
	}
	home, err := os.Stat(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}

	t.Run("nothing changed", func(t *testing.T) {
		res := incrementalBuild(t, root, state, nil)
		if res.Files != 0 || res.Kept == 0 {
			t.Errorf("an unchanged site wrote %d files and kept %d jobs; want 0 written", res.Files, res.Kept)
		}
		if res.EventsTime != 0 || res.Events != first.Events || res.Pages != first.Pages {
			t.Errorf("nothing changed, yet the events were made again (%v), or the counts differ (%d events, %d pages; first %d, %d)",
				res.EventsTime, res.Events, res.Pages, first.Events, first.Pages)
		}
		if after, err := os.Stat(filepath.Join(out, "index.html")); err != nil || !os.SameFile(home, after) {
			t.Errorf("the home page was replaced: %v", err)
		}
		sameTrees(t, readTree(t, out), fullBuildOf(t, root, nil))
	})

	t.Run("what is not a page or an article changed", func(t *testing.T) {
		// Each change must defeat the "nothing changed" shortcut.
		static := filepath.Join(root, "mystatic")
		must(t, os.MkdirAll(static, 0o755))
		must(t, os.WriteFile(filepath.Join(static, "style.css"), []byte("body { color: teal }\n"), 0o644))
		withStatic := func(c *Config) { c.Theme.Static = "mystatic" }
		if res := incrementalBuild(t, root, state, withStatic); res.EventsTime == 0 || res.Files == 0 {
			t.Errorf("a new style sheet: events made again %v, %d files rendered; want the site rebuilt", res.EventsTime, res.Files)
		}
		sameTrees(t, readTree(t, out), fullBuildOf(t, root, withStatic))
		res, err := build(t, root, nil, BuildOptions{StateDir: state, Version: "test", Events: events.Options{MergeThreshold: 0.9}})
		if err != nil {
			t.Fatal(err)
		}
		if res.EventsTime == 0 {
			t.Error("a new merge threshold did not make the events again")
		}
		incrementalBuild(t, root, state, nil)
	})

	t.Run("page deleted by hand", func(t *testing.T) {
		must(t, os.Remove(filepath.Join(out, "sources", "index.html")))
		res := incrementalBuild(t, root, state, nil)
		if res.Files != 1 {
			t.Errorf("rendered %d files, want the one deleted", res.Files)
		}
		sameTrees(t, readTree(t, out), fullBuildOf(t, root, nil))
	})

	t.Run("one article changed, one added, one removed", func(t *testing.T) {
		a := filepath.Join(root, "content", "a.md")
		b, err := os.ReadFile(a)
		if err != nil {
			t.Fatal(err)
		}
		must(t, os.WriteFile(a, bytes.Replace(b, []byte("Envoy"), []byte("Special envoy"), 1), 0o644))
		must(t, os.WriteFile(filepath.Join(root, "content", "d.md"), []byte("+++\ntitle = \"New\"\ndate = 2019-03-02\n+++\nTalks resumed on Friday in Doha.\n"), 0o644))
		must(t, os.Remove(filepath.Join(root, "content", "c.txt")))
		res := incrementalBuild(t, root, state, nil)
		if res.Kept == 0 || res.Files == 0 {
			t.Errorf("kept %d jobs and wrote %d files: want some of each", res.Kept, res.Files)
		}
		site := readTree(t, out)
		sameTrees(t, site, fullBuildOf(t, root, nil))
		if _, ok := site["articles/2018/c.html"]; ok {
			t.Error("the removed article's page is still there")
		}
		if entries, _ := os.ReadDir(filepath.Join(out, "articles", "2018")); len(entries) > 0 {
			t.Errorf("articles/2018 should be gone with its last page, holds %d files", len(entries))
		} else if _, err := os.Stat(filepath.Join(out, "articles", "2018")); err == nil {
			t.Error("the emptied folder articles/2018 was left behind")
		}
	})

	t.Run("settings changed", func(t *testing.T) {
		retitle := func(c *Config) { c.Title = "Another title" }
		res := incrementalBuild(t, root, state, retitle)
		if res.Kept != 0 {
			t.Errorf("a new title kept %d jobs: every page shows it", res.Kept)
		}
		sameTrees(t, readTree(t, out), fullBuildOf(t, root, retitle))
	})

	t.Run("program changed", func(t *testing.T) {
		res, err := build(t, root, nil, BuildOptions{StateDir: state, Version: "another program"})
		if err != nil {
			t.Fatal(err)
		}
		if res.Kept != 0 {
			t.Errorf("a new program kept %d jobs", res.Kept)
		}
	})

	t.Run("interrupted build is not trusted", func(t *testing.T) {
		incrementalBuild(t, root, state, nil)
		// As if a build stopped while moving files in: the marker names no manifest.
		must(t, os.WriteFile(filepath.Join(out, markerFile), []byte(markerText), 0o644))
		must(t, os.WriteFile(filepath.Join(out, "index.html"), []byte("half-written"), 0o644))
		res := incrementalBuild(t, root, state, nil)
		if res.Kept != 0 {
			t.Errorf("kept %d jobs from a site whose marker names no manifest", res.Kept)
		}
		sameTrees(t, readTree(t, out), fullBuildOf(t, root, nil))
	})

	t.Run("damaged manifest is not trusted", func(t *testing.T) {
		p := manifestPath(state, out)
		m, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		m[len(m)/2] ^= 0xff
		must(t, os.WriteFile(p, m, 0o644))
		if res := incrementalBuild(t, root, state, nil); res.Kept != 0 {
			t.Errorf("kept %d jobs on the word of a damaged manifest", res.Kept)
		}
	})

	t.Run("failed build leaves the site", func(t *testing.T) {
		before := readTree(t, out)
		must(t, os.WriteFile(filepath.Join(root, "content", "a.md"), []byte("+++\ntitle = \"Changed again\"\n+++\nOn Monday.\n"), 0o644))
		_, err := build(t, root, nil, BuildOptions{StateDir: state, Version: "test", Strict: true})
		if !errors.Is(err, ErrProblems) {
			t.Fatalf("a strict build of an article with an undated expression: %v, want ErrProblems", err)
		}
		sameTrees(t, readTree(t, out), before)
	})

	t.Run("template failing half-way leaves the site", func(t *testing.T) {
		incrementalBuild(t, root, state, nil)
		before := readTree(t, out)
		themeDir := filepath.Join(root, "theme")
		must(t, os.MkdirAll(themeDir, 0o755))
		// Fails on the first event page rendered, after other jobs have written their files.
		must(t, os.WriteFile(filepath.Join(themeDir, "event.html"), []byte(`{{define "main"}}{{index .Data.Sources 99}}{{end}}`), 0o644))
		_, err := build(t, root, func(c *Config) { c.Theme.Templates = "theme" }, BuildOptions{StateDir: state, Version: "test"})
		if err == nil || !strings.Contains(err.Error(), "event.html") {
			t.Fatalf("build with a failing template: %v", err)
		}
		sameTrees(t, readTree(t, out), before)
		if res := incrementalBuild(t, root, state, nil); res.Files != 0 {
			t.Errorf("after the failed build, %d files were rendered again: want the site still trusted", res.Files)
		}
	})

	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".public") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestFingerprints(t *testing.T) {
	fixture := fixtureSite(t, "https://example.org/")
	theme := defaultTheme(t)
	s, err := newSite(fixture)
	if err != nil {
		t.Fatal(err)
	}
	fresh := func() *fingerprinter {
		f, err := newFingerprinter("test", theme, fixture.Config)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	pageOf := func(e *eventView) *page { return s.newPage(e.Href, e.Title, "", e, e.quoted()) }
	fp := func(data ...any) Fingerprint {
		t.Helper()
		d, err := fresh().of("k", data...)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	e := s.events[1]
	before := fp(pageOf(e))
	if fp(pageOf(e)) != before {
		t.Fatal("the same page data gave two fingerprints")
	}
	changes := []struct {
		name   string
		change func() func() // makes a change, returns its undo
		shows  bool          // whether the event page may show it
	}{
		{"its title", func() func() { old := e.Title; e.Title += "!"; return func() { e.Title = old } }, true},
		{"the next event's title", func() func() { old := e.Next.Title; e.Next.Title += "!"; return func() { e.Next.Title = old } }, true},
		{"a source article's author", func() func() {
			a := e.Sources[0].Article
			old := a.Author
			a.Author += "!"
			return func() { a.Author = old }
		}, true},
		{"a source article's text, which only its own page shows", func() func() {
			d := s.byFile[e.Event.Sources[0].File].doc
			old := d.Text
			d.Text += " "
			return func() { d.Text = old }
		}, false},
		{"an event two places away", func() func() {
			other := s.events[3]
			if other == e || other.Href == e.Next.Href || (e.Prev != nil && other.Href == e.Prev.Href) {
				t.Fatal("fixture: pick an event that is not a neighbour")
			}
			old := other.Sentence
			other.Sentence += "!"
			return func() { other.Sentence = old }
		}, false},
	}
	for _, c := range changes {
		t.Run(c.name, func(t *testing.T) {
			undo := c.change()
			defer undo()
			if changed := fp(pageOf(e)) != before; changed != c.shows {
				t.Errorf("fingerprint changed: %v, want %v", changed, c.shows)
			}
		})
	}
	if fp(pageOf(e)) != before {
		t.Error("undoing the changes did not give the first fingerprint back")
	}

	t.Run("article bytes, through an unexported field", func(t *testing.T) {
		a := s.byFile[e.Event.Sources[0].File]
		articlePage := func(s *site) *page {
			a := s.byFile[e.Event.Sources[0].File]
			return s.newPage(a.Href, a.Title, "sources", a, []*articleMeta{&a.articleMeta})
		}
		before := fp(articlePage(s))
		edited := fixtureSite(t, "https://example.org/")
		for i := range edited.Docs {
			if d := edited.Docs[i]; d.Article.File == a.doc.Article.File {
				art := *d.Article
				art.Raw = append([]byte(nil), art.Raw...)
				art.Raw[len(art.Raw)-1] ^= 1
				edited.Docs[i].Article = &art
			}
		}
		s2, err := newSite(edited)
		if err != nil {
			t.Fatal(err)
		}
		if fp(articlePage(s2)) == before {
			t.Error("the article page's fingerprint does not cover the article's bytes")
		}
		if fp(articlePage(s)) != before {
			t.Error("the same article gave two fingerprints")
		}
	})

	t.Run("templates and settings", func(t *testing.T) {
		cfg := fixture.Config
		cfg.Title += "!"
		f, err := newFingerprinter("test", theme, cfg)
		if err != nil {
			t.Fatal(err)
		}
		if f.global == fresh().global {
			t.Error("a new site title left the fingerprints as they were")
		}
		if g, _ := newFingerprinter("other", theme, fixture.Config); g.global == fresh().global {
			t.Error("a new program left the fingerprints as they were")
		}
	})

	t.Run("cycles and funcs are refused", func(t *testing.T) {
		type node struct{ Next *node }
		n := &node{}
		n.Next = n
		if _, err := fresh().of("k", n); !errors.Is(err, errUnhashable) {
			t.Errorf("a cycle: %v, want errUnhashable", err)
		}
		if _, err := fresh().of("k", struct{ F func() }{}); !errors.Is(err, errUnhashable) {
			t.Errorf("a func: %v, want errUnhashable", err)
		}
	})

	t.Run("maps in any order", func(t *testing.T) {
		a := map[string]int{}
		b := map[string]int{}
		keys := []string{"x", "y", "z", "w", "v"}
		for i, k := range keys {
			a[k] = i
		}
		for _, k := range slices.Backward(keys) {
			b[k] = a[k]
		}
		if fp(a) != fp(b) {
			t.Error("equal maps gave different fingerprints")
		}
		b["x"]++
		if fp(a) == fp(b) {
			t.Error("different maps gave one fingerprint")
		}
	})
}

// TestSiteFiles checks that the folder listings a build reads say what Lstat says of each
// file: a regular file is there; a missing one, a folder or a link in its place is not.
func TestSiteFiles(t *testing.T) {
	out := t.TempDir()
	for _, f := range []string{"index.html", "events/2021-08/talks.html", "events/2021-08/other.html"} {
		p := filepath.Join(out, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(out, "sources", "index.html"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("talks.html", filepath.Join(out, "events", "2021-08", "link.html")); err != nil {
		t.Fatal(err)
	}
	live := newSiteFiles(out)
	lstat := func(files []string) bool {
		for _, f := range files {
			if info, err := os.Lstat(filepath.Join(out, filepath.FromSlash(f))); err != nil || !info.Mode().IsRegular() {
				return false
			}
		}
		return true
	}
	for _, c := range []struct {
		name  string
		files []string
		want  bool
	}{
		{"none", nil, true},
		{"at the root", []string{"index.html"}, true},
		{"in a folder", []string{"events/2021-08/talks.html", "events/2021-08/other.html"}, true},
		{"one missing", []string{"events/2021-08/talks.html", "events/2021-08/gone.html"}, false},
		{"missing folder", []string{"years/2021/index.html"}, false},
		{"a folder in its place", []string{"sources/index.html"}, false},
		{"a link in its place", []string{"events/2021-08/link.html"}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := live.has(c.files); got != c.want || got != lstat(c.files) {
				t.Errorf("has(%q) = %v, want %v (as Lstat says)", c.files, got, c.want)
			}
		})
	}
}
