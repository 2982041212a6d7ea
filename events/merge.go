package events

import (
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
		if to.Before(from) || sharesDoc(a.docs, b.docs) || ix.clustersConflict(ms, a.named, b.named) {
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
