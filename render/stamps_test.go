//go:build linux

package render

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/timeline-news/timeline/corpus"
)

// TestStampedUpToDate checks that a site where nothing changed is found up to date by its
// articles' stamps, reading none of them and reporting what a build that reads would report,
// and that any change the stamps cannot vouch for makes the build read the articles.
func TestStampedUpToDate(t *testing.T) {
	root := newSiteDir(t, `title = "T"`+"\n")
	// A warning to report: a byte that is not UTF-8.
	must(t, os.WriteFile(filepath.Join(root, "content", "d.txt"), []byte("The talks ended on 3 May 2019 in Doha \xff.\n"), 0o644))
	state := t.TempDir()
	out := filepath.Join(root, "public")
	// Stamps vouch only for files changed racyMargin before them.
	time.Sleep(racyMargin + 100*time.Millisecond)

	// build builds with state and returns the result and how many articles it read.
	build := func(t *testing.T, opts BuildOptions) (*Result, int, error) {
		t.Helper()
		cache := corpus.MemoryCache()
		opts.StateDir, opts.Version, opts.Cache = state, "test", cache
		res, err := build(t, root, func(c *Config) { c.Output = out }, opts)
		hits, misses := cache.Stats()
		return res, hits + misses, err
	}
	first, read, err := build(t, BuildOptions{})
	if err != nil || read != 4 {
		t.Fatalf("first build: read %d articles, %v", read, err)
	}
	if len(first.Problems) == 0 {
		t.Fatal("the first build reports no problem: the test needs one")
	}
	// upToDate builds, wanting a site found up to date, by its stamps or not.
	upToDate := func(t *testing.T, byStamps bool) {
		t.Helper()
		res, read, err := build(t, BuildOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Files != 0 || res.Kept == 0 || res.Pages != first.Pages || res.Events != first.Events {
			t.Errorf("%d files written, %d kept, %d pages, %d events; want none written, all %d pages and %d events kept", res.Files, res.Kept, res.Pages, res.Events, first.Pages, first.Events)
		}
		if !reflect.DeepEqual(res.Problems, first.Problems) {
			t.Errorf("problems %v, want %v", res.Problems, first.Problems)
		}
		if byStamps && read != 0 {
			t.Errorf("read %d articles, want none (up to date by the stamps)", read)
		}
		if !byStamps && read == 0 {
			t.Error("read no article: the stamps cannot vouch for this")
		}
	}
	t.Run("nothing changed", func(t *testing.T) { upToDate(t, true) })
	t.Run("strict", func(t *testing.T) {
		if _, read, err := build(t, BuildOptions{Strict: true}); !errors.Is(err, ErrProblems) || read != 0 {
			t.Errorf("read %d articles, error %v; want none and %v", read, err, ErrProblems)
		}
	})
	t.Run("a page deleted by hand", func(t *testing.T) {
		page := filepath.Join(out, "404.html")
		must(t, os.Remove(page))
		res, _, err := build(t, BuildOptions{})
		if err != nil || res.Files == 0 {
			t.Fatalf("%v, %d files written", err, res.Files)
		}
		if _, err := os.Stat(page); err != nil {
			t.Errorf("the page was not made again: %v", err)
		}
		upToDate(t, true)
	})
	t.Run("a file added to the site by hand", func(t *testing.T) {
		extra := filepath.Join(out, "extra.html")
		must(t, os.WriteFile(extra, []byte("x"), 0o644))
		defer os.Remove(extra)
		upToDate(t, false)
	})
	t.Run("an article touched, its bytes the same", func(t *testing.T) {
		a := filepath.Join(root, "content", "b.txt")
		old := time.Now().Add(-time.Hour)
		must(t, os.Chtimes(a, old, old)) // its change time is now: too recent to vouch for it
		upToDate(t, false)
		upToDate(t, false) // and still, until racyMargin has passed
	})
	t.Run("an article edited", func(t *testing.T) {
		time.Sleep(racyMargin + 100*time.Millisecond)
		upToDate(t, false) // the stamps kept were taken when b.txt had just changed
		upToDate(t, true)
		a := filepath.Join(root, "content", "c.txt")
		b, err := os.ReadFile(a)
		must(t, err)
		must(t, os.WriteFile(a, append(b, "\nTalks resumed on Monday.\n"...), 0o644))
		res, read, err := build(t, BuildOptions{})
		if err != nil || res.Files == 0 || read == 0 {
			t.Fatalf("%v: %d files written, %d articles read", err, res.Files, read)
		}
	})
	t.Run("an article dated after today", func(t *testing.T) {
		stamps := stampsPath(state, out)
		if _, err := os.Stat(stamps); err != nil {
			t.Fatalf("no stamps: %v", err)
		}
		// a.md is dated 27 July 2021: the warning names the day, so no stamps are kept.
		res, _, err := build(t, BuildOptions{Now: time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(stamps); !os.IsNotExist(err) {
			t.Errorf("stamps kept for a site whose problems depend on the day (%d problems): %v", len(res.Problems), err)
		}
	})
}
