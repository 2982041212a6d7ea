package render

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"html/template"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// TestFingerprintStreamed checks that hashing page data as it is walked, in pieces, gives the
// digest of the whole reference walk gathered first: the pieces must join up whatever their
// sizes.
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
			if want := referenceFingerprint(t, streamed.global, "key", c.data...); got != want {
				t.Errorf("hashed as it is walked: %x, by the reference walk: %x", got, want)
			}
			// A second walk finds the pointed-to values' digests kept: the same fingerprint.
			if again, _ := streamed.of("key", c.data...); again != got {
				t.Errorf("walked again: %x, first: %x", again, got)
			}
		})
	}
}

// zoo holds a value of every kind the walker reads, exported or not, for
// TestFingerprintPlans.
type zoo struct {
	S       string
	html    template.HTML
	I       int
	i8      int8
	I16     int16
	I32     int32
	I64     int64
	U       uint
	U8      uint8
	U16     uint16
	U32     uint32
	U64     uint64
	Ptr     uintptr
	F32     float32
	F64     float64
	B       bool
	Bytes   []byte
	Sum     [4]byte
	Strs    []string
	Ints    []int16
	Flat    zooFlat
	FlatP   *zooFlat
	Nodes   []*zooNode
	Arr     [2]zooFlat
	Any     any
	Anys    []any
	M       map[string]int
	ByLeaf  map[zooFlat]*zooNode
	Offsets map[int]string // written without reflection
	Kept    zooNode        // written as its digest, kept in it
	Outer   *zooOuter
	Summary *zooNode // Outer's first field, at its address
	Next    *zoo
	Skipped string `fingerprint:"-"`
	zooEmbedded
	digest digestSlot
}

type zooFlat struct {
	A int16
	b uint32
	C float32
	D [3]byte
	E bool
}

// zooNode is not flat: pointers to it are hashed apart, their digests kept in it.
type zooNode struct {
	Tags   []string
	Leaf   zooFlat
	digest digestSlot
}

// zooOuter holds a struct that keeps its own digest as its first field, as an event's view
// holds its summary.
type zooOuter struct {
	zooNode
	Extra  string
	digest digestSlot
}

type zooEmbedded struct {
	Label string
	inner *zooNode
}

func newZoo() *zoo {
	node := func(tags ...string) *zooNode { return &zooNode{Tags: tags, Leaf: zooFlat{A: 7, D: [3]byte{1, 2, 3}}} }
	shared := node("shared")
	z := &zoo{
		S: "title", html: "<b>x</b>", I: -1, i8: -8, I16: 1600, I32: -32, I64: math.MaxInt64, U: 1, U8: 255,
		U16: 16, U32: 32, U64: math.MaxUint64, Ptr: 99, F32: 1.5, F64: -2.25, B: true,
		Bytes: []byte("bytes"), Sum: [4]byte{9, 8, 7, 6}, Strs: []string{"a", "", "c"}, Ints: []int16{-1, 2},
		Flat: zooFlat{A: 1, b: 2, C: 3, D: [3]byte{4, 5, 6}, E: true}, FlatP: &zooFlat{A: 10},
		Nodes: []*zooNode{shared, node("b", "c"), nil, shared}, Arr: [2]zooFlat{{A: 1}, {b: 2}},
		Any: shared, Anys: []any{"s", 3, zooFlat{A: 4}, shared, nil, []string{"x"}},
		M: map[string]int{"one": 1, "two": 2, "three": 3}, Offsets: map[int]string{-1: "a", 0: "", 300: "c", 1 << 40: "d"}, ByLeaf: map[zooFlat]*zooNode{{A: 1}: shared, {A: 2}: node("d")},
		Next:        &zoo{S: "next", Strs: []string{}},
		Kept:        zooNode{Tags: []string{"kept"}},
		Outer:       &zooOuter{zooNode: zooNode{Tags: []string{"outer"}}, Extra: "extra"},
		zooEmbedded: zooEmbedded{Label: "label", inner: node("inner")},
	}
	z.Summary = &z.Outer.zooNode
	return z
}

// TestFingerprintPlans checks that the walker, reading values through plans, writes what the
// reference walk by reflection writes for values of every kind, and that a change to anything
// reachable (but the fields left out) changes the fingerprint.
func TestFingerprintPlans(t *testing.T) {
	of := func(t *testing.T, data ...any) Fingerprint {
		t.Helper()
		f := &fingerprinter{global: Fingerprint{1}}
		got, err := f.of("key", data...)
		if err != nil {
			t.Fatal(err)
		}
		if want := referenceFingerprint(t, f.global, "key", data...); got != want {
			t.Fatalf("walked through plans: %x, by reflection: %x", got, want)
		}
		if again, _ := f.of("key", data...); again != got { // from the slots and the memo
			t.Fatalf("walked again: %x, first: %x", again, got)
		}
		return got
	}
	t.Run("every kind", func(t *testing.T) {
		z := newZoo()
		of(t, z)
		of(t, []*zoo{z}, z.zooEmbedded, z.Flat, z.Nodes, z.M, z.Any, z.Anys, z.Sum, z.Bytes, nil, (*zoo)(nil), 1.5, uint8(3))
	})
	changes := []struct {
		name   string
		change func(z *zoo)
	}{
		{"a string", func(z *zoo) { z.S += "!" }},
		{"an unexported named string", func(z *zoo) { z.html += "!" }},
		{"an int", func(z *zoo) { z.I = 1 }},
		{"an unexported int8", func(z *zoo) { z.i8 = 8 }},
		{"an int16", func(z *zoo) { z.I16 = -1600 }},
		{"an int32", func(z *zoo) { z.I32++ }},
		{"an int64", func(z *zoo) { z.I64 = math.MinInt64 }},
		{"a uint", func(z *zoo) { z.U++ }},
		{"a uint8", func(z *zoo) { z.U8-- }},
		{"a uint16", func(z *zoo) { z.U16++ }},
		{"a uint32", func(z *zoo) { z.U32++ }},
		{"a uint64", func(z *zoo) { z.U64-- }},
		{"a uintptr", func(z *zoo) { z.Ptr++ }},
		{"a float32", func(z *zoo) { z.F32 = -1.5 }},
		{"a float64", func(z *zoo) { z.F64 = 0 }},
		{"a bool", func(z *zoo) { z.B = false }},
		{"a byte", func(z *zoo) { z.Bytes[0] = 'B' }},
		{"bytes to none", func(z *zoo) { z.Bytes = []byte{} }},
		{"no bytes to nil", func(z *zoo) { z.Bytes = []byte{}; z.Next.Bytes = nil; z.Next.Strs = nil }},
		{"an array's byte", func(z *zoo) { z.Sum[3] = 0 }},
		{"a string of a slice", func(z *zoo) { z.Strs[1] = "b" }},
		{"strings split apart", func(z *zoo) { z.Strs = []string{"a", "c"} }},
		{"an empty slice to nil", func(z *zoo) { z.Next.Strs = nil }},
		{"an int16 of a slice", func(z *zoo) { z.Ints[1] = 3 }},
		{"an embedded struct's field", func(z *zoo) { z.Label = "" }},
		{"an unexported field of a struct field", func(z *zoo) { z.Flat.b = 0 }},
		{"a flat struct's float", func(z *zoo) { z.Flat.C = 0 }},
		{"a flat struct's byte array", func(z *zoo) { z.Flat.D[1] = 0 }},
		{"a flat struct's bool", func(z *zoo) { z.Flat.E = false }},
		{"through a pointer to a flat struct", func(z *zoo) { z.FlatP.A++ }},
		{"a pointer to a flat struct to nil", func(z *zoo) { z.FlatP = nil }},
		{"through a shared pointer", func(z *zoo) { z.Nodes[0].Tags[0] = "x" }},
		{"a nil pointer of a slice", func(z *zoo) { z.Nodes[2] = z.Nodes[1] }},
		{"the order of pointers", func(z *zoo) { z.Nodes[0], z.Nodes[1] = z.Nodes[1], z.Nodes[0] }},
		{"a struct of an array", func(z *zoo) { z.Arr[1].b = 3 }},
		{"an interface's type", func(z *zoo) { z.Anys[1] = int64(3) }},
		{"an interface's value", func(z *zoo) { z.Anys[2] = zooFlat{A: 5} }},
		{"an interface to nil", func(z *zoo) { z.Any = nil }},
		{"an interface holding a slice", func(z *zoo) { z.Anys[5].([]string)[0] = "y" }},
		{"a map's value", func(z *zoo) { z.M["two"] = 4 }},
		{"a map's key", func(z *zoo) { delete(z.M, "two"); z.M["deux"] = 2 }},
		{"an entry more", func(z *zoo) { z.M[""] = 0 }},
		{"a map's struct key", func(z *zoo) {
			n := z.ByLeaf[zooFlat{A: 2}]
			delete(z.ByLeaf, zooFlat{A: 2})
			z.ByLeaf[zooFlat{A: 3}] = n
		}},
		{"through a map's pointer", func(z *zoo) { z.ByLeaf[zooFlat{A: 2}].Tags = append(z.ByLeaf[zooFlat{A: 2}].Tags, "e") }},
		{"an empty map to nil", func(z *zoo) { z.M = map[string]int{}; z.Next.M = map[string]int{} }},
		{"an offset's string", func(z *zoo) { z.Offsets[300] = "C" }},
		{"an offset", func(z *zoo) { delete(z.Offsets, 300); z.Offsets[301] = "c" }},
		{"no offsets to nil", func(z *zoo) { z.Offsets = map[int]string{}; z.Next.Offsets = map[int]string{} }},
		{"through an unexported pointer", func(z *zoo) { z.inner.Leaf.A = 0 }},
		{"the next value's string", func(z *zoo) { z.Next.S = "" }},
		{"a struct field keeping its digest", func(z *zoo) { z.Kept.Tags[0] = "x" }},
		{"a struct keeping its digest in another", func(z *zoo) { z.Outer.Leaf.b = 1 }},
		{"the other", func(z *zoo) { z.Outer.Extra = "" }},
	}
	before := of(t, newZoo())
	for _, c := range changes {
		t.Run(c.name, func(t *testing.T) {
			z := newZoo()
			c.change(z)
			if of(t, z) == before {
				t.Error("the fingerprint did not change")
			}
		})
	}
	t.Run("a struct field's digest kept for pointers to it", func(t *testing.T) {
		z := newZoo()
		f := &fingerprinter{}
		if _, err := f.of("key", z); err != nil {
			t.Fatal(err)
		}
		if z.Kept.digest.owner.Load() != f || z.Outer.zooNode.digest.owner.Load() != f {
			t.Error("the digests of struct fields that keep theirs were not kept")
		}
	})
	t.Run("fields left out", func(t *testing.T) {
		z := newZoo()
		z.Skipped = "not shown"
		if of(t, z) != before {
			t.Error("a field tagged fingerprint:\"-\" changed the fingerprint")
		}
	})
	t.Run("maps in any order", func(t *testing.T) {
		a := newZoo()
		for range 20 { // a map is iterated in an order of its own each time
			b := newZoo()
			b.M = map[string]int{}
			for _, k := range []string{"three", "two", "one"} {
				b.M[k] = a.M[k]
			}
			if of(t, b) != before {
				t.Fatal("the same map made in another order changed the fingerprint")
			}
		}
	})
	t.Run("refused", func(t *testing.T) {
		cyclic := newZoo()
		cyclic.Next.Next = cyclic
		throughMap := newZoo()
		throughMap.Next.Any = map[string]*zoo{"back": throughMap.Next}
		throughInterface := newZoo()
		throughInterface.Next.Anys = []any{throughInterface.Next}
		for name, data := range map[string]any{
			"a cycle":                 cyclic,
			"a cycle through a map":   throughMap,
			"a cycle through an any":  throughInterface,
			"a func":                  struct{ F func() }{},
			"a func in an interface":  []any{1, func() {}},
			"a channel":               map[string]chan int{"c": nil},
			"a complex number":        complex(1, 2),
			"an unsafe pointer field": struct{ P unsafe.Pointer }{},
		} {
			f := &fingerprinter{}
			_, err := f.of("key", data)
			if !errors.Is(err, errUnhashable) {
				t.Errorf("%s: %v, want errUnhashable", name, err)
			}
			if _, ref := referenceWalk(Fingerprint{}, "key", []any{data}); !errors.Is(ref, errUnhashable) {
				t.Errorf("%s: the reference walk gives %v", name, ref)
			}
		}
	})
}

// TestStartsWithSlot checks which values touch leaves alone: those whose first byte is a
// digest slot's, which another fingerprinter may be writing.
func TestStartsWithSlot(t *testing.T) {
	for _, c := range []struct {
		name string
		typ  reflect.Type
		want bool
	}{
		{"a slot", digestSlotType, true},
		{"a slot first", reflect.TypeFor[struct {
			d digestSlot
			S string
		}](), true},
		{"a slot last", reflect.TypeFor[slotted](), false},
		{"a slot after an empty field", reflect.TypeFor[struct {
			_ struct{}
			d digestSlot
		}](), true},
		{"in a struct first", reflect.TypeFor[struct{ Inner struct{ d digestSlot } }](), true},
		{"in an array", reflect.TypeFor[[2]digestSlot](), true},
		{"no element", reflect.TypeFor[[0]digestSlot](), false},
		{"a string", reflect.TypeFor[string](), false},
		{"an article", reflect.TypeFor[articleView](), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := startsWithSlot(c.typ); got != c.want {
				t.Errorf("startsWithSlot(%s) = %v, want %v", c.typ, got, c.want)
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
	plainDigest := func(data any) Fingerprint { return referenceFingerprint(t, Fingerprint{}, "key", data) }
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

// referenceWalk is what the fingerprint of a file named key made from data must be the
// SHA-256 of, worked out the simple way: by reflection, every value asked for its kind and
// fields, everything gathered in one buffer, pointed-to values hashed again wherever met.
// The walker reads values through plans made once per type, and hashes them in pieces as it
// goes; it must come to the same bytes.
func referenceWalk(global Fingerprint, key string, data []any) ([]byte, error) {
	r := &referenceWalker{}
	r.buf = append(r.buf, global[:]...)
	r.str(key)
	for _, d := range data {
		v := reflect.ValueOf(d)
		// What a job is given by pointer is walked where it is met, not hashed apart.
		if v.Kind() == reflect.Pointer && !v.IsNil() {
			r.str(v.Type().String())
			v = v.Elem()
		}
		if err := r.value(v); err != nil {
			return nil, err
		}
	}
	return r.buf, nil
}

type referenceWalker struct {
	buf    []byte
	inside []referencePointer
}

// referencePointer is a pointer being walked: a struct and its first field share an address.
type referencePointer struct {
	p uintptr
	t reflect.Type
}

func (r *referenceWalker) str(s string) {
	r.buf = binary.AppendUvarint(r.buf, uint64(len(s)))
	r.buf = append(r.buf, s...)
}

func (r *referenceWalker) num(n uint64) { r.buf = binary.AppendUvarint(r.buf, n) }

// length: 0 for nil, else 1 + n.
func (r *referenceWalker) length(isNil bool, n int) {
	if isNil {
		r.buf = append(r.buf, 0)
	} else {
		r.num(uint64(n) + 1)
	}
}

func (r *referenceWalker) value(v reflect.Value) error {
	if !v.IsValid() {
		r.buf = append(r.buf, 0)
		return nil
	}
	switch v.Kind() {
	case reflect.String:
		r.str(v.String())
	case reflect.Bool:
		if v.Bool() {
			r.buf = append(r.buf, 1)
		} else {
			r.buf = append(r.buf, 0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		r.buf = binary.AppendVarint(r.buf, v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		r.num(v.Uint())
	case reflect.Float32, reflect.Float64:
		r.num(math.Float64bits(v.Float()))
	case reflect.Slice:
		r.length(v.IsNil(), v.Len())
		if v.Type().Elem().Kind() == reflect.Uint8 {
			r.buf = append(r.buf, v.Bytes()...)
			return nil
		}
		for i := range v.Len() {
			if err := r.value(v.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Array:
		r.num(uint64(v.Len()))
		for i := range v.Len() {
			if v.Type().Elem().Kind() == reflect.Uint8 {
				r.buf = append(r.buf, byte(v.Index(i).Uint())) // bytes as they are
				continue
			}
			if err := r.value(v.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if f.Type == digestSlotType || f.Tag.Get("fingerprint") == "-" {
				continue
			}
			// A struct that keeps its own digest is written as a pointer to it would be.
			if keepsDigest(f.Type) && !referenceFlat(f.Type) {
				d, err := r.digest(reflect.PointerTo(f.Type), v.Field(i))
				if err != nil {
					return err
				}
				r.buf = append(append(r.buf, 1), d[:]...)
				continue
			}
			if err := r.value(v.Field(i)); err != nil {
				return err
			}
		}
	case reflect.Pointer:
		if v.IsNil() {
			r.buf = append(r.buf, 0)
			return nil
		}
		if referenceFlat(v.Type().Elem()) {
			r.buf = append(r.buf, 2)
			return r.value(v.Elem())
		}
		at := referencePointer{v.Pointer(), v.Type()}
		if slices.Contains(r.inside, at) {
			return fmt.Errorf("%w: %s refers back to itself", errUnhashable, v.Type())
		}
		inner := &referenceWalker{inside: append(slices.Clip(r.inside), at)}
		d, err := inner.digest(v.Type(), v.Elem())
		if err != nil {
			return err
		}
		r.buf = append(append(r.buf, 1), d[:]...)
	case reflect.Interface:
		if v.IsNil() {
			r.buf = append(r.buf, 0)
			return nil
		}
		r.str(v.Elem().Type().String())
		return r.value(v.Elem())
	case reflect.Map:
		r.length(v.IsNil(), v.Len())
		type entry struct{ k, v []byte }
		var entries []entry
		for iter := v.MapRange(); iter.Next(); {
			k, e := &referenceWalker{inside: r.inside}, &referenceWalker{inside: r.inside}
			if err := k.value(iter.Key()); err != nil {
				return err
			}
			if err := e.value(iter.Value()); err != nil {
				return err
			}
			entries = append(entries, entry{k.buf, e.buf})
		}
		slices.SortFunc(entries, func(a, b entry) int {
			return cmp.Or(bytes.Compare(a.k, b.k), bytes.Compare(a.v, b.v))
		})
		for _, e := range entries {
			r.buf = append(append(r.buf, e.k...), e.v...)
		}
	default: // funcs, channels, unsafe pointers, complex numbers
		return fmt.Errorf("%w: %s", errUnhashable, v.Type())
	}
	return nil
}

// digest is the digest of v as what a pointer of type ptr points to.
func (r *referenceWalker) digest(ptr reflect.Type, v reflect.Value) (Fingerprint, error) {
	inner := &referenceWalker{inside: r.inside}
	inner.str(ptr.String())
	if err := inner.value(v); err != nil {
		return Fingerprint{}, err
	}
	return sha256.Sum256(inner.buf), nil
}

// keepsDigest reports whether t is a struct with a digest slot of its own.
func keepsDigest(t reflect.Type) bool {
	if t.Kind() != reflect.Struct {
		return false
	}
	for i := range t.NumField() {
		if t.Field(i).Type == digestSlotType {
			return true
		}
	}
	return false
}

// referenceFlat reports whether values of type t hold only strings, numbers and booleans (in
// structs and arrays): a pointer to one is walked where it is met.
func referenceFlat(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return true
	case reflect.Array:
		return referenceFlat(t.Elem())
	case reflect.Struct:
		for i := range t.NumField() {
			if f := t.Field(i); f.Type != digestSlotType && f.Tag.Get("fingerprint") != "-" && !referenceFlat(f.Type) {
				return false
			}
		}
		return true
	}
	return false
}

// referenceFingerprint is the fingerprint referenceWalk says a file must have.
func referenceFingerprint(t *testing.T, global Fingerprint, key string, data ...any) Fingerprint {
	t.Helper()
	b, err := referenceWalk(global, key, data)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}
