package events

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
)

// TestSortTotal checks that sorting in parts on several cores and merging them gives what one
// sort gives, for lengths around the parts' size.
func TestSortTotal(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(3)) // three parts: one merge has a part alone
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{0, 1, 8191, 3 * 8192, 3*8192 + 1, 100_003} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			s := rng.Perm(n)
			want := slices.Sorted(slices.Values(s))
			sortTotal(s, cmp.Compare[int])
			if !slices.Equal(s, want) {
				t.Errorf("not sorted")
			}
		})
	}
}
