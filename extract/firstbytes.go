package extract

import (
	"regexp/syntax"
	"unicode"
)

// firstBytes returns the bytes a match of a pattern can begin with (a byte of 0x80 and above
// stands for any character beyond ASCII), or nil when it can match the empty string or begins
// with any character. A try where the text begins with another byte cannot match: the engine
// skips it without running the regexp.
//
// atWords reports that the bytes are only ASCII letters and digits (the first bytes of the
// scanner's words) and that the pattern has no line or text anchors. Such a pattern's matches
// that the engine keeps all begin at a word (a match beginning inside one is refused,
// engine.go: find), so the engine can try it anchored at the words of a window that begin with
// one of the bytes instead of searching every byte of the window: the same matches for far
// fewer steps of the regexp machine.
func firstBytes(expr string) (first *[256]bool, atWords bool) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil, false
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return nil, false
	}
	atWords = true
	for _, in := range prog.Inst {
		if in.Op == syntax.InstEmptyWidth && syntax.EmptyOp(in.Arg)&^(syntax.EmptyWordBoundary|syntax.EmptyNoWordBoundary) != 0 {
			atWords = false // ^, $, \A, \z: where a search starts would matter
		}
	}
	first = new([256]bool)
	seen := make([]bool, len(prog.Inst))
	var visit func(pc uint32) bool
	visit = func(pc uint32) bool {
		if seen[pc] {
			return true
		}
		seen[pc] = true
		in := &prog.Inst[pc]
		switch in.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			return visit(in.Out) && visit(in.Arg)
		case syntax.InstCapture, syntax.InstNop, syntax.InstEmptyWidth:
			return visit(in.Out)
		case syntax.InstFail:
			return true
		case syntax.InstRune, syntax.InstRune1:
			if !asciiOnly(in) {
				for b := 0x80; b < 0x100; b++ {
					first[b] = true
				}
			}
			for b := 0; b < 0x80; b++ {
				if in.MatchRune(rune(b)) {
					first[b] = true
				}
			}
			return true
		}
		return false // InstMatch (an empty match), any character
	}
	if !visit(uint32(prog.Start)) {
		return nil, false
	}
	for b, ok := range first {
		if ok && !(b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9') {
			atWords = false
		}
	}
	return first, atWords
}

// asciiOnly reports whether a rune instruction matches ASCII runes only, case folding
// included ("(?i:k)" also matches U+212A, the Kelvin sign). Classes hold their folded ranges
// already; a single rune folds when it carries the flag (as regexp/syntax matches it).
func asciiOnly(in *syntax.Inst) bool {
	if len(in.Rune) == 1 {
		r := in.Rune[0]
		if r >= 0x80 {
			return false
		}
		if in.Op == syntax.InstRune && syntax.Flags(in.Arg)&syntax.FoldCase != 0 {
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				if f >= 0x80 {
					return false
				}
			}
		}
		return true
	}
	if len(in.Rune) == 0 || len(in.Rune)%2 != 0 {
		return false
	}
	for i := 1; i < len(in.Rune); i += 2 {
		if in.Rune[i] >= 0x80 {
			return false
		}
	}
	return true
}
