package events

import (
	"math"
	"slices"
	"strings"

	"github.com/timeline-news/timeline/extract"
)

// maxPosting bounds the candidate pairs a token proposes within one date bucket: a token that
// more than maxPosting mentions of the bucket share ("Taliban" in a month of Afghan news) is too
// common to suggest a pair on its own. It still counts in the similarity of pairs that rarer
// tokens proposed. This keeps merging near-linear: each mention meets at most
// tokens × maxPosting others.
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
			df[id]++
			ids = append(ids, id)
		}
		slices.Sort(ids)
		ix.ids[i] = ids
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

// similarity is the weighted Dice coefficient of the token sets of mentions a and b:
// twice the weight of the shared tokens over the weight of both sets, from 0 (nothing shared)
// to 1 (the same tokens).
func (ix *index) similarity(a, b int) float64 {
	x, y := ix.ids[a], ix.ids[b]
	shared := 0.0
	for i, j := 0, 0; i < len(x) && j < len(y); {
		switch {
		case x[i] < y[j]:
			i++
		case x[i] > y[j]:
			j++
		default:
			shared += ix.weight[x[i]]
			i++
			j++
		}
	}
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
// own level and coarser ones, that share a token with it that is rare in that bucket. Within a
// bucket the shared weight of the proposed pairs is summed from the postings, as a search engine
// scores documents; the exact similarity is computed only when that sum, plus the weight of the
// tokens too common to be looked up, could reach the threshold.
func (ix *index) candidates(ms []mention, threshold float64) []join {
	var pairs []join
	stamp := make([]int32, len(ms)) // stamp[j] == i+1: pair (i, j) already decided
	score := make([]float64, len(ms))
	var touched []int32
	for i := range ms {
		m := ms[i]
		for l := ix.levels[i]; l < numLevels; l++ {
			for k := bucketKey(l, m.from); k <= bucketKey(l, m.to); k++ {
				b := ix.buckets[bucketID{l, k}]
				if b == nil {
					continue
				}
				skipped := 0.0 // weight of i's tokens not looked up in this bucket
				for _, id := range ix.ids[i] {
					post := b.postings[id]
					if len(post) > maxPosting {
						skipped += ix.weight[id]
						continue
					}
					for _, j := range post {
						// A pair at one level is proposed from its lower index, a pair across
						// levels from its finer side: each pair once.
						if l == ix.levels[i] && int(j) <= i || stamp[j] == int32(i+1) {
							continue
						}
						if score[j] == 0 {
							touched = append(touched, j)
						}
						score[j] += ix.weight[id]
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
					sum := ix.total[i] + ix.total[j]
					if 2*(shared+skipped)/sum < threshold {
						continue // cannot reach the threshold even with every skipped token shared
					}
					s := 2 * shared / sum
					if s < threshold {
						s = ix.similarity(i, j)
					}
					if s >= threshold && ix.namesAgree(ms, i, j, s) {
						pairs = append(pairs, join{min(i, j), max(i, j), s})
					}
				}
				touched = touched[:0]
			}
		}
	}
	return pairs
}

// merge groups mentions into clusters, one per happening. Candidate pairs are joined strongest
// first (greedy single link) unless the join would put two mentions of one article in a cluster,
// leave the cluster's dates with no common day, or gather mentions about different protagonists
// (see conflict). Clusters come back in source order of their
// first mention.
func merge(ms []mention, threshold float64) []cluster {
	ix := newIndex(ms)
	pairs := ix.candidates(ms, threshold)
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
	type root struct {
		docs     []int
		from, to extract.Date
		joins    []join
		named    []int // members that name someone, checked against the other cluster's
	}
	roots := make(map[int]*root)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	get := func(i int) *root {
		r := roots[i]
		if r == nil {
			r = &root{docs: []int{ms[i].doc}, from: ms[i].from, to: ms[i].to}
			if named(&ms[i]) {
				r.named = []int{i}
			}
			roots[i] = r
		}
		return r
	}
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
		if rb < ra { // the cluster keeps its first mention as root: deterministic
			ra, rb, a, b = rb, ra, b, a
		}
		parent[rb] = ra
		a.docs = append(a.docs, b.docs...)
		a.named = append(a.named, b.named...)
		a.from, a.to = from, to
		a.joins = append(append(a.joins, b.joins...), p)
		delete(roots, rb)
	}
	byRoot := map[int]*cluster{}
	var out []*cluster
	for i := range ms {
		r := find(i)
		c := byRoot[r]
		if c == nil {
			c = &cluster{}
			if rt := roots[r]; rt != nil {
				c.joins = rt.joins
			}
			byRoot[r] = c
			out = append(out, c)
		}
		c.members = append(c.members, i)
	}
	res := make([]cluster, len(out))
	for i, c := range out {
		res[i] = *c
	}
	return res
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

func sharesDoc(a, b []int) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}
