package render

import (
	"bytes"
	"context"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/timeline-news/timeline/corpus"
	"github.com/timeline-news/timeline/events"
)

// Rendering the HTML pages of a generated site, without reading, extraction or writing files:
//
//	go test ./render -run '^$' -bench Pages -cpu 1            # 1,000 articles
//	TIMELINE_BENCH_N=10000 go test ./render -run '^$' -bench Pages -cpu 1 -benchtime 1x
//
// Each iteration renders every page of one kind (events, articles, timeline) into one buffer;
// "views" makes the site's views (newSite) alone. Besides wall time, each reports cpu-ns/op, the
// process's CPU time (user and system, garbage collection included): on a machine shared with
// other work it varies much less than wall time.
//
// 2 Dec 2026, 1,000 articles, -cpu 1, the start of the day against the template work of that
// afternoon (memo keys, .Summary and .Meta, rel; medians of 9 paired runs on a loaded machine,
// ratios varied between runs by about 0.1): events 0.67-0.88 of the CPU (allocs 0.81),
// articles 0.73-0.89 (allocs 0.87), timeline 0.96-1.0 (allocs 0.95). Most of what is left is
// text/template calling functions through reflection: every action calls one to three of
// html/template's escapers, each a variadic call that costs far more than the escaping.
func BenchmarkPages(b *testing.B) {
	n := 1000
	if s := os.Getenv("TIMELINE_BENCH_N"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil {
			b.Fatal(err)
		}
		n = v
	}
	content := generated(b, n)
	docs, problems, err := corpus.Load(context.Background(), []string{content}, corpus.Options{})
	if err != nil {
		b.Fatal(err)
	}
	cfg := DefaultConfig(b.TempDir())
	cfg.Content, cfg.BaseURL = content, "https://example.org/"
	in := &Site{Config: cfg, Docs: docs, Events: events.Build(docs, events.Options{}), Problems: problems}
	ts, err := parseTemplates(defaultTheme(b).Templates)
	if err != nil {
		b.Fatal(err)
	}
	s, err := newSite(in)
	if err != nil {
		b.Fatal(err)
	}
	tps := paginate(s.events, maxPageBytes)
	var buf bytes.Buffer
	render := func(b *testing.B, tmpl string, p *page) {
		if _, err := ts.renderTo(&buf, tmpl, p); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("views", func(b *testing.B) {
		defer cpuPerOp(b)()
		for b.Loop() {
			if _, err := newSite(in); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("events", func(b *testing.B) {
		defer cpuPerOp(b)()
		b.ReportMetric(float64(len(s.events)), "pages")
		for b.Loop() {
			for _, e := range s.events {
				render(b, "event.html", s.newPage(e.Href, e.Label+": "+e.Title, "", e, e.quoted()))
			}
		}
	})
	b.Run("articles", func(b *testing.B) {
		defer cpuPerOp(b)()
		b.ReportMetric(float64(len(s.articles)), "pages")
		for b.Loop() {
			for _, a := range s.articles {
				ap, err := s.articlePage(a)
				if err != nil {
					b.Fatal(err)
				}
				render(b, "article.html", s.newPage(a.Href, a.Title, "sources", ap, []*articleMeta{&a.articleMeta}))
			}
		}
	})
	b.Run("timeline", func(b *testing.B) {
		defer cpuPerOp(b)()
		b.ReportMetric(float64(len(tps)), "pages")
		for b.Loop() {
			for _, tp := range tps {
				var quoted []*articleMeta
				for _, e := range tp.events {
					quoted = append(quoted, e.quoted()...)
				}
				render(b, "timeline.html", s.newPage(tp.Path, tp.Heading, "home", tp, quoted))
			}
		}
	})
}

// cpuPerOp reports the process's CPU time per iteration: call it at the start of a benchmark
// and defer the function it returns.
func cpuPerOp(b *testing.B) func() {
	start := cpuTime()
	return func() { b.ReportMetric(float64((cpuTime()-start).Nanoseconds())/float64(b.N), "cpu-ns/op") }
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
