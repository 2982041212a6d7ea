package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	timeline "github.com/timeline-news/timeline"
	"github.com/timeline-news/timeline/corpus"
	"github.com/timeline-news/timeline/events"
)

// newSiteDir writes a site folder: site.toml and the fixture articles in content/.
func newSiteDir(t *testing.T, toml string) string {
	t.Helper()
	root := t.TempDir()
	files := map[string]string{
		"site.toml":     toml,
		"content/a.md":  articleA,
		"content/b.txt": articleB,
		"content/c.txt": articleC,
	}
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func build(t *testing.T, root string, edit func(*Config), opts BuildOptions) (*Result, error) {
	t.Helper()
	cfg, err := LoadConfig(filepath.Join(root, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(&cfg)
	}
	opts.Theme = timeline.Theme
	return Build(context.Background(), cfg, opts)
}

// readTree maps every file under dir to its bytes.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestBuildRebuildIsIdentical(t *testing.T) {
	root := newSiteDir(t, `title = "T"`+"\nbase_url = \"https://example.org/\"\n")
	if _, err := build(t, root, nil, BuildOptions{}); err != nil {
		t.Fatal(err)
	}
	first := readTree(t, filepath.Join(root, "public"))
	homeBefore, err := os.Stat(filepath.Join(root, "public", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if len(first) < 10 {
		t.Fatalf("only %d files written", len(first))
	}
	if _, err := build(t, root, nil, BuildOptions{}); err != nil {
		t.Fatal(err)
	}
	second := readTree(t, filepath.Join(root, "public"))
	// Unchanged files are the previous build's, linked rather than written again.
	if after, err := os.Stat(filepath.Join(root, "public", "index.html")); err != nil {
		t.Fatal(err)
	} else if !os.SameFile(homeBefore, after) {
		t.Error("an unchanged page was written again instead of linked from the previous build")
	}
	if len(first) != len(second) {
		t.Fatalf("%d files, then %d", len(first), len(second))
	}
	for name, b := range first {
		if !bytes.Equal(b, second[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
	// Nothing is left beside the output: no temporary or old folders.
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".public") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

func TestBuildRefusesOutput(t *testing.T) {
	root := newSiteDir(t, `title = "T"`)
	foreign := filepath.Join(t.TempDir(), "mine")
	os.MkdirAll(foreign, 0o755)
	os.WriteFile(filepath.Join(foreign, "thesis.txt"), []byte("precious"), 0o644)
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(filepath.Join(root, "content"), link); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, out, want string }{
		{"content folder", filepath.Join(root, "content"), "is the content folder"},
		{"site root", root, "is the site root"},
		{"parent of the site", filepath.Dir(root), "holds the content folder"},
		{"filesystem root", "/", "holds the content folder"},
		{"symlink to the content", link, "is the content folder"},
		{"a folder timeline did not write", foreign, "not written by timeline"},
		{"inside the content", filepath.Join(root, "content", "public"), "inside the content folder"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := build(t, root, func(c *Config) { c.Output = tc.out }, BuildOptions{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one saying %q", err, tc.want)
			}
		})
	}
	if b, err := os.ReadFile(filepath.Join(foreign, "thesis.txt")); err != nil || string(b) != "precious" {
		t.Error("a refused folder was touched")
	}
	if _, err := os.Stat(filepath.Join(root, "content", "a.md")); err != nil {
		t.Error("the content was touched")
	}
}

func TestFailedBuildKeepsPreviousSite(t *testing.T) {
	root := newSiteDir(t, `title = "T"`)
	if _, err := build(t, root, nil, BuildOptions{}); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, filepath.Join(root, "public"))
	// A site template that fails while rendering (not while parsing): the build stops half way.
	os.MkdirAll(filepath.Join(root, "templates"), 0o755)
	os.WriteFile(filepath.Join(root, "templates", "event.html"), []byte(`{{define "main"}}{{.Data.NoSuchField}}{{end}}`), 0o644)
	_, err := build(t, root, nil, BuildOptions{})
	if err == nil || !strings.Contains(err.Error(), "NoSuchField") {
		t.Fatalf("err = %v, want the template error", err)
	}
	after := readTree(t, filepath.Join(root, "public"))
	if len(before) != len(after) {
		t.Fatalf("the failed build changed the site: %d files, then %d", len(before), len(after))
	}
	for name, b := range before {
		if !bytes.Equal(b, after[name]) {
			t.Errorf("the failed build changed %s", name)
		}
	}
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".public") {
			t.Errorf("the failed build left %s behind", e.Name())
		}
	}
}

func TestStrict(t *testing.T) {
	root := newSiteDir(t, `title = "T"`)
	os.WriteFile(filepath.Join(root, "content", "broken.md"), []byte("+++\ntitle = \"never closed\"\n"), 0o644)

	res, err := build(t, root, nil, BuildOptions{Strict: true})
	if !errors.Is(err, ErrProblems) || res == nil || len(res.Problems) == 0 {
		t.Fatalf("strict build: err = %v, want ErrProblems with the problems", err)
	}
	if _, err := os.Stat(filepath.Join(root, "public")); !errors.Is(err, fs.ErrNotExist) {
		t.Error("a failed strict build wrote the site")
	}

	res, err = build(t, root, nil, BuildOptions{})
	if err != nil {
		t.Fatalf("default build: %v", err)
	}
	if res.Articles != 3 {
		t.Errorf("%d articles built, want the 3 good ones", res.Articles)
	}
	report, _ := os.ReadFile(filepath.Join(root, "public", "report.json"))
	page, _ := os.ReadFile(filepath.Join(root, "public", "report", "index.html"))
	for name, b := range map[string][]byte{"report.json": report, "report/index.html": page} {
		if !bytes.Contains(b, []byte("broken.md")) {
			t.Errorf("%s does not list the broken article", name)
		}
	}
}

func TestConfig(t *testing.T) {
	for _, tc := range []struct{ name, toml, want string }{
		{"unknown key", "title = \"x\"\n\ntitel = \"y\"\n", `site.toml:3: unknown setting "titel"`},
		{"unknown key in a table", "[theme]\ntemplates = \"t\"\nstatics = \"s\"\n", `site.toml:3: unknown setting "theme.statics"`},
		{"unknown table", "title = \"x\"\n[thme]\ntemplates = \"t\"\n", `site.toml:2: unknown setting "thme"`},
		{"dotted key", "theme.colour = \"red\"\n", `site.toml:1: unknown setting "theme.colour"`},
		{"syntax error", "title = \n", "site.toml:1:"},
		{"wrong type", "exports = \"events.json\"\n", "site.toml"},
		{"bad base_url", "base_url = \"example.org\"\n", "must be an absolute http(s) URL"},
		{"bad time zone", "timezone = \"Mars/Olympus\"\n", "not a known time zone"},
		{"unknown export", "exports = [\"events.csv\"]\n", `unknown export "events.csv"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseConfig("site.toml", []byte(tc.toml))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
	cfg, err := ParseConfig("site/site.toml", []byte("base_url = \"https://user.github.io/repo\"\n[theme]\nstatic = \"assets\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.BaseURL != "https://user.github.io/repo/" || cfg.Theme.Static != "assets" || cfg.Theme.Templates != "templates" ||
		cfg.Path(cfg.Content) != filepath.Join("site", "content") || len(cfg.Exports) != len(Exports) {
		t.Errorf("config = %+v", cfg)
	}
}

func TestDemoSiteConfig(t *testing.T) {
	cfg, err := LoadConfig(filepath.Join("..", "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(cfg.Path(cfg.Content)); err != nil {
		t.Errorf("the demo's content folder: %v", err)
	}
}

// TestDemoSiteLinks builds the repository's demo site (site.toml and content/) with the real
// extractor under a GitHub Pages sub-path and checks every link of it.
func TestDemoSiteLinks(t *testing.T) {
	cfg, err := LoadConfig(filepath.Join("..", "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Output = filepath.Join(t.TempDir(), "public")
	cfg.BaseURL = "https://user.github.io/repo/"
	res, err := Build(context.Background(), cfg, BuildOptions{Theme: timeline.Theme})
	if err != nil {
		t.Fatal(err)
	}
	if res.Articles != 5 || res.Events == 0 {
		t.Fatalf("demo: %d articles, %d events", res.Articles, res.Events)
	}
	site := fstest.MapFS{}
	for name, b := range readTree(t, cfg.Output) {
		site[name] = &fstest.MapFile{Data: b}
	}
	checkLinks(t, site, cfg.BaseURL)
	// The article without a licence (003) shows an excerpt only.
	for name, f := range site {
		if strings.HasPrefix(name, "articles/003") && bytes.Contains(f.Data, []byte("reestablish their version of strict Islamic law")) {
			t.Errorf("%s shows the full text of an article with no licence", name)
		}
	}
}

func TestBuildEmptySite(t *testing.T) {
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "site.toml"), []byte("title = \"Empty\"\n"), 0o644)
	os.Mkdir(filepath.Join(root, "content"), 0o755)
	res, err := build(t, root, nil, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	home, _ := os.ReadFile(filepath.Join(root, "public", "index.html"))
	if res.Articles != 0 || !bytes.Contains(home, []byte("No dated events yet")) {
		t.Errorf("empty site: %d articles; home says %q", res.Articles, home)
	}
	os.RemoveAll(filepath.Join(root, "content"))
	if _, err := build(t, root, nil, BuildOptions{}); err == nil || !strings.Contains(err.Error(), "content folder") {
		t.Errorf("a missing content folder: err = %v", err)
	}
}

// TestBuildFromAnotherFolder builds a site, then again with its site.toml named from other
// folders (`cd site && timeline build`, `timeline build --config site/site.toml`, ...): the
// site is the same, and so is everything a build keeps, so nothing is rendered again. After an
// edit, a build with another spelling renders what one with the same spelling renders.
func TestBuildFromAnotherFolder(t *testing.T) {
	toml := `title = "T"` + "\nbase_url = \"https://example.org/\"\n"
	// The site built with its config spelled in turn as each below, and a control site built
	// with it spelled as the first always.
	root, control := newSiteDir(t, toml), newSiteDir(t, toml)
	parent, name := filepath.Dir(root), filepath.Base(root)
	spellings := []struct {
		name, dir, config string // dir "": the current folder as it is
	}{
		{"absolute", "", filepath.Join(root, "site.toml")},
		{"from the site", root, "site.toml"},
		{"from its parent", parent, filepath.Join(name, "site.toml")},
		{"unclean", parent, "./" + name + "/../" + name + "//site.toml"},
	}
	problem := "+++\ntitle = \"Bytes\"\ndate = 2021-08-10\n+++\nA bad byte \xff on Monday.\n"
	for _, site := range []string{root, control} {
		must(t, os.WriteFile(filepath.Join(site, "content", "d.txt"), []byte(problem), 0o644))
	}
	buildAs := func(t *testing.T, dir, config, state string) *Result {
		t.Helper()
		if dir != "" {
			t.Chdir(dir) // until t ends
		}
		cfg, err := LoadConfig(config)
		if err != nil {
			t.Fatal(err)
		}
		cache, err := corpus.OpenCache(filepath.Join(cfg.Root, ".timeline-cache"), "x-0000000000000000")
		if err != nil {
			t.Fatal(err)
		}
		res, err := Build(context.Background(), cfg, BuildOptions{Theme: timeline.Theme, Cache: cache, StateDir: state, Version: "test"})
		if err != nil {
			t.Fatal(err)
		}
		if err := cache.Prune(); err != nil {
			t.Fatal(err)
		}
		if len(res.Problems) == 0 {
			t.Fatal("no problem found with d.txt")
		}
		for _, p := range res.Problems {
			// Problems are shown by their path from the current folder.
			if _, err := os.Stat(p.File); err != nil {
				t.Errorf("problem %v: %v", p, err)
			}
		}
		return res
	}
	state, controlState := filepath.Join(root, ".timeline-cache", "sites"), t.TempDir()
	first := buildAs(t, spellings[0].dir, spellings[0].config, state)
	buildAs(t, "", filepath.Join(control, "site.toml"), controlState)
	if first.Files == 0 || first.Kept != 0 {
		t.Fatalf("first build wrote %d files and kept %d jobs", first.Files, first.Kept)
	}
	out := filepath.Join(root, "public")
	built := readTree(t, out)
	sameTrees(t, readTree(t, filepath.Join(control, "public")), built)

	for i, s := range spellings[1:] {
		t.Run(s.name, func(t *testing.T) {
			res := buildAs(t, s.dir, s.config, state)
			if res.Files != 0 || res.Kept == 0 {
				t.Errorf("nothing changed, yet %d files were rendered (%d kept)", res.Files, res.Kept)
			}
			sameTrees(t, readTree(t, out), built)

			// An edit, built with this spelling here and with the first in the control site.
			line := fmt.Sprintf("Officials met again on Friday, %d.\n", i)
			for _, site := range []string{root, control} {
				f, err := os.OpenFile(filepath.Join(site, "content", "b.txt"), os.O_APPEND|os.O_WRONLY, 0)
				must(t, err)
				_, err = f.WriteString(line)
				must(t, err)
				must(t, f.Close())
			}
			want := buildAs(t, "", filepath.Join(control, "site.toml"), controlState)
			got := buildAs(t, s.dir, s.config, state)
			if got.Files != want.Files || got.Kept != want.Kept || got.Files == 0 {
				t.Errorf("after an edit, %d files rendered and %d jobs kept; with the same spelling %d and %d",
					got.Files, got.Kept, want.Files, want.Kept)
			}
			built = readTree(t, out)
			sameTrees(t, built, readTree(t, filepath.Join(control, "public")))
		})
	}

	// The mentions pack names the articles from the site root, whatever the spelling.
	entries, ok, damaged := readMentionsPack(filepath.Join(state, mentionsPackName), mentionsPackKey("test", events.Options{}))
	if !ok || damaged {
		t.Fatalf("mentions pack: ok %v, damaged %v", ok, damaged)
	}
	var names []string
	for file := range entries {
		names = append(names, filepath.ToSlash(file))
	}
	slices.Sort(names)
	if want := []string{"content/a.md", "content/b.txt", "content/c.txt", "content/d.txt"}; !slices.Equal(names, want) {
		t.Errorf("mentions pack holds %q, want %q", names, want)
	}
}
