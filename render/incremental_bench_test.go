package render

import (
	"context"
	"testing"

	"github.com/timeline-news/timeline/corpus"
	"github.com/timeline-news/timeline/events"
)

// BenchmarkFingerprints measures what an incremental build adds to every build: hashing the
// data of every event, article and timeline page of a generated site of 1,000 articles, the
// views first on all cores as Render does, against rendering the event pages (the work a kept
// page saves) in the same run.
//
//	go test ./render -run '^$' -bench Fingerprints -cpu 1
func BenchmarkFingerprints(b *testing.B) {
	content := generated(b, 1000)
	docs, problems, err := corpus.Load(context.Background(), []string{content}, corpus.Options{})
	if err != nil {
		b.Fatal(err)
	}
	cfg := DefaultConfig(b.TempDir())
	cfg.Content = content
	in := &Site{Config: cfg, Docs: docs, Events: events.Build(docs, events.Options{}), Problems: problems}
	// Each build makes its views afresh, and its fingerprinter keeps digests in them: each
	// round is given new ones, made outside the timing.
	newPages := func() (*site, []*page) {
		s, err := newSite(in)
		if err != nil {
			b.Fatal(err)
		}
		var pages []*page
		for _, e := range s.events {
			pages = append(pages, s.newPage(e.Href, e.Title, "", e, e.quoted()))
		}
		for _, a := range s.articles {
			pages = append(pages, s.newPage(a.Href, a.Title, "sources", a, []*articleMeta{&a.articleMeta}))
		}
		for _, tp := range paginate(s.events, maxPageBytes) {
			var quoted []*articleMeta
			for _, e := range tp.events {
				quoted = append(quoted, e.quoted()...)
			}
			pages = append(pages, s.newPage(tp.Path, tp.Heading, "home", tp, quoted))
		}
		return s, pages
	}
	s, pages := newPages()
	theme := defaultTheme(b)
	ts, err := parseTemplates(theme.Templates)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("fingerprint", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			s, pages := newPages()
			b.StartTimer()
			f, err := newFingerprinter("bench", theme, cfg)
			if err != nil {
				b.Fatal(err)
			}
			f.prepare(s.articles)
			f.prepare(s.events)
			for _, p := range pages {
				if _, err := f.of(p.Path, "event.html", p); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(pages)), "µs/page")
	})
	b.Run("render-event-pages", func(b *testing.B) {
		for b.Loop() {
			for _, p := range pages[:len(s.events)] {
				if _, err := ts.render("event.html", p); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(s.events)), "µs/page")
	})
}
