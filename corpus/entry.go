package corpus

import (
	"encoding/binary"
	"errors"
	"hash/crc32"

	"github.com/timeline-news/timeline/article"
	"github.com/timeline-news/timeline/extract"
	"github.com/timeline-news/timeline/internal/binrec"
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
			b = binrec.AppendString(b, t.Text)
		}
		b = binrec.AppendString(b, string(t.Type))
		b = binrec.AppendString(b, t.Value)
		b = binrec.AppendString(b, t.Mod)
		var flags byte
		if t.Resolved {
			flags |= 1
		}
		if t.Eventive {
			flags |= 2
		}
		b = append(b, flags)
		b = binrec.AppendDate(b, t.From)
		b = binrec.AppendDate(b, t.To)
		b = binary.AppendVarint(b, int64(t.Sentence.Start))
		b = binary.AppendVarint(b, int64(t.Sentence.End))
	}
	binary.LittleEndian.PutUint32(b[len(entryMagic):], crc32.Checksum(b[len(entryMagic)+4:], castagnoli))
	return b
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
	r := reader{binrec.NewReader(data[head:], errEntry)}
	// Every span takes at least two bytes and every timex more, so counts beyond what is left
	// are damage, found before allocating for them.
	if n := r.Count(2); n > 0 {
		e.Kept = make([]article.Span, n)
		for i := range e.Kept {
			e.Kept[i] = article.Span{Start: r.Int(), End: r.Int()}
		}
	}
	if r.Err != nil {
		return "", entry{}, errEntry
	}
	text, ok := a.TextKeeping(e.Kept)
	if !ok {
		return "", entry{}, errEntry
	}
	if n := r.Count(15); n > 0 {
		e.Timexes = make([]extract.Timex, n)
		for i := range e.Timexes {
			t := &e.Timexes[i]
			t.Start, t.End = r.Int(), r.Int()
			switch r.Byte() {
			case 0:
				if r.Err == nil && t.Start >= 0 && t.Start <= t.End && t.End <= len(text) {
					t.Text = text[t.Start:t.End]
				} else {
					r.Fail()
				}
			case 1:
				t.Text = string(r.Bytes())
			default:
				r.Fail()
			}
			t.Type = extract.Type(r.known(types))
			t.Value = string(r.Bytes())
			t.Mod = r.known(mods)
			flags := r.Byte()
			t.Resolved, t.Eventive = flags&1 != 0, flags&2 != 0
			if flags > 3 {
				r.Fail()
			}
			t.From, t.To = r.Date(), r.Date()
			t.Sentence = extract.Span{Start: r.Int(), End: r.Int()}
		}
	}
	if r.Err != nil || len(r.Data) != 0 {
		return "", entry{}, errEntry
	}
	return text, e, nil
}

// types and mods are the strings most entries hold, shared rather than allocated per read.
var (
	types = []string{string(extract.TypeDate), string(extract.TypeTime), string(extract.TypeDuration), string(extract.TypeSet)}
	mods  = []string{"", "START", "MID", "END", "APPROX", "ON_OR_AFTER", "ON_OR_BEFORE", "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE"}
)

// reader is a binrec.Reader with the strings entries share.
type reader struct{ binrec.Reader }

// known returns the string of common that the next string equals, without allocating, or a
// copy of it.
func (r *reader) known(common []string) string {
	b := r.Bytes()
	for _, s := range common {
		if string(b) == s {
			return s
		}
	}
	return string(b)
}
