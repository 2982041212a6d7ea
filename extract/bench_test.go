package extract

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/olebedev/when"
	"github.com/olebedev/when/rules/common"
	"github.com/olebedev/when/rules/en"
)

// benchText is the demo articles' text repeated to about 1 MB of news.
func benchText(b *testing.B) string {
	files, _ := filepath.Glob("../content/*.txt")
	var sb strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		sb.Write(data)
		sb.WriteString("\n\n")
	}
	if sb.Len() == 0 {
		b.Skip("no demo articles in ../content")
	}
	one := sb.String()
	return strings.Repeat(one, 1<<20/len(one)+1)
}

// cpuTime is the CPU time this process has used: on a shared machine, throughput per CPU
// second is steadier than per wall-clock second.
func cpuTime() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

// measure runs f b.N times over text and also reports MB per CPU second.
func measure(b *testing.B, text string, f func()) {
	b.SetBytes(int64(len(text)))
	start := cpuTime()
	for b.Loop() {
		f()
	}
	if cpu := cpuTime() - start; cpu > 0 {
		b.ReportMetric(float64(len(text))*float64(b.N)/1e6/cpu, "MB/cpu-s")
	}
}

// BenchmarkExtract measures extraction throughput on news text, beside two baselines on the
// same text: a plain strings.Fields pass (the floor of any tokenising work) and stock
// `when` parsing line by line (what the project would do without its own engine).
func BenchmarkExtract(b *testing.B) {
	text := benchText(b)
	pub := Date{2021, 8, 14}
	b.Run("extract", func(b *testing.B) {
		measure(b, text, func() { Extract(text, pub) })
	})
	b.Run("baseline-fields", func(b *testing.B) {
		measure(b, text, func() { _ = len(strings.Fields(text)) })
	})
	b.Run("baseline-when-lines", func(b *testing.B) {
		w := when.New(nil)
		w.Add(en.All...)
		w.Add(common.All...)
		ref := time.Date(2021, 8, 14, 0, 0, 0, 0, time.UTC)
		lines := strings.Split(text, "\n")
		measure(b, text, func() {
			for _, l := range lines {
				_, _ = w.Parse(l, ref)
			}
		})
	})
}

// BenchmarkDenseText: a run-on text of nothing but dates, the worst case for the engine.
func BenchmarkDenseText(b *testing.B) {
	text := strings.Repeat("Monday ", 20000)
	measure(b, text, func() { Extract(text, Date{2021, 8, 14}) })
}

// BenchmarkExtractCorpus extracts the articles of a generated corpus (bench/run.sh makes
// bench/out/N/), read as plain text, on one goroutine; skipped without TIMELINE_BENCH_DIR.
//
//	TIMELINE_BENCH_DIR=$PWD/bench/out/10000 go test ./extract -run '^$' -bench ExtractCorpus -cpu 1
func BenchmarkExtractCorpus(b *testing.B) {
	dir := os.Getenv("TIMELINE_BENCH_DIR")
	if dir == "" {
		b.Skip("TIMELINE_BENCH_DIR is not set")
	}
	var texts []string
	size := 0
	filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".txt")) {
			if data, err := os.ReadFile(p); err == nil {
				texts = append(texts, string(data))
				size += len(data)
			}
		}
		return nil
	})
	if len(texts) == 0 {
		b.Skip("no articles under " + dir)
	}
	b.SetBytes(int64(size))
	start := cpuTime()
	for b.Loop() {
		for _, t := range texts {
			Extract(t, Date{2021, 8, 14})
		}
	}
	if cpu := cpuTime() - start; cpu > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/1e6/cpu, "MB/cpu-s")
	}
}
