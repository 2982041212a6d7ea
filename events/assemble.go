package events

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/timeline-news/timeline/extract"
)

// makeEvents makes the event of each cluster, on all cores.
func makeEvents(ms []*mention, docs []int32, clusters []cluster) []Event {
	evs := make([]Event, len(clusters))
	dates := newDateLabels(ms)
	makers := sync.Pool{New: func() any { return &eventMaker{ms: ms, docs: docs, dates: dates} }} // one per goroutine
	inChunks(len(clusters), 1024, func(lo, hi int) {
		e := makers.Get().(*eventMaker)
		for c := lo; c < hi; c++ {
			evs[c] = e.makeEvent(clusters[c])
		}
		makers.Put(e)
	})
	return evs
}

// eventMaker makes the events of clusters on one goroutine.
type eventMaker struct {
	ms    []*mention
	docs  []int32 // per mention, its article's number
	dates *dateLabels
	buf   []byte // explain's
}

type dateKey struct {
	value, mod string
	from, to   extract.Date
}

type dateLabel struct{ label, precision string }

// dateLabels are the label and precision of each mention's date, made once per distinct date: a
// corpus dates its mentions with far fewer distinct dates than mentions.
type dateLabels struct {
	of     []int32     // per mention, its date's number
	labels []dateLabel // per date
}

func newDateLabels(ms []*mention) *dateLabels {
	d := &dateLabels{of: make([]int32, len(ms))}
	number := map[dateKey]int32{}
	var keys []dateKey
	for i := range ms {
		t := &ms[i].tx
		k := dateKey{t.Value, t.Mod, t.From, t.To}
		n, ok := number[k]
		if !ok {
			n = int32(len(keys))
			number[k] = n
			keys = append(keys, k)
		}
		d.of[i] = n
	}
	d.labels = make([]dateLabel, len(keys))
	inChunks(len(keys), 256, func(lo, hi int) {
		for n := lo; n < hi; n++ {
			k := keys[n]
			d.labels[n] = dateLabel{Label(k.value, k.mod, k.from, k.to), Precision(k.value, k.from, k.to)}
		}
	})
	return d
}

// label is Label and Precision of the date of mention i.
func (e *eventMaker) label(i int) dateLabel { return e.dates.labels[e.dates.of[i]] }

// makeEvent builds the event of a cluster. It is dated by its most precise mention (the
// shortest interval; the first in source order on a tie), whose sentence gives the text and
// title and which comes first among the sources; the other sources follow in source order.
func (e *eventMaker) makeEvent(c cluster) Event {
	ms := e.ms
	lead := c.members[0]
	for _, i := range c.members[1:] {
		if ms[i].days < ms[lead].days {
			lead = i
		}
	}
	m := ms[lead]
	l := e.label(lead)
	ev := Event{
		Value: m.tx.Value, Mod: m.tx.Mod, From: m.from, To: m.to,
		Label:     l.label,
		Precision: l.precision,
		Title:     m.title, Text: m.sentence,
		Actors: []string{}, Places: []string{},
		Sources: make([]Source, 0, len(c.members)),
	}
	var docs [16]int // the distinct articles, while few
	weight, many := 0, map[int]bool(nil)
	add := func(i int) {
		s, doc := ms[i], int(e.docs[i])
		ev.Sources = append(ev.Sources, Source{File: s.file, Title: s.article, Start: s.tx.Start, End: s.tx.End,
			Text: s.tx.Text, Sentence: s.sentence})
		ev.Actors = appendNew(ev.Actors, s.actors...)
		ev.Places = appendNew(ev.Places, s.places...)
		switch {
		case many != nil:
			many[doc] = true
		case slices.Contains(docs[:weight], doc):
		case weight < len(docs):
			docs[weight] = doc
			weight++
		default:
			many = map[int]bool{doc: true}
			for _, d := range docs {
				many[d] = true
			}
		}
	}
	add(lead)
	for _, i := range c.members {
		if i != lead {
			add(i)
		}
	}
	ev.Weight = weight
	if many != nil {
		ev.Weight = len(many)
	}
	if len(c.joins) > 0 {
		ev.Merged = make([]string, len(c.joins))
		for k, j := range c.joins {
			ev.Merged[k] = e.explain(j)
		}
	}
	return ev
}

// explain says why two mentions were joined, for readers of the timeline:
//
//	a.md:120 ("on Monday", 26 July 2021) and b.md:88 ("26 July", 26 July 2021): dates compatible; shared names: Atmar; shared words: meet; similarity 0.98
func (e *eventMaker) explain(j join) string {
	a, b := e.ms[j.a], e.ms[j.b]
	buf := e.buf[:0]
	buf = e.appendRef(buf, int(j.a))
	buf = append(buf, " and "...)
	buf = e.appendRef(buf, int(j.b))
	buf = append(buf, ": dates compatible"...)
	// The shared tokens, in a's order: names first, then words.
	for pass, prefix := range [...]string{"; shared names: ", "; shared words: "} {
		first := true
		for _, t := range a.tokens {
			name, isName := strings.CutPrefix(t, "@")
			if isName != (pass == 0) || !slices.Contains(b.tokens, t) {
				continue
			}
			if first {
				buf = append(buf, prefix...)
				first = false
			} else {
				buf = append(buf, ", "...)
			}
			if isName {
				buf = append(buf, originalName(a, b, name)...)
			} else {
				buf = append(buf, t...)
			}
		}
	}
	buf = append(buf, "; similarity "...)
	if math.IsInf(j.sim, 0) || math.IsNaN(j.sim) {
		buf = fmt.Appendf(buf, "%.2f", j.sim) // fmt and strconv spell these apart
	} else {
		buf = strconv.AppendFloat(buf, j.sim, 'f', 2, 64) // = fmt's %.2f
	}
	e.buf = buf
	return string(buf)
}

// appendRef appends `file:offset ("text", label)` for mention i.
func (e *eventMaker) appendRef(buf []byte, i int) []byte {
	m := e.ms[i]
	buf = append(buf, filepath.Base(m.file)...)
	buf = append(buf, ':')
	buf = strconv.AppendInt(buf, int64(m.tx.Start), 10)
	buf = append(buf, " ("...)
	buf = strconv.AppendQuote(buf, m.tx.Text) // = fmt's %q
	buf = append(buf, ", "...)
	buf = append(buf, e.label(i).label...)
	return append(buf, ')')
}

// originalName finds the entity spelled as in the event's actors or places for a lower-case key.
func originalName(a, b *mention, key string) string {
	for _, list := range [...][]string{a.actors, a.places, b.actors, b.places} {
		for _, n := range list {
			if lowerIs(n, key) {
				return n
			}
		}
	}
	return key
}

// lowerIs reports whether strings.ToLower(s) == lower, without lower-casing an ASCII s.
func lowerIs(s, lower string) bool {
	if !isASCII(s) {
		return strings.ToLower(s) == lower
	}
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

func appendNew(list []string, items ...string) []string {
	for _, it := range items {
		if !slices.Contains(list, it) {
			list = append(list, it)
		}
	}
	return list
}

// sortEvents orders events by the start of their interval, then by precision (the shorter
// interval first: a day before the month that holds it), then by source order (the earliest
// file and offset among their sources). The keys are computed once per event, not per
// comparison, and the events moved once.
func sortEvents(evs []Event) {
	type key struct {
		from extract.Date
		days int
		file string
		off  int
		at   int // index in evs
	}
	keys := make([]key, len(evs))
	inChunks(len(evs), 4096, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			file, off := firstSource(evs[i])
			keys[i] = key{evs[i].From, daysBetween(evs[i].From, evs[i].To), file, off, i}
		}
	})
	sortTotal(keys, func(a, b key) int { // total: equal events keep their order (at)
		if c := a.from.Compare(b.from); c != 0 {
			return c
		}
		if c := cmp.Compare(a.days, b.days); c != 0 {
			return c
		}
		if c := cmp.Compare(a.file, b.file); c != 0 {
			return c
		}
		if c := cmp.Compare(a.off, b.off); c != 0 {
			return c
		}
		return cmp.Compare(a.at, b.at)
	})
	sorted := make([]Event, len(evs))
	for i, k := range keys {
		sorted[i] = evs[k.at]
	}
	copy(evs, sorted)
}

func firstSource(e Event) (string, int) {
	file, off := e.Sources[0].File, e.Sources[0].Start
	for _, s := range e.Sources[1:] {
		if s.File < file || s.File == file && s.Start < off {
			file, off = s.File, s.Start
		}
	}
	return file, off
}

// assignIDs gives each event a stable id: the first 12 hex digits of the SHA-256 of its sources'
// (file base name, start offset) pairs, sorted. It stays the same across runs, and wherever the
// content folder lives, as long as the same sources report the event. An id already taken (a
// collision, in theory) is lengthened until unique.
func assignIDs(evs []Event) {
	sums := make([][sha256.Size]byte, len(evs)) // on all cores: hashing is most of the work
	inChunks(len(evs), 4096, func(lo, hi int) {
		// The keys base+"\x00"+start of an event's sources are written in buf, sorted as strings
		// by their bounds, and joined by "\n" in joined: no string per source.
		var buf, joined []byte
		var keys [][2]int
		for i := lo; i < hi; i++ {
			buf, keys, joined = buf[:0], keys[:0], joined[:0]
			for _, s := range evs[i].Sources {
				at := len(buf)
				buf = append(buf, filepath.Base(s.File)...)
				buf = append(buf, 0)
				buf = strconv.AppendInt(buf, int64(s.Start), 10)
				keys = append(keys, [2]int{at, len(buf)})
			}
			slices.SortFunc(keys, func(a, b [2]int) int { return bytes.Compare(buf[a[0]:a[1]], buf[b[0]:b[1]]) })
			for k, key := range keys {
				if k > 0 {
					joined = append(joined, '\n')
				}
				joined = append(joined, buf[key[0]:key[1]]...)
			}
			sums[i] = sha256.Sum256(joined)
		}
	})
	taken := make(map[string]bool, len(evs))
	for i := range evs {
		full := hex.EncodeToString(sums[i][:])
		id := full[:12]
		for n := 16; taken[id] && n <= len(full); n += 4 {
			id = full[:n]
		}
		taken[id] = true
		evs[i].ID = id
	}
}
