package extract

import (
	"regexp/syntax"
	"slices"
	"unicode"
)

// A quick "can a match begin here?" before an anchored regexp runs. Most tries of a rule fail
// within a few bytes ("the Interior" for a rule that wants "the early ..." or a month after
// "the"), and a failing try costs the regexp machine a microsecond or more; a deterministic
// automaton over the first bytes says so in a few nanoseconds.
//
// matchDFA is built from the rule's compiled program by the subset construction, over ASCII
// bytes only (a byte of 0x80 or above ends the test: "maybe"). It assumes every empty-width
// assertion (\b, ^, $) holds, so it admits every text the regexp matches and some more: when it
// says no match can begin at a position, the regexp finds none there; otherwise the regexp runs
// as before. The number of states is bounded; a state beyond the bound also answers "maybe".

// maxDFAStates bounds the states of one rule's automaton.
const maxDFAStates = 4000

// dfa state numbers with a meaning of their own
const (
	dfaDead    = 0  // no match can begin here
	dfaUnknown = -1 // not built (too many states): maybe
)

type matchDFA struct {
	class  [128]uint8 // ASCII byte -> its class: bytes no instruction tells apart share one
	nclass int
	start  int32
	next   []int32 // state*nclass + class -> state
	accept []bool  // by state: a match may end here (the program's Match is reachable)
}

// newMatchDFA builds the automaton of expr matched at its start, or nil when expr does not
// compile.
func newMatchDFA(expr string) *matchDFA {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil || len(prog.Inst) > 1<<16 {
		return nil
	}
	d := &matchDFA{}
	masks := make([]byteSet, len(prog.Inst))
	for pc := range prog.Inst {
		masks[pc] = asciiMask(&prog.Inst[pc])
	}
	d.classify(masks)

	// reach[pc]: the rune instructions and Match reached from pc without reading a byte.
	reach := make([][]uint32, len(prog.Inst))
	mark, gen := make([]uint32, len(prog.Inst)), uint32(0)
	var closure func(set []uint32, pc uint32) []uint32
	closure = func(set []uint32, pc uint32) []uint32 {
		if mark[pc] == gen {
			return set
		}
		mark[pc] = gen
		in := &prog.Inst[pc]
		switch in.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			set = closure(set, in.Out)
			return closure(set, in.Arg)
		case syntax.InstCapture, syntax.InstNop, syntax.InstEmptyWidth:
			return closure(set, in.Out) // an assertion is assumed to hold
		case syntax.InstFail:
			return set
		}
		return append(set, pc) // a rune instruction or Match
	}
	reachOf := func(pc uint32) []uint32 {
		if reach[pc] == nil {
			gen++
			reach[pc] = closure([]uint32{}, pc)
		}
		return reach[pc]
	}
	// classes[pc]: the byte classes a rune instruction matches
	classes := make([][]uint8, len(prog.Inst))
	rep := d.representatives()
	for pc := range prog.Inst {
		for c, b := range rep {
			if masks[pc].has(b) {
				classes[pc] = append(classes[pc], uint8(c))
			}
		}
	}

	// The states found so far: their sets of instructions, looked up by a hash of the set.
	sets := [][]uint32{nil}
	byHash := make(map[uint64][]int32, 256)
	d.accept = []bool{false}
	d.next = make([]int32, d.nclass, 64*d.nclass) // the dead state stays dead
	add := func(set []uint32) int32 {             // set is a buffer: kept only as a copy
		if len(set) == 0 {
			return dfaDead
		}
		slices.Sort(set)
		h := uint64(14695981039346656037) // FNV-1a
		for _, pc := range set {
			h = (h ^ uint64(pc)) * 1099511628211
		}
		for _, s := range byHash[h] {
			if slices.Equal(sets[s], set) {
				return s
			}
		}
		if len(sets) > maxDFAStates {
			return dfaUnknown
		}
		s := int32(len(sets))
		byHash[h] = append(byHash[h], s)
		sets = append(sets, slices.Clone(set))
		accept := false
		for _, pc := range set {
			accept = accept || prog.Inst[pc].Op == syntax.InstMatch
		}
		d.accept = append(d.accept, accept)
		d.next = slices.Grow(d.next, d.nclass)[:len(d.next)+d.nclass] // filled in below
		return s
	}
	d.start = add(slices.Clone(reachOf(uint32(prog.Start))))
	next := make([][]uint32, d.nclass)
	joined := make([]int32, d.nclass*len(prog.Inst)) // [class*len+pc]: the last state whose next set for the class took pc
	for s := 1; s < len(sets); s++ {                 // sets grows as states are found
		for c := range next {
			next[c] = next[c][:0]
		}
		for _, pc := range sets[s] {
			if prog.Inst[pc].Op == syntax.InstMatch {
				continue
			}
			to := reachOf(prog.Inst[pc].Out)
			for _, c := range classes[pc] {
				for _, q := range to {
					if at := int(c)*len(prog.Inst) + int(q); joined[at] != int32(s) {
						joined[at] = int32(s)
						next[c] = append(next[c], q)
					}
				}
			}
		}
		for c := range next {
			d.next[s*d.nclass+c] = add(next[c])
		}
	}
	return d
}

// asciiMask is the set of ASCII bytes a rune instruction matches (bit b of word b/64).
func asciiMask(in *syntax.Inst) (m byteSet) {
	set := func(b rune) { m[b/64] |= 1 << (b % 64) }
	switch in.Op {
	case syntax.InstRuneAny:
		return byteSet{^uint64(0), ^uint64(0)}
	case syntax.InstRuneAnyNotNL:
		m = byteSet{^uint64(0), ^uint64(0)}
		m[0] &^= 1 << '\n'
		return m
	case syntax.InstRune1:
		if r := in.Rune[0]; r < 128 {
			set(r)
		}
		return m
	case syntax.InstRune:
		if len(in.Rune) == 1 && syntax.Flags(in.Arg)&syntax.FoldCase != 0 {
			r0 := in.Rune[0]
			for r := r0; ; {
				if r < 128 {
					set(r)
				}
				if r = unicode.SimpleFold(r); r == r0 {
					break
				}
			}
			return m
		}
		if len(in.Rune) == 1 {
			if r := in.Rune[0]; r < 128 {
				set(r)
			}
			return m
		}
		for k := 0; k+1 < len(in.Rune); k += 2 {
			for r := in.Rune[k]; r <= in.Rune[k+1] && r < 128; r++ {
				set(r)
			}
		}
	}
	return m
}

// byteSet is a set of ASCII bytes: bit b of word b/64.
type byteSet [2]uint64

func (m byteSet) has(b byte) bool { return m[b/64]&(1<<(b%64)) != 0 }

// classify groups the ASCII bytes that every rune instruction of prog treats alike, refining
// one class by each instruction's set of bytes.
func (d *matchDFA) classify(masks []byteSet) {
	n := 1
	done := map[byteSet]bool{}
	var split [128][2]int16 // (old class, in the set) -> new class + 1
	for _, m := range masks {
		if done[m] {
			continue
		}
		done[m] = true
		clear(split[:n])
		next := 0
		for b := 0; b < 128; b++ {
			in := 0
			if m.has(byte(b)) {
				in = 1
			}
			c := &split[d.class[b]][in]
			if *c == 0 {
				next++
				*c = int16(next)
			}
			d.class[b] = uint8(*c - 1)
		}
		n = next
	}
	d.nclass = n
}

// representatives is a byte of each class.
func (d *matchDFA) representatives() []byte {
	rep := make([]byte, d.nclass)
	for b := 127; b >= 0; b-- {
		rep[d.class[b]] = byte(b)
	}
	return rep
}

// mayMatch reports whether a match of the pattern may begin at the start of s (s being all the
// text the regexp is given): false only when none can.
func (d *matchDFA) mayMatch(s string) bool {
	if d == nil {
		return true
	}
	state := d.start
	if state <= dfaDead {
		return state == dfaUnknown
	}
	for i := 0; ; i++ {
		if d.accept[state] {
			return true
		}
		if i == len(s) {
			return false
		}
		b := s[i]
		if b >= 0x80 {
			return true
		}
		state = d.next[int(state)*d.nclass+int(d.class[b])]
		if state <= dfaDead {
			return state == dfaUnknown
		}
	}
}

// mayMatchAfter reports whether a match may begin at or after from in s (a search of s[from:]
// may find one): false only when none can begin anywhere there. first, when not nil, is the
// bytes a match can begin with (firstBytes).
func (d *matchDFA) mayMatchAfter(s string, from int, first *[256]bool) bool {
	if d == nil {
		return true
	}
	for q := from; q <= len(s); q++ {
		if (first == nil || q < len(s) && first[s[q]]) && d.mayMatch(s[q:]) {
			return true
		}
	}
	return false
}
