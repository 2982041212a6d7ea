package events

import (
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/timeline-news/timeline/entities"
)

// The collection step replaces a few standard-library idioms with one-pass versions; these
// tests hold them to the idioms they replace, on hand-picked and on random strings.

var trickyStrings = []string{"", " ", "a", "A", "  Two  words ", "\tTabs\nand\r\nlines\v\f", "no\u00a0break\u2003em\u0085nel",
	"Kelvin \u212a and İstanbul", "invalid \xff\xfe bytes", "ends in \xe2\x80", "’s ", "WAS ", "Will Be ", "wIlL bE too late",
	"ſtate", "Über ÄRGER", "\ufffd", "a\u200bb"}

func randomStrings(n int) []string {
	rng := rand.New(rand.NewPCG(3, 4))
	alphabet := []string{"a", "B", "s", " ", "  ", "\t", "\n", "’", "'", "İ", "\u212a", "ß", "\u00a0", "\xff", "\xe2", "é", "É", "1", ".", ",", "is ", "Was ", "will be "}
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		out[i] = b.String()
	}
	return out
}

func TestFastHelpersAgreeWithTheStandardLibrary(t *testing.T) {
	for _, s := range append(trickyStrings, randomStrings(20000)...) {
		if got, want := collapse(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("collapse(%q) = %q, want %q", s, got, want)
		}
		for _, limit := range []int{0, 1, 2, 3, 9} {
			if got, want := fieldCount(s, limit), min(len(strings.Fields(s)), limit); got != want {
				t.Errorf("fieldCount(%q, %d) = %d, want %d", s, limit, got, want)
			}
		}
		if got, want := isLower(s), strings.ToLower(s) == s; got != want && !strings.ContainsRune(s, '\ufffd') && validUTF8(s) {
			t.Errorf("isLower(%q) = %v, want %v", s, got, want)
		}
		for _, c := range copulas {
			if got, want := hasLowerPrefix(s, c), strings.HasPrefix(strings.ToLower(s), c); got != want {
				t.Errorf("hasLowerPrefix(%q, %q) = %v, want %v", s, c, got, want)
			}
		}
		var got, want []string
		for w, at := range words(s) {
			if s[at:at+len(w)] != w {
				t.Fatalf("words(%q): %q is not at %d", s, w, at)
			}
			got = append(got, w)
			if isASCII(w) && entities.LowerASCII(s)[at:at+len(w)] != strings.ToLower(w) {
				t.Errorf("entities.LowerASCII(%q) at %d = %q, want %q", s, at, entities.LowerASCII(s)[at:at+len(w)], strings.ToLower(w))
			}
		}
		want = strings.FieldsFunc(s, func(r rune) bool { return !isWordRune(r) })
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("words(%q) = %q, want %q", s, got, want)
		}
	}
}

func validUTF8(s string) bool { return strings.ToValidUTF8(s, "\ufffd") == s }

func isWordRune(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r >= 0x80 && r != '\ufffd' && (isLetterOrDigit(r))
}

func isLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// TestStrongestFirst holds the radix sort of joinPairs to the comparison sort it replaces.
func TestStrongestFirst(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(3)) // large ones are sorted in three parts
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{0, 1, 2, 3, 100, 5000, 300_000} {
		pairs := make([]join, n)
		for i := range pairs {
			a := rng.IntN(max(50, n/10))
			sim := []float64{0.2, 0.25, 1, 0.6000000000000001, 0.6}[rng.IntN(5)] * (1 + float64(rng.IntN(3))*1e-16)
			if n > 5000 {
				sim = 0.2 + rng.Float64()*0.8
			}
			pairs[i] = join{int32(a), int32(a + 1 + rng.IntN(50)), sim}
		}
		pairs = slices.CompactFunc(pairs, func(p, q join) bool { return p.a == q.a && p.b == q.b }) // unique, as from candidates
		want := slices.Clone(pairs)
		slices.SortFunc(want, func(p, q join) int {
			switch {
			case p.sim != q.sim:
				if p.sim > q.sim {
					return -1
				}
				return 1
			case p.a != q.a:
				return int(p.a - q.a)
			}
			return int(p.b - q.b)
		})
		strongestFirst(pairs)
		if !slices.Equal(pairs, want) {
			t.Errorf("%d pairs: strongestFirst differs from the comparison sort", n)
		}
	}
}

// TestDocSet checks the set of a cluster's articles across its switch from a list to a map.
func TestDocSet(t *testing.T) {
	var s, other docSet
	want := map[int32]bool{}
	for i := range 100 {
		d := int32(i * 7 % 40)
		s.add(d)
		want[d] = true
		if s.len() != len(want) {
			t.Fatalf("after adding %d: len %d, want %d", d, s.len(), len(want))
		}
	}
	for d := range int32(50) {
		if s.has(d) != want[d] {
			t.Errorf("has(%d) = %v, want %v", d, s.has(d), want[d])
		}
	}
	other.add(45)
	if sharesDoc(&s, &other) {
		t.Error("sharesDoc: no article in common, got true")
	}
	other.add(7)
	if !sharesDoc(&s, &other) || !sharesDoc(&other, &s) {
		t.Error("sharesDoc: article 7 in common, got false")
	}
}
