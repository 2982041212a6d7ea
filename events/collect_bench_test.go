package events

import (
	"context"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/timeline-news/timeline/corpus"
)

// benchDocs loads the articles the collection benchmarks read: the demo content, or the folder
// named by TIMELINE_BENCH_DIR (a generated corpus, bench/out/N, whose content/ is read).
var benchDocs = sync.OnceValues(func() ([]corpus.Doc, error) {
	dir := "../content"
	if d := os.Getenv("TIMELINE_BENCH_DIR"); d != "" {
		dir = d + "/content"
	}
	docs, _, err := corpus.Load(context.Background(), []string{dir}, corpus.Options{})
	return docs, err
})

// BenchmarkCollect measures finding the mentions of every article with Collect (sentences, titles, names,
// similarity tokens) on one goroutine. The "lower" case is the baseline measured in the same
// run: lower-casing every article's text once, a pass over the bytes any reading pays.
func BenchmarkCollect(b *testing.B) {
	docs, err := benchDocs()
	if err != nil {
		b.Fatal(err)
	}
	size := 0
	for _, d := range docs {
		size += len(d.Text)
	}
	b.Run("collect", func(b *testing.B) {
		b.SetBytes(int64(size))
		defer reportCPU(b)()
		for b.Loop() {
			for _, d := range docs {
				Collect(d, Options{})
			}
		}
	})
	b.Run("lower", func(b *testing.B) {
		b.SetBytes(int64(size))
		defer reportCPU(b)()
		for b.Loop() {
			for _, d := range docs {
				_ = strings.ToLower(d.Text)
			}
		}
	})
}

// BenchmarkMergeCollected measures merging the mentions of the articles (the pairs, the
// clusters), collected once beforehand.
func BenchmarkMergeCollected(b *testing.B) {
	docs, err := benchDocs()
	if err != nil {
		b.Fatal(err)
	}
	ms, docOf := flatten(collect(docs, Options{}))
	defer reportCPU(b)()
	for b.Loop() {
		merge(ms, docOf, DefaultMergeThreshold)
	}
}

// BenchmarkBuild measures the whole events step (collection on all cores, merging, events).
func BenchmarkBuild(b *testing.B) {
	docs, err := benchDocs()
	if err != nil {
		b.Fatal(err)
	}
	defer reportCPU(b)()
	for b.Loop() {
		Build(docs, Options{})
	}
}

// reportCPU starts measuring the process's CPU time; the function it returns reports it per
// operation as cpu-ns/op, steadier than ns/op when other work shares the cores.
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() {
		if start > 0 && b.N > 0 {
			b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
		}
	}
}
