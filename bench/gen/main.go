// Command gen writes a synthetic corpus of news articles for benchmarks and scale tests (see
// package synth for what the articles look like).
//
//	go run ./bench/gen -n 10000 -out bench/out/10000/content
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/timeline-news/timeline/bench/synth"
)

func main() {
	n := flag.Int("n", 1000, "number of articles to write")
	out := flag.String("out", "", "folder to write them to (created if missing; existing files of the same name are overwritten)")
	seed := flag.Uint64("seed", 1, "random seed: the same seed and -n give the same files")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "Usage: go run ./bench/gen -n N -out DIR [-seed S]\n\nWrites N synthetic news articles to DIR, in folders of 1,000.\n\nFlags:\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *out == "" || *n < 0 || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	start := time.Now()
	bytes, err := synth.Generate(*out, *n, *seed)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "gen: wrote %d articles, %.1f MB, to %s in %.1fs\n", *n, float64(bytes)/1e6, *out, time.Since(start).Seconds())
}
