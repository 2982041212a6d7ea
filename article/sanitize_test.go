package article

import (
	"encoding/binary"
	"math/rand/v2"
	"testing"
)

// TestPlainASCII checks Sanitize's eight-byte fast path: it must never pass over a byte that
// Sanitize would replace or decode, and should pass over printable ASCII.
func TestPlainASCII(t *testing.T) {
	check := func(b []byte) {
		t.Helper()
		want := true
		for _, c := range b {
			want = want && c >= 0x20 && c < 0x7f
		}
		if got := plainASCII(binary.LittleEndian.Uint64(b)); got != want {
			t.Fatalf("plainASCII(%q) = %v, want %v", b, got, want)
		}
	}
	for c := 0; c < 256; c++ {
		for pos := 0; pos < 8; pos++ {
			for _, fill := range []byte{' ', '!', 'a', '~'} {
				b := []byte{fill, fill, fill, fill, fill, fill, fill, fill}
				b[pos] = byte(c)
				check(b)
			}
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		var b [8]byte
		for i := range b {
			b[i] = byte(0x18 + r.IntN(0x70)) // around both ends of printable ASCII
		}
		check(b[:])
	}
}
