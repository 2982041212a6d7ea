package corpus

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/timeline-news/timeline/article"
)

// benchContent is the content folder of TIMELINE_BENCH_DIR (bench/run.sh generates
// bench/out/N/), else 300 small generated articles.
func benchContent(b *testing.B) string {
	if dir := os.Getenv("TIMELINE_BENCH_DIR"); dir != "" {
		return filepath.Join(dir, "content")
	}
	return writeCorpus(b, 300)
}

// BenchmarkWalkWarm walks a corpus whose extraction results are all in the cache: the reading
// phase of a rebuild. The cache is filled once before the timer starts.
//
//	TIMELINE_BENCH_DIR=$PWD/bench/out/10000 go test ./corpus -run '^$' -bench WalkWarm -cpu 1,2
func BenchmarkWalkWarm(b *testing.B) {
	content := benchContent(b)
	cache, err := OpenCache(b.TempDir(), "x-0000000000000000")
	if err != nil {
		b.Fatal(err)
	}
	walk := func() int {
		n := 0
		_, err := Walk(context.Background(), []string{content}, Options{Cache: cache}, func(d Doc) error {
			n += len(d.Timexes)
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		return n
	}
	want := walk()
	if _, misses := cache.Stats(); misses == 0 {
		b.Fatal("the first walk found a cache that should have been empty")
	}
	b.ResetTimer()
	start := cpuTime()
	for b.Loop() {
		h0, m0 := cache.Stats()
		if got := walk(); got != want {
			b.Fatalf("warm walk found %d expressions, cold %d", got, want)
		}
		if h, m := cache.Stats(); m != m0 || h == h0 {
			b.Fatalf("warm walk missed the cache %d times", m-m0)
		}
	}
	if cpu := cpuTime() - start; cpu > 0 {
		b.ReportMetric(cpu*1e3/float64(b.N), "cpu-ms/op")
	}
}

// BenchmarkWalkCold walks a corpus with no cache: reading and extracting every article, on all
// cores (the reading phase of a first build).
func BenchmarkWalkCold(b *testing.B) {
	content := benchContent(b)
	b.ResetTimer()
	start := cpuTime()
	for b.Loop() {
		if _, err := Walk(context.Background(), []string{content}, Options{}, func(Doc) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
	if cpu := cpuTime() - start; cpu > 0 {
		b.ReportMetric(cpu*1e3/float64(b.N), "cpu-ms/op")
	}
}

// BenchmarkLoadText reads, parses and blanks every article (article.Load and Text), on one
// goroutine: what a walk costs without extraction and without the cache.
func BenchmarkLoadText(b *testing.B) {
	files, err := article.Files([]string{benchContent(b)})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		for _, f := range files {
			a, err := article.Load(f)
			if err != nil {
				continue
			}
			_ = a.Text()
		}
	}
}
