package corpus

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"time"

	"github.com/timeline-news/timeline/article"
	"github.com/timeline-news/timeline/extract"
)

// entry is what a cache file holds: the extraction result of one article, and the ranges of it
// that Text keeps, so that a hit needs neither extraction nor the Markdown parser.
type entry struct {
	Key     cacheKey // guards against a file copied or renamed by hand
	Kept    []article.Span
	Timexes []extract.Timex
}

// A cache file is a small binary record read and written here rather than with encoding/gob:
// gob sends and compiles the type description with every file, which cost more than the rest
// of a hit. Layout: entryMagic, CRC-32C of everything after it, the key, then uvarint counts
// and varint numbers; strings are a length and their bytes. A timex's Text is left out when it
// is the text at its span (always, from Extract) and taken from the article's text on reading.
const entryMagic = "tlx1"

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// errEntry is any entry that cannot be read: for the cache, a miss.
var errEntry = errors.New("damaged cache entry")

// encodeEntry writes e; text is the article's Text, against which timex texts are left out.
func encodeEntry(e entry, text string) []byte {
	b := make([]byte, 0, 64+32*len(e.Kept)+64*len(e.Timexes))
	b = append(b, entryMagic...)
	b = append(b, 0, 0, 0, 0) // CRC, below
	b = append(b, e.Key[:]...)
	b = binary.AppendUvarint(b, uint64(len(e.Kept)))
	for _, s := range e.Kept {
		b = binary.AppendVarint(b, int64(s.Start))
		b = binary.AppendVarint(b, int64(s.End))
	}
	b = binary.AppendUvarint(b, uint64(len(e.Timexes)))
	for _, t := range e.Timexes {
		b = binary.AppendVarint(b, int64(t.Start))
		b = binary.AppendVarint(b, int64(t.End))
		if t.Start >= 0 && t.Start <= t.End && t.End <= len(text) && text[t.Start:t.End] == t.Text {
			b = append(b, 0)
		} else {
			b = append(b, 1)
			b = appendString(b, t.Text)
		}
		b = appendString(b, string(t.Type))
		b = appendString(b, t.Value)
		b = appendString(b, t.Mod)
		var flags byte
		if t.Resolved {
			flags |= 1
		}
		if t.Eventive {
			flags |= 2
		}
		b = append(b, flags)
		b = appendDate(b, t.From)
		b = appendDate(b, t.To)
		b = binary.AppendVarint(b, int64(t.Sentence.Start))
		b = binary.AppendVarint(b, int64(t.Sentence.End))
	}
	binary.LittleEndian.PutUint32(b[len(entryMagic):], crc32.Checksum(b[len(entryMagic)+4:], castagnoli))
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendDate(b []byte, d extract.Date) []byte {
	b = binary.AppendVarint(b, int64(d.Year))
	b = binary.AppendVarint(b, int64(d.Month))
	return binary.AppendVarint(b, int64(d.Day))
}

// decodeEntry reads what encodeEntry wrote for article a, and returns a's Text made with the
// entry's ranges. Anything short, long, out of range or failing the checksum is errEntry, and
// so are ranges TextKeeping refuses; timex spans are checked against the text by the caller.
func decodeEntry(data []byte, a *article.Article) (string, entry, error) {
	var e entry
	var text string
	head := len(entryMagic) + 4 + len(e.Key)
	if len(data) < head || string(data[:len(entryMagic)]) != entryMagic ||
		binary.LittleEndian.Uint32(data[len(entryMagic):]) != crc32.Checksum(data[len(entryMagic)+4:], castagnoli) {
		return "", entry{}, errEntry
	}
	copy(e.Key[:], data[len(entryMagic)+4:])
	r := reader{data: data[head:]}
	// Every span takes at least two bytes and every timex more, so counts beyond what is left
	// are damage, found before allocating for them.
	if n := r.count(2); n > 0 {
		e.Kept = make([]article.Span, n)
		for i := range e.Kept {
			e.Kept[i] = article.Span{Start: r.int(), End: r.int()}
		}
	}
	if r.err != nil {
		return "", entry{}, errEntry
	}
	text, ok := a.TextKeeping(e.Kept)
	if !ok {
		return "", entry{}, errEntry
	}
	if n := r.count(15); n > 0 {
		e.Timexes = make([]extract.Timex, n)
		for i := range e.Timexes {
			t := &e.Timexes[i]
			t.Start, t.End = r.int(), r.int()
			switch r.byte() {
			case 0:
				if r.err == nil && t.Start >= 0 && t.Start <= t.End && t.End <= len(text) {
					t.Text = text[t.Start:t.End]
				} else {
					r.err = errEntry
				}
			case 1:
				t.Text = r.string()
			default:
				r.err = errEntry
			}
			t.Type = extract.Type(r.known(types))
			t.Value = r.string()
			t.Mod = r.known(mods)
			flags := r.byte()
			t.Resolved, t.Eventive = flags&1 != 0, flags&2 != 0
			if flags > 3 {
				r.err = errEntry
			}
			t.From, t.To = r.date(), r.date()
			t.Sentence = extract.Span{Start: r.int(), End: r.int()}
		}
	}
	if r.err != nil || len(r.data) != 0 {
		return "", entry{}, errEntry
	}
	return text, e, nil
}

// types and mods are the strings most entries hold, shared rather than allocated per read.
var (
	types = []string{string(extract.TypeDate), string(extract.TypeTime), string(extract.TypeDuration), string(extract.TypeSet)}
	mods  = []string{"", "START", "MID", "END", "APPROX", "ON_OR_AFTER", "ON_OR_BEFORE", "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE"}
)

// reader takes values off the front of data; the first failure sticks in err and every later
// read returns zero values.
type reader struct {
	data []byte
	err  error
}

func (r *reader) fail() { r.err, r.data = errEntry, nil }

func (r *reader) byte() byte {
	if len(r.data) == 0 {
		r.fail()
		return 0
	}
	c := r.data[0]
	r.data = r.data[1:]
	return c
}

func (r *reader) int() int {
	v, n := binary.Varint(r.data)
	if n <= 0 || int64(int(v)) != v {
		r.fail()
		return 0
	}
	r.data = r.data[n:]
	return int(v)
}

// count reads a number of items that each take at least size bytes.
func (r *reader) count(size int) int {
	v, n := binary.Uvarint(r.data)
	if n <= 0 || v > uint64(len(r.data)-n)/uint64(size) {
		r.fail()
		return 0
	}
	r.data = r.data[n:]
	return int(v)
}

func (r *reader) bytes() []byte {
	v, n := binary.Uvarint(r.data)
	if n <= 0 || v > uint64(len(r.data)-n) {
		r.fail()
		return nil
	}
	b := r.data[n : n+int(v)]
	r.data = r.data[n+int(v):]
	return b
}

func (r *reader) string() string { return string(r.bytes()) }

// known returns the string of common that the next string equals, without allocating, or a
// copy of it.
func (r *reader) known(common []string) string {
	b := r.bytes()
	for _, s := range common {
		if string(b) == s {
			return s
		}
	}
	return string(b)
}

// date reads a Date: the zero Date or a day of the calendar with a four-digit year, what
// YYYY-MM-DD can say (a forged month 13 could index past a table of month names).
func (r *reader) date() extract.Date {
	d := extract.Date{Year: r.int(), Month: time.Month(r.int()), Day: r.int()}
	if !d.IsZero() && (d.Year < 0 || d.Year > 9999 || d.Month < time.January || d.Month > time.December ||
		d.Day < 1 || d.Day > time.Date(d.Year, d.Month+1, 0, 0, 0, 0, 0, time.UTC).Day()) {
		r.fail()
	}
	return d
}
