package events

import (
	"cmp"
	"math"
	"runtime"
	"slices"

	"github.com/timeline-news/timeline/extract"
)

// join records why two mentions were joined: the pair that passed the threshold.
type join struct {
	a, b int32 // mention indices, a < b
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
func merge(ms []*mention, docs []int32, threshold float64) []cluster {
	ix := newIndex(ms, docs)
	return joinPairs(ix, ms, ix.candidates(ms, threshold))
}

// joinPairs joins candidate pairs into clusters, strongest first, under merge's constraints.
func joinPairs(ix *index, ms []*mention, pairs []join) []cluster {
	strongestFirst(pairs)
	// Most pairs are refused because their mentions are in one cluster already or the clusters'
	// dates have no common day: what those checks read of a mention (its parent and, while it is
	// a root, its cluster's interval) is kept together, in one small value.
	nodes := make([]joinNode, len(ms))
	for i := range nodes {
		nodes[i] = joinNode{parent: int32(i), from: ix.fromKey[i], to: ix.toKey[i]}
	}
	find := func(i int32) int32 {
		for nodes[i].parent != i {
			nodes[i].parent = nodes[nodes[i].parent].parent
			i = nodes[i].parent
		}
		return i
	}
	// What else a cluster must keep to check a join: its articles and its members that name
	// someone. The smaller cluster's data goes into the larger's, so joining stays near-linear
	// even for a story told by hundreds of articles.
	type root struct {
		docs  docSet
		named []int32
	}
	var roots []root // nodes[r].root-1 of a root mention r; made when its cluster is first met
	ensureRoot := func(i int32) {
		if n := &nodes[i]; n.root == 0 {
			r := root{}
			r.docs.add(ix.hot[i].doc)
			if named(ms[i]) {
				r.named = []int32{i}
			}
			roots = append(roots, r)
			n.root = int32(len(roots))
		}
	}
	var accepted []join
	for _, p := range pairs {
		ra, rb := find(p.a), find(p.b)
		if ra == rb {
			continue
		}
		na, nb := &nodes[ra], &nodes[rb]
		lo, hi := max(na.from, nb.from), min(na.to, nb.to)
		if hi < lo {
			continue // no common day
		}
		ensureRoot(ra) // both before taking their addresses: making one can move the other
		ensureRoot(rb)
		a, b := &roots[nodes[ra].root-1], &roots[nodes[rb].root-1]
		if sharesDoc(&a.docs, &b.docs) || ix.clustersConflict(ms, a.named, b.named) {
			continue
		}
		big := nodes[ra].root
		if a.docs.len() < b.docs.len() {
			a, b, big = b, a, nodes[rb].root
		}
		b.docs.each(a.docs.add)
		a.named = append(a.named, b.named...)
		*b = root{}
		// The cluster keeps its first mention as root, so the result does not depend on sizes.
		top, low := min(ra, rb), max(ra, rb)
		nodes[low].parent = top
		nodes[top].from, nodes[top].to, nodes[top].root = lo, hi, big
		accepted = append(accepted, p)
	}
	// The clusters in order of their first mention, each listing its members in source order and
	// its joins strongest first, in two shared arrays.
	byRoot := make([]int32, len(ms)) // cluster number + 1 of a root mention
	clusterOf := make([]int32, len(ms))
	var sizes []int
	for i := range ms {
		r := find(int32(i))
		if byRoot[r] == 0 {
			sizes = append(sizes, 0)
			byRoot[r] = int32(len(sizes))
		}
		c := byRoot[r] - 1
		clusterOf[i] = c
		sizes[c]++
	}
	out := make([]cluster, len(sizes))
	members := make([]int, len(ms))
	at := 0
	for c, n := range sizes {
		out[c].members = members[at : at : at+n]
		at += n
	}
	for i := range ms {
		c := clusterOf[i]
		out[c].members = append(out[c].members, i)
	}
	clear(sizes)
	for _, p := range accepted {
		sizes[clusterOf[p.a]]++
	}
	at = 0
	for c, n := range sizes {
		if n > 0 {
			out[c].joins = accepted[at : at : at+n]
			at += n
		}
	}
	joins := slices.Clone(accepted) // accepted is filled again, cluster by cluster
	for _, p := range joins {       // strongest first
		c := clusterOf[p.a]
		out[c].joins = append(out[c].joins, p)
	}
	return out
}

// joinNode is a mention in joinPairs: its parent in the clusters' union-find and, while it is
// the root, its cluster's interval (index.fromKey, toKey) and data (root number + 1, or 0 until needed).
type joinNode struct {
	parent, from, to, root int32
}

// calendarKey is a number that orders calendar dates as extract.Date.Compare does: year, month
// and day in one number. ok is false for a date that is not one (dateRanks orders those).
func calendarKey(d extract.Date) (key int32, ok bool) {
	if d.Year <= -1_000_000 || d.Year >= 1_000_000 || d.Month < 0 || d.Month > 12 || d.Day < 0 || d.Day > 31 {
		return 0, false
	}
	return int32(d.Year)*512 + int32(d.Month)*32 + int32(d.Day), true
}

// dateRanks returns the ranks of the mentions' interval ends among them all, which order them
// as extract.Date.Compare does.
func dateRanks(ms []*mention) (from, to []int32) {
	var dates []extract.Date
	for i := range ms {
		dates = append(dates, ms[i].from, ms[i].to)
	}
	slices.SortFunc(dates, extract.Date.Compare)
	dates = slices.Compact(dates)
	rank := func(d extract.Date) int32 {
		at, _ := slices.BinarySearchFunc(dates, d, extract.Date.Compare)
		return int32(at)
	}
	from, to = make([]int32, len(ms)), make([]int32, len(ms))
	for i := range ms {
		from[i], to[i] = rank(ms[i].from), rank(ms[i].to)
	}
	return from, to
}

// strongestFirst sorts pairs by similarity, strongest first, then by mentions (a, then b).
func strongestFirst(pairs []join) {
	byMentions := func(p, q join) int {
		if p.a != q.a {
			return int(p.a - q.a)
		}
		return int(p.b - q.b)
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
	// of positive floats order as the numbers do; inverted, the strongest come first. Each pass
	// counts and moves the pairs of a few parts on all cores; the parts' pairs of one digit go
	// in the parts' order, so that the sort is the one a single pass makes.
	key := func(p join) uint64 { return ^math.Float64bits(p.sim) }
	parts := max(1, min(runtime.GOMAXPROCS(0), len(pairs)/(1<<16)))
	size := (len(pairs) + parts - 1) / parts
	counts := make([][1 << 16]int, parts)
	buf := make([]join, len(pairs))
	src, dst := pairs, buf
	for shift := 0; shift < 64; shift += 16 {
		inChunks(len(src), size, func(lo, hi int) {
			count := &counts[lo/size]
			clear(count[:])
			for _, p := range src[lo:hi] {
				count[key(p)>>shift&0xffff]++
			}
		})
		first, all := key(src[0])>>shift&0xffff, 0
		for w := range counts {
			all += counts[w][first]
		}
		if all == len(src) {
			continue // every key has this digit: the pass would not move anything
		}
		at := 0
		for d := range 1 << 16 {
			for w := range counts {
				n := counts[w][d]
				counts[w][d] = at
				at += n
			}
		}
		inChunks(len(src), size, func(lo, hi int) {
			next := &counts[lo/size]
			for _, p := range src[lo:hi] {
				d := key(p) >> shift & 0xffff
				dst[next[d]] = p
				next[d]++
			}
		})
		src, dst = dst, src
	}
	if &src[0] != &pairs[0] {
		copy(pairs, src)
	}
}

// clustersConflict reports whether a member of one cluster is about a different protagonist than
// a member of the other: a chain of joins must not gather different companies' results through
// a sentence that names no one ("Its stock slumped ...").
func (ix *index) clustersConflict(ms []*mention, a, b []int32) bool {
	for _, x := range a {
		for _, y := range b {
			if ix.conflict(ms, int(x), int(y)) {
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
