package render

import (
	"context"
	"io"
	"sync"
	"testing"

	"github.com/timeline-news/timeline/corpus"
	"github.com/timeline-news/timeline/events"
)

// The data exports alone, on a generated corpus of 500 articles (about 3,000 events), read and
// extracted once:
//
//	go test ./render -run '^$' -bench Exports -benchmem -cpu 1
//
// Each file is written to an output that counts its bytes and keeps none, streamed when the
// export can be.
func BenchmarkExports(b *testing.B) {
	s := exportsBenchSite(b)
	rep := s.report()
	for _, name := range []string{"events.json", "timelinejs.json", "events.ics", SearchIndexFile, "report.json", "feed.xml", "sitemap.xml"} {
		b.Run(name, func(b *testing.B) {
			out := &discardOutput{}
			write := func() error {
				if name == SearchIndexFile {
					return s.writeSearchIndex(out)
				}
				return s.writeExport(out, name, rep)
			}
			if err := write(); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(out.n)
			b.ReportMetric(float64(out.whole), "whole-bytes")
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if err := write(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

var exportsBench struct {
	once sync.Once
	s    *site
	err  error
}

// exportsBenchSite is the site of a generated corpus of 500 articles, made once per process.
func exportsBenchSite(b *testing.B) *site {
	b.Helper()
	dir := generated(b, 500)
	exportsBench.once.Do(func() {
		docs, problems, err := corpus.Load(context.Background(), []string{dir}, corpus.Options{})
		if err != nil {
			exportsBench.err = err
			return
		}
		cfg := DefaultConfig(b.TempDir())
		cfg.Content, cfg.BaseURL = dir, "https://example.org/news/"
		exportsBench.s, exportsBench.err = newSite(&Site{Config: cfg, Docs: docs, Events: events.Build(docs, events.Options{}), Problems: problems})
		if exportsBench.err == nil {
			for _, e := range exportsBench.s.events {
				exportsBench.s.pages = append(exportsBench.s.pages, e.Href)
			}
		}
	})
	if exportsBench.err != nil {
		b.Fatal(exportsBench.err)
	}
	return exportsBench.s
}

// discardOutput counts the bytes written to it: n in all, whole the bytes handed over as whole
// files (not streamed).
type discardOutput struct {
	mu       sync.Mutex
	n, whole int64
}

func (d *discardOutput) WriteFile(name string, data []byte) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.n += int64(len(data))
	d.whole += int64(len(data))
	return nil
}

func (d *discardOutput) Create(name string) (io.WriteCloser, error) {
	return &discardFile{d: d}, nil
}

type discardFile struct{ d *discardOutput }

func (f *discardFile) Write(p []byte) (int, error) {
	f.d.mu.Lock()
	f.d.n += int64(len(p))
	f.d.mu.Unlock()
	return len(p), nil
}

func (f *discardFile) Close() error { return nil }
