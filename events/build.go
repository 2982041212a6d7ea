package events

import (
	"github.com/timeline-news/timeline/corpus"
)

// DefaultMergeThreshold is the similarity two reports of date-compatible happenings in different
// articles must reach to become one event (see README.md, "Merging"). 0 means "use the default";
// set MergeThreshold above 1 to never merge.
const DefaultMergeThreshold = 0.2

// UnnamedMergeThreshold is the similarity two mentions that share no name (no person,
// organisation or place found in both sentences) must reach to merge: shared common words
// alone ("net income fell to $10 million, or 27 cents a share, a year earlier") are weak
// evidence that two articles tell one happening.
const UnnamedMergeThreshold = 0.6

// Options tune Build. The zero value uses the documented defaults.
type Options struct {
	// MergeThreshold is the weighted word-overlap similarity (0..1) at or above which two
	// date-compatible mentions from different articles are joined; 0 means DefaultMergeThreshold.
	MergeThreshold float64
	// TitleLength caps a title, in bytes, at a word boundary; 0 means DefaultTitleLength.
	TitleLength int
}

// DefaultTitleLength is the longest title Build writes, in bytes.
const DefaultTitleLength = 80

func (o Options) threshold() float64 {
	if o.MergeThreshold <= 0 {
		return DefaultMergeThreshold
	}
	return o.MergeThreshold
}

func (o Options) titleLength() int {
	if o.TitleLength <= 0 {
		return DefaultTitleLength
	}
	return o.TitleLength
}

// Build turns the time expressions of docs into events: one per date that dates a happening,
// the same happening reported by several articles merged into one event, sorted by date
// (interval start, then precision, then source order). It is pure: the same docs give the same
// events, ids and order on every run. Docs are expected in corpus.Load order (sorted by file).
func Build(docs []corpus.Doc, opts Options) []Event {
	return Assemble(collect(docs, opts), opts)
}

// assemble makes the events of mentions given in source order.
// docs[i] is the number of the article of ms[i].
func assemble(ms []*mention, docs []int32, opts Options) []Event {
	evs := makeEvents(ms, docs, merge(ms, docs, opts.threshold()))
	sortEvents(evs)
	assignIDs(evs)
	return evs
}
