package events

import "testing"

// BenchmarkAssemble measures what a rebuild whose mentions all come from the cache still does
// for the events: merging every article's mentions (index, pairs, clusters) and making the
// events, with the mentions collected once beforehand.
//
//	TIMELINE_BENCH_DIR=$PWD/bench/out/10000 go test ./events -run '^$' -bench Assemble -cpu 1,2
func BenchmarkAssemble(b *testing.B) {
	docs, err := benchDocs()
	if err != nil {
		b.Fatal(err)
	}
	collected := collect(docs, Options{})
	defer reportCPU(b)()
	for b.Loop() {
		Assemble(collected, Options{})
	}
}
