package events

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/timeline-news/timeline/extract"
)

// makeEvent builds the event of a cluster. It is dated by its most precise mention (the
// shortest interval; the first in source order on a tie), whose sentence gives the text and
// title and which comes first among the sources; the other sources follow in source order.
func makeEvent(ms []mention, c cluster) Event {
	lead := c.members[0]
	for _, i := range c.members[1:] {
		if ms[i].days < ms[lead].days {
			lead = i
		}
	}
	m := ms[lead]
	ev := Event{
		Value: m.tx.Value, Mod: m.tx.Mod, From: m.from, To: m.to,
		Label:     Label(m.tx.Value, m.tx.Mod, m.tx.From, m.tx.To),
		Precision: Precision(m.tx.Value, m.tx.From, m.tx.To),
		Title:     m.title, Text: m.sentence,
		Actors: []string{}, Places: []string{},
	}
	order := append([]int{lead}, slices.DeleteFunc(slices.Clone(c.members), func(i int) bool { return i == lead })...)
	docs := map[int]bool{}
	for _, i := range order {
		s := ms[i]
		docs[s.doc] = true
		ev.Sources = append(ev.Sources, Source{File: s.file, Title: s.article, Start: s.tx.Start, End: s.tx.End,
			Text: s.tx.Text, Sentence: s.sentence})
		ev.Actors = appendNew(ev.Actors, s.actors...)
		ev.Places = appendNew(ev.Places, s.places...)
	}
	ev.Weight = len(docs)
	for _, j := range c.joins {
		ev.Merged = append(ev.Merged, explain(ms, j))
	}
	return ev
}

// explain says why two mentions were joined, for readers of the timeline.
func explain(ms []mention, j join) string {
	a, b := ms[j.a], ms[j.b]
	var names, words []string
	for _, t := range a.tokens {
		if !slices.Contains(b.tokens, t) {
			continue
		}
		if name, ok := strings.CutPrefix(t, "@"); ok {
			names = append(names, originalName(a, b, name))
		} else {
			words = append(words, t)
		}
	}
	why := fmt.Sprintf("%s (%q, %s) and %s (%q, %s): dates compatible", sourceRef(a), a.tx.Text, Label(a.tx.Value, a.tx.Mod, a.tx.From, a.tx.To),
		sourceRef(b), b.tx.Text, Label(b.tx.Value, b.tx.Mod, b.tx.From, b.tx.To))
	if len(names) > 0 {
		why += "; shared names: " + strings.Join(names, ", ")
	}
	if len(words) > 0 {
		why += "; shared words: " + strings.Join(words, ", ")
	}
	return why + fmt.Sprintf("; similarity %.2f", j.sim)
}

// originalName finds the entity spelled as in the event's actors or places for a lower-case key.
func originalName(a, b mention, key string) string {
	for _, n := range slices.Concat(a.actors, a.places, b.actors, b.places) {
		if strings.ToLower(n) == key {
			return n
		}
	}
	return key
}

func sourceRef(m mention) string { return filepath.Base(m.file) + ":" + strconv.Itoa(m.tx.Start) }

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
	for i := range evs {
		file, off := firstSource(evs[i])
		keys[i] = key{evs[i].From, daysBetween(evs[i].From, evs[i].To), file, off, i}
	}
	slices.SortFunc(keys, func(a, b key) int { // stable: equal events keep their order (at)
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
		for i := lo; i < hi; i++ {
			keys := make([]string, len(evs[i].Sources))
			for k, s := range evs[i].Sources {
				keys[k] = filepath.Base(s.File) + "\x00" + strconv.Itoa(s.Start)
			}
			slices.Sort(keys)
			sums[i] = sha256.Sum256([]byte(strings.Join(keys, "\n")))
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
