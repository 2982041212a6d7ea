package corpus

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/timeline-news/timeline/article"
	"github.com/timeline-news/timeline/extract"
)

// writeCorpus writes n small articles to a new folder and returns it.
func writeCorpus(t testing.TB, n int) string {
	dir := t.TempDir()
	for i := 0; i < n; i++ {
		text := fmt.Sprintf("+++\ntitle = \"Article %d\"\ndate = 2021-08-%02d\n+++\nTalks resumed on Friday, article %d.\n", i, 1+i%28, i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%04d.md", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// fakeExtract finds "Friday" and records the call, so tests see when extraction runs.
func fakeExtract(calls *atomic.Int64) func(string, extract.Date) []extract.Timex {
	return func(text string, pub extract.Date) []extract.Timex {
		calls.Add(1)
		i := strings.Index(text, "Friday")
		if i < 0 {
			return nil
		}
		return []extract.Timex{{Span: extract.Span{Start: i, End: i + 6}, Text: "Friday", Type: extract.TypeDate,
			Value: pub.AddDays(-1).String(), Mod: "START", Resolved: true, From: pub.AddDays(-1), To: pub.AddDays(-1),
			Sentence: extract.Span{Start: max(i-14, 0), End: min(i+20, len(text))}, Eventive: true}}
	}
}

func TestWalkOrderAndContent(t *testing.T) {
	dir := writeCorpus(t, 60)
	var calls atomic.Int64
	var files []string
	problems, err := Walk(context.Background(), []string{dir}, Options{Workers: 4, extract: fakeExtract(&calls)}, func(d Doc) error {
		if len(files)%7 == 0 {
			time.Sleep(time.Millisecond) // let the workers run ahead and finish out of order
		}
		files = append(files, filepath.Base(d.Article.File))
		if len(d.Timexes) != 1 || d.Text[d.Timexes[0].Start:d.Timexes[0].End] != "Friday" {
			t.Errorf("%s: timexes %v do not point at Friday", d.Article.File, d.Timexes)
		}
		return nil
	})
	if err != nil || len(problems) != 0 {
		t.Fatalf("Walk: %v, %v", err, problems)
	}
	for i, f := range files {
		if want := fmt.Sprintf("a%04d.md", i); f != want {
			t.Fatalf("doc %d is %s, want %s: not in file order", i, f, want)
		}
	}
	if len(files) != 60 || calls.Load() != 60 {
		t.Errorf("%d docs, %d extractions; want 60", len(files), calls.Load())
	}
}

// TestWalkBounded checks that the workers stop a few files ahead of a slow callback instead of
// reading the whole archive into memory.
func TestWalkBounded(t *testing.T) {
	dir := writeCorpus(t, 200)
	const workers = 2
	var calls atomic.Int64
	var ahead int64
	first := true
	_, err := Walk(context.Background(), []string{dir}, Options{Workers: workers, extract: fakeExtract(&calls)}, func(d Doc) error {
		if first {
			first = false
			time.Sleep(100 * time.Millisecond) // ample time for unbounded workers to read everything
			ahead = calls.Load()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if max := int64(4*workers + 2); ahead > max {
		t.Errorf("%d files extracted while the first was still in the callback; want at most %d", ahead, max)
	}
	if ahead < 2 {
		t.Errorf("only %d files extracted ahead: the workers do not run ahead at all", ahead)
	}
}

// TestWalkStops checks that an error from the callback stops the walk, is returned, and leaves no
// goroutine behind; and that a cancelled context does the same.
func TestWalkStops(t *testing.T) {
	dir := writeCorpus(t, 100)
	before := runtime.NumGoroutine()
	stop := errors.New("stop here")
	n := 0
	_, err := Walk(context.Background(), []string{dir}, Options{Workers: 3}, func(d Doc) error {
		n++
		if n == 5 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 5 {
		t.Errorf("Walk returned %v after %d docs; want %v after 5", err, n, stop)
	}
	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	_, err = Walk(ctx, []string{dir}, Options{Workers: 3}, func(d Doc) error {
		if n++; n == 3 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || n != 3 {
		t.Errorf("Walk returned %v after %d docs; want context.Canceled after 3", err, n)
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if g := runtime.NumGoroutine(); g > before {
		t.Errorf("%d goroutines left running after the walks (%d before)", g, before)
	}
}

func TestWalkMissingPath(t *testing.T) {
	_, err := Walk(context.Background(), []string{"no/such/folder"}, Options{}, func(Doc) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "no/such/folder") {
		t.Errorf("err = %v, want one naming the path", err)
	}
}

// TestCache checks the extraction cache: a second run extracts nothing, an edited article only
// itself, results are the same as without the cache, Prune drops stale entries, a damaged entry
// is a miss, and opening another version removes this one's entries but nothing else.
func TestCache(t *testing.T) {
	content := writeCorpus(t, 30)
	cacheDir := t.TempDir()
	var calls atomic.Int64
	walk := func(version string) ([]Doc, *Cache) {
		t.Helper()
		c, err := OpenCache(cacheDir, version)
		if err != nil {
			t.Fatal(err)
		}
		docs, problems, err := Load(context.Background(), []string{content}, Options{Cache: c, extract: fakeExtract(&calls)})
		if err != nil || len(problems) > 0 {
			t.Fatalf("Load: %v %v", err, problems)
		}
		if err := c.Flush(); err != nil {
			t.Fatal(err)
		}
		return docs, c
	}
	const v1 = "x-0123456789abcdef"
	cold, c := walk(v1)
	if hits, misses := c.Stats(); hits != 0 || misses != 30 || calls.Load() != 30 {
		t.Errorf("cold run: %d hits, %d misses, %d extractions; want 0, 30, 30", hits, misses, calls.Load())
	}
	calls.Store(0)
	warm, c := walk(v1)
	if hits, _ := c.Stats(); hits != 30 || calls.Load() != 0 {
		t.Errorf("warm run: %d hits, %d extractions; want 30, 0", hits, calls.Load())
	}
	for i := range cold {
		if cold[i].Sum != sha256.Sum256(cold[i].Article.Raw) || warm[i].Sum != cold[i].Sum {
			t.Errorf("%s: Sum is not the SHA-256 of the article's bytes", cold[i].Article.File)
		}
		if !reflect.DeepEqual(cold[i].Timexes, warm[i].Timexes) {
			t.Fatalf("%s: cached %+v, extracted %+v", cold[i].Article.File, warm[i].Timexes, cold[i].Timexes)
		}
	}

	// Edit one article: it alone is extracted again; Prune then drops its old entry.
	edited := filepath.Join(content, "a0007.md")
	os.WriteFile(edited, []byte("+++\ntitle = \"Edited\"\ndate = 2021-09-01\n+++\nIt ended on Friday.\n"), 0o644)
	calls.Store(0)
	_, c = walk(v1)
	if hits, misses := c.Stats(); hits != 29 || misses != 1 || calls.Load() != 1 {
		t.Errorf("after an edit: %d hits, %d misses, %d extractions; want 29, 1, 1", hits, misses, calls.Load())
	}
	if n := countEntries(t, c.dir); n != 31 {
		t.Errorf("%d entries after Flush, want 31 (the edited article's old one kept)", n)
	}
	if err := c.Prune(); err != nil {
		t.Fatal(err)
	}
	if n := countEntries(t, c.dir); n != 30 {
		t.Errorf("%d entries after Prune, want 30", n)
	}

	// A damaged entry is a miss, and is repaired; the entries after it in the pack still hit.
	pack := filepath.Join(c.dir, packName)
	data, err := os.ReadFile(pack)
	if err != nil {
		t.Fatal(err)
	}
	data[len(packMagic)+len(cacheKey{})+20] ^= 0xff // inside the first entry: its checksum fails
	os.WriteFile(pack, data, 0o644)
	calls.Store(0)
	_, c = walk(v1)
	if hits, misses := c.Stats(); hits != 29 || misses != 1 {
		t.Errorf("with a damaged entry: %d hits, %d misses; want 29, 1", hits, misses)
	}
	if err := c.Prune(); err != nil {
		t.Fatal(err)
	}
	calls.Store(0)
	_, c = walk(v1)
	if hits, _ := c.Stats(); hits != 30 || calls.Load() != 0 {
		t.Errorf("after the damaged entry was repaired: %d hits, %d extractions; want 30, 0", hits, calls.Load())
	}

	// A pack cut short keeps the entries before the cut.
	data, _ = os.ReadFile(pack)
	os.WriteFile(pack, data[:len(data)/2], 0o644)
	_, c = walk(v1)
	if hits, misses := c.Stats(); hits == 0 || misses == 0 || hits+misses != 30 {
		t.Errorf("with a pack cut in half: %d hits, %d misses; want some of each", hits, misses)
	}
	c.Prune()

	// A well-formed entry whose spans do not fit the article (forged: the cache travels with a
	// shared site) is extracted afresh, never passed on.
	for i, bad := range []extract.Span{{Start: -7, End: 3}, {Start: 3, End: 1 << 40}, {Start: 9, End: 2}} {
		a, key := articleAndKey(t, c, filepath.Join(content, "a0000.md"))
		c.put(key, a.Text(), entry{Kept: a.Kept(), Timexes: []extract.Timex{{Span: bad, Sentence: extract.Span{Start: 0, End: 1}}}})
		if err := c.Flush(); err != nil {
			t.Fatal(err)
		}
		calls.Store(0)
		var docs []Doc
		docs, c = walk(v1)
		if calls.Load() != 1 || !spansFit(docs[0].Timexes, len(docs[0].Text)) || docs[0].Timexes[0].Span == bad {
			t.Errorf("forged entry %d (%+v): %d extractions, timexes %+v", i, bad, calls.Load(), docs[0].Timexes)
		}
	}

	// Another extractor version: nothing is reused, the old version's folder goes, a user's
	// folder stays.
	os.Mkdir(filepath.Join(cacheDir, "keep-me"), 0o755)
	calls.Store(0)
	_, c = walk("x-fedcba9876543210")
	if hits, _ := c.Stats(); hits != 0 || calls.Load() != 30 {
		t.Errorf("new version: %d hits, %d extractions; want 0, 30", hits, calls.Load())
	}
	if _, err := os.Stat(filepath.Join(cacheDir, v1)); !os.IsNotExist(err) {
		t.Errorf("the old version's entries are still there (%v)", err)
	}
	if _, err := os.Stat(filepath.Join(cacheDir, "keep-me")); err != nil {
		t.Errorf("a folder the cache did not make was removed: %v", err)
	}
	for _, bad := range []string{"", "../x", ".hidden", "a/b"} {
		if _, err := OpenCache(cacheDir, bad); err == nil {
			t.Errorf("OpenCache accepted version %q", bad)
		}
	}
}

// articleAndKey loads the article in file and returns it with its cache key.
func articleAndKey(t *testing.T, c *Cache, file string) (*article.Article, cacheKey) {
	a, err := article.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	return a, c.key(a, sha256.Sum256(a.Raw))
}

func countEntries(t *testing.T, dir string) int {
	data, err := os.ReadFile(filepath.Join(dir, packName))
	if err != nil {
		t.Fatal(err)
	}
	return len(readPack(data))
}

func TestExtractorVersion(t *testing.T) {
	v := ExtractorVersion()
	if !isVersionName(v) || v != ExtractorVersion() {
		t.Errorf("ExtractorVersion() = %q: not a stable version name", v)
	}
}

// TestCacheRemoveStale: the temporary files of the pack a killed run left are removed once
// they are old; a recent one, maybe another run's under way, stays.
func TestCacheRemoveStale(t *testing.T) {
	c, err := OpenCache(t.TempDir(), "x-0123456789abcdef")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)
	old, recent := filepath.Join(c.dir, "."+packName+".tmp-1"), filepath.Join(c.dir, "."+packName+".tmp-2")
	for p, age := range map[string]time.Duration{old: 2 * time.Hour, recent: time.Minute} {
		os.WriteFile(p, []byte("half a pack"), 0o644)
		os.Chtimes(p, now.Add(-age), now.Add(-age))
	}
	c.RemoveStale(now)
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Error("the old temporary file is still there")
	}
	if _, err := os.Stat(recent); err != nil {
		t.Errorf("the recent temporary file was removed: %v", err)
	}
}

// TestWalkDir reads the same articles through Options.Dir and through paths spelled with the
// folder: the Docs and problems are the same but for the names, which are the paths given.
func TestWalkDir(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"content/a.md":        "+++\ntitle = \"A\"\ndate = 2021-08-06\n+++\nTalks resumed on Friday.\n",
		"content/sub/b.txt":   "Bad bytes \xff here on Friday.\n",
		"content/sub/c.md":    "+++\ntitle = \n+++\nBroken front matter.\n",
		"content/.hidden.md":  "Not read.\n",
		"content/sub/d.md":    "+++\ntitle = \"D\"\ndate = 2021-08-07\n+++\nNothing dated.\n",
		"elsewhere/e.md":      "Another folder, on Friday.\n",
		"content/sub/notes.x": "Not an article.\n",
	}
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	walk := func(paths []string, dir string) ([]Doc, []Problem) {
		t.Helper()
		var calls atomic.Int64
		docs, problems, err := Load(context.Background(), paths, Options{Dir: dir, extract: fakeExtract(&calls)})
		if err != nil {
			t.Fatal(err)
		}
		return docs, problems
	}
	abs := filepath.Join(root, "elsewhere", "e.md")
	// What each file gives read by its path, by that path.
	spelledDocs, spelledProblems := walk([]string{filepath.Join(root, "content"), abs}, "")
	spelled, problemsOf := map[string]Doc{}, map[string][]Problem{}
	for _, d := range spelledDocs {
		spelled[d.Article.File] = d
	}
	for _, p := range spelledProblems {
		problemsOf[p.File] = append(problemsOf[p.File], p)
	}
	tests := []struct {
		name  string
		paths []string
		dir   string
		want  []string // the names of the docs
	}{
		// In the order of their names, whatever folder they are read from.
		{"relative", []string{"content", abs}, root, []string{abs, "content/a.md", "content/sub/b.txt", "content/sub/d.md"}},
		{"unclean", []string{"./content/", abs}, root, []string{abs, "content/a.md", "content/sub/b.txt", "content/sub/d.md"}},
		{"root", []string{"."}, filepath.Join(root, "content"), []string{"a.md", "sub/b.txt", "sub/d.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, problems := walk(tt.paths, tt.dir)
			var names []string
			for _, d := range docs {
				names = append(names, filepath.ToSlash(d.Article.File))
			}
			if !reflect.DeepEqual(names, tt.want) {
				t.Fatalf("names %q, want %q", names, tt.want)
			}
			for _, d := range docs {
				want, ok := spelled[readPath(tt.dir, d.Article.File)]
				if !ok {
					t.Fatalf("%s: not read by its path", d.Article.File)
				}
				got := *d.Article
				got.File = want.Article.File
				var warnings []*article.Error
				for _, w := range got.Warnings {
					if w.File != d.Article.File {
						t.Errorf("%s: a warning names %s", d.Article.File, w.File)
					}
					c := *w
					c.File = want.Article.File
					warnings = append(warnings, &c)
				}
				got.Warnings = warnings
				if !reflect.DeepEqual(&got, want.Article) || d.Text != want.Text || d.Sum != want.Sum || !reflect.DeepEqual(d.Timexes, want.Timexes) {
					t.Errorf("%s read from %s differs from %s", d.Article.File, tt.dir, want.Article.File)
				}
				again, err := LoadFile(d.Article.File, Options{Dir: tt.dir})
				if err != nil || again.Article.File != d.Article.File || again.Sum != d.Sum {
					t.Errorf("LoadFile(%s) = %v, %v", d.Article.File, again.Article, err)
				}
			}
			if len(problems) == 0 {
				t.Fatal("no problems")
			}
			seen := map[string]int{}
			for _, p := range problems {
				if filepath.IsAbs(p.File) && p.File != abs {
					t.Errorf("problem %v names the folder it was read from", p)
				}
				path := readPath(tt.dir, p.File)
				want := problemsOf[path]
				if seen[path] >= len(want) {
					t.Errorf("problem %v not found reading %s", p, path)
					continue
				}
				w := want[seen[path]]
				seen[path]++
				if p.Message != w.Message || p.Line != w.Line || p.Col != w.Col || p.Severity != w.Severity {
					t.Errorf("problem %v, read by its path %v", p, w)
				}
			}
		})
	}
	t.Run("missing", func(t *testing.T) {
		_, err := LoadFile("content/gone.md", Options{Dir: root})
		if err == nil || strings.Contains(err.Error(), root) || !strings.Contains(err.Error(), "content/gone.md") {
			t.Errorf("LoadFile of a missing file: %v, want an error naming content/gone.md only", err)
		}
	})
}

// TestNameIn names paths as a walk from a folder names its files, and Options.Path turns the
// names back into the paths.
func TestNameIn(t *testing.T) {
	here, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ dir, path, want string }{
		{"", "site/.cache/x", "site/.cache/x"},
		{"site", "site/.cache/x", ".cache/x"},
		{"site", filepath.Join(here, "site", ".cache", "x"), ".cache/x"},
		{filepath.Join(here, "site"), "site/.cache/x", ".cache/x"},
		{"site", "elsewhere/x", filepath.Join(here, "elsewhere", "x")},
		{"site", "site..x/y", filepath.Join(here, "site..x", "y")},
	}
	for _, tt := range tests {
		t.Run(tt.dir+"|"+tt.path, func(t *testing.T) {
			got := nameIn(tt.dir, filepath.FromSlash(tt.path))
			if got != filepath.FromSlash(tt.want) {
				t.Errorf("nameIn(%q, %q) = %q, want %q", tt.dir, tt.path, got, tt.want)
			}
			back, _ := filepath.Abs(Options{Dir: tt.dir}.Path(got))
			if abs, _ := filepath.Abs(tt.path); back != abs {
				t.Errorf("Path(%q) is %s, not %s", got, back, abs)
			}
		})
	}
}
