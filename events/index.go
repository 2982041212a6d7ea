package events

import (
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/timeline-news/timeline/extract"
)

// level is how coarse a mention's interval is; mentions are blocked in buckets of their level.
type level int

const (
	levelMonth level = iota // up to 31 days: month buckets
	levelYear               // up to a year: year buckets
	levelDecade
	levelCentury
	levelAll // longer: one bucket
	numLevels
)

func levelOf(days int) level {
	switch {
	case days <= 31:
		return levelMonth
	case days <= 366:
		return levelYear
	case days <= 3653:
		return levelDecade
	case days <= 36525:
		return levelCentury
	}
	return levelAll
}

// bucketKey is the bucket of date d at level l.
func bucketKey(l level, d extract.Date) int {
	switch l {
	case levelMonth:
		return d.Year*12 + int(d.Month) - 1
	case levelYear:
		return d.Year
	case levelDecade:
		return floorDiv(d.Year, 10)
	case levelCentury:
		return floorDiv(d.Year, 100)
	}
	return 0
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

type bucketID struct {
	l   level
	key int
}

// index assigns every distinct token an id and its weight: the inverse document frequency
// ln(1 + N/df) over the N mentions, so a rare shared name weighs more than a common word.
type index struct {
	ids    []int32   // the token ids of every mention, in one array: see idsOf
	names  [][]int32 // per mention, its name token ids (a part of ids)
	weight []float64 // per token id
	isName []bool    // per token id, whether it is a name ("@...") rather than a word
	levels []level   // per mention
	// The postings: for each bucket a mention is indexed in (at its level), and each of its
	// tokens, the mention is listed in the token's posting in that bucket, in source order.
	// They are kept by token: the runs runStart[t], ..., runStart[t+1]-1 are token t's
	// postings, one per bucket runBucket[r] (ascending), each postings[runOff[r]:runOff[r+1]].
	bucketOf map[bucketID]int32 // the buckets' numbers
	// For a token in many buckets, its runs by bucket number: dense[denseAt[t]+b] is the run of
	// token t in bucket b, or -1; denseAt[t] is -1 for the other tokens (their runs are searched).
	denseAt   []int32
	dense     []int32
	runStart  []int32
	runBucket []int32
	runOff    []int
	postings  []int32
	// Per mention, compact copies of what every candidate pair checks first, so the hot loop
	// does not touch the large mention values, and reads one place per mention.
	hot   []mentionHot
	total []float64 // the sum of its token weights
	// Per mention, numbers that order its interval's ends as extract.Date.Compare does.
	fromKey, toKey []int32
	// Per mention, the ids of the surnames of the people it names and of its lead (-1: none),
	// so that conflict compares numbers: ids are given in order of first use. leadFold is the
	// same for leads that strings.EqualFold finds equal.
	who       []protagonists // per mention
	names32   int            // how many distinct people's and leads' ids there are
	peopleIDs []int32        // who[i].people are peopleIDs[who[i].peopleAt:][:who[i].peopleLen]
}

// protagonists is what conflict reads of a mention, in one place.
type protagonists struct {
	lead, leadFold      int32
	peopleAt, peopleLen int32
}

// mentionHot is what the candidate search reads of every mention it meets.
type mentionHot struct {
	doc      int32
	from, to int32 // dayNumber of the interval ends
	idsAt    int32 // where its token ids start in index.ids; the next mention's start where they end
}

// idsOf returns the token ids of mention i, ascending.
func (ix *index) idsOf(i int) []int32 { return ix.ids[ix.hot[i].idsAt:ix.hot[i+1].idsAt] }

// docs[i] is the number of the article of ms[i].
func newIndex(ms []*mention, docs []int32) *index {
	// hot has one more entry, whose idsAt ends the last mention's ids.
	ix := &index{names: make([][]int32, len(ms)), levels: make([]level, len(ms)),
		bucketOf: map[bucketID]int32{}, hot: make([]mentionHot, len(ms)+1), total: make([]float64, len(ms)), fromKey: make([]int32, len(ms)), toKey: make([]int32, len(ms))}
	tokenID := map[string]int32{}
	var df []int
	listed := 0
	for i := range ms {
		listed += len(ms[i].tokens)
	}
	ix.ids = make([]int32, 0, listed)
	for i := range ms {
		m := ms[i]
		at := len(ix.ids)
		for _, t := range m.tokens {
			id, ok := tokenID[t]
			if !ok {
				id = int32(len(ix.isName))
				tokenID[t] = id
				ix.isName = append(ix.isName, strings.HasPrefix(t, "@"))
				df = append(df, 0)
			}
			ix.ids = append(ix.ids, id)
		}
		slices.Sort(ix.ids[at:])
		ix.ids = append(ix.ids[:at], slices.Compact(ix.ids[at:])...) // a token counts once per mention
		ix.hot[i].idsAt, ix.hot[i+1].idsAt = int32(at), int32(len(ix.ids))
		names := 0
		for _, id := range ix.idsOf(i) {
			df[id]++
			if ix.isName[id] {
				names++
			}
		}
		if names > 0 {
			ix.names[i] = make([]int32, 0, names)
			for _, id := range ix.idsOf(i) {
				if ix.isName[id] {
					ix.names[i] = append(ix.names[i], id)
				}
			}
		}
	}
	ix.who = make([]protagonists, len(ms))
	var foldOf []int32 // by lead id, its fold id, or -1 until known
	foldID := map[string]int32{}
	nameID := map[string]int32{}
	intern := func(s string) int32 {
		id, ok := nameID[s]
		if !ok {
			id = int32(len(nameID))
			nameID[s] = id
		}
		return id
	}
	for i := range ms {
		m := ms[i]
		w := &ix.who[i]
		w.peopleAt, w.peopleLen = int32(len(ix.peopleIDs)), int32(len(m.people))
		for _, p := range m.people {
			ix.peopleIDs = append(ix.peopleIDs, intern(p))
		}
		w.lead, w.leadFold = -1, -1
		if m.lead != "" {
			id := intern(m.lead)
			for int(id) >= len(foldOf) {
				foldOf = append(foldOf, -1)
			}
			if foldOf[id] < 0 {
				key := foldKey(m.lead)
				f, ok := foldID[key]
				if !ok {
					f = int32(len(foldID))
					foldID[key] = f
				}
				foldOf[id] = f
			}
			w.lead, w.leadFold = id, foldOf[id]
		}
	}
	ix.names32 = len(nameID)
	ix.weight = make([]float64, len(df))
	for id, n := range df {
		ix.weight[id] = math.Log(1 + float64(len(ms))/float64(n))
	}
	calendar := true // every date is a calendar date (calendarKey)
	for i := range ms {
		m := ms[i]
		total := 0.0
		for _, id := range ix.idsOf(i) {
			total += ix.weight[id]
		}
		ix.hot[i].doc, ix.hot[i].from, ix.hot[i].to = docs[i], dayNumber(m.from), dayNumber(m.to)
		ix.total[i] = total
		ix.levels[i] = levelOf(m.days)
		var fromOK, toOK bool
		ix.fromKey[i], fromOK = calendarKey(m.from)
		ix.toKey[i], toOK = calendarKey(m.to)
		calendar = calendar && fromOK && toOK
	}
	if !calendar {
		ix.fromKey, ix.toKey = dateRanks(ms)
	}
	ix.indexPostings(ms)
	return ix
}

// indexPostings lists each mention in the postings of its tokens in the buckets of its level
// its interval touches: an entry per (token, bucket, mention), counted, placed by token, then
// sorted by bucket and mention within each token, on all cores.
func (ix *index) indexPostings(ms []*mention) {
	buckets := func(i int) (level, int, int) {
		l := ix.levels[i]
		return l, bucketKey(l, ms[i].from), bucketKey(l, ms[i].to)
	}
	tokens := len(ix.weight)
	count := make([]int, tokens+1)
	for i := range ms {
		l, lo, hi := buckets(i)
		for k := lo; k <= hi; k++ {
			if _, ok := ix.bucketOf[bucketID{l, k}]; !ok {
				ix.bucketOf[bucketID{l, k}] = int32(len(ix.bucketOf))
			}
		}
		for _, id := range ix.idsOf(i) {
			count[id+1] += hi - lo + 1
		}
	}
	for t := range tokens {
		count[t+1] += count[t]
	}
	// An entry is its bucket number and mention in one number: sorting them sorts by both.
	entries := make([]uint64, count[tokens])
	next := slices.Clone(count[:tokens])
	for i := range ms {
		l, lo, hi := buckets(i)
		for k := lo; k <= hi; k++ {
			b := uint64(ix.bucketOf[bucketID{l, k}]) << 32
			for _, id := range ix.idsOf(i) {
				entries[next[id]] = b | uint64(i)
				next[id]++
			}
		}
	}
	runs := make([]int32, tokens+1) // per token, its number of runs, then where they start
	ix.postings = make([]int32, len(entries))
	inChunks(tokens, 4096, func(lo, hi int) {
		for t := lo; t < hi; t++ {
			e := entries[count[t]:count[t+1]]
			if !slices.IsSorted(e) {
				slices.Sort(e)
			}
			n := int32(0)
			for k, x := range e {
				if k == 0 || x>>32 != e[k-1]>>32 {
					n++
				}
				ix.postings[count[t]+k] = int32(uint32(x))
			}
			runs[t+1] = n
		}
	})
	for t := range tokens {
		runs[t+1] += runs[t]
	}
	ix.runStart = runs
	ix.runBucket = make([]int32, runs[tokens])
	// Tokens in more than an eighth of the buckets (and more than denseRuns) get a row of the
	// dense table: at most eight numbers per run, and one read instead of a binary search.
	numBuckets := len(ix.bucketOf)
	ix.denseAt = make([]int32, tokens)
	rows := 0
	for t := range tokens {
		ix.denseAt[t] = -1
		if n := int(runs[t+1] - runs[t]); n > denseRuns && 8*n >= numBuckets && (rows+1)*numBuckets <= math.MaxInt32 {
			ix.denseAt[t] = int32(rows * numBuckets)
			rows++
		}
	}
	ix.dense = make([]int32, rows*numBuckets)
	for i := range ix.dense {
		ix.dense[i] = -1
	}
	ix.runOff = make([]int, runs[tokens]+1)
	ix.runOff[runs[tokens]] = len(entries)
	inChunks(tokens, 4096, func(lo, hi int) {
		for t := lo; t < hi; t++ {
			r := runs[t]
			for k := count[t]; k < count[t+1]; k++ {
				if k == count[t] || entries[k]>>32 != entries[k-1]>>32 {
					ix.runBucket[r], ix.runOff[r] = int32(entries[k]>>32), k
					if d := ix.denseAt[t]; d >= 0 {
						ix.dense[d+int32(entries[k]>>32)] = r
					}
					r++
				}
			}
		}
	})
}

// denseRuns is the number of buckets up to which posting reads a token's runs one by one.
const denseRuns = 8

// posting is the posting of token t in bucket b, in source order: the mentions indexed in b
// that have t.
func (ix *index) posting(t, b int32) []int32 {
	if d := ix.denseAt[t]; d >= 0 {
		r := ix.dense[d+b]
		if r < 0 {
			return nil
		}
		return ix.postings[ix.runOff[r]:ix.runOff[r+1]]
	}
	first := int(ix.runStart[t])
	runs := ix.runBucket[first:ix.runStart[t+1]]
	r := 0
	if len(runs) <= denseRuns { // most tokens are in a few buckets
		for r < len(runs) && runs[r] < b {
			r++
		}
		if r == len(runs) || runs[r] != b {
			return nil
		}
	} else {
		var ok bool
		if r, ok = slices.BinarySearch(runs, b); !ok {
			return nil
		}
	}
	r += first
	return ix.postings[ix.runOff[r]:ix.runOff[r+1]]
}

// sharedWeight is the weight of the tokens two sorted id lists have in common.
func (ix *index) sharedWeight(x, y []int32) float64 {
	w := 0.0
	for i, j := 0, 0; i < len(x) && j < len(y); {
		switch {
		case x[i] < y[j]:
			i++
		case x[i] > y[j]:
			j++
		default:
			w += ix.weight[x[i]]
			i++
			j++
		}
	}
	return w
}

// similarity is the weighted Dice coefficient of the token sets of mentions a and b:
// twice the weight of the shared tokens over the weight of both sets, from 0 (nothing shared)
// to 1 (the same tokens).
func (ix *index) similarity(a, b int) float64 {
	shared := ix.sharedWeight(ix.idsOf(a), ix.idsOf(b))
	if shared == 0 {
		return 0
	}
	return 2 * shared / (ix.total[a] + ix.total[b])
}

// dayNumber counts days from a fixed origin, for fast interval comparisons.
func dayNumber(d extract.Date) int32 {
	return int32(d.Time().Unix() / 86400)
}

// foldKey is s with each rune replaced by the least rune of its case-folding orbit, so that
// foldKey(s) == foldKey(t) exactly when strings.EqualFold(s, t).
func foldKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		b.WriteRune(least)
	}
	return b.String()
}
