package events

import (
	"cmp"
	"math"
	"slices"

	"github.com/timeline-news/timeline/extract"
)

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

// merge groups mentions into clusters, one per happening. Candidate pairs are joined strongest
// first (greedy single link) unless the join would put two mentions of one article in a cluster,
// leave the cluster's dates with no common day, or gather mentions about different protagonists
// (see conflict). Clusters come back in source order of their
// first mention.
func merge(ms []mention, threshold float64) []cluster {
	ix := newIndex(ms)
	return joinPairs(ix, ms, ix.candidates(ms, threshold))
}

// joinPairs joins candidate pairs into clusters, strongest first, under merge's constraints.
func joinPairs(ix *index, ms []mention, pairs []join) []cluster {
	strongestFirst(pairs)
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
		docs     docSet
		from, to extract.Date
		named    []int
	}
	roots := make([]*root, len(ms)) // by root mention; nil until its cluster is first met
	get := func(i int) *root {
		r := roots[i]
		if r == nil {
			r = &root{from: ms[i].from, to: ms[i].to}
			r.docs.add(int32(ms[i].doc))
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
		if to.Before(from) || sharesDoc(&a.docs, &b.docs) || ix.clustersConflict(ms, a.named, b.named) {
			continue
		}
		if a.docs.len() < b.docs.len() {
			a, b = b, a
		}
		b.docs.each(a.docs.add)
		a.named = append(a.named, b.named...)
		a.from, a.to = from, to
		// The cluster keeps its first mention as root, so the result does not depend on sizes.
		top, low := min(ra, rb), max(ra, rb)
		parent[low] = top
		roots[top], roots[low] = a, nil
		accepted = append(accepted, p)
	}
	byRoot := make([]int32, len(ms)) // cluster number + 1 of a root mention
	var out []cluster
	for i := range ms {
		r := find(i)
		if byRoot[r] == 0 {
			out = append(out, cluster{})
			byRoot[r] = int32(len(out))
		}
		c := byRoot[r] - 1
		out[c].members = append(out[c].members, i)
	}
	for _, p := range accepted { // strongest first
		c := byRoot[find(p.a)] - 1
		out[c].joins = append(out[c].joins, p)
	}
	return out
}

// strongestFirst sorts pairs by similarity, strongest first, then by mentions (a, then b).
func strongestFirst(pairs []join) {
	byMentions := func(p, q join) int {
		if p.a != q.a {
			return p.a - q.a
		}
		return p.b - q.b
	}
	if !slices.IsSortedFunc(pairs, byMentions) {
		slices.SortFunc(pairs, byMentions)
	}
	if len(pairs) < 2 {
		return
	}
	for _, p := range pairs {
		if !(p.sim > 0) { // not a positive number: compare them (never so from candidates)
			slices.SortStableFunc(pairs, func(p, q join) int { return cmp.Compare(q.sim, p.sim) })
			return
		}
	}
	// A stable radix sort on the similarity keeps the order by mentions among equals. The bits
	// of positive floats order as the numbers do; inverted, the strongest come first.
	key := func(p join) uint64 { return ^math.Float64bits(p.sim) }
	buf := make([]join, len(pairs))
	src, dst := pairs, buf
	for shift := 0; shift < 64; shift += 16 {
		var count [1 << 16]int
		for _, p := range src {
			count[key(p)>>shift&0xffff]++
		}
		if count[key(src[0])>>shift&0xffff] == len(src) {
			continue // every key has this digit: the pass would not move anything
		}
		at := 0
		for d, n := range count {
			count[d] = at
			at += n
		}
		for _, p := range src {
			d := key(p) >> shift & 0xffff
			dst[count[d]] = p
			count[d]++
		}
		src, dst = dst, src
	}
	if &src[0] != &pairs[0] {
		copy(pairs, src)
	}
}

// clustersConflict reports whether a member of one cluster is about a different protagonist than
// a member of the other: a chain of joins must not gather different companies' results through
// a sentence that names no one ("Its stock slumped ...").
func (ix *index) clustersConflict(ms []mention, a, b []int) bool {
	for _, x := range a {
		for _, y := range b {
			if ix.conflict(ms, x, y) {
				return true
			}
		}
	}
	return false
}

// sharesDoc reports whether two clusters have an article in common.
func sharesDoc(a, b *docSet) bool {
	if a.len() > b.len() {
		a, b = b, a
	}
	shared := false
	a.each(func(d int32) {
		if !shared && b.has(d) {
			shared = true
		}
	})
	return shared
}

// docSet is the set of articles of a cluster: a short list, as most clusters have a few
// articles, or a map once it grows.
type docSet struct {
	few  []int32
	many map[int32]bool
}

const fewDocs = 16

func (s *docSet) len() int {
	if s.many != nil {
		return len(s.many)
	}
	return len(s.few)
}

func (s *docSet) has(d int32) bool {
	if s.many != nil {
		return s.many[d]
	}
	return slices.Contains(s.few, d)
}

func (s *docSet) add(d int32) {
	switch {
	case s.many != nil:
		s.many[d] = true
	case slices.Contains(s.few, d):
	case len(s.few) < fewDocs:
		s.few = append(s.few, d)
	default:
		s.many = make(map[int32]bool, 2*fewDocs)
		for _, x := range s.few {
			s.many[x] = true
		}
		s.many[d] = true
		s.few = nil
	}
}

func (s *docSet) each(fn func(int32)) {
	if s.many != nil {
		for d := range s.many {
			fn(d)
		}
		return
	}
	for _, d := range s.few {
		fn(d)
	}
}
