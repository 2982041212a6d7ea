// Benchmarks of the whole pipeline on generated corpora, for profiles and for figures beside
// bench/run.sh (which times the command itself). The corpus is TIMELINE_BENCH_DIR/content when
// set (bench/run.sh generates bench/out/N/), else TIMELINE_BENCH_N articles (default 1,000)
// generated into a temporary folder.
//
//	go test ./bench -run '^$' -bench . -benchtime 1x
//	TIMELINE_BENCH_DIR=bench/out/100000 go test ./bench -run '^$' -bench Build -benchtime 1x -cpuprofile cpu.pprof -memprofile mem.pprof
package bench_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"testing"
	"time"

	"github.com/timeline-news/timeline"
	"github.com/timeline-news/timeline/article"
	"github.com/timeline-news/timeline/bench/synth"
	"github.com/timeline-news/timeline/corpus"
	"github.com/timeline-news/timeline/events"
	"github.com/timeline-news/timeline/render"
)

// benchCorpus returns a site folder (site.toml + content/) and the bytes of its articles.
func benchCorpus(b *testing.B) (string, int64) {
	b.Helper()
	if dir := os.Getenv("TIMELINE_BENCH_DIR"); dir != "" {
		return dir, folderBytes(b, filepath.Join(dir, "content"))
	}
	n := 1000
	if s := os.Getenv("TIMELINE_BENCH_N"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			b.Fatalf("TIMELINE_BENCH_N=%q: %v", s, err)
		}
	}
	dir := b.TempDir()
	size, err := synth.Generate(filepath.Join(dir, "content"), n, 1)
	if err != nil {
		b.Fatal(err)
	}
	writeSite(b, dir)
	return dir, size
}

func writeSite(tb testing.TB, dir string) {
	err := os.WriteFile(filepath.Join(dir, "site.toml"), []byte("title = \"Benchmark\"\ncontent = \"content\"\noutput = \"public\"\n"), 0o644)
	if err != nil {
		tb.Fatal(err)
	}
}

func folderBytes(b *testing.B, dir string) int64 {
	files, err := article.Files([]string{dir})
	if err != nil {
		b.Fatal(err)
	}
	var n int64
	for _, f := range files {
		if info, err := os.Stat(f); err == nil {
			n += info.Size()
		}
	}
	return n
}

// BenchmarkText reads and parses every article and computes its Text (Markdown blanked), without
// extraction: the floor under BenchmarkWalk.
func BenchmarkText(b *testing.B) {
	dir, size := benchCorpus(b)
	files, err := article.Files([]string{filepath.Join(dir, "content")})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		for _, f := range files {
			a, err := article.Load(f)
			if err == nil {
				_ = a.Text()
			}
		}
	}
}

// BenchmarkWalk reads and extracts every article on all cores, keeping nothing.
func BenchmarkWalk(b *testing.B) {
	dir, size := benchCorpus(b)
	b.SetBytes(size)
	b.ResetTimer()
	timexes := 0
	for b.Loop() {
		timexes = 0
		_, err := corpus.Walk(context.Background(), []string{filepath.Join(dir, "content")}, corpus.Options{}, func(d corpus.Doc) error {
			timexes += len(d.Timexes)
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(timexes)*float64(b.N)/b.Elapsed().Seconds(), "timexes/s")
}

// BenchmarkEvents builds the events of the corpus, loaded once beforehand.
func BenchmarkEvents(b *testing.B) {
	dir, _ := benchCorpus(b)
	docs, _, err := corpus.Load(context.Background(), []string{filepath.Join(dir, "content")}, corpus.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	n := 0
	for b.Loop() {
		n = len(events.Build(docs, events.Options{}))
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkBuild is `timeline build` without the command line: read, extract, events, render,
// swap. It reports the memory the process took from the system (close to its peak).
func BenchmarkBuild(b *testing.B) {
	dir, size := benchCorpus(b)
	cfg, err := render.LoadConfig(filepath.Join(dir, "site.toml"))
	if err != nil {
		b.Fatal(err)
	}
	cfg.Output = filepath.Join(b.TempDir(), "public")
	if path := os.Getenv("TIMELINE_PEAK_HEAP"); path != "" {
		defer watchPeak(b, path)()
	}
	b.SetBytes(size)
	b.ResetTimer()
	var res *render.Result
	for b.Loop() {
		if res, err = render.Build(context.Background(), cfg, render.BuildOptions{Theme: timeline.Theme}); err != nil {
			b.Fatal(err)
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(res.Events)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(float64(ms.Sys)/(1<<20), "MB-sys")
}

// watchPeak samples the heap every 50 ms and writes a heap profile to path whenever the heap in
// use grows 10% past its last maximum, so the profile left shows what the heap held near its
// peak (the -memprofile of go test shows the end, when the build has let everything go). The
// returned function stops it and reports the peak.
func watchPeak(b *testing.B, path string) func() {
	done := make(chan struct{})
	stopped := make(chan struct{})
	var peak uint64
	go func() {
		defer close(stopped)
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		var ms runtime.MemStats
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak+peak/10 {
				peak = ms.HeapInuse
				if f, err := os.Create(path); err == nil {
					pprof.Lookup("heap").WriteTo(f, 0)
					f.Close()
				}
			}
		}
	}()
	return func() {
		close(done)
		<-stopped
		b.ReportMetric(float64(peak)/(1<<20), "MB-peak-heap")
	}
}

// TestCachedBuildIdentical builds a generated site without a cache, with a cold cache and with a
// warm one: the three sites must be byte-identical, and the warm build must extract nothing.
// Then one article changes: only it is extracted again, and the site matches an uncached build.
func TestCachedBuildIdentical(t *testing.T) {
	dir := t.TempDir()
	if _, err := synth.Generate(filepath.Join(dir, "content"), 60, 3); err != nil {
		t.Fatal(err)
	}
	writeSite(t, dir)
	cfg, err := render.LoadConfig(filepath.Join(dir, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	build := func(out string, cache *corpus.Cache) map[string]string {
		t.Helper()
		c := cfg
		c.Output = filepath.Join(t.TempDir(), out)
		if _, err := render.Build(context.Background(), c, render.BuildOptions{Theme: timeline.Theme, Cache: cache}); err != nil {
			t.Fatal(err)
		}
		if cache != nil {
			if err := cache.Prune(); err != nil {
				t.Fatal(err)
			}
		}
		return readTree(t, c.Output)
	}
	cacheDir := filepath.Join(dir, ".timeline-cache")
	open := func() *corpus.Cache {
		c, err := corpus.OpenCache(cacheDir, corpus.ExtractorVersion())
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	plain := build("plain", nil)
	cold := open()
	sameTree(t, "cold cache", build("cold", cold), plain)
	warm := open()
	sameTree(t, "warm cache", build("warm", warm), plain)
	if hits, misses := warm.Stats(); hits != 60 || misses != 0 {
		t.Errorf("warm build: %d hits, %d misses; want 60, 0", hits, misses)
	}

	one := filepath.Join(dir, "content", synth.Path(3, 5))
	data, _ := os.ReadFile(one)
	os.WriteFile(one, append(data, "\nThe ministry said on Tuesday that talks would resume next week.\n"...), 0o644)
	edited := open()
	got := build("edited", edited)
	if hits, misses := edited.Stats(); hits != 59 || misses != 1 {
		t.Errorf("after one edit: %d hits, %d misses; want 59, 1", hits, misses)
	}
	sameTree(t, "one article edited", got, build("edited-plain", nil))
}

func readTree(t *testing.T, root string) map[string]string {
	files := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		files[rel] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sameTree(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d files, want %d", what, len(got), len(want))
	}
	for name, w := range want {
		if g, ok := got[name]; !ok || !bytes.Equal([]byte(g), []byte(w)) {
			t.Errorf("%s: %s differs", what, name)
		}
	}
}

// TestIncrementalBuildIdentical builds a generated site with build state, edits articles in
// several ways, and checks after each edit that the incremental build equals a build from
// scratch, file for file, and that it rendered only a part of the site.
func TestIncrementalBuildIdentical(t *testing.T) {
	dir := t.TempDir()
	if _, err := synth.Generate(filepath.Join(dir, "content"), 80, 5); err != nil {
		t.Fatal(err)
	}
	writeSite(t, dir)
	cfg, err := render.LoadConfig(filepath.Join(dir, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	state := t.TempDir()
	incremental := func() *render.Result {
		t.Helper()
		res, err := render.Build(context.Background(), cfg, render.BuildOptions{Theme: timeline.Theme, StateDir: state, Version: "test"})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	scratch := func() map[string]string {
		t.Helper()
		c := cfg
		c.Output = filepath.Join(t.TempDir(), "public")
		if _, err := render.Build(context.Background(), c, render.BuildOptions{Theme: timeline.Theme, StateDir: t.TempDir(), Version: "test"}); err != nil {
			t.Fatal(err)
		}
		return readTree(t, c.Output)
	}
	first := incremental()
	total := first.Files
	edit := func(i int, f func([]byte) []byte) {
		p := filepath.Join(dir, "content", synth.Path(5, i))
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		name   string
		change func()
	}{
		{"a dated sentence added", func() {
			edit(14, func(b []byte) []byte {
				return append(b, "\nThe ministry said on Tuesday that talks would resume next week.\n"...)
			})
		}},
		{"a title changed", func() {
			edit(27, func(b []byte) []byte { return bytes.Replace(b, []byte("title = \""), []byte("title = \"Update: "), 1) })
		}},
		{"an article removed", func() {
			if err := os.Remove(filepath.Join(dir, "content", synth.Path(5, 32))); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			s.change()
			res := incremental()
			t.Logf("rendered %d of %d files", res.Files, total)
			if res.Kept == 0 || res.Files == 0 || res.Files > total/2 {
				t.Errorf("rendered %d of %d files and kept %d jobs: want a small part rendered", res.Files, total, res.Kept)
			}
			sameTree(t, s.name, readTree(t, cfg.Path(cfg.Output)), scratch())
		})
	}
}
