package render

import (
	"crypto/sha256"
	"strings"
	"testing"
)

// TestFingerprintStreamed checks that hashing page data as it is walked, in pieces, gives the
// digest of the whole walk gathered first: the pieces must join up whatever their sizes.
func TestFingerprintStreamed(t *testing.T) {
	type leaf struct {
		Name string
		Raw  []byte
	}
	type node struct {
		Title  string
		Leaves []*leaf
		ByName map[string]*leaf
		Note   any
	}
	long := strings.Repeat("a sentence of the article, ", 400) // past spillSize
	mkNode := func(n int, s string) *node {
		nd := &node{Title: s, ByName: map[string]*leaf{}}
		for i := range n {
			l := &leaf{Name: s[:min(len(s), i)], Raw: []byte(s[:min(len(s), 3*i)])}
			nd.Leaves = append(nd.Leaves, l)
			nd.ByName[l.Name+string(rune('a'+i%26))] = l
		}
		nd.Note = nd.Leaves
		return nd
	}
	fixture := fixtureSite(t, "https://example.org/")
	s, err := newSite(fixture)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		data []any
	}{
		{"empty", nil},
		{"short strings", []any{"event.html", "x", 1, true}},
		{"at the limit", []any{strings.Repeat("b", bigBytes-1), strings.Repeat("c", bigBytes), strings.Repeat("d", spillSize)}},
		{"long strings and bytes", []any{mkNode(40, long)}},
		{"many small values", []any{mkNode(2000, "short")}},
		{"a map of long values", []any{map[string]string{"k": long, "l": long[:bigBytes], "m": ""}}},
		{"event pages", []any{s.newPage(s.events[0].Href, "t", "", s.events[0], s.events[0].quoted()), s.events}},
		{"article pages", []any{s.articles}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			streamed, err := newFingerprinter("test", defaultTheme(t), fixture.Config)
			if err != nil {
				t.Fatal(err)
			}
			got, err := streamed.of("key", c.data...)
			if err != nil {
				t.Fatal(err)
			}
			plain := &fingerprinter{global: streamed.global}
			w := walker{f: plain, plain: true}
			if err := w.walk("key", c.data); err != nil {
				t.Fatal(err)
			}
			if want := Fingerprint(sha256.Sum256(w.buf)); got != want {
				t.Errorf("hashed as it is walked: %x, hashed whole: %x", got, want)
			}
			// A second walk finds the pointed-to values' digests kept: the same fingerprint.
			if again, _ := streamed.of("key", c.data...); again != got {
				t.Errorf("walked again: %x, first: %x", again, got)
			}
		})
	}
}
