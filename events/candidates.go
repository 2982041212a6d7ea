package events

import (
	"math"
	"slices"
	"strings"
	"sync"
)

// maxPosting bounds the candidate pairs a token proposes within one date bucket. A token that
// more than maxPosting mentions of the bucket share is a common word ("Taliban" in a month of
// Afghan news), which proposes no pair, or the name of a big story, which proposes only the
// maxPosting mentions nearest in source order (see candidates). Either still counts in the
// similarity of every pair. This keeps merging near-linear: each mention meets at most
// tokens × maxPosting others per bucket.
const maxPosting = 16

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
func (ix *index) candidates(ms []*mention, threshold float64) []join {
	// Mentions are read in chunks on all cores, each chunk into its own slot, and the slots
	// joined in order: the pairs are those one goroutine would find, in the same order.
	const chunk = 1024
	slots := make([][]join, (len(ms)+chunk-1)/chunk)
	scratches := sync.Pool{New: func() any { return newScratch(len(ms), len(ix.weight), ix.names32) }}
	inChunks(len(ms), chunk, func(lo, hi int) {
		s := scratches.Get().(*scratch)
		slots[lo/chunk] = ix.candidatesOf(ms, threshold, lo, hi, s)
		scratches.Put(s)
	})
	return dedupe(slots, len(ms))
}

// dedupe lists the pairs of slots once each, sorted by mentions (a, then b). A pair can be
// proposed from both of its mentions, with similarities that may differ in the last bit (the
// sums are taken in other buckets): which one is kept was decided by sorting the joined slots
// with slices.SortFunc, and is still when that happens. Otherwise the proposals of a pair are
// one value, and a counting sort on a with a short sort on b in each group gives the same list
// in linear time.
func dedupe(slots [][]join, mentions int) []join {
	start := make([]int, mentions+1) // start[a]: where the pairs of mention a begin
	for _, slot := range slots {
		for _, p := range slot {
			start[p.a+1]++
		}
	}
	for a := range mentions {
		start[a+1] += start[a]
	}
	pairs := make([]join, start[mentions])
	next := slices.Clone(start[:mentions])
	for _, slot := range slots {
		for _, p := range slot {
			pairs[next[p.a]] = p
			next[p.a]++
		}
	}
	inChunks(mentions, 4096, func(lo, hi int) {
		for a := lo; a < hi; a++ {
			slices.SortFunc(pairs[start[a]:start[a+1]], func(p, q join) int { return int(p.b - q.b) })
		}
	})
	kept := 0
	for _, p := range pairs {
		if kept > 0 && pairs[kept-1].a == p.a && pairs[kept-1].b == p.b {
			if math.Float64bits(pairs[kept-1].sim) != math.Float64bits(p.sim) {
				return dedupeSorted(slices.Concat(slots...))
			}
			continue
		}
		pairs[kept] = p
		kept++
	}
	return pairs[:kept]
}

// dedupeSorted sorts pairs by mentions and keeps the first of each, as the search always did.
func dedupeSorted(pairs []join) []join {
	slices.SortFunc(pairs, func(p, q join) int {
		if p.a != q.a {
			return int(p.a - q.a)
		}
		return int(p.b - q.b)
	})
	return slices.CompactFunc(pairs, func(p, q join) bool { return p.a == q.a && p.b == q.b })
}

// scratch is what candidatesOf needs per mention, reused from one mention to the next.
type scratch struct {
	marks             []mark // per mention
	touched, windowed []int32
	posts             [][]int32  // the postings of i's tokens in the current bucket
	long              []float64  // per token id, its weight if its postings are too long to read whole, or 0
	leadIn            []leadMemo // per name id
	pairs             []join
}

// mark is what candidatesOf notes of mention j while it reads the postings of mention i.
type mark struct {
	stamp int32 // i+1: pair (i, j) already decided
	seen  int32 // ±(i+1): j already touched in this bucket; negative once it shares a name with i
	score float64
}

func newScratch(mentions, tokens, names int) *scratch {
	return &scratch{marks: make([]mark, mentions), long: make([]float64, tokens), leadIn: make([]leadMemo, names)}
}

// leadMemo remembers, while candidatesOf reads the pairs of one mention i, whether i's sentence
// holds a lead (by its id): many of i's candidates have the same lead.
type leadMemo struct {
	stamp int32 // i+1 when in is known for i
	in    bool
}

// candidatesOf returns the candidate pairs proposed by the mentions from, ..., to-1.
func (ix *index) candidatesOf(ms []*mention, threshold float64, from, to int, s *scratch) []join {
	pairs := s.pairs[:0] // grown in the scratch, copied out at the size it ends with
	marks, long, leadIn := s.marks, s.long, s.leadIn
	touched, windowed := s.touched[:0], s.windowed[:0]
	for i := from; i < to; i++ {
		m, hi, totalI, idsI := ms[i], ix.hot[i], ix.total[i], ix.idsOf(i)
		for l := ix.levels[i]; l < numLevels; l++ {
			for k := bucketKey(l, m.from); k <= bucketKey(l, m.to); k++ {
				b, ok := ix.bucketOf[bucketID{l, k}]
				if !ok {
					continue
				}
				posts := s.posts[:0]
				windowed = windowed[:0]              // i's tokens whose postings are too long to read whole
				rare1, rare2 := int32(-1), int32(-1) // the two rarest names among them, read in a window
				for _, id := range idsI {
					post := ix.posting(id, b)
					posts = append(posts, post)
					if len(post) > maxPosting {
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
				s.posts = posts
				// The tokens of long postings, looked up by id in long, and their bits (id mod 64) in
				// inLong, which most tokens of another mention are not.
				longWeight := 0.0 // of all of them, in order: at least what j can share of them
				var longBits uint64
				for _, id := range windowed {
					longWeight += ix.weight[id]
					long[id] = ix.weight[id]
					longBits |= 1 << (id & 63)
				}
				// marks[j].seen is i+1 once j is touched in this bucket, -(i+1) once it shares a
				// name with i there.
				touchedNo, touchedNamed := int32(i+1), -int32(i+1)
				for n, id := range idsI {
					post := posts[n]
					long := len(post) > maxPosting
					if long {
						if id != rare1 && id != rare2 {
							continue
						}
						post = window(post, int32(i))
					}
					w, isName := ix.weight[id], ix.isName[id]
					for _, j := range post {
						// A mention of the same article, or whose dates have no day in common
						// with i's, is never a candidate: it is passed over in every bucket.
						if hj := &ix.hot[j]; hj.doc == hi.doc || hj.to < hi.from || hi.to < hj.from {
							continue
						}
						mj := &marks[j]
						if mj.stamp == int32(i+1) {
							continue
						}
						if mj.seen != touchedNo && mj.seen != touchedNamed {
							mj.seen = touchedNo
							touched = append(touched, j)
						}
						if !long {
							mj.score += w
						}
						if isName {
							mj.seen = touchedNamed
						}
					}
				}
				for _, j32 := range touched {
					j := int(j32)
					mj := &marks[j]
					shared, sharesName := mj.score, mj.seen == touchedNamed
					mj.score = 0
					mj.stamp = int32(i + 1)
					totalJ := ix.total[j]
					if len(windowed) > 0 {
						// Sharing every token of long postings would not reach the threshold: then
						// sharing some will not either (sums of fewer non-negative terms, in the
						// same order, are no greater, to the last bit).
						if 2*(shared+longWeight)/(totalI+totalJ) < threshold {
							continue
						}
						// The tokens of long postings j has: ix.sharedWeight(windowed, ix.idsOf(j)),
						// the same sum in the same order (of ids), so that the similarity is the same
						// to the last bit.
						inLong := 0.0
						for _, id := range ix.ids[ix.hot[j].idsAt:ix.hot[j+1].idsAt] {
							if longBits&(1<<(id&63)) == 0 {
								continue
							}
							if w := long[id]; w != 0 {
								inLong += w
								sharesName = sharesName || ix.isName[id]
							}
						}
						shared += inLong
					}

					s := 2 * shared / (totalI + totalJ) // = ix.similarity(i, j)
					if s >= threshold && (s >= UnnamedMergeThreshold || sharesName) && !ix.conflictOf(ms, i, j, leadIn) {
						// = ix.namesAgree(ms, i, j, s, sharesName)
						pairs = append(pairs, join{int32(min(i, j)), int32(max(i, j)), s})
					}
				}
				touched = touched[:0]
				for _, id := range windowed {
					long[id] = 0
				}
			}
		}
	}
	s.touched, s.windowed, s.pairs = touched, windowed, pairs
	return slices.Clone(pairs)
}

// window returns the maxPosting entries of a sorted posting list nearest to mention i.
func window(post []int32, i int32) []int32 {
	at, _ := slices.BinarySearch(post, i)
	lo := max(0, at-maxPosting/2)
	hi := min(len(post), lo+maxPosting)
	lo = max(0, hi-maxPosting)
	return post[lo:hi]
}

// namesAgree checks the names of a pair that passed the threshold. Two sentences tell of
// different happenings when they name people and none of them the same, or when each is about
// someone (its lead: the first actor named) that the other does not mention. A pair that
// shares no name at all needs UnnamedMergeThreshold.
func (ix *index) namesAgree(ms []*mention, a, b int, sim float64, sharesName bool) bool {
	// The cheaper test first: a pair below UnnamedMergeThreshold sharing no name needs no other.
	if sim < UnnamedMergeThreshold && !sharesName {
		return false
	}
	return !ix.conflict(ms, a, b)
}

// shareName reports whether mentions a and b have a name token in common (namesAgree's
// sharesName).
func (ix *index) shareName(a, b int) bool {
	x, y := ix.names[a], ix.names[b]
	for i, j := 0, 0; i < len(x) && j < len(y); {
		switch {
		case x[i] < y[j]:
			i++
		case x[i] > y[j]:
			j++
		default:
			return true
		}
	}
	return false
}

// conflict reports whether mentions a and b are about different protagonists: both name people
// and none of them the same, or each has a lead the other does not mention. People and leads
// are compared by their ids in the index, the same strings having the same id.
func (ix *index) conflict(ms []*mention, a, b int) bool {
	if ix.otherPeople(a, b) {
		return true
	}
	wa, wb := &ix.who[a], &ix.who[b]
	if wa.lead < 0 || wb.lead < 0 || wa.lead == wb.lead {
		return false // no lead, or the same
	}
	ma, mb := ms[a], ms[b]
	return wa.leadFold != wb.leadFold && !strings.Contains(mb.sentence, ma.lead) && !strings.Contains(ma.sentence, mb.lead)
}

// otherPeople reports whether mentions a and b both name people and none of them the same.
func (ix *index) otherPeople(a, b int) bool {
	wa, wb := &ix.who[a], &ix.who[b]
	if wa.peopleLen == 0 || wb.peopleLen == 0 {
		return false
	}
	pa := ix.peopleIDs[wa.peopleAt : wa.peopleAt+wa.peopleLen]
	pb := ix.peopleIDs[wb.peopleAt : wb.peopleAt+wb.peopleLen]
	return !slices.ContainsFunc(pa, func(p int32) bool { return slices.Contains(pb, p) })
}

// conflictOf is conflict(ms, i, j), for the mention i whose pairs candidatesOf reads: whether
// i's sentence holds j's lead is remembered in memo by lead, and asked first.
func (ix *index) conflictOf(ms []*mention, i, j int, memo []leadMemo) bool {
	if ix.otherPeople(i, j) {
		return true
	}
	wa, wb := &ix.who[i], &ix.who[j]
	if wa.lead < 0 || wb.lead < 0 || wa.lead == wb.lead || wa.leadFold == wb.leadFold {
		return false
	}
	m := &memo[wb.lead]
	if m.stamp != int32(i+1) {
		m.stamp, m.in = int32(i+1), strings.Contains(ms[i].sentence, ms[j].lead)
	}
	return !m.in && !strings.Contains(ms[j].sentence, ms[i].lead)
}

// named reports whether a mention can conflict with another: it names people or has a lead.
func named(m *mention) bool { return len(m.people) > 0 || m.lead != "" }
