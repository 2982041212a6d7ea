package extract

import (
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/olebedev/when/rules"
)

// Rule is one compiled recognition rule. It is a `when` rule (rules.F: a regexp and an
// applier), so the set also plugs into when.Parser; Extract drives the regexps itself to
// get every match, not only the first.
type Rule struct {
	Name string
	rules.F
	spec     *ruleSpec
	names    map[string]int // capture name -> group number
	anchored *regexp.Regexp // the pattern anchored at its start, tried only at start words

	// first is the bytes a match can begin with (firstBytes), nil when any. atWords: a rule
	// with no start classes tried at the words it can begin with; afterWord is its anchored
	// pattern after one word character, for a word that follows an underscore (a word
	// character to the regexp, not to the scanner).
	first     *[256]bool
	atWords   bool
	afterWord *regexp.Regexp

	// literals are the strings one of which every match holds (literals.go), as indexes into
	// ruleSet.literals; nil when none are known. A try where the text holds none is skipped.
	literals []int

	// dfa says quickly where the pattern cannot match (dfa.go), before the anchored regexp runs.
	dfa *matchDFA

	checks []lexicalCheck // the lexicalChecks of the groups the pattern has
}

// lexicalCheck is a word list's check of the words a group matched by shape.
type lexicalCheck struct {
	group int
	ok    func(string) bool
}

// ruleSet is the compiled rules and the trigger words that select them.
type ruleSet struct {
	scratch  *sync.Pool // of *findScratch
	rules    []*Rule
	triggers map[string]class
	// triggerShapes rules out most words that are not trigger words before the map is asked.
	triggerShapes *wordShapes
	shortTriggers map[uint64]class // the trigger words of at most eight letters, by shortWordKey
	literals      []string         // every rule's required literals, each once

	searchAll bool // search whole windows for the rules with no start classes (tests compare)
}

// compiledRules compiles the rule set once, on first use.
var compiledRules = sync.OnceValue(func() *ruleSet {
	rep := macros()
	rs := &ruleSet{triggers: triggers()}
	rs.triggerShapes = shapesOf(rs.triggers)
	rs.shortTriggers = map[uint64]class{}
	for w, c := range rs.triggers {
		if key, ok := shortWordKey(w); ok && strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") == "" {
			rs.shortTriggers[key] = c
		}
	}
	rs.scratch = &sync.Pool{New: func() any { return new(findScratch) }}
	for i := range ruleSpecs {
		spec := &ruleSpecs[i]
		expr := rep.Replace(spec.pattern)
		if spec.lower {
			expr = strings.ReplaceAll(expr, "(?i:", "(?:")
		}
		re := regexp.MustCompile(expr)
		r := &Rule{Name: spec.name, spec: spec, names: map[string]int{}}
		for j, n := range re.SubexpNames() {
			if n != "" {
				if _, dup := r.names[n]; !dup {
					r.names[n] = j
				}
			}
		}
		r.F = rules.F{RegExp: re, Applier: r.apply}
		r.anchored = regexp.MustCompile(`^(?:` + expr + `)`)
		r.first, r.atWords = firstBytes(expr)
		r.dfa = newMatchDFA(expr)
		for _, name := range slices.Sorted(maps.Keys(lexicalChecks)) {
			if i, ok := r.names[name]; ok {
				r.checks = append(r.checks, lexicalCheck{i, lexicalChecks[name]})
			}
		}
		if r.atWords = r.atWords && spec.starts == 0; r.atWords {
			r.afterWord = regexp.MustCompile(`^[0-9A-Za-z_](?:` + expr + `)`)
		}
		for _, lit := range requiredLiterals(expr) {
			at := slices.Index(rs.literals, lit)
			if at < 0 {
				at = len(rs.literals)
				rs.literals = append(rs.literals, lit)
			}
			r.literals = append(r.literals, at)
		}
		rs.rules = append(rs.rules, r)
	}
	return rs
})

// Rules returns the recognition rules as `when` rules, for use with when.Parser. Their
// appliers resolve a date against the reference time given to Parse. when.Parser sees one
// match per rule and none of the guards against look-alikes: Extract is the full engine.
func Rules() []rules.Rule {
	var out []rules.Rule
	for _, r := range compiledRules().rules {
		out = append(out, r)
	}
	return out
}

// apply is the `when` applier: it builds the partial date from the captures, resolves it
// against ref and sets the absolute fields of the context.
func (r *Rule) apply(m *rules.Match, c *rules.Context, _ *rules.Options, ref time.Time) (bool, error) {
	g := groups{caps: m.Captures, names: r.names, whole: m.Text}
	if !lexicon(g) {
		return false, nil
	}
	p, ok := r.spec.build(g)
	if !ok || (p.typ != TypeDate && p.typ != TypeTime) || p.anchor == fixed {
		return false, nil
	}
	res := resolve(p, context{dct: DateOf(ref)})
	if !res.resolved {
		return false, nil
	}
	// Set only the fields the expression gives: "2020" after "August 6," leaves the day alone.
	y, mo, d := res.from.Year, int(res.from.Month), res.from.Day
	c.Year = &y
	if p.gran <= gMonth || p.gran == gQuarter || p.gran == gSeason || p.gran == gHalf {
		c.Month = &mo
	}
	if p.gran <= gWeek {
		c.Day = &d
	}
	if p.clock {
		h, mi := p.hour, p.minute
		c.Hour, c.Minute = &h, &mi
	}
	return true, nil
}

// groups gives a rule's builder and guard its captures by name.
type groups struct {
	text  string   // the whole text (engine) ...
	idx   []int    // ... and absolute submatch offsets into it
	caps  []string // or the captures of a when Match
	whole string
	names map[string]int
}

func (g groups) get(name string) string {
	i, ok := g.names[name]
	if !ok {
		return ""
	}
	if g.idx == nil {
		if i-1 < len(g.caps) {
			return g.caps[i-1]
		}
		return ""
	}
	if g.idx[2*i] < 0 {
		return ""
	}
	return g.text[g.idx[2*i]:g.idx[2*i+1]]
}

func (g groups) has(name string) bool { return g.get(name) != "" }

func (g groups) start(name string) int {
	if i, ok := g.names[name]; ok && g.idx != nil {
		return g.idx[2*i]
	}
	return -1
}

func (g groups) end(name string) int {
	if i, ok := g.names[name]; ok && g.idx != nil {
		return g.idx[2*i+1]
	}
	return -1
}

func (g groups) all() string {
	if g.idx != nil {
		return g.text[g.idx[0]:g.idx[1]]
	}
	return g.whole
}

func (g groups) lower(name string) string { return strings.ToLower(g.get(name)) }

func (g groups) int(name string) int {
	n, _ := strconv.Atoi(g.get(name))
	return n
}

func (g groups) month(name string) int {
	return monthWords[strings.TrimSuffix(g.lower(name), ".")]
}

// mod is the TIMEX3 mod of the "mod" capture ("late" -> END, "the beginning of" -> START).
func (g groups) mod() string {
	for _, w := range strings.Fields(strings.ReplaceAll(g.lower("mod"), "-", " ")) {
		if m, ok := modWords[w]; ok {
			return m
		}
	}
	return ""
}

// candidate is a match a rule accepted.
type candidate struct {
	start, end int
	rule       int
	p          partial
}

// find runs the rules over the windows of text and returns the accepted matches, overlaps
// resolved (the longest wins; between equals, the earlier rule), in text order.
func (rs *ruleSet) find(text string) []candidate {
	sc := rs.scratch.Get().(*findScratch)
	defer rs.scratch.Put(sc)
	return rs.findInto(text, sc, nil)
}

// findInto is find with the buffers of sc, appending the matches to out.
func (rs *ruleSet) findInto(text string, sc *findScratch, out []candidate) []candidate {
	if sc.lits == nil {
		sc.lits = newLiteralIndex(len(rs.literals))
	}
	cands, lits := sc.cands[:0], sc.lits
	sc.toks = sc.toks[:0]
	sc.windows = rs.windows(text, &sc.toks, sc.windows[:0])
	toks := sc.toks
	lowerText := asciiLower(text)
	for _, w := range sc.windows {
		cands = cands[:0]
		part, lower := text[w.start:w.end], lowerText[w.start:w.end]
		lits.reset()
		for ri, r := range rs.rules {
			if r.spec.needs&w.classes == 0 || r.spec.also != 0 && r.spec.also&w.classes == 0 {
				continue
			}
			if r.literals != nil && !lits.anyIn(lower, rs.literals, r.literals) {
				continue // no match can be in this window
			}
			subject := part
			if r.spec.lower {
				subject = lower
			}
			try := func(s, e int, loc []int) int { // a match at [s, e) of text; returns where to go on
				if e == s || s > 0 && isWordByte(text[s-1]) && isWordByte(text[s]) {
					return s + 1
				}
				g := groups{text: text, idx: loc, names: r.names}
				if !r.lexicon(text, loc) {
					return w.start + nextToken(part, s-w.start)
				}
				next := e
				if r.spec.guard == nil || r.spec.guard(g) {
					if p, ok := r.spec.build(g); ok {
						if p.cut > s && p.cut < e {
							e, next = p.cut, p.cut
						}
						if p.skip > s && p.skip < e {
							s = p.skip
						}
						p.cut, p.skip = 0, 0
						cands = append(cands, candidate{start: s, end: trimEnd(text, s, e), rule: ri, p: p})
					}
				}
				return next
			}
			if r.atWords && !rs.searchAll {
				rs.tryWords(r, text, subject, w, toks[w.t0:w.t1], try)
				continue
			}
			if r.spec.starts == 0 { // no known start words: search the window
				for pos := 0; pos < len(part) && r.dfa.mayMatchAfter(subject, pos, r.first); {
					loc := r.RegExp.FindStringSubmatchIndex(subject[pos:])
					if loc == nil {
						break
					}
					for k := range loc {
						if loc[k] >= 0 {
							loc[k] += pos + w.start
						}
					}
					pos = try(loc[0], loc[1], loc) - w.start
				}
				continue
			}
			// Try the pattern only where a match can begin: at the words of its start classes.
			next := w.start
			for _, t := range toks[w.t0:w.t1] {
				if t.start < next || t.c&r.spec.starts == 0 {
					continue
				}
				from := t.start - w.start
				if r.first != nil && !r.first[subject[from]] {
					continue // no match begins with this byte
				}
				limit := min(len(subject), from+maxMatch)
				if !r.dfa.mayMatch(subject[from:limit]) {
					continue // the regexp would find nothing
				}
				loc := r.anchored.FindStringSubmatchIndex(subject[from:limit])
				if loc == nil {
					continue
				}
				for k := range loc {
					if loc[k] >= 0 {
						loc[k] += t.start
					}
				}
				if n := try(loc[0], loc[1], loc); n > loc[0] {
					next = n
				}
			}
		}
		sc.kept = selectLongest(cands, w, &sc.taken, sc.kept[:0])
		out = append(out, qualify(text, mergeClocks(text, sc.kept))...)
	}
	sc.cands = cands
	return out
}

// findScratch is what find needs only while it runs, kept for the next call.
type findScratch struct {
	found       []candidate // Extract's: the matches of the text
	toks        []token
	windows     []window
	cands, kept []candidate
	taken       []bool
	lits        *literalIndex
}

// tryWords runs a rule with first bytes (firstBytes) anchored at each word of window w that
// begins with one of them: the matches searching the whole window would give, with the same
// regexp context at each word (what precedes the word in the window, or nothing where the
// search would have started: the window's start, or where try said to go on). Unlike the start
// classes' tries, it looks at the whole rest of the window: no match is cut short.
func (rs *ruleSet) tryWords(r *Rule, text, subject string, w window, words []token, try func(s, e int, loc []int) int) {
	next := w.start
	for _, t := range words {
		from := t.start - w.start
		if t.start < next || !r.first[subject[from]] {
			continue
		}
		re, at := r.anchored, from
		if t.start != next && from > 0 && subject[from-1] == '_' {
			re, at = r.afterWord, from-1
			if !r.dfa.mayMatchAfterByte(subject[from:], true) {
				continue
			}
		} else if !r.dfa.mayMatch(subject[from:]) {
			continue
		}
		loc := re.FindStringSubmatchIndex(subject[at:])
		if loc == nil {
			continue
		}
		for k := range loc {
			if loc[k] >= 0 {
				loc[k] += at + w.start
			}
		}
		loc[0] = t.start
		if n := try(loc[0], loc[1], loc); n > loc[0] {
			next = n
		}
	}
}

// maxMatch bounds the text an anchored pattern looks at: no time expression is longer.
const maxMatch = 96

// trimEnd drops white space and a dangling full stop a pattern may have taken at the end.
func trimEnd(text string, s, e int) int {
	for e > s && (text[e-1] == ' ' || text[e-1] == '\n' || text[e-1] == '\t' || text[e-1] == ',') {
		e--
	}
	return e
}

// selectLongest keeps non-overlapping candidates, longest first, in text order. A mark per
// byte of the window keeps it linear in the candidates' lengths, however many there are.
// The kept candidates are appended to kept; taken is a buffer for the marks.
func selectLongest(cands []candidate, w window, taken *[]bool, kept []candidate) []candidate {
	slices.SortStableFunc(cands, func(a, b candidate) int {
		if la, lb := a.end-a.start, b.end-b.start; la != lb {
			return lb - la
		}
		if a.rule != b.rule {
			return a.rule - b.rule
		}
		return a.start - b.start
	})
	*taken = slices.Grow((*taken)[:0], w.end-w.start+1)[:w.end-w.start+1]
	marks := *taken
	clear(marks)
	for _, c := range cands {
		s, e := c.start-w.start, c.end-w.start
		if s < 0 || e > len(marks) {
			continue
		}
		free := true
		for i := s; i < e; i++ {
			if marks[i] {
				free = false
				break
			}
		}
		if free {
			for i := s; i < e; i++ {
				marks[i] = true
			}
			kept = append(kept, c)
		}
	}
	slices.SortFunc(kept, func(a, b candidate) int { return a.start - b.start })
	return kept
}

// mergeClocks joins a clock time to the day beside it ("5 p.m. Friday", "Friday at 10:30")
// into one TIME. A clock time on its own dates nothing and is dropped.
// It works in place: cs holds the result.
func mergeClocks(text string, cs []candidate) []candidate {
	out := cs[:0] // written behind the candidate read
	for i := 0; i < len(cs); i++ {
		c := cs[i]
		if !c.p.clock || c.p.gran != gMinute || c.p.anchor != absolute || c.p.year != 0 {
			out = append(out, c)
			continue
		}
		// the clock's neighbours: the next candidate, or the one just kept
		if i+1 < len(cs) && isDay(cs[i+1].p) && joinable(text[c.end:cs[i+1].start]) {
			d := cs[i+1]
			out = append(out, withClock(d, c, c.start, d.end))
			i++
			continue
		}
		if n := len(out); n > 0 && isDay(out[n-1].p) && joinable(text[out[n-1].end:c.start]) {
			out[n-1] = withClock(out[n-1], c, out[n-1].start, c.end)
		}
	}
	return out
}

func isDay(p partial) bool {
	return (p.typ == TypeDate || p.typ == TypeTime) && (p.gran == gDay || p.gran == gPartOfDay) && p.until == nil && !p.clock
}

func joinable(gap string) bool {
	if t := strings.TrimSpace(gap); len(t) > 2 && len(t) <= 24 && t[0] == '(' && t[len(t)-1] == ')' && !strings.ContainsAny(t[1:len(t)-1], "()") {
		return true // "10:35 a.m. (0735 GMT) Friday": another zone's time in brackets
	}
	g := strings.ToLower(strings.Trim(gap, " ,\n\t"))
	return g == "" || g == "on" || g == "at" || g == "of" || g == "by"
}

func withClock(day, clock candidate, s, e int) candidate {
	day.start, day.end = s, e
	day.p.typ, day.p.hour, day.p.minute, day.p.clock, day.p.pod = TypeTime, clock.p.hour, clock.p.minute, true, ""
	if day.p.gran == gDay || day.p.gran == gPartOfDay {
		day.p.gran = gMinute
	}
	return day
}

// asciiLower lower-cases ASCII letters only, so byte offsets stay those of s.
func asciiLower(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	from := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b.WriteString(s[from:i])
			b.WriteByte(c + 'a' - 'A')
			from = i + 1
		}
	}
	b.WriteString(s[from:])
	return b.String()
}

// nextToken is the start of the word after the one at i in s.
func nextToken(s string, i int) int {
	for i < len(s) && isWordByte(s[i]) {
		i++
	}
	for i < len(s) && !isWordByte(s[i]) {
		i++
	}
	return i
}

// lexicon checks the words a pattern matched by shape against the word lists.
func lexicon(g groups) bool {
	for name, ok := range lexicalChecks {
		if _, in := g.names[name]; in {
			if w := g.get(name); w != "" && !ok(w) {
				return false
			}
		}
	}
	return true
}

// lexicon is lexicon for the match of r at loc in text.
func (r *Rule) lexicon(text string, loc []int) bool {
	for _, c := range r.checks {
		if s := loc[2*c.group]; s >= 0 && loc[2*c.group+1] > s && !c.ok(text[s:loc[2*c.group+1]]) {
			return false
		}
	}
	return true
}

var lexicalChecks = map[string]func(string) bool{
	"month":  isMonthWord,
	"month2": isMonthWord,
	"weekday": func(w string) bool {
		var buf [16]byte
		var ok bool
		if n, ascii := lowerASCII(strings.TrimSuffix(w, "."), &buf); ascii {
			_, ok = weekdayWords[string(buf[:n])]
		} else {
			_, ok = weekdayWords[strings.ToLower(strings.TrimSuffix(w, "."))]
		}
		return ok && casedName(w)
	},
	"num": func(w string) bool { return amount(strings.ToLower(w)) != 0 },
	"ord": func(w string) bool { _, ok := ordinalWords[strings.ToLower(w)]; return ok },
}

func isMonthWord(w string) bool {
	var buf [16]byte
	var ok bool
	if n, ascii := lowerASCII(strings.TrimSuffix(w, "."), &buf); ascii {
		_, ok = monthWords[string(buf[:n])] // a map key made of bytes costs no allocation
	} else {
		_, ok = monthWords[strings.ToLower(strings.TrimSuffix(w, "."))]
	}
	return ok && casedName(w)
}

// lowerASCII writes strings.ToLower(w) into buf and reports its length, unless w is longer than
// buf or not ASCII.
func lowerASCII(w string, buf *[16]byte) (int, bool) {
	if len(w) > len(buf) {
		return 0, false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			return 0, false
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return len(w), true
}

// casedName: Title case or upper case ("May", "MAY"), not "mAY".
func casedName(w string) bool {
	w = strings.TrimSuffix(w, ".")
	return len(w) > 1 && (isLower(w[1:]) || strings.ToUpper(w) == w)
}

// isLower reports whether strings.ToLower(w) == w, without making the lower-case copy.
func isLower(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'A' && c <= 'Z' {
			return false
		} else if c >= 0x80 {
			return strings.ToLower(w) == w
		}
	}
	return true
}

// approxBefore are the words that make a date approximate when they precede it ("around
// Nov. 1"); boundAfter the phrases that open it ("1994 or later").
var approxBefore = map[string]bool{"around": true, "about": true, "approximately": true, "roughly": true, "circa": true}

var boundAfter = []struct{ words, mod string }{
	{" or later", "ON_OR_AFTER"}, {" and beyond", "ON_OR_AFTER"}, {" or after", "ON_OR_AFTER"},
	{" and later", "ON_OR_AFTER"}, {" or earlier", "ON_OR_BEFORE"}, {" or before", "ON_OR_BEFORE"},
	{" or so", "APPROX"},
}

// qualify gives dates their mod from the words around them and takes those words in.
func qualify(text string, cs []candidate) []candidate {
	for i := range cs {
		c := &cs[i]
		if c.p.typ != TypeDate && c.p.typ != TypeTime || c.p.anchor == fixed || c.p.mod != "" {
			continue
		}
		if w, at := wordBeforeAt(text, c.start); approxBefore[strings.ToLower(w)] && (i == 0 || cs[i-1].end <= at) && !c.p.modifier { // not "get around Wednesday's ruling"
			c.p.mod, c.start = "APPROX", at
			continue
		}
		rest := text[c.end:min(len(text), c.end+16)]
		for _, b := range boundAfter {
			if len(rest) >= len(b.words) && strings.EqualFold(rest[:len(b.words)], b.words) &&
				(len(rest) == len(b.words) || !isWordByte(rest[len(b.words)])) && (i+1 == len(cs) || cs[i+1].start >= c.end+len(b.words)) {
				c.p.mod, c.end = b.mod, c.end+len(b.words)
				break
			}
		}
	}
	return cs
}
