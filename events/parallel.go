package events

import (
	"runtime"
	"slices"
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

// sortTotal sorts s by cmp on all cores: parts sorted at once, then merged two by two. cmp
// must be a total order (no two elements equal), so that the result is the one any sort gives.
func sortTotal[T any](s []T, cmp func(a, b T) int) {
	const minPart = 1 << 13
	parts := min(runtime.GOMAXPROCS(0), len(s)/minPart)
	if parts <= 1 {
		slices.SortFunc(s, cmp)
		return
	}
	size := (len(s) + parts - 1) / parts
	inChunks(len(s), size, func(lo, hi int) { slices.SortFunc(s[lo:hi], cmp) })
	buf := make([]T, len(s))
	src, dst := s, buf
	for ; size < len(s); size *= 2 {
		inChunks(len(s), 2*size, func(lo, hi int) {
			mid := min(lo+size, hi)
			a, b, out := src[lo:mid], src[mid:hi], dst[lo:lo]
			for len(a) > 0 && len(b) > 0 {
				if cmp(b[0], a[0]) < 0 {
					out, b = append(out, b[0]), b[1:]
				} else {
					out, a = append(out, a[0]), a[1:]
				}
			}
			out = append(out, a...)
			_ = append(out, b...)
		})
		src, dst = dst, src
	}
	if &src[0] != &s[0] {
		copy(s, src)
	}
}
