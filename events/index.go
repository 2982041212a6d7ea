package events

import (
	"math"
	"slices"
	"strings"

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
	isName  []bool    // per token id, whether it is a name ("@...") rather than a word
	buckets map[bucketID]*bucket
	levels  []level // per mention
	// Per mention, compact copies of what every candidate pair checks first, so the hot loop
	// does not touch the large mention values.
	doc      []int32
	from, to []int32 // dayNumber of the interval ends
	// Per mention, the ids of the surnames of the people it names and of its lead (-1: none),
	// so that conflict compares numbers: ids are given in order of first use.
	people [][]int32
	lead   []int32
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
				id = int32(len(ix.isName))
				tokenID[t] = id
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
	ix.people, ix.lead = make([][]int32, len(ms)), make([]int32, len(ms))
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
		m := &ms[i]
		if len(m.people) > 0 {
			ix.people[i] = make([]int32, len(m.people))
			for k, p := range m.people {
				ix.people[i][k] = intern(p)
			}
		}
		ix.lead[i] = -1
		if m.lead != "" {
			ix.lead[i] = intern(m.lead)
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

// dayNumber counts days from a fixed origin, for fast interval comparisons.
func dayNumber(d extract.Date) int32 {
	return int32(d.Time().Unix() / 86400)
}
