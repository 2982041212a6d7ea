package render

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/timeline-news/timeline/corpus"
	"github.com/timeline-news/timeline/events"
	"github.com/timeline-news/timeline/extract"
)

// The data exports alone, on a generated corpus of 500 articles (about 3,000 events), read and
// extracted once:
//
//	go test ./render -run '^$' -bench Exports -benchmem -cpu 1
//
// Each file is written to an output that counts its bytes and keeps none, streamed when the
// export can be. BenchmarkExportsFirst runs the first implementations of the four large exports
// (encoding/json, one string at a time; kept in the tests) on the same site: the baseline.
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
			whole := out.whole
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if err := write(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(whole), "whole-bytes") // written in one piece, not streamed
		})
	}
}

func BenchmarkExportsFirst(b *testing.B) {
	s := exportsBenchSite(b)
	for _, c := range []struct {
		name  string
		write func(out *discardOutput) error
	}{
		{"events.json", func(out *discardOutput) error { return writeStream(out, "events.json", s.eventsJSONAsFirstWritten) }},
		{"timelinejs.json", func(out *discardOutput) error { return writeStream(out, "timelinejs.json", s.timelineJSAsFirstWritten) }},
		{"events.ics", func(out *discardOutput) error {
			return writeStream(out, "events.ics", func(w io.Writer) error { return calendarAsFirstWritten(s, w) })
		}},
		{SearchIndexFile, func(out *discardOutput) error { return s.searchIndexAsFirstWritten(b, out) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			out := &discardOutput{}
			if err := c.write(out); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(out.n)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if err := c.write(out); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestExportsAsFirstWritten checks that the baseline still writes what the exports write, so
// that the benchmarks compare like with like.
func TestExportsAsFirstWritten(t *testing.T) {
	s, err := newSite(fixtureSite(t, "https://example.org/"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name       string
		now, first func(io.Writer) error
	}{
		{"events.json", s.eventsJSON, s.eventsJSONAsFirstWritten},
		{"timelinejs.json", s.timelineJS, s.timelineJSAsFirstWritten},
	} {
		var now, first bytes.Buffer
		if err := c.now(&now); err != nil {
			t.Fatal(err)
		}
		if err := c.first(&first); err != nil {
			t.Fatal(err)
		}
		if now.String() != first.String() {
			t.Errorf("%s differs from its first implementation:\n%s\n%s", c.name, now.Bytes(), first.Bytes())
		}
	}
	now, first := &mapOutput{files: map[string][]byte{}}, &mapOutput{files: map[string][]byte{}}
	if err := s.writeSearchIndex(now); err != nil {
		t.Fatal(err)
	}
	if err := s.searchIndexAsFirstWritten(t, first); err != nil {
		t.Fatal(err)
	}
	if a, b := now.files[SearchIndexFile], first.files[SearchIndexFile]; len(a) == 0 || !bytes.Equal(a, b) {
		t.Errorf("search index differs from its first implementation:\n%s\n%s", a, b)
	}
}

// writeJSONArrayAsFirstWritten writes n items as an indented JSON array, each through
// json.MarshalIndent.
func writeJSONArrayAsFirstWritten(w io.Writer, prefix string, n int, item func(i int) any) error {
	if n == 0 {
		_, err := io.WriteString(w, "[]\n")
		return err
	}
	if _, err := io.WriteString(w, "[\n"); err != nil {
		return err
	}
	for i := range n {
		b, err := json.MarshalIndent(item(i), prefix+"  ", "  ")
		if err != nil {
			return err
		}
		sep := ",\n"
		if i == n-1 {
			sep = "\n"
		}
		if _, err := io.WriteString(w, prefix+"  "+string(b)+sep); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, prefix+"]\n")
	return err
}

func (s *site) eventsJSONAsFirstWritten(w io.Writer) error {
	return writeJSONArrayAsFirstWritten(w, "", len(s.events), func(i int) any {
		ev := *s.events[i].Event
		ev.Sources = append([]events.Source(nil), ev.Sources...)
		for j := range ev.Sources {
			ev.Sources[j].File = s.sitePath(ev.Sources[j].File)
		}
		return ev
	})
}

func (s *site) timelineJSAsFirstWritten(w io.Writer) error {
	evs := []tljsEvent{}
	for _, e := range s.events {
		if e.Event.From.IsZero() {
			continue
		}
		t := tljsEventOf(s, e)
		var b strings.Builder
		b.WriteString("<p>")
		b.WriteString(string(e.Sentence))
		b.WriteString("</p>")
		if url := s.absURL(e.Href); url != "" {
			fmt.Fprintf(&b, `<p><a href="%s">%s</a></p>`, html.EscapeString(url), pluralSources(len(e.Sources)))
		}
		t.Text.Text = b.String()
		evs = append(evs, t)
	}
	title, err := json.MarshalIndent(tljsTitle{tljsText{Headline: html.EscapeString(s.cfg.Title), Text: html.EscapeString(s.cfg.Description)}}, "  ", "  ")
	if err != nil {
		return err
	}
	if _, err := io.WriteString(w, "{\n  \"title\": "+string(title)+",\n  \"events\": "); err != nil {
		return err
	}
	if err := writeJSONArrayAsFirstWritten(w, "  ", len(evs), func(i int) any { return evs[i] }); err != nil {
		return err
	}
	_, err = io.WriteString(w, "}\n")
	return err
}

// searchIndexAsFirstWritten copies the events, builds the whole index and encodes it with
// encoding/json, then writes the file whole.
func (s *site) searchIndexAsFirstWritten(t testing.TB, out Output) error {
	evs := make([]events.Event, len(s.events))
	for i, e := range s.events {
		evs[i] = *e.Event
	}
	pattern := strings.Replace(eventHref(extract.Date{}, "{id}"), monthFolder(""), "{month}", 1)
	b := searchIndexWithEncodingJSON(t, evs, SearchIndexOptions{
		Page:       func(i int) (string, string) { return s.events[i].ID, s.events[i].Href },
		URLPattern: pattern,
		Outlet: func(file string) string {
			if a := s.byFile[file]; a != nil {
				return a.Outlet
			}
			return ""
		},
	})
	return out.WriteFile(SearchIndexFile, b)
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
