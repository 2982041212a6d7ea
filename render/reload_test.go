package render

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/timeline-news/timeline/corpus"
	"github.com/timeline-news/timeline/events"
)

// fingerprintOutput records the fingerprint of every job and renders every one.
type fingerprintOutput struct {
	*mapOutput
	mu  sync.Mutex
	fps map[string]Fingerprint
}

func newFingerprintOutput() *fingerprintOutput {
	return &fingerprintOutput{mapOutput: &mapOutput{files: map[string][]byte{}}, fps: map[string]Fingerprint{}}
}

func (o *fingerprintOutput) Job(key string, fp Fingerprint) (Output, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.fps[key] = fp
	return o.mapOutput, false
}

// reloadFrom is a Site.Reload that hands out the docs as corpus would read them (with their
// Sum), counting the reads; change, when set, may alter a doc before it is handed out.
type reloadFrom struct {
	mu     sync.Mutex
	byFile map[string]corpus.Doc
	reads  map[string]int
	change func(*corpus.Doc)
}

func newReloadFrom(docs []corpus.Doc) *reloadFrom {
	r := &reloadFrom{byFile: map[string]corpus.Doc{}, reads: map[string]int{}}
	for _, d := range docs {
		d.Sum = sha256.Sum256(d.Article.Raw)
		r.byFile[d.Article.File] = d
	}
	return r
}

func (r *reloadFrom) load(file string) (corpus.Doc, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.reads[file]++
	d, ok := r.byFile[file]
	if !ok {
		return corpus.Doc{}, os.ErrNotExist
	}
	if r.change != nil {
		r.change(&d)
	}
	return d, nil
}

// TestReloadSameSite checks that a site that lets go of its articles' text and reads each
// again for its page gives the same files, with the same fingerprints, as one that keeps them,
// and that it did let go.
func TestReloadSameSite(t *testing.T) {
	theme := defaultTheme(t)
	for _, baseURL := range []string{"", "https://example.org/news/"} {
		t.Run("base "+baseURL, func(t *testing.T) {
			kept := newFingerprintOutput()
			if _, err := Render(fixtureSite(t, baseURL), theme, kept); err != nil {
				t.Fatal(err)
			}
			in := fixtureSite(t, baseURL)
			reload := newReloadFrom(in.Docs)
			in.Reload = reload.load
			s, err := newSite(in)
			if err != nil {
				t.Fatal(err)
			}
			if in.Docs != nil {
				t.Error("Site.Docs kept after the views were made")
			}
			for _, a := range s.articles {
				if a.doc != nil {
					t.Errorf("%s: the view keeps its article's text", a.File)
				}
				if a.notes != nil {
					t.Errorf("%s: the view keeps its article's notes", a.File)
				}
			}

			in = fixtureSite(t, baseURL)
			reload = newReloadFrom(in.Docs)
			in.Reload = reload.load
			reloaded := newFingerprintOutput()
			if _, err := Render(in, theme, reloaded); err != nil {
				t.Fatal(err)
			}
			sameTrees(t, reloaded.files, kept.files)
			if len(reloaded.fps) != len(kept.fps) {
				t.Errorf("%d jobs, want %d", len(reloaded.fps), len(kept.fps))
			}
			for key, fp := range kept.fps {
				if got, ok := reloaded.fps[key]; !ok || got != fp {
					t.Errorf("job %s: fingerprint %x, want %x", key, got, fp)
				}
			}
			for file := range reload.byFile {
				if n := reload.reads[file]; n != 1 {
					t.Errorf("%s read again %d times, want once (for its page)", file, n)
				}
			}
		})
	}
}

// TestReloadChangedArticle checks that an article whose bytes are not those the events came
// from, or that cannot be read again, fails the render, naming it.
func TestReloadChangedArticle(t *testing.T) {
	theme := defaultTheme(t)
	cases := []struct {
		name   string
		change func(*corpus.Doc)
		want   string
	}{
		{"edited", func(d *corpus.Doc) {
			a := *d.Article
			a.Raw = append(bytes.Clone(a.Raw), "\nThe ministry said on Tuesday that talks would resume.\n"...)
			d.Article, d.Sum = &a, sha256.Sum256(a.Raw)
		}, "content/b.txt changed while the site was being built; build again"},
		{"read again the same", func(d *corpus.Doc) {}, ""},
		{"unreadable", nil, "content/b.txt: reading the article again"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := fixtureSite(t, "")
			reload := newReloadFrom(in.Docs)
			in.Reload = func(file string) (corpus.Doc, error) {
				if file != "content/b.txt" {
					return reload.load(file)
				}
				if c.change == nil {
					return corpus.Doc{}, errors.New("permission denied")
				}
				d, err := reload.load(file)
				c.change(&d)
				return d, err
			}
			_, err := Render(in, theme, &mapOutput{files: map[string][]byte{}})
			switch {
			case c.want == "" && err != nil:
				t.Fatalf("render failed: %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Fatalf("error %v, want one saying %q", err, c.want)
			}
		})
	}
}

// TestReloadFromDisk reads real files as Build does (corpus.LoadFile through a cache): the same
// site as one keeping the articles, and an article edited on disk after it was read fails the
// render, naming its file.
func TestReloadFromDisk(t *testing.T) {
	root := newSiteDir(t, "title = \"Reload\"\n")
	theme := defaultTheme(t)
	cfg, err := LoadConfig(filepath.Join(root, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	content := cfg.Path(cfg.Content)
	cache := corpus.MemoryCache()
	site := func(reload bool) *Site {
		docs, problems, err := corpus.Load(context.Background(), []string{content}, corpus.Options{Cache: cache})
		if err != nil {
			t.Fatal(err)
		}
		s := &Site{Config: cfg, Docs: docs, Events: events.Build(docs, events.Options{}), Problems: problems}
		if reload {
			s.Reload = func(file string) (corpus.Doc, error) { return corpus.LoadFile(file, corpus.Options{Cache: cache}) }
		}
		return s
	}
	kept := &mapOutput{files: map[string][]byte{}}
	if _, err := Render(site(false), theme, kept); err != nil {
		t.Fatal(err)
	}
	reloaded := &mapOutput{files: map[string][]byte{}}
	if _, err := Render(site(true), theme, reloaded); err != nil {
		t.Fatal(err)
	}
	sameTrees(t, reloaded.files, kept.files)
	if hits, misses := cache.Stats(); hits != 3 || misses != 3 {
		t.Errorf("%d cache hits and %d misses, want 3 and 3 (the reloads are not counted)", hits, misses)
	}

	edited := site(true)
	file := filepath.Join(content, "b.txt")
	if err := os.WriteFile(file, []byte(articleB+"\nThe ministry said on Tuesday that talks would resume next week.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Render(edited, theme, &mapOutput{files: map[string][]byte{}})
	if want := file + " changed while the site was being built; build again"; err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error %v, want one saying %q", err, want)
	}
}
