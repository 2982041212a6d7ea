package render

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	timeline "github.com/timeline-news/timeline"
)

// Building a generated corpus end to end: reading, extraction, events and every page.
//
//	go test ./render -run '^$' -bench Build -benchtime 1x            # 1,000 articles
//	TIMELINE_BENCH_N=10000 go test ./render -run '^$' -bench Build -benchtime 1x -timeout 30m
//
// The corpus comes from bench/gen (cached under the system temp folder by size). Peak heap is
// reported as peak-heap-MB (sampled from runtime.MemStats after each phase; for the process's
// peak resident size run `timeline build` under /usr/bin/time -v).
func BenchmarkBuild(b *testing.B) {
	n := 1000
	if s := os.Getenv("TIMELINE_BENCH_N"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil {
			b.Fatal(err)
		}
		n = v
	}
	content := generated(b, n)
	for i := 0; i < b.N; i++ {
		cfg := DefaultConfig(b.TempDir())
		cfg.Content, cfg.Output, cfg.BaseURL = content, filepath.Join(cfg.Root, "public"), "https://example.org/"
		res, err := Build(context.Background(), cfg, BuildOptions{Theme: timeline.Theme})
		if err != nil {
			b.Fatal(err)
		}
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		b.ReportMetric(float64(res.Events), "events")
		b.ReportMetric(float64(res.Pages), "pages")
		b.ReportMetric(res.LoadTime.Seconds(), "read-s")
		b.ReportMetric(res.EventsTime.Seconds(), "events-s")
		b.ReportMetric(res.RenderTime.Seconds(), "render-s")
		b.ReportMetric(float64(m.HeapSys)/1e6, "heap-sys-MB")
	}
}

// generated returns a folder of n articles written by bench/gen, made once per size.
func generated(b *testing.B, n int) string {
	b.Helper()
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("timeline-bench-corpus-%d", n))
	if _, err := os.Stat(filepath.Join(dir, ".complete")); err == nil {
		return dir
	}
	os.RemoveAll(dir)
	cmd := exec.Command("go", "run", "./bench/gen", "-n", strconv.Itoa(n), "-out", dir)
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("bench/gen: %v\n%s", err, out)
	}
	if err := os.WriteFile(filepath.Join(dir, ".complete"), nil, 0o644); err != nil {
		b.Fatal(err)
	}
	return dir
}
