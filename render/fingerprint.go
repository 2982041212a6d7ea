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

// fingerprinter hashes page data by walking it with reflection: every field, exported or not
// (a method a template calls may read an unexported one), every element, every map entry in
// key order. Views are plain data that reach only a bounded part of the site (see eventLink),
// and the digest of each pointed-to struct is kept, so an article quoted by many events is
// hashed once. Safe for concurrent use.
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
	keep reflect.Value
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

func (f *fingerprinter) store(k [2]uintptr, d Fingerprint, v reflect.Value) {
	s := f.shard(k)
	s.mu.Lock()
	if s.m == nil {
		s.m = map[[2]uintptr]memoEntry{}
	}
	s.m[k] = memoEntry{d, v}
	s.mu.Unlock()
}

// digestSlot, as a field of a struct, keeps the digest of the struct in the struct itself,
// for the fingerprinter that computed it: the views every page points to (events, articles,
// their sources) are looked up hundreds of thousands of times per build, and reading a field
// costs less than a lookup in the shared memo. The walker skips such a field (it is the
// walk's own bookkeeping); tag it fingerprint:"-" all the same, for the reader.
//
// A slot is written once: the first fingerprinter to claim it writes typ and d, then sets
// owner, after which they never change; a reader that sees its own fingerprinter in owner
// reads them. Any other fingerprinter uses the shared memo for the value.
type digestSlot struct {
	owner   atomic.Pointer[fingerprinter]
	claimed atomic.Bool
	typ     reflect.Type // the struct type d is the digest of
	d       Fingerprint
}

var digestSlotType = reflect.TypeFor[digestSlot]()

// errUnhashable is returned for data a fingerprint cannot cover (funcs, channels, cycles):
// the file is then always rendered.
var errUnhashable = fmt.Errorf("page data cannot be fingerprinted")

// of returns the fingerprint of a file named key made from data.
func (f *fingerprinter) of(key string, data ...any) (Fingerprint, error) {
	w := f.hashingWalker(make([]uintptr, 0, maxNesting))
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
		v := reflect.ValueOf(d)
		// What a job is given directly (its page) is made for it alone and dropped after:
		// walked, not kept in the memo.
		if v.Kind() == reflect.Pointer && !v.IsNil() {
			w.str(v.Type().String())
			v = v.Elem()
		}
		if err := w.value(v); err != nil {
			return err
		}
	}
	return nil
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
	// inside lists the pointers being walked, to refuse cycles. Walks into pointed-to values
	// nest, each appending to its parent's list: one array, made with room for maxNesting,
	// serves a whole walk.
	inside []uintptr
	// plain walks gather everything in buf, pointed-to values included: what a hashing walk
	// must come to the same digest as (see TestFingerprintStreamed).
	plain bool
}

const (
	maxNesting = 16      // pointers within pointers in page data, about
	spillSize  = 4 << 10 // a hashing walker hashes its buffer once it holds this much
	bigBytes   = 256     // and hashes longer strings directly, not through the buffer
)

var (
	hashes      = sync.Pool{New: func() any { return sha256.New() }}
	walkBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 2*spillSize); return &b }}
)

// hashingWalker starts a walk hashed as it goes, inside the pointers inside; release gives
// its buffer and hash back.
func (f *fingerprinter) hashingWalker(inside []uintptr) walker {
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
	w.buf = binary.AppendUvarint(w.buf, uint64(len(s)))
	// Hashing reads the bytes and keeps none (io.Writer's contract): the string's own bytes
	// can be handed over without a copy.
	w.raw(unsafe.Slice(unsafe.StringData(s), len(s)))
}

func (w *walker) num(n uint64) { w.buf = binary.AppendUvarint(w.buf, n) }

func (w *walker) value(v reflect.Value) error {
	w.spill()
	if !v.IsValid() {
		w.buf = append(w.buf, 0)
		return nil
	}
	switch v.Kind() {
	case reflect.String:
		w.str(v.String())
	case reflect.Bool:
		if v.Bool() {
			w.buf = append(w.buf, 1)
		} else {
			w.buf = append(w.buf, 0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		w.buf = binary.AppendVarint(w.buf, v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		w.num(v.Uint())
	case reflect.Float32, reflect.Float64:
		w.num(math.Float64bits(v.Float()))
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 && (v.Kind() == reflect.Slice || v.CanAddr()) {
			b := v.Bytes()
			w.num(uint64(len(b)))
			w.raw(b)
			return nil
		}
		w.num(uint64(v.Len()))
		for i := range v.Len() {
			if err := w.value(v.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Struct:
		for _, i := range infoOf(v.Type()).fields {
			if err := w.value(v.Field(i)); err != nil {
				return err
			}
		}
	case reflect.Pointer:
		if v.IsNil() {
			w.buf = append(w.buf, 0)
			return nil
		}
		if infoOf(v.Type().Elem()).flat {
			// A small value with nothing inside to share (a link, a date): cheaper to hash
			// where it is met than to look up.
			w.buf = append(w.buf, 2)
			return w.value(v.Elem())
		}
		d, err := w.pointee(v)
		if err != nil {
			return err
		}
		w.buf = append(w.buf, 1)
		w.buf = append(w.buf, d[:]...)
	case reflect.Interface:
		if v.IsNil() {
			w.buf = append(w.buf, 0)
			return nil
		}
		e := v.Elem()
		w.str(e.Type().String())
		return w.value(e)
	case reflect.Map:
		return w.mapValue(v)
	default: // funcs, channels, unsafe pointers
		return fmt.Errorf("%w: %s", errUnhashable, v.Type())
	}
	return nil
}

// typeInfo is what the walker needs to know of a type, worked out once per type.
type typeInfo struct {
	fields []int // of a struct: the fields to hash
	flat   bool  // strings, numbers and booleans only (in structs and arrays): no pointers
	// slot is the offset of the struct's own digestSlot field (not one of an embedded
	// struct's, which keeps that struct's digest), when it has one.
	slot    uintptr
	hasSlot bool
}

var typeInfos sync.Map // reflect.Type -> *typeInfo

func infoOf(t reflect.Type) *typeInfo {
	if ti, ok := typeInfos.Load(t); ok {
		return ti.(*typeInfo)
	}
	ti := &typeInfo{flat: true}
	switch t.Kind() {
	case reflect.Struct:
		for i := range t.NumField() {
			if f := t.Field(i); f.Type == digestSlotType {
				if !ti.hasSlot {
					ti.slot, ti.hasSlot = f.Offset, true
				}
				continue
			}
			// A field tagged fingerprint:"-" is the build's bookkeeping, which no page shows
			// (or is covered by another field): the same data is reachable, as shown, from
			// another field.
			if t.Field(i).Tag.Get("fingerprint") == "-" {
				continue
			}
			ti.fields = append(ti.fields, i)
			ti.flat = ti.flat && infoOf(t.Field(i).Type).flat
		}
	case reflect.Array:
		ti.flat = infoOf(t.Elem()).flat
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
	default:
		ti.flat = false
	}
	typeInfos.Store(t, ti)
	return ti
}

// pointee is the digest of what v points to, computed once per pointer.
func (w *walker) pointee(v reflect.Value) (Fingerprint, error) {
	p := v.Pointer()
	// The type's own address tells a struct from its first field, which share an address.
	k := [2]uintptr{p, reflect.ValueOf(v.Type()).Pointer()}
	et := v.Type().Elem()
	var slot *digestSlot
	if ti := infoOf(et); ti.hasSlot {
		slot = (*digestSlot)(unsafe.Add(v.UnsafePointer(), ti.slot))
		if slot.owner.Load() == w.f {
			if slot.typ == et {
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
	if slices.Contains(w.inside, p) {
		return Fingerprint{}, fmt.Errorf("%w: %s refers back to itself", errUnhashable, v.Type())
	}
	var d Fingerprint
	if w.plain {
		inner := walker{f: w.f, inside: append(w.inside, p), plain: true}
		inner.str(v.Type().String())
		if err := inner.value(v.Elem()); err != nil {
			return Fingerprint{}, err
		}
		d = sha256.Sum256(inner.buf)
	} else {
		inner := w.f.hashingWalker(append(w.inside, p))
		defer inner.release()
		inner.str(v.Type().String())
		if err := inner.value(v.Elem()); err != nil {
			return Fingerprint{}, err
		}
		d = inner.sum()
	}
	if slot != nil && slot.claimed.CompareAndSwap(false, true) {
		slot.typ, slot.d = et, d
		slot.owner.Store(w.f)
	} else {
		w.f.store(k, d, v)
	}
	return d, nil
}

// prepare hashes the values pointed to by ptrs (a slice of pointers) on all cores, so that the
// jobs that share them find their digests ready instead of all hashing them at once.
func (f *fingerprinter) prepare(ptrs any) {
	v := reflect.ValueOf(ptrs)
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for g := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := walker{f: f, inside: make([]uintptr, 0, maxNesting)}
			for i := g; i < v.Len(); i += workers {
				if e := v.Index(i); !e.IsNil() {
					w.pointee(e) // an error shows again, and is handled, where the value is used
				}
			}
		}()
	}
	wg.Wait()
}

// mapValue hashes a map's entries in the order of their encoded keys.
func (w *walker) mapValue(v reflect.Value) error {
	type entry struct{ k, v []byte }
	entries := make([]entry, 0, v.Len())
	iter := v.MapRange()
	for iter.Next() {
		kw, vw := walker{f: w.f, inside: w.inside, plain: w.plain}, walker{f: w.f, inside: w.inside, plain: w.plain}
		if err := kw.value(iter.Key()); err != nil {
			return err
		}
		if err := vw.value(iter.Value()); err != nil {
			return err
		}
		entries = append(entries, entry{kw.buf, vw.buf})
	}
	slices.SortFunc(entries, func(a, b entry) int { return bytes.Compare(a.k, b.k) })
	w.num(uint64(len(entries)))
	for _, e := range entries {
		w.raw(e.k)
		w.raw(e.v)
	}
	return nil
}

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
		if err := w.value(reflect.ValueOf(v)); err != nil {
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
