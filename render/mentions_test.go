package render

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/timeline-news/timeline/bench/synth"
	"github.com/timeline-news/timeline/corpus"
	"github.com/timeline-news/timeline/events"
)

// loadDocs reads the articles under dir as a build does.
func loadDocs(t *testing.T, dir string) []corpus.Doc {
	t.Helper()
	docs, _, err := corpus.Load(context.Background(), []string{dir}, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// TestMentionsPack checks that the mentions of unchanged articles come from the pack, that
// everything else is collected again, and that the events are always those events.Build makes.
func TestMentionsPack(t *testing.T) {
	content, state := t.TempDir(), t.TempDir()
	const n = 40
	if _, err := synth.Generate(content, n, 9); err != nil {
		t.Fatal(err)
	}
	pack := filepath.Join(state, mentionsPackName)
	// collect runs collectMentions on the content as it is and checks its events and hits.
	collect := func(t *testing.T, version string, opts events.Options, wantHits int) {
		t.Helper()
		docs := loadDocs(t, content)
		var log strings.Builder
		mentions, hits := collectMentions(state, version, docs, opts, &log)
		if hits != wantHits {
			t.Errorf("%d articles from the pack, want %d", hits, wantHits)
		}
		if !reflect.DeepEqual(events.Assemble(mentions, opts), events.Build(docs, opts)) {
			t.Error("the events differ from events.Build's")
		}
		if log.Len() > 0 {
			t.Errorf("log: %s", log.String())
		}
		if entries, ok, damaged := readMentionsPack(pack, mentionsPackKey(version, opts)); !ok || damaged || len(entries) != len(docs) {
			t.Errorf("the pack holds %d articles (readable %v), want the %d of the content", len(entries), ok, len(docs))
		}
	}
	article := func(i int) string { return filepath.Join(content, synth.Path(9, i)) }

	collect(t, "v1", events.Options{}, 0)
	t.Run("nothing changed", func(t *testing.T) {
		before, err := os.Stat(pack)
		must(t, err)
		collect(t, "v1", events.Options{}, n)
		if after, err := os.Stat(pack); err != nil || !os.SameFile(before, after) {
			t.Errorf("the pack was written again though nothing changed (%v)", err)
		}
	})
	t.Run("one article changed", func(t *testing.T) {
		b, err := os.ReadFile(article(3))
		must(t, err)
		must(t, os.WriteFile(article(3), append(b, "\nThe ministry said on Tuesday that talks would resume next week.\n"...), 0o644))
		collect(t, "v1", events.Options{}, n-1)
		collect(t, "v1", events.Options{}, n)
	})
	t.Run("one article removed", func(t *testing.T) {
		must(t, os.Remove(article(7)))
		collect(t, "v1", events.Options{}, n-1) // and the pack holds n-1 articles
	})
	t.Run("events options changed", func(t *testing.T) {
		collect(t, "v1", events.Options{TitleLength: 30}, 0)
		collect(t, "v1", events.Options{TitleLength: 30}, n-1)
		collect(t, "v1", events.Options{TitleLength: 30, MergeThreshold: 0.5}, 0)
	})
	t.Run("another program", func(t *testing.T) {
		collect(t, "v2", events.Options{}, 0)
		collect(t, "v2", events.Options{}, n-1)
	})
}

// TestMentionsPackDamaged checks that a damaged, forged or unreadable pack is a miss for the
// articles it cannot vouch for, never a failed build or wrong events, and that an unwritable
// state folder only costs a note on the log.
func TestMentionsPackDamaged(t *testing.T) {
	docs := loadDocs(t, "../content")
	want := events.Build(docs, events.Options{})
	good := func(t *testing.T) []byte { // a pack of docs written by collectMentions
		state := t.TempDir()
		collectMentions(state, "v", docs, events.Options{}, io.Discard)
		b, err := os.ReadFile(filepath.Join(state, mentionsPackName))
		must(t, err)
		return b
	}(t)
	key := mentionsPackKey("v", events.Options{})
	head := len(mentionsPackMagic) + len(key)
	// Each case makes the pack file in state; wantHits < 0 means "fewer than all".
	forgedRecord := append(bytes.Clone(good[:head]), appendPackEntry(nil, docs[0].Article.File, docs[0].Sum, []byte("tlm1\xff"))...)
	flipped := bytes.Clone(good)
	flipped[len(flipped)*2/3] ^= 0x55
	write := func(b []byte) func(state string) error {
		return func(state string) error { return os.WriteFile(filepath.Join(state, mentionsPackName), b, 0o644) }
	}
	cases := []struct {
		name     string
		pack     func(state string) error
		wantHits int    // < 0: fewer than all
		wantLog  string // "" for none
	}{
		{"intact", write(good), len(docs), ""},
		{"missing", func(state string) error { return nil }, 0, ""},
		{"empty", write(nil), 0, ""},
		{"another key", write(append([]byte(mentionsPackMagic), make([]byte, 40)...)), 0, ""},
		{"cut short", write(good[:len(good)-10]), len(docs) - 1, "is damaged after 4 articles"},
		{"byte flipped", write(flipped), -1, "is damaged"},
		{"forged record", write(forgedRecord), 0, ""},
		{"a folder", func(state string) error { return os.Mkdir(filepath.Join(state, mentionsPackName), 0o755) }, 0, "mentions cache not saved"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			state := t.TempDir()
			must(t, c.pack(state))
			var log strings.Builder
			mentions, hits := collectMentions(state, "v", docs, events.Options{}, &log)
			if c.wantHits >= 0 && hits != c.wantHits || c.wantHits < 0 && hits >= len(docs) {
				t.Errorf("%d articles from the pack, want %d", hits, c.wantHits)
			}
			if !reflect.DeepEqual(events.Assemble(mentions, events.Options{}), want) {
				t.Error("the events differ from events.Build's")
			}
			if c.wantLog == "" && log.Len() > 0 || !strings.Contains(log.String(), c.wantLog) {
				t.Errorf("log %q, want %q", log.String(), c.wantLog)
			}
			if c.name == "a folder" {
				return
			}
			if b, err := os.ReadFile(filepath.Join(state, mentionsPackName)); err != nil || !bytes.Equal(b, good) {
				t.Errorf("the pack was not written again whole (%v)", err)
			}
		})
	}
}

// TestBuildWithMentionsPack checks that builds that take mentions from the pack make the site a
// build without state makes, and that the pack follows the events options and the articles.
func TestBuildWithMentionsPack(t *testing.T) {
	root := newSiteDir(t, `title = "T"`+"\nbase_url = \"https://example.org/\"\n")
	state := t.TempDir()
	out := filepath.Join(root, "public")
	withOut := func(c *Config) { c.Output = out }
	// scratch builds the site as it is without state (as --no-cache) and returns its files.
	scratch := func(t *testing.T, opts events.Options) map[string][]byte {
		t.Helper()
		dir := filepath.Join(t.TempDir(), "public")
		if _, err := build(t, root, func(c *Config) { c.Output = dir }, BuildOptions{Events: opts}); err != nil {
			t.Fatal(err)
		}
		return readTree(t, dir)
	}
	steps := []struct {
		name string
		edit func(t *testing.T)
		opts events.Options
	}{
		{"first", nil, events.Options{}},
		{"one article changed", func(t *testing.T) {
			a := filepath.Join(root, "content", "a.md")
			b, err := os.ReadFile(a)
			must(t, err)
			must(t, os.WriteFile(a, append(b, "\nThe ministry said on Tuesday that talks would resume next week.\n"...), 0o644))
		}, events.Options{}},
		// Titles are cut at TitleLength when collected: a pack kept across the change would
		// show the old titles.
		{"shorter titles", nil, events.Options{TitleLength: 24}},
		{"default titles again", nil, events.Options{}},
		// The pack vouches for a.md (its bytes are those) with a record that does not decode:
		// the build reads a.md again, its text having gone, and collects it.
		{"a record that does not decode", func(t *testing.T) {
			pack := filepath.Join(state, mentionsPackName)
			key := mentionsPackKey("test", events.Options{})
			entries, ok, damaged := readMentionsPack(pack, key)
			if !ok || damaged {
				t.Fatalf("pack: ok %v, damaged %v", ok, damaged)
			}
			b := append([]byte(mentionsPackMagic), key[:]...)
			for _, file := range []string{"content/a.md", "content/b.txt", "content/c.txt"} {
				e, found := entries[file]
				if !found {
					t.Fatalf("%s is not in the pack", file)
				}
				if file == "content/a.md" {
					e.record = []byte("tlm1\xff")
				}
				b = appendPackEntry(b, file, e.sum, e.record)
			}
			must(t, os.WriteFile(pack, b, 0o644))
			c := filepath.Join(root, "content", "c.txt") // a change, so that the site is not up to date
			old, err := os.ReadFile(c)
			must(t, err)
			must(t, os.WriteFile(c, append(old, "\nTalks resumed on Monday.\n"...), 0o644))
		}, events.Options{}},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			if s.edit != nil {
				s.edit(t)
			}
			if _, err := build(t, root, withOut, BuildOptions{StateDir: state, Version: "test", Events: s.opts}); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(filepath.Join(state, mentionsPackName)); err != nil {
				t.Errorf("no pack: %v", err)
			}
			got, want := readTree(t, out), scratch(t, s.opts)
			delete(got, markerFile) // names the manifest of a build with state
			delete(want, markerFile)
			sameTrees(t, got, want)
		})
	}
	t.Run("no state, no pack", func(t *testing.T) {
		must(t, os.Remove(filepath.Join(state, mentionsPackName)))
		scratch(t, events.Options{})
		// An empty StateDir joined to the pack's name is the current folder.
		for _, dir := range []string{".", root, state} {
			filepathWalk(t, dir, func(p string) {
				if filepath.Base(p) == mentionsPackName {
					t.Errorf("%s written by a build without state", p)
				}
			})
		}
	})
}

// filepathWalk calls fn with every file under dir.
func filepathWalk(t *testing.T, dir string, fn func(string)) {
	t.Helper()
	must(t, filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			fn(p)
		}
		return err
	}))
}

// collectMentions returns the mentions of every doc (each holding its text) through the pack
// in stateDir, as a build takes them (readArticles, then finish), and how many came from the pack.
func collectMentions(stateDir, version string, docs []corpus.Doc, opts events.Options, log io.Writer) (mentions []events.DocMentions, hits int) {
	c := openMentionsCache(stateDir, version, opts, log)
	taken := make([]articleMentions, len(docs))
	forEach(len(docs), func(i int) { taken[i] = c.take(&docs[i]) })
	mentions, hits, _ = c.finish(taken, docs, func(i int) (corpus.Doc, error) { return docs[i], nil }, log)
	return mentions, hits
}
