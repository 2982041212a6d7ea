package events

import (
	"encoding/binary"
	"errors"
	"sync"
	"time"

	"github.com/timeline-news/timeline/extract"
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
		b = appendDate(b, m.tx.From)
		b = appendDate(b, m.tx.To)
		b = binary.AppendVarint(b, int64(m.tx.Sentence.Start))
		b = binary.AppendVarint(b, int64(m.tx.Sentence.End))
		b = appendDate(b, m.from)
		b = appendDate(b, m.to)
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

func appendDate(b []byte, d extract.Date) []byte {
	b = binary.AppendVarint(b, int64(d.Year))
	b = binary.AppendVarint(b, int64(d.Month))
	return binary.AppendVarint(b, int64(d.Day))
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
	r := decoder{data: b[len(mentionsMagic):]}
	strs := make([]string, r.count(1))
	// The lengths are read twice: to size the one string that holds them all, then to cut it.
	lengths, total := r.data, 0
	for range strs {
		total += r.count(1) // each at most what is left, so the sum cannot overflow
	}
	all := string(r.take(total))
	if r.err != nil {
		return DocMentions{}, b, ErrMentions
	}
	for i := range strs {
		n, k := binary.Uvarint(lengths)
		lengths = lengths[k:]
		strs[i], all = all[:n], all[n:]
	}
	items := make([]string, r.count(1))
	var ms []mention
	if n := r.count(minMentionBytes); n > 0 {
		ms = make([]mention, n)
	}
	for k := range ms {
		if r.err != nil {
			break
		}
		m := &ms[k]
		m.file, m.article, m.title = r.str(strs), r.str(strs), r.str(strs)
		m.tx.Start, m.tx.End = r.int(), r.int()
		m.tx.Text, m.tx.Type, m.tx.Value, m.tx.Mod = r.str(strs), extract.Type(r.str(strs)), r.str(strs), r.str(strs)
		flags := r.byte()
		if flags > 3 {
			r.fail()
		}
		m.tx.Resolved, m.tx.Eventive = flags&1 != 0, flags&2 != 0
		m.tx.From, m.tx.To = r.date(), r.date()
		m.tx.Sentence = extract.Span{Start: r.int(), End: r.int()}
		m.from, m.to = r.date(), r.date()
		m.days = r.int()
		if m.days < 1 || m.to.Before(m.from) {
			r.fail() // the interval of a mention is never empty (see collectDoc)
		}
		m.sentence, m.lead = r.str(strs), r.str(strs)
		for _, list := range [...]*[]string{&m.actors, &m.places, &m.people, &m.tokens} {
			*list, items = r.list(strs, items)
		}
	}
	if r.err != nil || len(items) != 0 {
		return DocMentions{}, b, ErrMentions
	}
	return DocMentions{ms}, r.data, nil
}

// decoder takes values off the front of data; the first failure sticks in err and every later
// read returns zero values.
type decoder struct {
	data []byte
	err  error
}

func (r *decoder) fail() { r.err, r.data = ErrMentions, nil }

func (r *decoder) byte() byte {
	if len(r.data) == 0 {
		r.fail()
		return 0
	}
	c := r.data[0]
	r.data = r.data[1:]
	return c
}

func (r *decoder) uint() uint64 {
	v, n := binary.Uvarint(r.data)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.data = r.data[n:]
	return v
}

func (r *decoder) int() int {
	v, n := binary.Varint(r.data)
	if n <= 0 || int64(int(v)) != v {
		r.fail()
		return 0
	}
	r.data = r.data[n:]
	return int(v)
}

// count reads a number of items that each take at least size bytes.
func (r *decoder) count(size int) int {
	v := r.uint()
	if v > uint64(len(r.data))/uint64(size) {
		r.fail()
		return 0
	}
	return int(v)
}

func (r *decoder) take(n int) []byte {
	if n > len(r.data) {
		r.fail()
		return nil
	}
	b := r.data[:n]
	r.data = r.data[n:]
	return b
}

// str reads a string number.
func (r *decoder) str(strs []string) string {
	v := r.uint()
	if v >= uint64(len(strs)) {
		r.fail()
		return ""
	}
	return strs[v]
}

// list reads a list into the front of items, capped so that appending to it cannot write into
// the next list, and returns it with the rest of items.
func (r *decoder) list(strs, items []string) ([]string, []string) {
	v := r.uint()
	if v == 0 || r.err != nil {
		return nil, items
	}
	n := v - 1
	if n > uint64(len(items)) {
		r.fail()
		return nil, items
	}
	list := items[:n:n]
	for i := range list {
		list[i] = r.str(strs)
	}
	return list, items[n:]
}

// date reads a Date: the zero Date or a day of the calendar with a four-digit year, as
// corpus's cache entries (a forged month 13 could index past a table of month names).
func (r *decoder) date() extract.Date {
	d := extract.Date{Year: r.int(), Month: time.Month(r.int()), Day: r.int()}
	if !d.IsZero() && (d.Year < 0 || d.Year > 9999 || d.Month < time.January || d.Month > time.December ||
		d.Day < 1 || d.Day > time.Date(d.Year, d.Month+1, 0, 0, 0, 0, 0, time.UTC).Day()) {
		r.fail()
	}
	return d
}
