package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"io/fs"
	"math"
	"reflect"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"unsafe"
)

// Fingerprint is a hash of everything a file of the site is made from: the program, the
// templates, the settings and the data its template is given. Two renders that give a file
// the same fingerprint give it the same bytes, so an incremental build keeps the file instead
// of rendering it again.
type Fingerprint [sha256.Size]byte

// fingerprinter hashes page data: every field, exported or not (a method a template calls
// may read an unexported one), every element, every map entry in key order. Views are plain
// data that reach only a bounded part of the site (see eventLink), and the digest of each
// pointed-to struct is kept, so an article quoted by many events is hashed once. Safe for
// concurrent use.
//
// Values are read through a plan made once per type (typePlan): field offsets and kinds,
// read from memory directly, which costs a fraction of asking reflection for each field of
// each value. fingerprint_test.go holds a walk by reflection the plans must agree with.
type fingerprinter struct {
	global Fingerprint // program, templates, settings: the same for every file
	memo   [64]memoShard
}

// memoShard holds digests of pointed-to values, by address and type. Pages share most of
// what they point to, so lookups are many: plain maps in shards beat one sync.Map.
type memoShard struct {
	mu sync.RWMutex
	m  map[[2]uintptr]memoEntry
}

// memoEntry keeps the value it was computed for alive: were it collected, another value could
// be made at the same address and be given its digest.
type memoEntry struct {
	d    Fingerprint
	keep unsafe.Pointer
}

func (f *fingerprinter) shard(k [2]uintptr) *memoShard {
	return &f.memo[(k[0]>>4)%uintptr(len(f.memo))]
}

func (f *fingerprinter) load(k [2]uintptr) (Fingerprint, bool) {
	s := f.shard(k)
	s.mu.RLock()
	e, ok := s.m[k]
	s.mu.RUnlock()
	return e.d, ok
}

func (f *fingerprinter) store(k [2]uintptr, d Fingerprint, p unsafe.Pointer) {
	s := f.shard(k)
	s.mu.Lock()
	if s.m == nil {
		s.m = map[[2]uintptr]memoEntry{}
	}
	s.m[k] = memoEntry{d, p}
	s.mu.Unlock()
}

// digestSlot, as a field of a struct, keeps the digest of the struct in the struct itself,
// for the fingerprinter that computed it: the views every page points to (events, articles,
// their sources) are looked up hundreds of thousands of times per build, and reading a field
// costs less than a lookup in the shared memo. The walker skips such a field (it is the
// walk's own bookkeeping); tag it fingerprint:"-" all the same, for the reader.
//
// A slot is written once: the first fingerprinter to claim it writes plan and d, then sets
// owner, after which they never change; a reader that sees its own fingerprinter in owner
// reads them. Any other fingerprinter uses the shared memo for the value.
type digestSlot struct {
	owner   atomic.Pointer[fingerprinter]
	claimed atomic.Bool
	plan    *typePlan // the struct type d is the digest of
	d       Fingerprint
}

var digestSlotType = reflect.TypeFor[digestSlot]()

// errUnhashable is returned for data a fingerprint cannot cover (funcs, channels, cycles):
// the file is then always rendered.
var errUnhashable = fmt.Errorf("page data cannot be fingerprinted")

// of returns the fingerprint of a file named key made from data.
func (f *fingerprinter) of(key string, data ...any) (Fingerprint, error) {
	w := f.hashingWalker(make([][2]uintptr, 0, maxNesting))
	defer w.release()
	if err := w.walk(key, data); err != nil {
		return Fingerprint{}, err
	}
	return w.sum(), nil
}

// walk feeds what makes the fingerprint of a file named key made from data to w.
func (w *walker) walk(key string, data []any) error {
	w.raw(w.f.global[:])
	w.str(key)
	for _, d := range data {
		if err := w.top(d); err != nil {
			return err
		}
	}
	return nil
}

// top feeds one value a job is given. What it is given by pointer (its page) is made for it
// alone and dropped after: walked, not kept in the memo.
func (w *walker) top(d any) error {
	switch d := d.(type) {
	case nil:
		w.buf = append(w.buf, 0)
		return nil
	case string:
		w.str(d)
		return nil
	}
	v := reflect.ValueOf(d)
	t := planOf(v.Type())
	if t.kind == planPointer {
		if v.IsNil() {
			w.buf = append(w.buf, 0)
			return nil
		}
		w.raw(t.name)
		return w.encode(t.elem, v.UnsafePointer())
	}
	return w.encode(t, addressOf(v))
}

// addressOf is the address of a copy of v, for a value that is not in memory the walk can
// point to (one given in an interface).
func addressOf(v reflect.Value) unsafe.Pointer {
	c := reflect.New(v.Type())
	c.Elem().Set(v)
	return c.UnsafePointer()
}

// walker turns values into bytes. A hashing walker (h set) hashes them as they come, in
// pieces, to the same digest as hashing them all at once: most of what a page holds is long
// strings, cheaper hashed where they are than copied into a buffer first. Without h, the
// bytes are gathered in buf (map entries, which are sorted before they are hashed).
type walker struct {
	f   *fingerprinter
	buf []byte
	h   hash.Hash
	// pooled is where buf came from, given back with it.
	pooled *[]byte
	// inside lists the pointers being walked, with their plans, to refuse cycles. Walks into
	// pointed-to values nest, each appending to its parent's list: one array, made with room
	// for maxNesting, serves a whole walk.
	inside  [][2]uintptr
	touched byte // what touch read, kept so that the reads are not left out
}

const (
	maxNesting = 16      // pointers within pointers in page data, about
	spillSize  = 4 << 10 // a hashing walker hashes its buffer once it holds this much
	bigBytes   = 256     // and hashes longer strings directly, not through the buffer
	readAhead  = 2       // prepare reads ahead what the value this many places on points to
)

var (
	hashes      = sync.Pool{New: func() any { return sha256.New() }}
	walkBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 2*spillSize); return &b }}
)

// hashingWalker starts a walk hashed as it goes, inside the pointers inside; release gives
// its buffer and hash back.
func (f *fingerprinter) hashingWalker(inside [][2]uintptr) walker {
	h := hashes.Get().(hash.Hash)
	h.Reset()
	b := walkBuffers.Get().(*[]byte)
	return walker{f: f, h: h, inside: inside, buf: (*b)[:0], pooled: b}
}

func (w *walker) release() {
	if cap(w.buf) <= 4*spillSize { // an outsized buffer (a huge map entry) is left to the collector
		*w.pooled = w.buf[:0]
		walkBuffers.Put(w.pooled)
	}
	hashes.Put(w.h)
	w.buf, w.h, w.pooled = nil, nil, nil
}

// sum is the digest of everything walked.
func (w *walker) sum() Fingerprint {
	w.h.Write(w.buf)
	// Summed into the buffer, not into a Fingerprint: what a hash.Hash is given escapes.
	w.buf = w.h.Sum(w.buf[:0])
	d := Fingerprint(w.buf)
	w.buf = w.buf[:0]
	return d
}

// spill hashes the buffer of a hashing walker once it holds enough.
func (w *walker) spill() {
	if w.h != nil && len(w.buf) >= spillSize {
		w.h.Write(w.buf)
		w.buf = w.buf[:0]
	}
}

// raw adds bytes as they are.
func (w *walker) raw(b []byte) {
	if w.h != nil && len(b) >= bigBytes {
		w.h.Write(w.buf)
		w.buf = w.buf[:0]
		w.h.Write(b)
		return
	}
	w.buf = append(w.buf, b...)
}

func (w *walker) str(s string) {
	w.num(uint64(len(s)))
	// Hashing reads the bytes and keeps none (io.Writer's contract): the string's own bytes
	// can be handed over without a copy.
	w.raw(unsafe.Slice(unsafe.StringData(s), len(s)))
}

// num adds n as binary.AppendUvarint would, but appended in place: a call's result assigned
// to w.buf is a write barrier, on every number, while the collector runs.
func (w *walker) num(n uint64) {
	for n >= 0x80 {
		w.buf = append(w.buf, byte(n)|0x80)
		n >>= 7
	}
	w.buf = append(w.buf, byte(n))
}

// signed adds n as binary.AppendVarint would (zigzag: small negative numbers stay short).
func (w *walker) signed(n int64) { w.num(uint64(n<<1) ^ uint64(n>>63)) }

// length starts a slice or map: 0 when nil, else 1 + its length. Templates show a nil slice
// and an empty one alike, but the exports do not (null, []).
func (w *walker) length(isNil bool, n int) {
	if isNil {
		w.buf = append(w.buf, 0)
		return
	}
	w.num(uint64(n) + 1)
}

// planKind is how a value is encoded.
type planKind uint8

const (
	planUnhashable planKind = iota // funcs, channels, unsafe pointers, complex numbers
	planString
	planBool
	planInt // int and int64; the next three, smaller signed integers
	planInt8
	planInt16
	planInt32
	planUint // uint, uint64 and uintptr; the next three, smaller unsigned integers
	planUint8
	planUint16
	planUint32
	planFloat32
	planFloat64
	planBytes     // a slice of bytes: length, then the bytes as they are
	planByteArray // an array of bytes, likewise
	planStrings   // a slice of strings
	planSlice
	planArray
	planStruct
	planPointer
	planInterface
	planMap
	// planKept is a struct field whose type keeps its own digest (see digestSlot), and is not
	// flat: written as the digest of a pointer to it would be (its plan is that pointer's).
	// The same struct is hashed once, whether met as a field (an event's view holds its
	// summary) or through a pointer to it (a timeline page lists summaries).
	planKept
)

// typePlan is what the walker needs to know of a type, worked out once per type.
type typePlan struct {
	typ  reflect.Type
	kind planKind
	// name is the type's name as the walk writes it (length, then the name), before what a
	// pointer of this type points to or what an interface holds of it.
	name []byte
	size uintptr
	flat bool // strings, numbers and booleans only (in structs and arrays): no pointers
	// fields of a struct to hash, those of its struct fields in their place (but for kept
	// ones, see planKept): a struct is written as its fields one after the other.
	fields []fieldPlan
	// ahead lists the struct's fields that point elsewhere (see touch).
	ahead []aheadField
	// slot is the offset of the struct's own digestSlot field (not one of an embedded
	// struct's, which keeps that struct's digest), when it has one.
	slot    uintptr
	hasSlot bool
	elem    *typePlan // of a slice, array, pointer; a map's values
	key     *typePlan // of a map
	n       int       // of an array, its length
}

type fieldPlan struct {
	offset uintptr
	kind   planKind // plan.kind (planKept: plan is its pointer's), read without following plan
	plan   *typePlan
}

var (
	plans    sync.Map   // reflect.Type -> *typePlan, complete
	planning sync.Mutex // makes new plans, one type graph at a time
)

// planOf is the plan of type t.
func planOf(t reflect.Type) *typePlan {
	if p, ok := plans.Load(t); ok {
		return p.(*typePlan)
	}
	planning.Lock()
	defer planning.Unlock()
	// Plans refer to each other (a struct pointing to its own type): they are published
	// together once all are complete.
	made := map[reflect.Type]*typePlan{}
	p := makePlan(t, made)
	for t, p := range made {
		plans.Store(t, p)
	}
	return p
}

func makePlan(t reflect.Type, made map[reflect.Type]*typePlan) *typePlan {
	if p, ok := plans.Load(t); ok {
		return p.(*typePlan)
	}
	if p, ok := made[t]; ok {
		return p
	}
	p := &typePlan{typ: t, size: t.Size(), flat: true}
	p.name = binary.AppendUvarint(nil, uint64(len(t.String())))
	p.name = append(p.name, t.String()...)
	made[t] = p
	bySize := func(kind planKind) planKind { // the kind for t's size, kind being the 8-byte one
		switch t.Size() {
		case 1:
			return kind + 1
		case 2:
			return kind + 2
		case 4:
			return kind + 3
		}
		return kind
	}
	switch t.Kind() {
	case reflect.String:
		p.kind = planString
	case reflect.Bool:
		p.kind = planBool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		p.kind = bySize(planInt)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		p.kind = bySize(planUint)
	case reflect.Uintptr:
		p.kind, p.flat = bySize(planUint), false
	case reflect.Float32:
		p.kind = planFloat32
	case reflect.Float64:
		p.kind = planFloat64
	case reflect.Slice:
		p.kind, p.flat = planSlice, false
		p.elem = makePlan(t.Elem(), made)
		switch t.Elem().Kind() {
		case reflect.Uint8:
			p.kind = planBytes
		case reflect.String:
			p.kind = planStrings
		}
	case reflect.Array:
		p.kind, p.n = planArray, t.Len()
		p.elem = makePlan(t.Elem(), made) // complete: an array cannot hold itself
		p.flat = p.elem.flat
		if t.Elem().Kind() == reflect.Uint8 {
			p.kind = planByteArray
		}
	case reflect.Struct:
		p.kind = planStruct
		for i := range t.NumField() {
			f := t.Field(i)
			if f.Type == digestSlotType {
				if !p.hasSlot {
					p.slot, p.hasSlot = f.Offset, true
				}
				continue
			}
			// A field tagged fingerprint:"-" is the build's bookkeeping, which no page shows
			// (or is covered by another field): the same data is reachable, as shown, from
			// another field.
			if f.Tag.Get("fingerprint") == "-" {
				continue
			}
			fp := makePlan(f.Type, made) // complete: a struct cannot hold itself
			p.flat = p.flat && fp.flat
			if fp.kind == planStruct && fp.hasSlot && !fp.flat {
				p.fields = append(p.fields, fieldPlan{f.Offset, planKept, makePlan(reflect.PointerTo(f.Type), made)})
				continue
			}
			if fp.kind == planStruct {
				for _, inner := range fp.fields {
					inner.offset += f.Offset
					p.fields = append(p.fields, inner)
				}
				continue
			}
			p.fields = append(p.fields, fieldPlan{f.Offset, fp.kind, fp})
		}
		for _, f := range p.fields {
			switch f.kind {
			case planString, planStrings, planBytes, planSlice:
				if f.kind == planString || f.plan.elem.size > 0 {
					p.ahead = append(p.ahead, aheadField{f.offset, true})
				}
			case planPointer:
				if et := f.plan.typ.Elem(); et.Size() > 0 && !startsWithSlot(et) {
					p.ahead = append(p.ahead, aheadField{f.offset, false})
				}
			}
		}
	case reflect.Pointer:
		p.kind, p.flat = planPointer, false
		p.elem = makePlan(t.Elem(), made) // may be in the making: read when walking, not now
	case reflect.Interface:
		p.kind, p.flat = planInterface, false
	case reflect.Map:
		p.kind, p.flat = planMap, false
		p.key, p.elem = makePlan(t.Key(), made), makePlan(t.Elem(), made)
	default:
		p.kind, p.flat = planUnhashable, false
	}
	return p
}

// sliceHeader is how a slice is laid out in memory.
type sliceHeader struct {
	data     unsafe.Pointer
	len, cap int
}

// encode feeds the value of type t at p.
func (w *walker) encode(t *typePlan, p unsafe.Pointer) error {
	switch t.kind {
	case planStruct:
		w.touch(p, t.ahead)
		for i := range t.fields {
			f := &t.fields[i]
			fp := unsafe.Add(p, f.offset)
			// The most common fields, without a call.
			switch f.kind {
			case planString:
				w.str(*(*string)(fp))
			case planInt:
				w.signed(*(*int64)(fp))
			case planBool:
				w.bool(*(*bool)(fp))
			case planKept:
				if err := w.kept(f.plan, fp); err != nil {
					return err
				}
			default:
				if err := w.encode(f.plan, fp); err != nil {
					return err
				}
			}
		}
		w.spill()
	case planString:
		w.str(*(*string)(p))
	case planBool:
		w.bool(*(*bool)(p))
	case planInt:
		w.signed(*(*int64)(p))
	case planInt8:
		w.signed(int64(*(*int8)(p)))
	case planInt16:
		w.signed(int64(*(*int16)(p)))
	case planInt32:
		w.signed(int64(*(*int32)(p)))
	case planUint:
		w.num(*(*uint64)(p))
	case planUint8:
		w.num(uint64(*(*uint8)(p)))
	case planUint16:
		w.num(uint64(*(*uint16)(p)))
	case planUint32:
		w.num(uint64(*(*uint32)(p)))
	case planFloat32:
		w.num(math.Float64bits(float64(*(*float32)(p))))
	case planFloat64:
		w.num(math.Float64bits(*(*float64)(p)))
	case planBytes:
		s := (*sliceHeader)(p)
		w.length(s.data == nil, s.len)
		w.raw(unsafe.Slice((*byte)(s.data), s.len))
	case planByteArray:
		w.num(uint64(t.n))
		w.raw(unsafe.Slice((*byte)(p), t.n))
	case planStrings:
		s := *(*[]string)(p)
		w.length(s == nil, len(s))
		for _, e := range s {
			w.str(e)
		}
		w.spill()
	case planSlice:
		s := (*sliceHeader)(p)
		w.length(s.data == nil, s.len)
		return w.elements(t.elem, s.data, s.len)
	case planArray:
		w.num(uint64(t.n))
		return w.elements(t.elem, p, t.n)
	case planPointer:
		return w.pointer(t, *(*unsafe.Pointer)(p))
	case planInterface:
		v := reflect.NewAt(t.typ, p).Elem()
		if v.IsNil() {
			w.buf = append(w.buf, 0)
			return nil
		}
		e := v.Elem()
		et := planOf(e.Type())
		w.raw(et.name)
		if et.kind == planPointer {
			return w.pointer(et, e.UnsafePointer())
		}
		return w.encode(et, addressOf(e))
	case planMap:
		return w.mapValue(t, p)
	default:
		return fmt.Errorf("%w: %s", errUnhashable, t.typ)
	}
	return nil
}

// startsWithSlot reports whether the first byte of a t is a digestSlot's, which another
// fingerprinter may be writing: touch leaves it alone.
func startsWithSlot(t reflect.Type) bool {
	for t != digestSlotType {
		switch {
		case t.Kind() == reflect.Array && t.Len() > 0:
			t = t.Elem()
		case t.Kind() == reflect.Struct:
			i := 0
			for i < t.NumField() && t.Field(i).Type.Size() == 0 {
				i++
			}
			if i == t.NumField() || t.Field(i).Offset > 0 {
				return false
			}
			t = t.Field(i).Type
		default:
			return false
		}
	}
	return true
}

// aheadField is a field that starts with a pointer: a string, slice or pointer.
type aheadField struct {
	offset uintptr
	length bool // a string or slice, whose length follows the pointer: read only when not 0
}

// touch reads the first byte of what each field points to, before the fields are walked one
// by one: what they point to is spread over the heap, and walking it waits for memory once
// per field, where these reads, independent of each other, wait together.
func (w *walker) touch(p unsafe.Pointer, fields []aheadField) {
	var b byte
	for _, f := range fields {
		q := unsafe.Add(p, f.offset)
		if f.length && *(*int)(unsafe.Add(q, unsafe.Sizeof(uintptr(0)))) == 0 {
			continue
		}
		if d := *(*unsafe.Pointer)(q); d != nil {
			b ^= *(*byte)(d)
		}
	}
	w.touched ^= b
}

func (w *walker) bool(b bool) {
	if b {
		w.buf = append(w.buf, 1)
	} else {
		w.buf = append(w.buf, 0)
	}
}

// elements feeds n values of type t, one after the other from p.
func (w *walker) elements(t *typePlan, p unsafe.Pointer, n int) error {
	// What the elements point to is read ahead for all of them, not element by element.
	switch {
	case t.kind == planStruct && len(t.ahead) > 0:
		for i := range n {
			w.touch(unsafe.Add(p, uintptr(i)*t.size), t.ahead)
		}
	case t.kind == planPointer && len(t.elem.ahead) > 0:
		for i := range n {
			if q := *(*unsafe.Pointer)(unsafe.Add(p, uintptr(i)*t.size)); q != nil {
				w.touch(q, t.elem.ahead)
			}
		}
	}
	for i := range n {
		if err := w.encode(t, unsafe.Add(p, uintptr(i)*t.size)); err != nil {
			return err
		}
		w.spill()
	}
	return nil
}

// pointer feeds p, a pointer of type t: what it points to where it is met when that is
// small and flat, its digest otherwise.
func (w *walker) pointer(t *typePlan, p unsafe.Pointer) error {
	if p == nil {
		w.buf = append(w.buf, 0)
		return nil
	}
	if t.elem.flat {
		// A small value with nothing inside to share (a link, a date): cheaper to hash
		// where it is met than to look up.
		w.buf = append(w.buf, 2)
		return w.encode(t.elem, p)
	}
	d, err := w.pointee(t, p)
	if err != nil {
		return err
	}
	w.buf = append(w.buf, 1)
	w.buf = append(w.buf, d[:]...)
	return nil
}

// kept feeds the struct at p, a field whose pointer type is t, as its digest.
func (w *walker) kept(t *typePlan, p unsafe.Pointer) error {
	d, err := w.pointee(t, p)
	if err != nil {
		return err
	}
	w.buf = append(w.buf, 1)
	w.buf = append(w.buf, d[:]...)
	return nil
}

// pointee is the digest of what p, a pointer of type t, points to, computed once per pointer.
func (w *walker) pointee(t *typePlan, p unsafe.Pointer) (Fingerprint, error) {
	// The type tells a struct from its first field, which share an address (see planKept).
	k := [2]uintptr{uintptr(p), uintptr(unsafe.Pointer(t))}
	var slot *digestSlot
	if et := t.elem; et.hasSlot {
		slot = (*digestSlot)(unsafe.Add(p, et.slot))
		if slot.owner.Load() == w.f {
			if slot.plan == et {
				return slot.d, nil
			}
			// Taken by another struct type of the same layout (a pointer conversion): the
			// shared memo serves this one.
			slot = nil
		} else if slot.claimed.Load() {
			slot = nil // another fingerprinter's, or being written
		}
	}
	if slot == nil {
		if d, ok := w.f.load(k); ok {
			return d, nil
		}
	}
	if slices.Contains(w.inside, k) {
		return Fingerprint{}, fmt.Errorf("%w: %s refers back to itself", errUnhashable, t.typ)
	}
	inner := w.f.hashingWalker(append(w.inside, k))
	defer inner.release()
	inner.raw(t.name)
	if err := inner.encode(t.elem, p); err != nil {
		return Fingerprint{}, err
	}
	d := inner.sum()
	if slot != nil && slot.claimed.CompareAndSwap(false, true) {
		slot.plan, slot.d = t.elem, d
		slot.owner.Store(w.f)
	} else {
		w.f.store(k, d, p)
	}
	return d, nil
}

// prepare hashes the values pointed to by ptrs (a slice of pointers) on all cores, so that the
// jobs that share them find their digests ready instead of all hashing them at once.
func (f *fingerprinter) prepare(ptrs any) {
	v := reflect.ValueOf(ptrs)
	t := planOf(v.Type()).elem
	if v.Kind() != reflect.Slice || t.kind != planPointer {
		panic(fmt.Sprintf("fingerprinter.prepare: %s is not a slice of pointers", v.Type()))
	}
	n, data := v.Len(), v.UnsafePointer()
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for g := range workers {
		wg.Go(func() {
			w := walker{f: f, inside: make([][2]uintptr, 0, maxNesting)}
			at := func(i int) unsafe.Pointer { return *(*unsafe.Pointer)(unsafe.Add(data, uintptr(i)*t.size)) }
			for i := g; i < n; i += workers {
				// Read ahead what a value a few places on points to, while this one is hashed.
				if next := i + readAhead*workers; next < n && at(next) != nil {
					w.touch(at(next), t.elem.ahead)
				}
				if p := at(i); p != nil {
					w.pointee(t, p) // an error shows again, and is handled, where the value is used
				}
			}
		})
	}
	wg.Wait()
	runtime.KeepAlive(ptrs)
}

// mapValue feeds the map of type t at p, its entries in the order of their encoded keys (then
// values, for keys that encode alike: pointers to equal values).
func (w *walker) mapValue(t *typePlan, p unsafe.Pointer) error {
	// The entries are written to a buffer of their own, each key followed by its value, and
	// sorted there.
	pooled := walkBuffers.Get().(*[]byte)
	g := walker{f: w.f, inside: w.inside, buf: (*pooled)[:0]}
	defer func() {
		if cap(g.buf) <= 4*spillSize {
			*pooled = g.buf[:0]
			walkBuffers.Put(pooled)
		}
	}()
	var entries []mapEntry
	if t.typ == offsetMapType {
		// Without reflection: every article's page holds one.
		m := *(*map[int]string)(p)
		w.length(m == nil, len(m))
		entries = make([]mapEntry, 0, len(m))
		for k, v := range m {
			e := mapEntry{key: len(g.buf)}
			g.signed(int64(k))
			e.value = len(g.buf)
			g.str(v)
			e.end = len(g.buf)
			entries = append(entries, e)
		}
	} else {
		m := reflect.NewAt(t.typ, p).Elem()
		w.length(m.IsNil(), m.Len())
		entries = make([]mapEntry, 0, m.Len())
		key, value := reflect.New(t.key.typ), reflect.New(t.elem.typ)
		for iter := m.MapRange(); iter.Next(); {
			key.Elem().SetIterKey(iter)
			value.Elem().SetIterValue(iter)
			e := mapEntry{key: len(g.buf)}
			if err := g.encode(t.key, key.UnsafePointer()); err != nil {
				return err
			}
			e.value = len(g.buf)
			if err := g.encode(t.elem, value.UnsafePointer()); err != nil {
				return err
			}
			e.end = len(g.buf)
			entries = append(entries, e)
		}
	}
	slices.SortFunc(entries, func(a, b mapEntry) int {
		if c := bytes.Compare(g.buf[a.key:a.value], g.buf[b.key:b.value]); c != 0 {
			return c
		}
		return bytes.Compare(g.buf[a.value:a.end], g.buf[b.value:b.end])
	})
	for _, e := range entries {
		w.raw(g.buf[e.key:e.end])
		w.spill()
	}
	return nil
}

// mapEntry is where a map entry's key, value and end are in the buffer they are written to.
type mapEntry struct{ key, value, end int }

// offsetMapType is that of articleView.eventAt.
var offsetMapType = reflect.TypeFor[map[int]string]()

// newFingerprinter starts the fingerprints of one render with what every file depends on:
// the program (version), every template and the settings.
func newFingerprinter(version string, theme ThemeFiles, cfg Config) (*fingerprinter, error) {
	f := &fingerprinter{}
	w := walker{f: f}
	w.str(version)
	tmpl, err := themeContents(theme.Templates)
	if err != nil {
		return nil, fmt.Errorf("templates: %v", err)
	}
	// Where the site lives is not part of what it shows.
	cfg.Root, cfg.File, cfg.Output = "", "", ""
	for _, v := range []any{tmpl, cfg} {
		if err := w.top(v); err != nil {
			return nil, err
		}
	}
	f.global = sha256.Sum256(w.buf)
	return f, nil
}

// themeContents lists a theme folder's files with their bytes, for fingerprints.
func themeContents(fsys fs.FS) ([][2]string, error) {
	files, err := walkFiles(fsys)
	if err != nil {
		return nil, err
	}
	out := make([][2]string, len(files))
	for i, name := range files {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		out[i] = [2]string{name, string(b)}
	}
	return out, nil
}

// staticFiles is themeContents for the static assets, whose errors copyStatic reports.
func staticFiles(fsys fs.FS) [][2]string {
	files, err := themeContents(fsys)
	if err != nil {
		return [][2]string{{"error", err.Error()}}
	}
	return files
}
