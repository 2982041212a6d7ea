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
// bytes only (a byte of 0x80 or above ends the test: "maybe"). A state knows whether the byte
// before was a word character, so \b and \B are decided as the regexp decides them (the text
// before the try is none: the regexp is given the text from the try on); the other assertions
// (^, $) are assumed to hold. So the automaton admits every text the regexp matches and maybe
// some more: when it says no match can begin at a position, the regexp finds none there;
// otherwise the regexp runs as before. The number of states is bounded; a state beyond the
// bound answers "maybe".

// maxDFAStates bounds the states of one rule's automaton.
const maxDFAStates = 4000

// dfa state numbers with a meaning of their own
const (
	dfaDead    = 0  // no match can begin here
	dfaUnknown = -1 // not built (too many states): maybe
	dfaMatch   = -2 // a match ends before the byte just read: maybe
)

type matchDFA struct {
	class  [128]uint8 // ASCII byte -> its class: bytes no instruction tells apart share one
	nclass int
	start  [2]int32 // after no word character (or no text), after one
	next   []int32  // state*nclass + class -> state
	atEnd  []bool   // by state: a match may end where the text ends
}

// wordBytes are the bytes \b counts as word characters.
var wordBytes = func() (m byteSet) {
	for b := 0; b < 128; b++ {
		if b >= '0' && b <= '9' || b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b == '_' {
			m[b/64] |= 1 << (b % 64)
		}
	}
	return m
}()

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
	d.classify(append(masks, wordBytes))
	rep := d.representatives()
	// classes[pc]: the byte classes a rune instruction matches
	classes := make([][]uint8, len(prog.Inst))
	for pc := range prog.Inst {
		for c, b := range rep {
			if masks[pc].has(b) {
				classes[pc] = append(classes[pc], uint8(c))
			}
		}
	}

	// boundary reports whether pc is \b or \B, decided only when the next byte is known.
	boundary := func(pc uint32) bool {
		in := &prog.Inst[pc]
		return in.Op == syntax.InstEmptyWidth && syntax.EmptyOp(in.Arg)&(syntax.EmptyWordBoundary|syntax.EmptyNoWordBoundary) != 0
	}
	// holds decides \b or \B between a byte that was (or not) a word character and the next.
	holds := func(pc uint32, prevWord, nextWord bool) bool {
		op := syntax.EmptyOp(prog.Inst[pc].Arg)
		if op&syntax.EmptyWordBoundary != 0 && prevWord == nextWord {
			return false
		}
		return op&syntax.EmptyNoWordBoundary == 0 || prevWord == nextWord
	}
	// closure adds what pc reaches without reading a byte to the set: rune instructions, Match,
	// and \b or \B, left pending; with decide, those are decided for the bytes prevWord and
	// nextWord and followed when they hold.
	mark, gen := make([]uint32, len(prog.Inst)), uint32(0)
	var closure func(set []uint32, pc uint32, decide, prevWord, nextWord bool) []uint32
	closure = func(set []uint32, pc uint32, decide, prevWord, nextWord bool) []uint32 {
		if mark[pc] == gen {
			return set
		}
		mark[pc] = gen
		in := &prog.Inst[pc]
		switch {
		case in.Op == syntax.InstAlt || in.Op == syntax.InstAltMatch:
			set = closure(set, in.Out, decide, prevWord, nextWord)
			return closure(set, in.Arg, decide, prevWord, nextWord)
		case boundary(pc) && !decide:
			return append(set, pc)
		case boundary(pc):
			if !holds(pc, prevWord, nextWord) {
				return set
			}
			return closure(set, in.Out, decide, prevWord, nextWord)
		case in.Op == syntax.InstCapture || in.Op == syntax.InstNop || in.Op == syntax.InstEmptyWidth:
			return closure(set, in.Out, decide, prevWord, nextWord) // ^, $: assumed to hold
		case in.Op == syntax.InstFail:
			return set
		}
		return append(set, pc) // a rune instruction or Match
	}
	reach := make([][]uint32, len(prog.Inst)) // closures left pending, by instruction
	reachOf := func(pc uint32) []uint32 {
		if reach[pc] == nil {
			gen++
			reach[pc] = closure([]uint32{}, pc, false, false, false)
		}
		return reach[pc]
	}
	var decided [4][][]uint32 // closures decided, by (prevWord, nextWord) and instruction
	for k := range decided {
		decided[k] = make([][]uint32, len(prog.Inst))
	}
	decidedOf := func(pc uint32, prevWord, nextWord bool) []uint32 {
		k := 0
		if prevWord {
			k |= 2
		}
		if nextWord {
			k |= 1
		}
		if decided[k][pc] == nil {
			gen++
			decided[k][pc] = closure([]uint32{}, pc, true, prevWord, nextWord)
		}
		return decided[k][pc]
	}

	// The states found so far: their sets of instructions and whether the byte before them was
	// a word character, looked up by a hash.
	type state struct {
		set      []uint32
		prevWord bool
	}
	states := []state{{}}
	byHash := make(map[uint64][]int32, 256)
	d.atEnd = []bool{false}
	d.next = make([]int32, d.nclass, 64*d.nclass)    // the dead state stays dead
	add := func(set []uint32, prevWord bool) int32 { // set is a buffer: kept only as a copy
		if len(set) == 0 {
			return dfaDead
		}
		slices.Sort(set)
		h := uint64(14695981039346656037) // FNV-1a
		if prevWord {
			h = (h ^ 1) * 1099511628211
		}
		for _, pc := range set {
			h = (h ^ uint64(pc+2)) * 1099511628211
		}
		for _, s := range byHash[h] {
			if states[s].prevWord == prevWord && slices.Equal(states[s].set, set) {
				return s
			}
		}
		if len(states) > maxDFAStates {
			return dfaUnknown
		}
		s := int32(len(states))
		byHash[h] = append(byHash[h], s)
		states = append(states, state{slices.Clone(set), prevWord})
		atEnd := false
		for _, pc := range set { // the end of the text is not a word character
			if prog.Inst[pc].Op == syntax.InstMatch {
				atEnd = true
			} else if boundary(pc) && holds(pc, prevWord, false) {
				atEnd = atEnd || slices.ContainsFunc(decidedOf(prog.Inst[pc].Out, prevWord, false), func(q uint32) bool {
					return prog.Inst[q].Op == syntax.InstMatch
				})
			}
		}
		d.atEnd = append(d.atEnd, atEnd)
		d.next = slices.Grow(d.next, d.nclass)[:len(d.next)+d.nclass] // filled in below
		return s
	}
	d.start[0] = add(slices.Clone(reachOf(uint32(prog.Start))), false)
	d.start[1] = add(slices.Clone(reachOf(uint32(prog.Start))), true)
	var next []uint32
	joined := make([]int32, len(prog.Inst)) // the last transition (state*nclass+class+1) whose set took pc
	for s := 1; s < len(states); s++ {      // states grows as they are found
		for c := 0; c < d.nclass; c++ {
			nextWord := wordBytes.has(rep[c])
			stamp := int32(s*d.nclass + c + 1)
			next = next[:0]
			matched := false
			step := func(pc uint32) { // pc, a rune instruction or Match, before the byte
				in := &prog.Inst[pc]
				if in.Op == syntax.InstMatch {
					matched = true
					return
				}
				if !slices.Contains(classes[pc], uint8(c)) {
					return
				}
				for _, q := range reachOf(in.Out) {
					if joined[q] != stamp {
						joined[q] = stamp
						next = append(next, q)
					}
				}
			}
			for _, pc := range states[s].set {
				if !boundary(pc) {
					step(pc)
				} else if holds(pc, states[s].prevWord, nextWord) {
					for _, q := range decidedOf(prog.Inst[pc].Out, states[s].prevWord, nextWord) {
						step(q)
					}
				}
			}
			if matched {
				d.next[s*d.nclass+c] = dfaMatch
			} else {
				d.next[s*d.nclass+c] = add(next, nextWord)
			}
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

func (m byteSet) has(b byte) bool { return b < 128 && m[b/64]&(1<<(b%64)) != 0 }

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
	return d.run(d.start[0], s)
}

// mayMatchAfterByte is mayMatch where the regexp sees a byte before s: a word character or not
// (for \b).
func (d *matchDFA) mayMatchAfterByte(s string, afterWord bool) bool {
	if d == nil {
		return true
	}
	if afterWord {
		return d.run(d.start[1], s)
	}
	return d.run(d.start[0], s)
}

// run runs the automaton from state over s.
func (d *matchDFA) run(state int32, s string) bool {
	if state <= dfaDead {
		return state != dfaDead
	}
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b >= 0x80 {
			return true
		}
		state = d.next[int(state)*d.nclass+int(d.class[b])]
		if state <= dfaDead {
			return state != dfaDead
		}
	}
	return d.atEnd[state]
}

// mayMatchAfter reports whether a match may begin at or after from in s (a search of s[from:]
// may find one): false only when none can begin anywhere there. first, when not nil, is the
// bytes a match can begin with (firstBytes).
func (d *matchDFA) mayMatchAfter(s string, from int, first *[256]bool) bool {
	if d == nil {
		return true
	}
	for q := from; q <= len(s); q++ { // a search of s[from:] sees no byte before from
		if (first == nil || q < len(s) && first[s[q]]) && d.mayMatchAfterByte(s[q:], q > from && wordBytes.has(s[q-1])) {
			return true
		}
	}
	return false
}
