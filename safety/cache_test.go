package safety

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	articlepkg "github.com/timeline-news/timeline/article"
	"github.com/timeline-news/timeline/corpus"
	"github.com/timeline-news/timeline/extract"
	"github.com/timeline-news/timeline/render"
)

// TestPoisonedCache: the extraction cache lives in the site folder, so it travels with a
// downloaded or shared site. An entry for an article's exact bytes whose spans point anywhere
// (before the text, past it, backwards) must not crash the build or leak into the pages.
func TestPoisonedCache(t *testing.T) {
	s := smallSite(t)
	s.cfg.Title = siteTitle
	raw, err := os.ReadFile(filepath.Join(s.content, "a.md"))
	must(t, err)
	n := len(raw)
	d := extract.Date{Year: 2021, Month: 8, Day: 13}
	bad := []extract.Timex{
		{Span: extract.Span{Start: -10, End: 5}, Text: "x", Type: "DATE", Value: "2021-08-13", Resolved: true, From: d, To: d, Sentence: extract.Span{Start: -20, End: 10}, Eventive: true},
		{Span: extract.Span{Start: 5, End: 1 << 40}, Text: "y", Type: "DATE", Value: "2021-08-13", Resolved: true, From: d, To: d, Sentence: extract.Span{Start: 0, End: 1 << 41}, Eventive: true},
		{Span: extract.Span{Start: n - 2, End: 3}, Text: "z", Type: "DATE", Value: "2021-08-13", Resolved: true, From: d, To: d, Sentence: extract.Span{Start: n, End: 0}, Eventive: true},
		{Span: extract.Span{Start: n + 5, End: n + 9}, Text: "<script>alert(1)</script>", Type: "DATE", Value: "<b>v</b>", Resolved: true, From: d, To: d, Sentence: extract.Span{Start: n + 1, End: n + 20}, Eventive: true},
		{Span: extract.Span{Start: 2, End: 4}, Text: "u", Type: "DATE", Value: "XXXX-08-13", Sentence: extract.Span{Start: -7, End: 9}},
		{Span: extract.Span{Start: -5, End: -1}, Text: "u", Type: "DATE", Value: "XXXX-08-13", Sentence: extract.Span{Start: 0, End: 9}},
		{Span: extract.Span{Start: n + 50, End: n + 40}, Text: "u", Type: "DATE", Value: "XXXX-08-13", Sentence: extract.Span{Start: 0, End: 9}},
		{Span: extract.Span{Start: 2, End: 4}, Text: "u", Type: "DATE", Value: "XXXX-08-13", Sentence: extract.Span{Start: 9, End: 1 << 40}},
		{Span: extract.Span{Start: 40, End: 45}, Text: "w", Type: "DATE", Value: "2021-08-13", Resolved: true, From: d, To: extract.Date{Year: 1, Month: 1, Day: 1}, Sentence: extract.Span{Start: -1, End: 50}, Eventive: true},
	}
	// Planted through the cache itself, so that the entries are well-formed and reach the
	// checks on what they hold (a hand-made file in an old format would only be a miss).
	cache, err := corpus.OpenCache(filepath.Join(s.root, ".cache"), corpus.ExtractorVersion())
	must(t, err)
	a, err := articlepkg.Load(filepath.Join(s.content, "a.md"))
	must(t, err)
	must(t, cache.Put(a, bad))
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("a poisoned cache entry crashed the build: %v", r)
			}
		}()
		_, err = render.Build(context.Background(), s.cfg, render.BuildOptions{Theme: themeFS(), Cache: cache})
	}()
	if err != nil {
		t.Logf("build refused: %v", err)
		return
	}
	hits, misses := cache.Stats()
	t.Logf("cache: %d hits, %d misses", hits, misses)
	files := readTree(t, s.out)
	checkHTMLPages(t, files, themeScripts(t), "/")
}
