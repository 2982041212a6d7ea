package events

import (
	"encoding/binary"
	"errors"
	"sync"

	"github.com/timeline-news/timeline/extract"
	"github.com/timeline-news/timeline/internal/binrec"
)

// An encoded DocMentions is what a build keeps of an article between builds (render's mentions
// pack), so that a rebuild collects again only the articles that changed. It is a small binary
// record in the style of corpus/entry.go, not gob, whose type description would cost more than
// the record. Layout:
//
//	mentionsMagic
//	uvarint: number of distinct strings; uvarint: each one's length; then all their bytes
//	uvarint: number of list items (actors, places, people, tokens) of all mentions
//	uvarint: number of mentions, then each mention:
//	  file, article, title: string numbers (uvarint indices into the strings above)
//	  tx: varint Start, End; string numbers Text, Type, Value, Mod; flags byte (1 Resolved,
//	      2 Eventive); dates From, To; varint Sentence.Start, Sentence.End
//	  from, to: dates; varint days; sentence, lead: string numbers
//	  actors, places, people, tokens: uvarint 0 for nil, else length+1, then string numbers
//
// A date is three varints (year, month, day). An article repeats its file, title and many
// words in every mention: numbering distinct strings stores each once, and decoding makes them
// all with one allocation, as compact does for Collect. The doc field is not stored: Assemble
// numbers the articles.
const mentionsMagic = "tlm1"

// ErrMentions is the error of a record DecodeMentions cannot read: short, out of range or not
// one of its own.
var ErrMentions = errors.New("damaged mentions record")

// AppendBinary appends the encoding of d to b (encoding.BinaryAppender). It does not fail; the
// error is for the interface.
func (d DocMentions) AppendBinary(b []byte) ([]byte, error) {
	e := tables.Get().(*stringTable)
	defer e.reset()
	// Number the strings first, in the order they are written below.
	items := 0
	for k := range d.ms {
		m := &d.ms[k]
		e.add(m.file, m.article, m.title, m.tx.Text, string(m.tx.Type), m.tx.Value, m.tx.Mod, m.sentence, m.lead)
		for _, list := range [...][]string{m.actors, m.places, m.people, m.tokens} {
			items += len(list)
			e.add(list...)
		}
	}
	b = append(b, mentionsMagic...)
	b = binary.AppendUvarint(b, uint64(len(e.list)))
	for _, s := range e.list {
		b = binary.AppendUvarint(b, uint64(len(s)))
	}
	for _, s := range e.list {
		b = append(b, s...)
	}
	b = binary.AppendUvarint(b, uint64(items))
	b = binary.AppendUvarint(b, uint64(len(d.ms)))
	for k := range d.ms {
		m := &d.ms[k]
		b = e.next(b, 3) // file, article, title
		b = binary.AppendVarint(b, int64(m.tx.Start))
		b = binary.AppendVarint(b, int64(m.tx.End))
		b = e.next(b, 4) // tx.Text, Type, Value, Mod
		var flags byte
		if m.tx.Resolved {
			flags |= 1
		}
		if m.tx.Eventive {
			flags |= 2
		}
		b = append(b, flags)
		b = binrec.AppendDate(b, m.tx.From)
		b = binrec.AppendDate(b, m.tx.To)
		b = binary.AppendVarint(b, int64(m.tx.Sentence.Start))
		b = binary.AppendVarint(b, int64(m.tx.Sentence.End))
		b = binrec.AppendDate(b, m.from)
		b = binrec.AppendDate(b, m.to)
		b = binary.AppendVarint(b, int64(m.days))
		b = e.next(b, 2) // sentence, lead
		for _, list := range [...][]string{m.actors, m.places, m.people, m.tokens} {
			if list == nil {
				b = append(b, 0)
				continue
			}
			b = binary.AppendUvarint(b, uint64(len(list))+1)
			b = e.next(b, len(list))
		}
	}
	return b, nil
}

// stringTable numbers the distinct strings of an article in the order first seen, and keeps
// the number of every string added, for next to write in the same order.
type stringTable struct {
	index map[string]uint64
	list  []string
	ids   []uint64
	at    int // in ids, of the next string to write
}

// tables keeps the string tables of past encodings: a map that has grown costs less to fill.
var tables = sync.Pool{New: func() any { return &stringTable{index: map[string]uint64{}} }}

func (e *stringTable) reset() {
	clear(e.index)
	clear(e.list) // let the strings go
	e.list, e.ids, e.at = e.list[:0], e.ids[:0], 0
	tables.Put(e)
}

func (e *stringTable) add(ss ...string) {
	for _, s := range ss {
		id, ok := e.index[s]
		if !ok {
			id = uint64(len(e.list))
			e.index[s] = id
			e.list = append(e.list, s)
		}
		e.ids = append(e.ids, id)
	}
}

// next appends the numbers of the next n strings added.
func (e *stringTable) next(b []byte, n int) []byte {
	for _, id := range e.ids[e.at : e.at+n] {
		b = binary.AppendUvarint(b, id)
	}
	e.at += n
	return b
}

// minMentionBytes is the fewest bytes a mention takes: 9 string numbers, 4 offsets, flags, 4
// dates of 3 numbers, days and 4 list lengths. Counts beyond what is left are damage, found
// before allocating for them.
const minMentionBytes = 9 + 4 + 1 + 4*3 + 1 + 4

// DecodeMentions reads one record written by AppendBinary off the front of b and returns it
// with the bytes after it. Anything short, out of range or not such a record is ErrMentions,
// never a panic. The strings of the result share one allocation and none points into b.
func DecodeMentions(b []byte) (DocMentions, []byte, error) {
	if len(b) < len(mentionsMagic) || string(b[:len(mentionsMagic)]) != mentionsMagic {
		return DocMentions{}, b, ErrMentions
	}
	r := decoder{binrec.NewReader(b[len(mentionsMagic):], ErrMentions)}
	strs := make([]string, r.Count(1))
	// The lengths are read twice: to size the one string that holds them all, then to cut it.
	lengths, total := r.Data, 0
	for range strs {
		total += r.Count(1) // each at most what is left, so the sum cannot overflow
	}
	all := string(r.Take(total))
	if r.Err != nil {
		return DocMentions{}, b, ErrMentions
	}
	for i := range strs {
		n, k := binary.Uvarint(lengths)
		lengths = lengths[k:]
		strs[i], all = all[:n], all[n:]
	}
	items := make([]string, r.Count(1))
	var ms []mention
	if n := r.Count(minMentionBytes); n > 0 {
		ms = make([]mention, n)
	}
	for k := range ms {
		if r.Err != nil {
			break
		}
		m := &ms[k]
		m.file, m.article, m.title = r.str(strs), r.str(strs), r.str(strs)
		m.tx.Start, m.tx.End = r.Int(), r.Int()
		m.tx.Text, m.tx.Type, m.tx.Value, m.tx.Mod = r.str(strs), extract.Type(r.str(strs)), r.str(strs), r.str(strs)
		flags := r.Byte()
		if flags > 3 {
			r.Fail()
		}
		m.tx.Resolved, m.tx.Eventive = flags&1 != 0, flags&2 != 0
		m.tx.From, m.tx.To = r.Date(), r.Date()
		m.tx.Sentence = extract.Span{Start: r.Int(), End: r.Int()}
		m.from, m.to = r.Date(), r.Date()
		m.days = r.Int()
		if m.days < 1 || m.to.Before(m.from) {
			r.Fail() // the interval of a mention is never empty (see collectDoc)
		}
		m.sentence, m.lead = r.str(strs), r.str(strs)
		for _, list := range [...]*[]string{&m.actors, &m.places, &m.people, &m.tokens} {
			*list, items = r.list(strs, items)
		}
	}
	if r.Err != nil || len(items) != 0 {
		return DocMentions{}, b, ErrMentions
	}
	return DocMentions{ms}, r.Data, nil
}

// decoder is a binrec.Reader with the string table of a record.
type decoder struct{ binrec.Reader }

// str reads a string number.
func (r *decoder) str(strs []string) string {
	v := r.Uint()
	if v >= uint64(len(strs)) {
		r.Fail()
		return ""
	}
	return strs[v]
}

// list reads a list into the front of items, capped so that appending to it cannot write into
// the next list, and returns it with the rest of items.
func (r *decoder) list(strs, items []string) ([]string, []string) {
	v := r.Uint()
	if v == 0 || r.Err != nil {
		return nil, items
	}
	n := v - 1
	if n > uint64(len(items)) {
		r.Fail()
		return nil, items
	}
	list := items[:n:n]
	for i := range list {
		list[i] = r.str(strs)
	}
	return list, items[n:]
}
