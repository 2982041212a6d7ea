package events

import (
	"math"
	"slices"
	"strings"

	"github.com/timeline-news/timeline/extract"
)

// maxPosting bounds the candidate pairs a token proposes within one date bucket. A token that
// more than maxPosting mentions of the bucket share is a common word ("Taliban" in a month of
// Afghan news), which proposes no pair, or the name of a big story, which proposes only the
// maxPosting mentions nearest in source order (see candidates). Either still counts in the
// similarity of every pair. This keeps merging near-linear: each mention meets at most
// tokens × maxPosting others per bucket.
const maxPosting = 16

// join records why two mentions were joined: the pair that passed the threshold.
type join struct {
	a, b int // mention indices, a < b
	sim  float64
}

// cluster is a set of mentions that report one happening, and the joins that made it.
type cluster struct {
	members []int // mention indices, ascending (source order)
	joins   []join
}

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

// bucket holds the mentions indexed at one level and key, with an inverted index of their tokens.
type bucket struct {
	postings map[int32][]int32
}

// index assigns every distinct token an id and its weight: the inverse document frequency
// ln(1 + N/df) over the N mentions, so a rare shared name weighs more than a common word.
type index struct {
	ids     [][]int32 // per mention, its token ids
	weight  []float64 // per token id
	total   []float64 // per mention, the sum of its token weights
	names   []string  // per token id, the token
	isName  []bool    // per token id, whether it is a name ("@...") rather than a word
	buckets map[bucketID]*bucket
	levels  []level // per mention
	// Per mention, compact copies of what every candidate pair checks first, so the hot loop
	// does not touch the large mention values.
	doc      []int32
	from, to []int32 // dayNumber of the interval ends
}

func newIndex(ms []mention) *index {
	ix := &index{ids: make([][]int32, len(ms)), total: make([]float64, len(ms)), levels: make([]level, len(ms)),
		buckets: map[bucketID]*bucket{}, doc: make([]int32, len(ms)), from: make([]int32, len(ms)), to: make([]int32, len(ms))}
	tokenID := map[string]int32{}
	var df []int
	for i, m := range ms {
		ids := make([]int32, 0, len(m.tokens))
		for _, t := range m.tokens {
			id, ok := tokenID[t]
			if !ok {
				id = int32(len(ix.names))
				tokenID[t] = id
				ix.names = append(ix.names, t)
				ix.isName = append(ix.isName, strings.HasPrefix(t, "@"))
				df = append(df, 0)
			}
			ids = append(ids, id)
		}
		slices.Sort(ids)
		ix.ids[i] = slices.Compact(ids) // a token counts once per mention
		for _, id := range ix.ids[i] {
			df[id]++
		}
	}
	ix.weight = make([]float64, len(df))
	for id, n := range df {
		ix.weight[id] = math.Log(1 + float64(len(ms))/float64(n))
	}
	for i, m := range ms {
		for _, id := range ix.ids[i] {
			ix.total[i] += ix.weight[id]
		}
		ix.doc[i], ix.from[i], ix.to[i] = int32(m.doc), dayNumber(m.from), dayNumber(m.to)
		l := levelOf(m.days)
		ix.levels[i] = l
		for k := bucketKey(l, m.from); k <= bucketKey(l, m.to); k++ {
			b := ix.buckets[bucketID{l, k}]
			if b == nil {
				b = &bucket{postings: map[int32][]int32{}}
				ix.buckets[bucketID{l, k}] = b
			}
			for _, id := range ix.ids[i] {
				b.postings[id] = append(b.postings[id], int32(i))
			}
		}
	}
	return ix
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
	shared := ix.sharedWeight(ix.ids[a], ix.ids[b])
	if shared == 0 {
		return 0
	}
	return 2 * shared / (ix.total[a] + ix.total[b])
}

// shared returns the tokens mentions a and b share, in a's order.
func (ix *index) shared(ms []mention, a, b int) []string {
	var out []string
	for _, t := range ms[a].tokens {
		if slices.Contains(ms[b].tokens, t) {
			out = append(out, t)
		}
	}
	return out
}

// namesAgree checks the names of a pair that passed the threshold. Two sentences tell of
// different happenings when they name people and none of them the same, or when each is about
// someone (its lead: the first actor named) that the other does not mention. A pair that
// shares no name at all needs UnnamedMergeThreshold.
func (ix *index) namesAgree(ms []mention, a, b int, sim float64) bool {
	if conflict(&ms[a], &ms[b]) {
		return false
	}
	if sim >= UnnamedMergeThreshold {
		return true
	}
	x, y := ix.ids[a], ix.ids[b]
	for i, j := 0, 0; i < len(x) && j < len(y); {
		switch {
		case x[i] < y[j]:
			i++
		case x[i] > y[j]:
			j++
		default:
			if ix.isName[x[i]] {
				return true
			}
			i++
			j++
		}
	}
	return false
}

// conflict reports whether two mentions are about different protagonists: both name people
// and none of them the same, or each has a lead the other does not mention.
func conflict(ma, mb *mention) bool {
	if len(ma.people) > 0 && len(mb.people) > 0 && !slices.ContainsFunc(ma.people, func(p string) bool { return slices.Contains(mb.people, p) }) {
		return true
	}
	return ma.lead != "" && mb.lead != "" && !strings.EqualFold(ma.lead, mb.lead) &&
		!strings.Contains(mb.sentence, ma.lead) && !strings.Contains(ma.sentence, mb.lead)
}

// named reports whether a mention can conflict with another: it names people or has a lead.
func named(m *mention) bool { return len(m.people) > 0 || m.lead != "" }

// dayNumber counts days from a fixed origin, for fast interval comparisons.
func dayNumber(d extract.Date) int32 {
	return int32(d.Time().Unix() / 86400)
}

// candidates returns the pairs of mentions from different articles whose dates overlap and
// whose similarity reaches threshold. Pairs are proposed by blocking, never all against all:
// a mention meets only the mentions indexed in the date buckets its interval touches, at its
// own level and coarser ones, that share a token with it. A token's postings in a bucket are
// read whole when they hold at most maxPosting mentions. Longer lists hold common words, which
// are not read, or the names of a story that thirty articles tell in one month: of those, the
// two rarest are read in a window of the maxPosting mentions nearest in source order, which
// links each report of a big story to its neighbours, and the clusters join them all. Within a bucket the shared weight is summed
// from the short postings, as a search engine scores documents, and the tokens of long postings
// are looked up in the other mention's sorted token list: the similarity is exact.
func (ix *index) candidates(ms []mention, threshold float64) []join {
	var pairs []join
	stamp := make([]int32, len(ms)) // stamp[j] == i+1: pair (i, j) already decided
	seen := make([]int32, len(ms))  // seen[j] == i+1: j already touched in this bucket
	score := make([]float64, len(ms))
	var touched, windowed []int32
	for i := range ms {
		m := ms[i]
		for l := ix.levels[i]; l < numLevels; l++ {
			for k := bucketKey(l, m.from); k <= bucketKey(l, m.to); k++ {
				b := ix.buckets[bucketID{l, k}]
				if b == nil {
					continue
				}
				windowed = windowed[:0]              // i's tokens whose postings are too long to read whole
				rare1, rare2 := int32(-1), int32(-1) // the two rarest names among them, read in a window
				for _, id := range ix.ids[i] {
					if len(b.postings[id]) > maxPosting {
						windowed = append(windowed, id)
						if !ix.isName[id] {
							continue
						}
						if rare1 < 0 || ix.weight[id] > ix.weight[rare1] {
							rare1, rare2 = id, rare1
						} else if rare2 < 0 || ix.weight[id] > ix.weight[rare2] {
							rare2 = id
						}
					}
				}
				for _, id := range ix.ids[i] {
					post := b.postings[id]
					long := len(post) > maxPosting
					if long {
						if id != rare1 && id != rare2 {
							continue
						}
						post = window(post, int32(i))
					}
					for _, j := range post {
						if int(j) == i || stamp[j] == int32(i+1) {
							continue
						}
						if seen[j] != int32(i+1) {
							seen[j] = int32(i + 1)
							touched = append(touched, j)
						}
						if !long {
							score[j] += ix.weight[id]
						}
					}
				}
				for _, j32 := range touched {
					j := int(j32)
					shared := score[j]
					score[j] = 0
					stamp[j] = int32(i + 1)
					if ix.doc[j] == ix.doc[i] || ix.to[j] < ix.from[i] || ix.to[i] < ix.from[j] {
						continue // the same article, or dates with no common day
					}
					shared += ix.sharedWeight(windowed, ix.ids[j]) // tokens of long postings

					s := 2 * shared / (ix.total[i] + ix.total[j]) // = ix.similarity(i, j)
					if s >= threshold && ix.namesAgree(ms, i, j, s) {
						pairs = append(pairs, join{min(i, j), max(i, j), s})
					}
				}
				touched = touched[:0]
			}
		}
	}
	// A pair can be proposed from both of its mentions: keep one.
	slices.SortFunc(pairs, func(p, q join) int {
		if p.a != q.a {
			return p.a - q.a
		}
		return p.b - q.b
	})
	return slices.CompactFunc(pairs, func(p, q join) bool { return p.a == q.a && p.b == q.b })
}

// window returns the maxPosting entries of a sorted posting list nearest to mention i.
func window(post []int32, i int32) []int32 {
	at, _ := slices.BinarySearch(post, i)
	lo := max(0, at-maxPosting/2)
	hi := min(len(post), lo+maxPosting)
	lo = max(0, hi-maxPosting)
	return post[lo:hi]
}

// merge groups mentions into clusters, one per happening. Candidate pairs are joined strongest
// first (greedy single link) unless the join would put two mentions of one article in a cluster,
// leave the cluster's dates with no common day, or gather mentions about different protagonists
// (see conflict). Clusters come back in source order of their
// first mention.
func merge(ms []mention, threshold float64) []cluster {
	ix := newIndex(ms)
	return joinPairs(ms, ix.candidates(ms, threshold))
}

// joinPairs joins candidate pairs into clusters, strongest first, under merge's constraints.
func joinPairs(ms []mention, pairs []join) []cluster {
	slices.SortFunc(pairs, func(p, q join) int {
		switch {
		case p.sim != q.sim:
			if p.sim > q.sim {
				return -1
			}
			return 1
		case p.a != q.a:
			return p.a - q.a
		}
		return p.b - q.b
	})
	parent := make([]int, len(ms))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	// What a cluster must keep to check a join: its articles, the days all its dates share, and
	// its members that name someone. The smaller cluster's data goes into the larger's, so
	// joining stays near-linear even for a story told by hundreds of articles.
	type root struct {
		docs     map[int]bool
		from, to extract.Date
		named    []int
	}
	roots := make(map[int]*root)
	get := func(i int) *root {
		r := roots[i]
		if r == nil {
			r = &root{docs: map[int]bool{ms[i].doc: true}, from: ms[i].from, to: ms[i].to}
			if named(&ms[i]) {
				r.named = []int{i}
			}
			roots[i] = r
		}
		return r
	}
	var accepted []join
	for _, p := range pairs {
		ra, rb := find(p.a), find(p.b)
		if ra == rb {
			continue
		}
		a, b := get(ra), get(rb)
		from, to := a.from, a.to
		if from.Before(b.from) {
			from = b.from
		}
		if b.to.Before(to) {
			to = b.to
		}
		if to.Before(from) || sharesDoc(a.docs, b.docs) || clustersConflict(ms, a.named, b.named) {
			continue
		}
		if len(a.docs) < len(b.docs) {
			a, b = b, a
		}
		for d := range b.docs {
			a.docs[d] = true
		}
		a.named = append(a.named, b.named...)
		a.from, a.to = from, to
		// The cluster keeps its first mention as root, so the result does not depend on sizes.
		top, low := min(ra, rb), max(ra, rb)
		parent[low] = top
		roots[top] = a
		delete(roots, low)
		accepted = append(accepted, p)
	}
	byRoot := map[int]int{}
	var out []cluster
	for i := range ms {
		r := find(i)
		c, ok := byRoot[r]
		if !ok {
			c = len(out)
			byRoot[r] = c
			out = append(out, cluster{})
		}
		out[c].members = append(out[c].members, i)
	}
	for _, p := range accepted { // strongest first
		c := byRoot[find(p.a)]
		out[c].joins = append(out[c].joins, p)
	}
	return out
}

// clustersConflict reports whether a member of one cluster is about a different protagonist than
// a member of the other: a chain of joins must not gather different companies' results through
// a sentence that names no one ("Its stock slumped ...").
func clustersConflict(ms []mention, a, b []int) bool {
	for _, x := range a {
		for _, y := range b {
			if conflict(&ms[x], &ms[y]) {
				return true
			}
		}
	}
	return false
}

// sharesDoc reports whether two clusters have an article in common.
func sharesDoc(a, b map[int]bool) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	for d := range a {
		if b[d] {
			return true
		}
	}
	return false
}
