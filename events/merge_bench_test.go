package events

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"github.com/timeline-news/timeline/extract"
)

// benchMentions generates n mentions spread over five years, in articles of 20 mentions: most
// are dated to a day, some to a month or a year; their words follow a Zipf law over a 30,000-word
// vocabulary plus two of 5,000 names; a third repeat an earlier happening in another article
// with a compatible date and most of its words, so that merging has real work to do.
func benchMentions(n int) []mention {
	rng := rand.New(rand.NewPCG(1, 2))
	zipf := rand.NewZipf(rng, 1.1, 1, 30000)
	base := extract.Date{Year: 2018, Month: 1, Day: 1}
	ms := make([]mention, 0, n)
	for i := range n {
		m := mention{doc: i / 20, file: "f" + strconv.Itoa(i/20)}
		if i%3 == 2 && i > 100 {
			src := ms[rng.IntN(len(ms)-40)] // an earlier article
			m.from, m.to, m.days = src.from, src.to, src.days
			m.tokens = slices.Clone(src.tokens[:len(src.tokens)-3])
			for len(m.tokens) < len(src.tokens) {
				if w := "w" + strconv.Itoa(int(zipf.Uint64())); !slices.Contains(m.tokens, w) {
					m.tokens = append(m.tokens, w)
				}
			}
		} else {
			start := base.AddDays(rng.IntN(5 * 365))
			switch r := rng.IntN(10); {
			case r < 7:
				m.from, m.to = start, start
			case r < 9:
				m.from = extract.Date{Year: start.Year, Month: start.Month, Day: 1}
				m.to = lastOfMonth(start.Year, start.Month)
			default:
				m.from, m.to = extract.Date{Year: start.Year, Month: 1, Day: 1}, extract.Date{Year: start.Year, Month: 12, Day: 31}
			}
			m.days = daysBetween(m.from, m.to) + 1
			m.tokens = append(m.tokens, "@n"+strconv.Itoa(rng.IntN(5000)), "@m"+strconv.Itoa(rng.IntN(5000)))
			seen := map[string]bool{}
			for len(m.tokens) < 14 {
				if t := "w" + strconv.Itoa(int(zipf.Uint64())); !seen[t] {
					seen[t] = true
					m.tokens = append(m.tokens, t)
				}
			}
		}
		ms = append(ms, m)
	}
	return ms
}

// BenchmarkMerge measures merge on 1k, 10k and 100k mentions. The "sort" cases are the
// baseline measured in the same run: sorting the same mentions by date, an O(n log n) step
// every timeline pays anyway. Compare merge/N against sort/N, and the growth from 10k to 100k
// (near-linear merging grows about tenfold).
func BenchmarkMerge(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		ms := benchMentions(n)
		refs, docs := mentionRefs(ms)
		b.Run(fmt.Sprintf("merge/%d", n), func(b *testing.B) {
			var clusters int
			defer reportCPU(b)()
			for b.Loop() {
				clusters = len(merge(refs, docs, DefaultMergeThreshold))
			}
			b.ReportMetric(float64(n-clusters)/float64(n), "joined/op")
		})
		b.Run(fmt.Sprintf("sort/%d", n), func(b *testing.B) {
			defer reportCPU(b)()
			for b.Loop() {
				s := slices.Clone(ms)
				slices.SortFunc(s, func(x, y mention) int {
					if c := x.from.Compare(y.from); c != 0 {
						return c
					}
					return x.days - y.days
				})
			}
		})
	}
}

// TestBlockingFindsThePairs compares the blocked candidate search with all pairs on generated
// mentions: every pair it proposes has the exact similarity, and the events it makes are those
// that comparing all against all makes (it may skip a pair inside a big story, whose mentions
// are joined through their neighbours anyway).
func TestBlockingFindsThePairs(t *testing.T) {
	ms, docs := mentionRefs(benchMentions(3000))
	ix := newIndex(ms, docs)
	blocked := ix.candidates(ms, DefaultMergeThreshold)
	for _, p := range blocked {
		if d := p.sim - ix.similarity(int(p.a), int(p.b)); d > 1e-9 || d < -1e-9 {
			t.Fatalf("pair %d-%d: similarity %v, want %v", p.a, p.b, p.sim, ix.similarity(int(p.a), int(p.b)))
		}
	}
	var all []join
	for a := range ms {
		for b := a + 1; b < len(ms); b++ {
			if ms[a].doc == ms[b].doc || ms[b].to.Before(ms[a].from) || ms[a].to.Before(ms[b].from) {
				continue
			}
			if s := ix.similarity(a, b); s >= DefaultMergeThreshold && ix.namesAgree(ms, a, b, s, ix.shareName(a, b)) {
				all = append(all, join{int32(a), int32(b), s})
			}
		}
	}
	clusterOf := func(cs []cluster) []int {
		of := make([]int, len(ms))
		for c, cl := range cs {
			for _, i := range cl.members {
				of[i] = c
			}
		}
		return of
	}
	want, got := clusterOf(joinPairs(ix, ms, slices.Clone(all))), clusterOf(joinPairs(ix, ms, blocked))
	agree := 0
	for _, p := range all {
		if (want[p.a] == want[p.b]) == (got[p.a] == got[p.b]) {
			agree++
		}
	}
	t.Logf("blocking proposed %d of %d pairs; the events agree on %d of them", len(blocked), len(all), agree)
	if len(all) < 100 || agree*100 < len(all)*99 {
		t.Errorf("the events agree on %d of %d pairs with all-against-all: want at least 99%%", agree, len(all))
	}
}
