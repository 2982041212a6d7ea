package events

import (
	"runtime"
	"sync"
)

// inChunks calls fn for the chunks [lo, hi) of [0, n), at most size long, on all cores. Each
// call must write only its own part of the result, so that the result does not depend on
// scheduling.
func inChunks(n, size int, fn func(lo, hi int)) {
	chunks := (n + size - 1) / size
	workers := min(runtime.GOMAXPROCS(0), chunks)
	if workers <= 1 {
		for lo := 0; lo < n; lo += size {
			fn(lo, min(n, lo+size))
		}
		return
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range next {
				fn(c*size, min(n, (c+1)*size))
			}
		}()
	}
	for c := range chunks {
		next <- c
	}
	close(next)
	wg.Wait()
}
