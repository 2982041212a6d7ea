package extract

import (
	"regexp/syntax"
	"strings"
	"unicode"
)

// Required literals: a cheap test that rules a window out before a rule's regexps run. From a
// rule's pattern, requiredLiterals works out strings of which every match holds at least one
// ("day", "week", "month"... for a duration; "ago", "earlier", "later"... for "N units ago").
// Where a window holds none of them, the regexp cannot match there: the engine skips the rule.
// (Within a window, the automaton of dfa.go rules tries out more precisely: looking for where
// the literals lie in the window cost more than it saved.)
// The strings are lower-cased as asciiLower lower-cases the text they are looked for in, so one
// lower-cased copy of a window serves every rule, case-blind or not.
//
// The analysis follows the pattern's syntax tree. A node is either exact (the small, finite set
// of every string it matches: "day|days", "(?:a|an)") or it has a requirement (a set of strings
// one of which every match holds, or none known). A concatenation multiplies exact sets out while
// they stay small ("d" + "ay|ecade" = "day|decade", as the parser factors alternations) and keeps
// the most selective requirement of its parts; an alternation unites its branches'.

// maxExact bounds an exact set: beyond it a node keeps the set only as a requirement.
const maxExact = 64

// maxRequired bounds the strings the engine looks for on behalf of one rule.
const maxRequired = 48

// literalInfo is what the analysis knows of a node's matches.
type literalInfo struct {
	exact    bool
	set      []string // exact: every string matched; else: one of them is in every match (nil: none known)
	anything bool     // !exact: no requirement known
}

func anyMatch() literalInfo { return literalInfo{anything: true} }

// requiredLiterals returns strings one of which every match of expr holds, lower-cased as
// asciiLower does, or nil when the analysis knows none.
func requiredLiterals(expr string) []string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	info := literalsOf(re)
	set := info.set
	if !info.exact && info.anything {
		return nil
	}
	set = minimalLiterals(set)
	if set == nil || len(set) > maxRequired {
		return nil
	}
	return set
}

// minimalLiterals drops the strings that hold another of the set (finding the shorter one is
// enough), and duplicates; nil when the empty string is among them (it says nothing).
func minimalLiterals(set []string) []string {
	var out []string
	for i, s := range set {
		if s == "" {
			return nil
		}
		redundant := false
		for j, t := range set {
			if j != i && strings.Contains(s, t) && (len(t) < len(s) || j < i) {
				redundant = true // a shorter string inside it, or an equal one kept before it
				break
			}
		}
		if !redundant {
			out = append(out, s)
		}
	}
	return out
}

func literalsOf(re *syntax.Regexp) literalInfo {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return literalInfo{exact: true, set: []string{""}}
	case syntax.OpLiteral:
		return literalOf(re.Rune, re.Flags&syntax.FoldCase != 0)
	case syntax.OpCharClass:
		return classOf(re.Rune)
	case syntax.OpCapture:
		return literalsOf(re.Sub[0])
	case syntax.OpQuest:
		sub := literalsOf(re.Sub[0])
		if sub.exact {
			return literalInfo{exact: true, set: union(sub.set, []string{""})}
		}
		return anyMatch()
	case syntax.OpPlus:
		return required(literalsOf(re.Sub[0]))
	case syntax.OpRepeat:
		if re.Min == 0 {
			if re.Max == 1 {
				return literalsOf(&syntax.Regexp{Op: syntax.OpQuest, Sub: re.Sub})
			}
			return anyMatch()
		}
		return required(literalsOf(re.Sub[0]))
	case syntax.OpConcat:
		return concatOf(re.Sub)
	case syntax.OpAlternate:
		return alternateOf(re.Sub)
	}
	return anyMatch() // any character, a star
}

// literalOf is a literal's string, lower-cased. A case-blind letter that also matches a
// character beyond ASCII (k: the Kelvin sign; s: the long s) could stand in the text as that
// character, which asciiLower leaves alone: it breaks the literal, and the longest piece
// without such letters is required instead.
func literalOf(runes []rune, fold bool) literalInfo {
	var pieces []string
	var b strings.Builder
	for _, r := range runes {
		if fold && !foldsInASCII(r) {
			pieces = append(pieces, b.String())
			b.Reset()
			continue
		}
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	if pieces == nil {
		return literalInfo{exact: true, set: []string{b.String()}}
	}
	pieces = append(pieces, b.String())
	best := ""
	for _, p := range pieces {
		if len(p) > len(best) {
			best = p
		}
	}
	if best == "" {
		return anyMatch()
	}
	return literalInfo{set: []string{best}}
}

// foldsInASCII reports whether every character a case-blind r matches lower-cases, with
// asciiLower, to the same string as r: r has no other case, or its cases are all ASCII.
func foldsInASCII(r rune) bool {
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if f >= 0x80 || r >= 0x80 {
			return false
		}
	}
	return true
}

// classOf is a small character class as the set of its characters ("['’]", "[- ]"); a larger
// one requires nothing.
func classOf(ranges []rune) literalInfo {
	var set []string
	for i := 0; i+1 < len(ranges); i += 2 {
		for r := ranges[i]; r <= ranges[i+1]; r++ {
			if len(set) == 4 {
				return anyMatch()
			}
			s := string(r)
			if r >= 'A' && r <= 'Z' {
				s = string(r + 'a' - 'A')
			}
			set = union(set, []string{s})
		}
	}
	if len(set) == 0 {
		return anyMatch() // matches nothing: say nothing
	}
	return literalInfo{exact: true, set: set}
}

// required turns what is known of a node into a requirement: an exact set is one.
func required(info literalInfo) literalInfo {
	if info.exact {
		return literalInfo{set: info.set, anything: hasEmpty(info.set)}
	}
	return info
}

func concatOf(subs []*syntax.Regexp) literalInfo {
	var reqs []literalInfo // requirements, every one holding in every match
	run := literalInfo{exact: true, set: []string{""}}
	allExact := true
	for _, sub := range subs {
		info := literalsOf(sub)
		if info.exact {
			if prod, ok := product(run.set, info.set); ok {
				run.set = prod
				continue
			}
			reqs = append(reqs, required(run))
			run = info
			continue
		}
		allExact = false
		reqs = append(reqs, required(run), info)
		run = literalInfo{exact: true, set: []string{""}}
	}
	if allExact && len(reqs) == 0 {
		return run
	}
	reqs = append(reqs, required(run))
	best := anyMatch()
	for _, r := range reqs {
		if better(r, best) {
			best = r
		}
	}
	return best
}

func alternateOf(subs []*syntax.Regexp) literalInfo {
	infos := make([]literalInfo, len(subs))
	allExact := true
	for i, sub := range subs {
		infos[i] = literalsOf(sub)
		allExact = allExact && infos[i].exact
	}
	var set []string
	for _, info := range infos {
		if !allExact {
			info = required(info)
			if info.anything {
				return anyMatch()
			}
		}
		set = union(set, info.set)
	}
	if allExact && len(set) <= maxExact {
		return literalInfo{exact: true, set: set}
	}
	return literalInfo{set: set, anything: hasEmpty(set)}
}

// better reports whether requirement a rules out more than b: its shortest string is longer
// up to four bytes (shorter ones are found almost anywhere), then it has fewer strings to look
// for, then its shortest string is longer still.
func better(a, b literalInfo) bool {
	if a.anything || len(a.set) == 0 {
		return false
	}
	if b.anything || len(b.set) == 0 {
		return true
	}
	la, lb := shortest(a.set), shortest(b.set)
	if min(la, 4) != min(lb, 4) {
		return la > lb
	}
	if len(a.set) != len(b.set) {
		return len(a.set) < len(b.set)
	}
	return la > lb
}

func shortest(set []string) int {
	n := -1
	for _, s := range set {
		if n < 0 || len(s) < n {
			n = len(s)
		}
	}
	return n
}

func product(a, b []string) ([]string, bool) {
	if len(a)*len(b) > maxExact {
		return nil, false
	}
	var out []string
	for _, x := range a {
		for _, y := range b {
			out = union(out, []string{x + y})
		}
	}
	return out, true
}

func union(a, b []string) []string {
	out := append([]string(nil), a...)
	for _, s := range b {
		found := false
		for _, t := range out {
			if s == t {
				found = true
				break
			}
		}
		if !found {
			out = append(out, s)
		}
	}
	return out
}

func hasEmpty(set []string) bool {
	for _, s := range set {
		if s == "" {
			return true
		}
	}
	return len(set) == 0
}

// literalIndex says which of the rules' literals a window's lower-cased text holds, looking
// for each literal once per window however many rules need it.
type literalIndex struct {
	state []uint8 // by literal: 0 not looked for in this window, 1 absent, 2 present
	used  []int   // the literals looked for in this window, to reset
}

func newLiteralIndex(n int) *literalIndex {
	return &literalIndex{state: make([]uint8, n)}
}

// reset forgets the last window.
func (x *literalIndex) reset() {
	for _, i := range x.used {
		x.state[i] = 0
	}
	x.used = x.used[:0]
}

// anyIn reports whether lower holds one of the literals which (indexes into literals).
func (x *literalIndex) anyIn(lower string, literals []string, which []int) bool {
	for _, li := range which {
		if x.state[li] == 0 {
			x.state[li] = 1
			if strings.Contains(lower, literals[li]) {
				x.state[li] = 2
			}
			x.used = append(x.used, li)
		}
		if x.state[li] == 2 {
			return true
		}
	}
	return false
}
