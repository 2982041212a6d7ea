package render

import (
	"crypto/sha256"
	"reflect"
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

// slotted and slottedTwin share a layout, digest slot included, but not what is hashed: a
// pointer converted from one to the other must not be given the other's digest.
type slotted struct {
	Shown, Hidden string
	Tags          []string   // not flat: pointers to it are looked up, not hashed where met
	digest        digestSlot `fingerprint:"-"`
}

type slottedTwin struct {
	Shown, Hidden string `fingerprint:"-"`
	Tags          []string
	digest        digestSlot
}

// TestDigestSlots checks that the digests kept in views themselves are those the shared
// memo would give, belong to one fingerprinter (a later one sees a changed view) and to one
// type, and that the slot is left out of the views' template memo keys.
func TestDigestSlots(t *testing.T) {
	plainDigest := func(data any) Fingerprint {
		w := walker{f: &fingerprinter{}, plain: true}
		if err := w.walk("key", []any{data}); err != nil {
			t.Fatal(err)
		}
		return sha256.Sum256(w.buf)
	}
	of := func(f *fingerprinter, data any) Fingerprint {
		d, err := f.of("key", data)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	t.Run("same digest as the shared memo", func(t *testing.T) {
		v := &slotted{Shown: "a", Hidden: "b"}
		f := &fingerprinter{}
		first := of(f, []*slotted{v})
		if v.digest.owner.Load() != f {
			t.Fatal("the digest was not kept in the value")
		}
		plain := plainDigest([]*slotted{{Shown: "a", Hidden: "b"}})
		if again := of(f, []*slotted{v}); again != first || first != plain {
			t.Errorf("from the slot %x, first %x, walked plainly %x", again, first, plain)
		}
	})
	t.Run("another fingerprinter sees a change", func(t *testing.T) {
		v := &slotted{Shown: "a"}
		before := of(&fingerprinter{}, []*slotted{v})
		v.Shown = "changed"
		if after := of(&fingerprinter{}, []*slotted{v}); after == before {
			t.Error("a new fingerprinter reused the digest an earlier one kept in the value")
		}
	})
	t.Run("one type per slot", func(t *testing.T) {
		v := &slotted{Shown: "a", Hidden: "b"}
		twin := (*slottedTwin)(v)
		// Worked out on copies, whose slots the plain walks take.
		want := plainDigest([]*slotted{{Shown: "a", Hidden: "b"}})
		wantTwin := plainDigest([]*slottedTwin{(*slottedTwin)(&slotted{Shown: "a", Hidden: "b"})})
		f := &fingerprinter{}
		for range 2 { // the second time, from the slot and the memo
			if got := of(f, []*slotted{v}); got != want {
				t.Errorf("slotted: %x, want %x", got, want)
			}
			if got := of(f, []*slottedTwin{twin}); got != wantTwin {
				t.Errorf("its twin: %x, want %x", got, wantTwin)
			}
		}
	})
	t.Run("left out of memo keys", func(t *testing.T) {
		fixture := fixtureSite(t, "")
		s, err := newSite(fixture)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := newFingerprinter("test", defaultTheme(t), fixture.Config); err != nil {
			t.Fatal(err)
		}
		e := s.events[0]
		f := &fingerprinter{}
		of(f, []*eventView{e})
		if e.digest.owner.Load() == nil || e.Sources[0].digest.owner.Load() == nil || e.Sources[0].Article.digest.owner.Load() == nil {
			t.Fatal("digests not kept in the views")
		}
		for _, data := range []any{&e.eventSummary, e.Sources[0], e.Sources[0].Article} {
			if _, ok := appendMemoKey(nil, reflect.ValueOf(data), 0); !ok {
				t.Errorf("a template cannot memoize a %T", data)
			}
		}
	})
}
