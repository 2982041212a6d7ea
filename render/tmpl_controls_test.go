package render

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// blankControls reads words at a time: it must blank what a byte-by-byte loop blanks, at every
// position and alignment.
func TestBlankControls(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte{0, 1, '\t', '\n', '\r', 0x1f, ' ', '!', 'a', 0x7e, 0x7f, 0x80, 0xc2, 0xa0, 0xff}
	for n := range 40 {
		for range 200 {
			page := make([]byte, n)
			for i := range page {
				page[i] = alphabet[r.IntN(len(alphabet))]
			}
			want := bytes.Clone(page)
			blankControlsSlow(want)
			got := bytes.Clone(page)
			blankControls(got)
			if !bytes.Equal(got, want) {
				t.Fatalf("blankControls(%q) = %q, want %q", page, got, want)
			}
		}
	}
	for c := range 256 {
		page := bytes.Repeat([]byte{'a'}, 20)
		page[11] = byte(c)
		want := bytes.Clone(page)
		blankControlsSlow(want)
		blankControls(page)
		if !bytes.Equal(page, want) {
			t.Errorf("byte %#x: %q, want %q", c, page, want)
		}
	}
}
