package events

import (
	"strings"

	"github.com/timeline-news/timeline/corpus"
	"github.com/timeline-news/timeline/extract"
)

// DocMentions is what one article gives the events: the date expressions that date a
// happening, each with its sentence, title, names and similarity words. It keeps nothing else
// of the article (no reference to its text), so that a build can collect each article as it
// reads it and let the text go: memory then grows with the events, not with the text. Make one
// with Collect; turn a set of them into events with Assemble.
type DocMentions struct {
	ms []mention
}

// Len is the number of mentions: the article's date expressions that date a happening.
func (d DocMentions) Len() int { return len(d.ms) }

// Collect finds the mentions of one article. It depends on that article only, so articles can
// be collected in any order and on several goroutines at once.
func Collect(doc corpus.Doc, opts Options) DocMentions {
	ms := collectDoc(0, doc, opts) // the article's number is given by Assemble
	compact(ms)
	return DocMentions{ms}
}

// Assemble turns the mentions of a set of articles into events, exactly as Build does with the
// articles themselves: Assemble([Collect(a), Collect(b)], opts) is Build([a, b], opts). docs must
// come in the order Build would get the articles (corpus.Load's, by file), which is the source
// order of events and sources; Assemble does not change them.
func Assemble(docs []DocMentions, opts Options) []Event {
	ms, docOf := flatten(docs)
	return assemble(ms, docOf, opts)
}

// flatten lists the mentions of docs in source order, where they are (a mention is large: a
// copy of them all cost more than the rest of flatten's callers' bookkeeping), with the number
// of each one's article.
func flatten(docs []DocMentions) (ms []*mention, docOf []int32) {
	n := 0
	for _, d := range docs {
		n += len(d.ms)
	}
	ms, docOf = make([]*mention, 0, n), make([]int32, 0, n)
	for i, d := range docs {
		for k := range d.ms {
			ms = append(ms, &d.ms[k])
			docOf = append(docOf, int32(i))
		}
	}
	return ms, docOf
}

// compact copies every string of the mentions into one new string per article, so that they
// no longer point into the article's text (a name or a word is often a slice of it), at the
// cost of one allocation.
func compact(ms []mention) {
	each := func(fn func(*string)) {
		for k := range ms {
			m := &ms[k]
			for _, s := range []*string{&m.file, &m.article, &m.title, &m.tx.Text, &m.tx.Value, &m.tx.Mod, &m.sentence, &m.lead} {
				fn(s)
			}
			typ := string(m.tx.Type)
			fn(&typ)
			m.tx.Type = extract.Type(typ)
			for _, list := range [][]string{m.actors, m.places, m.people, m.tokens} {
				for i := range list {
					fn(&list[i])
				}
			}
		}
	}
	n := 0
	each(func(s *string) { n += len(*s) })
	var b strings.Builder
	b.Grow(n)
	each(func(s *string) { b.WriteString(*s) })
	all, at := b.String(), 0
	each(func(s *string) {
		*s = all[at : at+len(*s)]
		at += len(*s)
	})
}
